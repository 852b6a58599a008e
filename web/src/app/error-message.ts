import type { TFunction } from 'i18next';
import es from '../i18n/es.json';
import { isApiError } from './api.ts';

type KnownCode = keyof typeof es.errors.codes;

function isKnownCode(code: string): code is KnownCode {
  return Object.hasOwn(es.errors.codes, code);
}

/**
 * What to tell a person about a failed request, in their language: our translation of the
 * error code when we have one, else the server's own message, else a generic apology.
 */
export function errorMessage(t: TFunction, error: unknown): string {
  if (isApiError(error)) {
    if (isKnownCode(error.code)) return t(`errors.codes.${error.code}`);
    if (error.message) return error.message;
  }
  return t('errors.generic');
}

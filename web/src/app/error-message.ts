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
    if (isKnownCode(error.code)) {
      // Details such as `{ limitMb: 25 }` fill the translation's placeholders.
      const values = typeof error.details === 'object' && error.details !== null ? error.details : {};
      return t(`errors.codes.${error.code}`, values as Record<string, unknown>);
    }
    if (error.message) return error.message;
  }
  return t('errors.generic');
}

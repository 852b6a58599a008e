import type { TFunction } from 'i18next';
import es from '../i18n/es.json';
import { isApiError } from './api.ts';

/** Whom the message is for: agents read the console's "tú", customers the portal's "usted". */
export type Audience = 'agent' | 'customer';

const CODES: Record<Audience, Record<string, string>> = { agent: es.errors.codes, customer: es.portal.errors.codes };
const PREFIX = { agent: 'errors', customer: 'portal.errors' } as const;

/**
 * What to tell a person about a failed request, in their language and register: our translation
 * of the error code when we have one, else the server's own message (agents only: a customer gets
 * no text written for staff), else a generic apology.
 */
export function errorMessage(t: TFunction, error: unknown, audience: Audience = 'agent'): string {
  const prefix = PREFIX[audience];
  if (isApiError(error)) {
    if (Object.hasOwn(CODES[audience], error.code)) {
      // Details such as `{ limitMb: 25 }` fill the translation's placeholders.
      const values = typeof error.details === 'object' && error.details !== null ? error.details : {};
      return t(`${prefix}.codes.${error.code}` as 'errors.generic', values as Record<string, unknown>);
    }
    if (error.message && audience === 'agent') return error.message;
  }
  return t(`${prefix}.generic`);
}

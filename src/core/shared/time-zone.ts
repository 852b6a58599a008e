import { IANAZone } from 'luxon';
import { AppError } from './app-error.ts';

export const DEFAULT_TIME_ZONE = 'America/Costa_Rica';

/** True for IANA zone names such as America/Costa_Rica. */
export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

export function assertTimeZone(zone: string, field = 'timeZone'): void {
  if (!isValidTimeZone(zone)) {
    throw new AppError('VALIDATION_FAILED', `"${zone}" is not a known time zone`, { field });
  }
}

import { DateTime } from 'luxon';
import type { Currency } from '../../db/database.ts';

/**
 * Pure rules of a contract: its state on a day and the amount due. Money is integer minor units
 * (céntimos, centavos, cents: two decimals in all three currencies); no float ever holds an amount.
 */

export const CURRENCIES: readonly Currency[] = ['USD', 'CRC', 'MXN'];
export const PERIODS = ['monthly', 'annual'] as const;
export type ContractPeriod = (typeof PERIODS)[number];
export const CONTRACT_STATES = ['upcoming', 'active', 'expiring', 'expired'] as const;
export type ContractState = (typeof CONTRACT_STATES)[number];

/** IVA 13 % (Costa Rica), in basis points. */
export const DEFAULT_TAX_RATE_BP = 1300;
export const DEFAULT_EXPIRING_DAYS = 30;
export const MAX_EXPIRING_DAYS = 365;
/** The longest "Extender N días" allowed: an emergency bridge, not a renewal. */
export const MAX_EXTENSION_DAYS = 31;
const MINOR_PER_UNIT = 100n;

/**
 * CRC minor units (céntimos) per one unit of a foreign currency: `{ USD: 50500 }` is 505.00 colones
 * per dollar. A currency without a rate cannot be converted.
 */
export type ExchangeRates = Partial<Record<Exclude<Currency, 'CRC'>, number>>;

/** `numerator / denominator` rounded half-up to an integer; both non-negative. */
function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  return (numerator * 2n + denominator) / (denominator * 2n);
}

/** The tax on an amount, rounded half-up to the minor unit. */
export function taxOf(amountMinor: number, taxRateBp: number): number {
  return Number(divideHalfUp(BigInt(amountMinor) * BigInt(taxRateBp), 10_000n));
}

/** An amount in CRC minor units, rounded half-up; null when the currency has no configured rate. */
export function toCrc(amountMinor: number, currency: Currency, rates: ExchangeRates): number | null {
  if (currency === 'CRC') return amountMinor;
  const rate = rates[currency];
  if (rate === undefined) return null;
  return Number(divideHalfUp(BigInt(amountMinor) * BigInt(rate), MINOR_PER_UNIT));
}

export interface AmountDue {
  currency: Currency;
  amountMinor: number;
  taxMinor: number;
  totalMinor: number;
  /** The total in colones at the configured rate; null when the rate is not configured. */
  crc: { totalMinor: number; rate: number | null } | null;
}

export function amountDue(
  contract: { amountMinor: number; currency: Currency; taxRateBp: number },
  rates: ExchangeRates,
): AmountDue {
  const taxMinor = taxOf(contract.amountMinor, contract.taxRateBp);
  const totalMinor = contract.amountMinor + taxMinor;
  const crcTotal = toCrc(totalMinor, contract.currency, rates);
  return {
    currency: contract.currency,
    amountMinor: contract.amountMinor,
    taxMinor,
    totalMinor,
    crc:
      crcTotal === null
        ? null
        : { totalMinor: crcTotal, rate: contract.currency === 'CRC' ? null : (rates[contract.currency] ?? null) },
  };
}

/** Today's date (YYYY-MM-DD) in a time zone: a contract ends at the end of its last day there. */
export function dateIn(instant: Date, timeZone: string): string {
  return DateTime.fromJSDate(instant).setZone(timeZone).toISODate() as string;
}

export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'utc' }).plus({ days }).toISODate() as string;
}

/** One period later: `addPeriod('2026-01-31', 'monthly')` → `'2026-02-28'` (the month's last day when shorter). */
export function addPeriod(date: string, period: ContractPeriod): string {
  const start = DateTime.fromISO(date, { zone: 'utc' });
  return (period === 'monthly' ? start.plus({ months: 1 }) : start.plus({ years: 1 })).toISODate() as string;
}

export function daysBetween(from: string, to: string): number {
  return Math.round(DateTime.fromISO(to, { zone: 'utc' }).diff(DateTime.fromISO(from, { zone: 'utc' }), 'days').days);
}

/**
 * The state on `today`: before its start `upcoming`; through its last day `active`, or `expiring`
 * when that day is at most `expiringDays` away; after it `expired`.
 */
export function contractState(
  contract: { startsOn: string; endsOn: string },
  today: string,
  expiringDays: number,
): ContractState {
  if (today < contract.startsOn) return 'upcoming';
  if (today > contract.endsOn) return 'expired';
  return daysBetween(today, contract.endsOn) <= expiringDays ? 'expiring' : 'active';
}

/** Whether a contract in this state lets its organization be served. */
export function isInForce(state: ContractState): boolean {
  return state === 'active' || state === 'expiring';
}

export function isCalendarDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value).isValid;
}

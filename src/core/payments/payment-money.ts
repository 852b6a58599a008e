import type { Currency } from '../../db/database.ts';
import { type AmountDue, CURRENCIES, type ExchangeRates, toCrc } from '../contracts/contract-terms.ts';

/**
 * Money of a payment. Amounts are integer minor units (céntimos, cents, centavos) from the moment
 * the agent's text is parsed; tax and conversion are the contracts module's (`amountDue`, `toCrc`,
 * rounded half-up there), so there is one place for them. No float ever holds an amount: parsing
 * reads the digits of the text, and formatting hands Intl a decimal string.
 */

/** The digits after the decimal point in a currency, as Intl knows it: `minorDigits('CRC')` → 2. */
export function minorDigits(currency: Currency): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

export function isCurrency(value: unknown): value is Currency {
  return typeof value === 'string' && (CURRENCIES as readonly string[]).includes(value);
}

/**
 * An amount as written in major units — `"45200"`, `"45200.5"`, `45200.5` — in minor units, or null when
 * it is not a positive amount with at most the currency's decimals: `parseAmount("1356.00", "USD")` → 135600.
 * No thousands separators: the console turns what a person typed into this form before sending it.
 */
export function parseAmount(value: string | number, currency: Currency): number | null {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value.trim();
  const digits = minorDigits(currency);
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return null;
  const [, whole = '', fraction = ''] = match;
  if (fraction.length > digits) return null;
  const minor = BigInt(whole) * 10n ** BigInt(digits) + BigInt(fraction.padEnd(digits, '0') || '0');
  if (minor <= 0n || minor > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  return Number(minor);
}

/** Minor units as a decimal string in major units, exactly: `(123456, 'USD')` → `"1234.56"`. */
export function decimalOf(minor: number, currency: Currency): string {
  const digits = minorDigits(currency);
  const negative = minor < 0;
  const text = String(Math.abs(minor)).padStart(digits + 1, '0');
  const whole = digits === 0 ? text : text.slice(0, -digits);
  return `${negative ? '-' : ''}${whole}${digits === 0 ? '' : `.${text.slice(-digits)}`}`;
}

/** `formatMoney(4520000, 'CRC', 'es-CR')` → "₡45 200,00": Intl formats the exact decimal string. */
export function formatMoney(minor: number, currency: Currency, locale: string): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  // ES2023 formats a decimal string without passing through a float; the cast is for older typings.
  return format.format(decimalOf(minor, currency) as unknown as number);
}

/** CRC minor units in another currency, rounded up so that paying it never leaves a céntimo short. */
export function fromCrcCeil(crcMinor: number, currency: Currency, rates: ExchangeRates): number | null {
  if (currency === 'CRC') return crcMinor;
  const rate = rates[currency];
  if (rate === undefined) return null;
  const numerator = BigInt(crcMinor) * 100n;
  return Number((numerator + BigInt(rate) - 1n) / BigInt(rate));
}

export interface Coverage {
  /** What the contract asks, with tax, in the payment's currency; null when no rate converts it. */
  dueMinor: number | null;
  /** How much is missing, in the payment's currency: 0 when the payment covers the amount due. */
  shortMinor: number | null;
  currency: Currency;
}

/**
 * Whether a payment covers a contract's amount due with tax (seed 002: "si el monto pagado es menor
 * al monto actual con IVA según contrato, se debe indicar cuál es el monto a pagar y la diferencia").
 * The comparison is in the payment's currency, the one the customer pays the difference in.
 */
export function coverage(
  payment: { amountMinor: number; currency: Currency },
  due: AmountDue,
  rates: ExchangeRates,
): Coverage {
  let dueMinor: number | null;
  if (payment.currency === due.currency) dueMinor = due.totalMinor;
  else {
    const crc = toCrc(due.totalMinor, due.currency, rates);
    dueMinor = crc === null ? null : fromCrcCeil(crc, payment.currency, rates);
  }
  return {
    currency: payment.currency,
    dueMinor,
    shortMinor: dueMinor === null ? null : Math.max(0, dueMinor - payment.amountMinor),
  };
}

/**
 * Money in the console: amounts travel as integer minor units (cents, céntimos, centavos) and are
 * turned into text here. The decimal string goes to Intl as it is, so no float ever holds an amount.
 */

/** "123456" minor units → "1234.56": exact for any safe integer. */
function decimalText(minor: number): string {
  const negative = minor < 0;
  const digits = String(Math.abs(minor)).padStart(3, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

export function formatMoney(minor: number, currency: string, locale: string): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'code' });
  // Intl formats a decimal string exactly (ES2023); the cast covers TypeScript's older signature.
  return format.format(decimalText(minor) as unknown as number);
}

/**
 * What a person typed ("1200", "1 200,50", "1,200.5") as minor units; null when it is not an
 * amount with at most two decimals. The last "." or "," is the decimal point when 1–2 digits follow.
 */
export function parseMinor(text: string): number | null {
  const compact = text.replace(/[\s\u00a0]/g, '');
  const match = /^(\d{1,3}(?:[.,]?\d{3})*|\d+)(?:[.,](\d{1,2}))?$/.exec(compact);
  if (!match) return null;
  const whole = (match[1] ?? '').replace(/[.,]/g, '');
  const cents = (match[2] ?? '').padEnd(2, '0');
  const minor = Number(whole) * 100 + Number(cents);
  return Number.isSafeInteger(minor) ? minor : null;
}

/** Minor units as the form shows them back for editing: "1200.50". */
export function minorToInput(minor: number): string {
  return decimalText(minor);
}

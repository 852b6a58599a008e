import { AppError } from '../shared/app-error.ts';

export interface TaxId {
  /** As shown to people: canonical for the countries Tiquete knows (`3-101-123456`, `ABC010203XY1`). */
  value: string;
  /** What uniqueness is checked on: letters and digits only, upper case (`3101123456`). */
  key: string;
}

const RFC = /^([A-ZÑ&]{3,4})(\d{2})(\d{2})(\d{2})([A-Z\d]{3})$/;

/**
 * Checks and formats a tax id for its country (ISO 3166 alpha-2). Costa Rica and Mexico are
 * format-checked; other countries (or none) are stored as written, with only the key folded.
 * `normalizeTaxId('3101123456', 'CR')` → `{ value: '3-101-123456', key: '3101123456' }`.
 */
export function normalizeTaxId(raw: string, country?: string | null): TaxId {
  const key = raw.toUpperCase().replace(/[^\p{L}\p{N}&]/gu, '');
  const code = country?.trim().toUpperCase() || null;
  const invalid = (expected: string) =>
    new AppError('TAX_ID_INVALID', `"${raw}" is not a valid tax id for ${code ?? 'any country'}: ${expected}`, {
      field: 'taxId',
      taxId: raw,
      country: code ?? '-',
      expected,
    });
  if (!key) throw invalid('it has no letters or digits');
  if (code === 'CR') return costaRica(key, invalid);
  if (code === 'MX') return mexico(key, invalid);
  return { value: raw.trim().replace(/\s+/g, ' '), key };
}

function costaRica(key: string, invalid: (expected: string) => AppError): TaxId {
  const expected =
    'a cédula jurídica has 10 digits starting with 3 (3-101-123456), a cédula física 9 digits (1-0234-0567), a DIMEX 11 or 12';
  if (!/^\d+$/.test(key)) throw invalid(expected);
  // Cédula jurídica: class, type and sequence, as Hacienda prints it.
  if (key.length === 10 && key.startsWith('3')) return { value: `${key[0]}-${key.slice(1, 4)}-${key.slice(4)}`, key };
  // Cédula física, sometimes written with a leading zero (0102340567) by older systems.
  const fisica = key.length === 10 && key.startsWith('0') ? key.slice(1) : key;
  if (fisica.length === 9 && !fisica.startsWith('0')) {
    return { value: `${fisica[0]}-${fisica.slice(1, 5)}-${fisica.slice(5)}`, key: fisica };
  }
  // DIMEX, the id of foreign residents, which also bills electronically.
  if ((key.length === 11 || key.length === 12) && !key.startsWith('0')) return { value: key, key };
  throw invalid(expected);
}

function mexico(key: string, invalid: (expected: string) => AppError): TaxId {
  const expected =
    'an RFC is 3 letters (persona moral) or 4 (persona física), a YYMMDD date and a 3-character homoclave, e.g. ABC010203XY1';
  const match = RFC.exec(key);
  if (!match) throw invalid(expected);
  const [, , yy, mm, dd] = match as unknown as [string, string, string, string, string];
  // The century is not written: 29 February is accepted when YY could be a leap year (1900 or 2000 for 00).
  const day = new Date(Date.UTC(2000 + (Number(yy) % 4 === 0 ? 0 : 1), Number(mm) - 1, Number(dd)));
  if (day.getUTCMonth() !== Number(mm) - 1 || day.getUTCDate() !== Number(dd)) {
    throw invalid(`${expected}; ${yy}${mm}${dd} is not a date`);
  }
  return { value: key, key };
}

import { describe, expect, it } from 'vitest';
import type { AppError } from '../shared/app-error.ts';
import { normalizeTaxId } from './tax-id.ts';

function rejection(raw: string, country?: string): AppError {
  try {
    normalizeTaxId(raw, country);
  } catch (error) {
    return error as AppError;
  }
  throw new Error(`${raw} (${country}) was accepted`);
}

describe('normalizeTaxId', () => {
  it('accepts a Costa Rican cédula jurídica of 10 digits starting with 3, with or without dashes', () => {
    expect(normalizeTaxId('3-101-123456', 'CR')).toEqual({ value: '3-101-123456', key: '3101123456' });
    expect(normalizeTaxId('3101123456', 'cr')).toEqual({ value: '3-101-123456', key: '3101123456' });
    expect(normalizeTaxId(' 3 101 123456 ', 'CR').key).toBe('3101123456');
  });

  it('accepts a Costa Rican cédula física of 9 digits, also with the leading zero older systems add', () => {
    expect(normalizeTaxId('1-0234-0567', 'CR')).toEqual({ value: '1-0234-0567', key: '102340567' });
    expect(normalizeTaxId('0102340567', 'CR')).toEqual({ value: '1-0234-0567', key: '102340567' });
  });

  it('accepts a Costa Rican DIMEX of 11 or 12 digits', () => {
    expect(normalizeTaxId('155812345678', 'CR').key).toBe('155812345678');
  });

  it('rejects Costa Rican ids of the wrong length, a 10-digit one not starting with 3, and letters', () => {
    for (const raw of ['3-101-1234', '4101123456', '12345678', '3-1O1-123456']) {
      const error = rejection(raw, 'CR');
      expect(error.code).toBe('TAX_ID_INVALID');
      expect(error.details).toMatchObject({ field: 'taxId', taxId: raw, country: 'CR' });
    }
  });

  it('accepts a Mexican RFC of a persona moral (3 letters) and of a persona física (4 letters)', () => {
    expect(normalizeTaxId('CME-160404-AB1', 'MX')).toEqual({ value: 'CME160404AB1', key: 'CME160404AB1' });
    expect(normalizeTaxId('gomr840229xy9', 'MX').value).toBe('GOMR840229XY9');
    expect(normalizeTaxId('ÑAÑ010203AB1', 'MX').value).toBe('ÑAÑ010203AB1');
    expect(normalizeTaxId('XAXX010101000', 'MX').value).toBe('XAXX010101000');
  });

  it('rejects an RFC with a wrong shape or an impossible date', () => {
    for (const raw of [
      'CM160404AB1',
      'CMEX1604041AB1',
      'CME161304AB1',
      'CME160431AB1',
      'GOMR850230XY9',
      'GOMR830229XY9',
    ]) {
      expect(rejection(raw, 'MX').code).toBe('TAX_ID_INVALID');
    }
  });

  it('stores the tax id of another country, or of none, as written without checking its format', () => {
    expect(normalizeTaxId('900.123.456-7', 'CO')).toEqual({ value: '900.123.456-7', key: '9001234567' });
    expect(normalizeTaxId('  B-1234  5678 ')).toEqual({ value: 'B-1234 5678', key: 'B12345678' });
  });

  it('rejects a tax id without letters or digits whatever the country', () => {
    expect(rejection('--', 'GT').code).toBe('TAX_ID_INVALID');
  });
});

import { describe, expect, it } from 'vitest';
import { addDays, amountDue, contractState, dateIn, taxOf, toCrc } from './contract-terms.ts';

describe('tax on a contract amount', () => {
  it('is IVA 13 % of the amount in minor units', () => {
    expect(taxOf(100_000, 1300)).toBe(13_000);
  });

  it('rounds half up to the minor unit', () => {
    // 0.5 → 1: 50 × 13 % = 6.5 minor units
    expect(taxOf(50, 1300)).toBe(7);
    // 0.49 → 0: 3 × 13 % = 0.39
    expect(taxOf(3, 1300)).toBe(0);
    // 0.6 → 1 with a rate of 2 %: 30 × 2 % = 0.6
    expect(taxOf(30, 200)).toBe(1);
  });

  it('stays exact above 2^53 intermediate products', () => {
    expect(taxOf(9_000_000_000_000, 1300)).toBe(1_170_000_000_000);
  });

  it('is zero at a zero rate', () => {
    expect(taxOf(123_456, 0)).toBe(0);
  });
});

describe('conversion to colones', () => {
  const rates = { USD: 50_500, MXN: 2_675 };

  it('keeps CRC as it is', () => {
    expect(toCrc(1_234_567, 'CRC', rates)).toBe(1_234_567);
  });

  it('converts USD cents at CRC céntimos per dollar', () => {
    // $1 130.00 at ₡505.00 = ₡570 650.00
    expect(toCrc(113_000, 'USD', rates)).toBe(57_065_000);
  });

  it('converts MXN centavos rounding half up', () => {
    // MX$0.02 at ₡26.75 = ₡0.535 → 54 céntimos; MX$0.01 → 26.75 → 27
    expect(toCrc(2, 'MXN', rates)).toBe(54);
    expect(toCrc(1, 'MXN', rates)).toBe(27);
  });

  it('gives null when no rate is configured', () => {
    expect(toCrc(100, 'MXN', { USD: 50_500 })).toBeNull();
  });
});

describe('amount due', () => {
  it('adds the tax and converts the total', () => {
    expect(amountDue({ amountMinor: 100_000, currency: 'USD', taxRateBp: 1300 }, { USD: 50_500 })).toEqual({
      currency: 'USD',
      amountMinor: 100_000,
      taxMinor: 13_000,
      totalMinor: 113_000,
      crc: { totalMinor: 57_065_000, rate: 50_500 },
    });
  });

  it('shows a CRC contract once, with no rate', () => {
    expect(amountDue({ amountMinor: 10_000_000, currency: 'CRC', taxRateBp: 1300 }, {}).crc).toEqual({
      totalMinor: 11_300_000,
      rate: null,
    });
  });

  it('has no CRC figure without a rate', () => {
    expect(amountDue({ amountMinor: 100, currency: 'MXN', taxRateBp: 1300 }, {}).crc).toBeNull();
  });
});

describe('contract state', () => {
  const contract = { startsOn: '2026-01-01', endsOn: '2026-12-31' };

  it('is upcoming before the start, active on the first day', () => {
    expect(contractState(contract, '2025-12-31', 30)).toBe('upcoming');
    expect(contractState(contract, '2026-01-01', 30)).toBe('active');
  });

  it('is expiring within N days of the end, through the last day', () => {
    expect(contractState(contract, '2026-11-30', 30)).toBe('active');
    expect(contractState(contract, '2026-12-01', 30)).toBe('expiring');
    expect(contractState(contract, '2026-12-31', 30)).toBe('expiring');
  });

  it('is expired the day after the end', () => {
    expect(contractState(contract, '2027-01-01', 30)).toBe('expired');
  });

  it('reads today in the help desk time zone (Costa Rica is UTC-6)', () => {
    expect(dateIn(new Date('2027-01-01T05:00:00Z'), 'America/Costa_Rica')).toBe('2026-12-31');
  });

  it('adds days across a month end', () => {
    expect(addDays('2026-02-27', 3)).toBe('2026-03-02');
  });
});

import { describe, expect, it } from 'vitest';
import { amountDue } from '../contracts/contract-terms.ts';
import { coverage, decimalOf, formatMoney, fromCrcCeil, minorDigits, parseAmount } from './payment-money.ts';

const rates = { USD: 50_500, MXN: 2_675 };

describe('amounts as an agent types them', () => {
  it('become integer minor units without passing through a float', () => {
    expect(parseAmount('1356.00', 'USD')).toBe(135_600);
    expect(parseAmount('45200', 'CRC')).toBe(4_520_000);
    expect(parseAmount('0.1', 'USD')).toBe(10);
    // 0.1 + 0.2 is 0.30000000000000004 in floats; as text it is exactly 30 cents.
    expect(parseAmount(String(0.3), 'USD')).toBe(30);
    expect(parseAmount(45200.5, 'CRC')).toBe(4_520_050);
  });

  it('refuses negative, zero, non-numeric and over-precise amounts', () => {
    for (const bad of ['-5', '0', '0.00', 'abc', '12,50', '1.234', '', ' ', '1e3', 'NaN', '9999999999999999999']) {
      expect(parseAmount(bad, 'USD'), bad).toBeNull();
    }
    expect(parseAmount(-1, 'USD')).toBeNull();
    expect(parseAmount(Number.NaN, 'USD')).toBeNull();
    expect(parseAmount(Number.POSITIVE_INFINITY, 'USD')).toBeNull();
  });

  it('uses two decimals in the three currencies, as the contracts module assumes', () => {
    expect([minorDigits('USD'), minorDigits('CRC'), minorDigits('MXN')]).toEqual([2, 2, 2]);
  });
});

describe('formatting with Intl', () => {
  it('writes the exact decimal in the currency and locale', () => {
    expect(decimalOf(123_456, 'USD')).toBe('1234.56');
    expect(decimalOf(5, 'CRC')).toBe('0.05');
    expect(formatMoney(4_520_000, 'CRC', 'es-CR')).toBe(
      new Intl.NumberFormat('es-CR', { style: 'currency', currency: 'CRC' }).format(45_200),
    );
    expect(formatMoney(135_600, 'USD', 'en-US')).toBe('$1,356.00');
  });

  it('keeps every cent of amounts beyond float precision', () => {
    expect(formatMoney(9_007_199_254_740_991, 'USD', 'en-US')).toBe('$90,071,992,547,409.91');
  });
});

describe('difference due when a payment is short', () => {
  // A monthly plan of $40.00 + IVA 13 % = $45.20 = ₡22 826.00 at ₡505.00.
  const due = amountDue({ amountMinor: 4_000, currency: 'USD', taxRateBp: 1300 }, rates);

  it('is nothing when the payment in the contract currency covers the amount with tax', () => {
    expect(coverage({ amountMinor: 4_520, currency: 'USD' }, due, rates)).toEqual({
      currency: 'USD',
      dueMinor: 4_520,
      shortMinor: 0,
    });
  });

  it('is the tax when the customer paid the amount without IVA', () => {
    expect(coverage({ amountMinor: 4_000, currency: 'USD' }, due, rates).shortMinor).toBe(520);
  });

  it('compares colones with a dollar contract at the configured rate', () => {
    expect(coverage({ amountMinor: 2_282_600, currency: 'CRC' }, due, rates)).toEqual({
      currency: 'CRC',
      dueMinor: 2_282_600,
      shortMinor: 0,
    });
    // ₡20 000.00 paid: ₡2 826.00 missing.
    expect(coverage({ amountMinor: 2_000_000, currency: 'CRC' }, due, rates).shortMinor).toBe(282_600);
  });

  it('converts a colones contract to dollars rounding up, so paying it is never a céntimo short', () => {
    const crcDue = amountDue({ amountMinor: 1_000_000, currency: 'CRC', taxRateBp: 1300 }, rates);
    // ₡11 300.00 / 505 = $22.3762… → $22.38
    expect(fromCrcCeil(1_130_000, 'USD', rates)).toBe(2_238);
    expect(coverage({ amountMinor: 2_237, currency: 'USD' }, crcDue, rates).shortMinor).toBe(1);
  });

  it('cannot compare without a rate for the currency', () => {
    expect(coverage({ amountMinor: 100, currency: 'CRC' }, due, {})).toEqual({
      currency: 'CRC',
      dueMinor: null,
      shortMinor: null,
    });
  });
});

import { describe, expect, it } from 'vitest';
import { formatMoney, minorToInput, parseMinor } from './money.ts';

const plain = (text: string) => text.replace(/[\s\u00a0\u202f]/g, ' ');

describe('formatMoney', () => {
  it('formats minor units in the currency with Intl, exactly', () => {
    expect(plain(formatMoney(135_600, 'USD', 'en'))).toBe('USD 1,356.00');
    expect(plain(formatMoney(68_478_000, 'CRC', 'es'))).toBe('684.780,00 CRC');
    expect(plain(formatMoney(5, 'MXN', 'en'))).toBe('MXN 0.05');
  });

  it('keeps every digit of a large amount', () => {
    expect(plain(formatMoney(900_719_925_474_099, 'USD', 'en'))).toBe('USD 9,007,199,254,740.99');
  });
});

describe('parseMinor', () => {
  it.each([
    ['1200', 120_000],
    ['1200.5', 120_050],
    ['1200,50', 120_050],
    ['1 200,50', 120_050],
    ['1,200.50', 120_050],
    ['0.05', 5],
    // a dot followed by three digits groups thousands (es: 1.234 = one thousand two hundred…)
    ['1.234', 123_400],
  ])('reads %s as %i minor units', (text, minor) => {
    expect(parseMinor(text)).toBe(minor);
  });

  it.each(['', '-5', '1.2345', 'abc', '12.3.4'])('refuses %s', (text) => {
    expect(parseMinor(text)).toBeNull();
  });

  it('shows minor units back for editing', () => {
    expect(minorToInput(120_050)).toBe('1200.50');
    expect(minorToInput(5)).toBe('0.05');
  });
});

import { describe, expect, it } from 'vitest';
import { normalizePhone } from './phone.ts';

describe('normalizePhone', () => {
  it('writes an international number in E.164', () => {
    expect(normalizePhone('+506 8888-1234')).toBe('+50688881234');
    expect(normalizePhone('+52 (55) 1500 0780')).toBe('+525515000780');
    expect(normalizePhone('00506 8888 1234')).toBe('+50688881234');
    expect(normalizePhone('+44 20 7946 0958')).toBe('+442079460958');
  });

  it('puts a number without + in the default country, Costa Rica unless told otherwise', () => {
    expect(normalizePhone('8888-1234')).toBe('+50688881234');
    expect(normalizePhone('2222 3333', 'CR')).toBe('+50622223333');
    expect(normalizePhone('(55) 1500 0780', 'MX')).toBe('+525515000780');
    expect(normalizePhone('(55) 15 00 07 80', 'mx')).toBe('+525515000780');
  });

  it('recognises a number written with its country code but without the +', () => {
    expect(normalizePhone('506 8888 1234')).toBe('+50688881234');
  });

  it('drops the old Mexican mobile 1 that WhatsApp still sends', () => {
    expect(normalizePhone('+521 55 1500 0780')).toBe('+525515000780');
  });

  it('rejects impossible lengths for the country, and for E.164', () => {
    for (const [raw, country] of [
      ['8888-123', 'CR'],
      ['(55) 1500 0780', 'CR'],
      ['+506 8888 12345', 'CR'],
      ['+52 55 1500 078', 'CR'],
      ['+123', 'CR'],
      ['+1234567890123456', 'CR'],
    ] as const) {
      expect(() => normalizePhone(raw, country), raw).toThrow(expect.objectContaining({ code: 'PHONE_INVALID' }));
    }
  });

  it('rejects letters, and a number without + for a country whose plan is unknown', () => {
    expect(() => normalizePhone('8888-CASA')).toThrow(expect.objectContaining({ code: 'PHONE_INVALID' }));
    expect(() => normalizePhone('20 7946 0958', 'GB')).toThrow(expect.objectContaining({ code: 'PHONE_INVALID' }));
  });
});

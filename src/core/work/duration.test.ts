import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration.ts';

describe('parseDuration', () => {
  it('reads the seeds\' h:mm time entries ("00:30" is half an hour)', () => {
    expect(parseDuration('00:30')).toBe(30);
    expect(parseDuration('1:15')).toBe(75);
    expect(parseDuration(' 2:00 ')).toBe(120);
  });

  it('takes a plain number of minutes, as a number or as text', () => {
    expect(parseDuration(45)).toBe(45);
    expect(parseDuration('90')).toBe(90);
  });

  it('refuses minutes of 60 or more, text that is not a duration, and zero', () => {
    for (const bad of ['1:75', 'abc', '0:00', '0', 0, -5, 1.5, '', '1:5', '25:00', 1441]) {
      expect(() => parseDuration(bad), String(bad)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    }
  });

  it('writes minutes back as h:mm', () => {
    expect(formatDuration(30)).toBe('0:30');
    expect(formatDuration(135)).toBe('2:15');
  });
});

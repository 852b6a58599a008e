import { describe, expect, it } from 'vitest';
import { fromWallTime, relativeTime, todayIn, toWallTime } from './time.ts';

describe('wall-clock time in the agent’s zone', () => {
  it('shows a UTC instant as the time on a clock in Costa Rica (UTC-6, no daylight saving)', () => {
    expect(toWallTime('2026-12-02T16:00:00.000Z', 'America/Costa_Rica')).toBe('2026-12-02T10:00');
  });

  it('reads a time typed in Costa Rica back as the same UTC instant', () => {
    expect(fromWallTime('2026-12-02T10:00', 'America/Costa_Rica')).toBe('2026-12-02T16:00:00.000Z');
  });

  it('follows daylight saving where the zone has it', () => {
    expect(fromWallTime('2026-07-01T09:30', 'America/New_York')).toBe('2026-07-01T13:30:00.000Z');
    expect(fromWallTime('2026-01-15T09:30', 'America/New_York')).toBe('2026-01-15T14:30:00.000Z');
  });

  it('refuses text that is not a date and time', () => {
    expect(fromWallTime('mañana', 'America/Costa_Rica')).toBeNull();
  });

  it('knows the date in the zone, which may differ from UTC’s', () => {
    expect(todayIn('America/Costa_Rica', Date.parse('2026-12-03T03:00:00Z'))).toBe('2026-12-02');
  });
});

describe('relative times', () => {
  it('says how long ago in the reader’s language', () => {
    const now = Date.parse('2026-12-02T16:00:00Z');
    expect(relativeTime('2026-12-02T15:55:00Z', 'es', now)).toBe('hace 5 min');
    expect(relativeTime('2026-12-02T13:00:00Z', 'en', now)).toBe('3 hr. ago');
  });
});

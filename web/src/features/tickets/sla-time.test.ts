import { describe, expect, it } from 'vitest';
import { slaClock, splitDuration } from './sla-time.ts';

const now = Date.parse('2026-12-02T16:00:00Z');
const at = (minutes: number) => new Date(now + minutes * 60_000).toISOString();

describe('the SLA clock an agent sees', () => {
  it('counts the minutes left until the nearest due time', () => {
    expect(slaClock({ slaState: 'ok', slaDueAt: at(80) }, now)).toEqual({ state: 'ok', minutesLeft: 80 });
    expect(slaClock({ slaState: 'warning', slaDueAt: at(5.5) }, now)).toEqual({ state: 'warning', minutesLeft: 5 });
  });

  it('reads a due time already past as breached, before the server next recomputes it', () => {
    expect(slaClock({ slaState: 'ok', slaDueAt: at(-180) }, now)).toEqual({ state: 'breached', minutesLeft: -180 });
    expect(slaClock({ slaState: 'warning', slaDueAt: at(-0.1) }, now)).toEqual({ state: 'breached', minutesLeft: -1 });
  });

  it('has no countdown when the targets are met or paused, and nothing without an SLA', () => {
    expect(slaClock({ slaState: 'met', slaDueAt: at(30) }, now)).toEqual({ state: 'met', minutesLeft: null });
    expect(slaClock({ slaState: 'paused', slaDueAt: null }, now)).toEqual({ state: 'paused', minutesLeft: null });
    expect(slaClock({ slaState: null, slaDueAt: null }, now)).toBeNull();
    expect(slaClock({}, now)).toBeNull();
  });
});

describe('durations for people', () => {
  it('splits into hours and minutes, and into days and hours from two days on', () => {
    expect(splitDuration(80)).toEqual({ days: 0, hours: 1, minutes: 20 });
    expect(splitDuration(-180)).toEqual({ days: 0, hours: 3, minutes: 0 });
    expect(splitDuration(3 * 1440 + 125)).toEqual({ days: 3, hours: 2, minutes: 0 });
  });
});

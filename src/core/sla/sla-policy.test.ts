import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from '../calendars/business-hours.ts';
import { dueTime, type SlaDuration, warnTime } from './sla-policy.ts';

// Costa Rica is UTC-6 all year; the office opens 08:00–18:00 on weekdays.
const office: BusinessCalendar = {
  timeZone: 'America/Costa_Rica',
  ranges: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:00', end: '18:00' })),
  holidays: [],
};
const FOUR_BUSINESS_HOURS: SlaDuration = { unit: 'business_hours', hours: 4 };
const at = (iso: string) => new Date(iso);

function warnOf(start: string, duration: SlaDuration, pauses: { from: Date; to: Date }[] = []) {
  const due = dueTime(office, at(start), duration, pauses);
  return { due: due.toISOString(), warn: warnTime(office, at(start), duration, due, 0.75, pauses).toISOString() };
}

describe('SLA warnings in business time', () => {
  it('75 % de 4 horas hábiles son 3 horas hábiles: a mail at 16:00 warns at 11:00 next morning, due at 12:00', () => {
    // Wednesday 16:00 CR: 2 h today, 2 h tomorrow; the warning comes after 3 business hours.
    expect(warnOf('2026-03-04T22:00:00Z', FOUR_BUSINESS_HOURS)).toEqual({
      due: '2026-03-05T16:00:00.000Z',
      warn: '2026-03-05T15:00:00.000Z',
    });
  });

  it('no avisa antes de que abra la oficina: a mail at 06:00 warns at 11:00, not at 10:30', () => {
    expect(warnOf('2026-03-04T12:00:00Z', FOUR_BUSINESS_HOURS)).toEqual({
      due: '2026-03-04T18:00:00.000Z',
      warn: '2026-03-04T17:00:00.000Z',
    });
  });

  it('a Friday-evening mail warns on Monday at 10:00, never over the weekend', () => {
    // Friday 17:00 CR: 1 h on Friday, then Monday 08:00 + 2 h.
    expect(warnOf('2026-03-06T23:00:00Z', FOUR_BUSINESS_HOURS).warn).toBe('2026-03-09T16:00:00.000Z');
  });

  it('moves the warning on by a pause (waiting on the customer) like the due time', () => {
    // Wednesday 08:00 start, paused 09:00–11:00: 3 business hours of work end at 13:00, 4 at 14:00.
    const pause = { from: at('2026-03-04T15:00:00Z'), to: at('2026-03-04T17:00:00Z') };
    expect(warnOf('2026-03-04T14:00:00Z', FOUR_BUSINESS_HOURS, [pause])).toEqual({
      due: '2026-03-04T20:00:00.000Z',
      warn: '2026-03-04T19:00:00.000Z',
    });
  });

  it('counts wall-clock targets in wall-clock time (the 24 h update rule warns after 18 h)', () => {
    expect(warnOf('2026-03-04T22:00:00Z', { unit: 'calendar_hours', hours: 24 }).warn).toBe('2026-03-05T16:00:00.000Z');
  });

  it('"antes de terminar el día" warns at three quarters of the business time left that day', () => {
    // Wednesday 10:00 CR: 8 business hours until 18:00, warned after 6 at 16:00.
    expect(warnOf('2026-03-04T16:00:00Z', { unit: 'end_of_business_day' })).toEqual({
      due: '2026-03-05T00:00:00.000Z',
      warn: '2026-03-04T22:00:00.000Z',
    });
  });
});

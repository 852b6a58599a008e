import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/app-error.ts';
import {
  addBusinessMinutes,
  addCalendarMinutes,
  type BusinessCalendar,
  businessClock,
  businessMinutesBefore,
  businessMinutesBetween,
  endOfBusinessDay,
  isOpen,
  validateCalendar,
} from './business-hours.ts';

const weekdays = (start: string, end: string) => [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start, end }));

// Costa Rica is UTC-6 all year (no DST).
const costaRica: BusinessCalendar = {
  timeZone: 'America/Costa_Rica',
  ranges: weekdays('08:00', '18:00'),
  holidays: [{ date: '09-15', name: 'Día de la Independencia' }],
};
// Mexico City is UTC-6 all year since 2022; a lunch break splits the day.
const mexico: BusinessCalendar = {
  timeZone: 'America/Mexico_City',
  ranges: [...weekdays('09:00', '14:00'), ...weekdays('15:00', '19:00')],
  holidays: [{ date: '2026-03-16', name: 'Natalicio de Benito Juárez' }],
};

const at = (iso: string) => new Date(iso);
const iso = (date: Date) => date.toISOString();

describe('business hours', () => {
  it('adds hours inside one business day (a Critical at 16:30 is due 17:30)', () => {
    expect(iso(addBusinessMinutes(costaRica, at('2026-03-04T22:30:00Z'), 60))).toBe('2026-03-04T23:30:00.000Z');
  });

  it('carries the rest over the night to the next opening', () => {
    // Wednesday 16:00 CR + 4 h → Thursday 10:00 CR.
    expect(iso(addBusinessMinutes(costaRica, at('2026-03-04T22:00:00Z'), 240))).toBe('2026-03-05T16:00:00.000Z');
  });

  it('skips the weekend', () => {
    // Friday 17:00 CR + 2 h → Monday 09:00 CR.
    expect(iso(addBusinessMinutes(costaRica, at('2026-03-06T23:00:00Z'), 120))).toBe('2026-03-09T15:00:00.000Z');
  });

  it('starts counting at the opening when something arrives at night', () => {
    // Tuesday 02:00 CR + 1 h → Tuesday 09:00 CR.
    expect(iso(addBusinessMinutes(costaRica, at('2026-03-03T08:00:00Z'), 60))).toBe('2026-03-03T15:00:00.000Z');
  });

  it('skips yearly and one-off holidays', () => {
    // Monday 14 Sep 2026 17:00 CR + 2 h: Tuesday the 15th is a holiday → Wednesday 09:00.
    expect(iso(addBusinessMinutes(costaRica, at('2026-09-14T23:00:00Z'), 120))).toBe('2026-09-16T15:00:00.000Z');
    // Mexico: Friday 13 Mar 18:00 + 2 h; Monday 16 Mar is a holiday → Tuesday 10:00 MX.
    expect(iso(addBusinessMinutes(mexico, at('2026-03-14T00:00:00Z'), 120))).toBe('2026-03-17T16:00:00.000Z');
  });

  it('skips a lunch break in Mexico City', () => {
    // 13:00 MX + 2 h → 13:00–14:00, then 15:00–16:00.
    expect(iso(addBusinessMinutes(mexico, at('2026-03-04T19:00:00Z'), 120))).toBe('2026-03-04T22:00:00.000Z');
  });

  it('counts business minutes between two instants across a night', () => {
    // Wednesday 17:00 CR → Thursday 09:00 CR = 1 h + 1 h.
    expect(businessMinutesBetween(costaRica, at('2026-03-04T23:00:00Z'), at('2026-03-05T15:00:00Z'))).toBe(120);
  });

  it('counts many spans with one listing of the opening hours, as the day-by-day walk does', () => {
    // Madrid has summer time: the listing must cross its changes as the walk does.
    const madrid: BusinessCalendar = {
      timeZone: 'Europe/Madrid',
      ranges: [...weekdays('08:30', '13:30'), { weekday: 6, start: '10:00', end: '24:00' }],
      holidays: [{ date: '2026-10-12', name: 'Fiesta Nacional' }],
    };
    const from = at('2026-02-20T00:00:00Z');
    const to = at('2026-11-10T00:00:00Z');
    const span = to.getTime() - from.getTime();
    for (const calendar of [costaRica, mexico, madrid]) {
      const clock = businessClock(calendar, from, to);
      fc.assert(
        fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (x, y) => {
          const a = new Date(from.getTime() + Math.floor(x * span));
          const b = new Date(from.getTime() + Math.floor(y * span));
          expect(clock.minutesBetween(a, b)).toBeCloseTo(businessMinutesBetween(calendar, a, b), 6);
        }),
        { numRuns: 300 },
      );
    }
    // Outside the span, instants are taken at its edges.
    const clock = businessClock(costaRica, at('2026-03-04T23:00:00Z'), at('2026-03-05T15:00:00Z'));
    expect(clock.minutesBetween(at('2026-03-01T00:00:00Z'), at('2026-03-09T00:00:00Z'))).toBe(120);
  });

  it('answers from its table of opening hours as a day-by-day walk does, whatever order the days are asked in', () => {
    // Santiago moves its clocks at midnight (that local midnight does not exist once a year), Madrid
    // at 02:00; a calendar object built afresh for each question must be answered the same.
    const zones = ['America/Santiago', 'Europe/Madrid', 'America/Costa_Rica'];
    const build = (timeZone: string): BusinessCalendar => ({
      timeZone,
      ranges: [
        ...weekdays('00:00', '09:30'),
        ...weekdays('14:00', '24:00'),
        { weekday: 6, start: '10:00', end: '12:00' },
      ],
      holidays: [
        { date: '2026-09-18', name: 'Fiestas Patrias' },
        { date: '01-01', name: 'Año Nuevo' },
      ],
    });
    /** The oracle: each local day's ranges placed with luxon, one day after another. */
    const walk = (calendar: BusinessCalendar, a: Date, b: Date) => {
      let total = 0;
      let day = DateTime.fromJSDate(a, { zone: calendar.timeZone }).startOf('day');
      for (; day.toMillis() < b.getTime(); day = day.plus({ days: 1 }).startOf('day')) {
        const date = day.toISODate() as string;
        if (calendar.holidays.some((h) => h.date === date || h.date === date.slice(5))) continue;
        for (const r of calendar.ranges.filter((range) => range.weekday === day.weekday)) {
          const [sh, sm] = r.start.split(':').map(Number) as [number, number];
          const [eh, em] = r.end.split(':').map(Number) as [number, number];
          const start = day.plus({ minutes: sh * 60 + sm }).toMillis();
          const end = day.plus({ minutes: eh * 60 + em }).toMillis();
          total += Math.max(0, Math.min(end, b.getTime()) - Math.max(start, a.getTime()));
        }
      }
      return total / 60_000;
    };
    const from = at('2025-12-01T00:00:00Z').getTime();
    const span = 500 * 86_400_000;
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.boolean(),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 0.2, noNaN: true }),
        (zone, fresh, x, length) => {
          const shared = build(zone);
          const calendar = fresh ? build(zone) : shared;
          const a = new Date(from + Math.floor(x * span));
          const b = new Date(a.getTime() + Math.floor(length * span));
          const minutes = businessMinutesBetween(calendar, a, b);
          expect(minutes).toBeCloseTo(walk(calendar, a, b), 6);
          if (minutes > 0) {
            // Adding them back ends inside opening hours, no later than b, and as many minutes on.
            const end = addBusinessMinutes(calendar, a, minutes);
            expect(end.getTime()).toBeLessThanOrEqual(b.getTime());
            expect(isOpen(calendar, new Date(end.getTime() - 1))).toBe(true);
            expect(walk(calendar, a, end)).toBeCloseTo(minutes, 6);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('goes back business minutes over the night and the weekend (a due date’s warning time)', () => {
    // Monday 2026-03-09 09:00 in Costa Rica is 15:00Z.
    expect(iso(businessMinutesBefore(costaRica, at('2026-03-09T15:00:00Z'), 60))).toBe('2026-03-09T14:00:00.000Z');
    expect(iso(businessMinutesBefore(costaRica, at('2026-03-09T15:00:00Z'), 120))).toBe('2026-03-06T23:00:00.000Z');
    expect(iso(businessMinutesBefore(mexico, at('2026-03-17T15:30:00Z'), 60))).toBe('2026-03-14T00:30:00.000Z');
  });

  it('tells whether a moment is inside opening hours', () => {
    expect(isOpen(costaRica, at('2026-03-04T15:00:00Z'))).toBe(true); // Wed 09:00
    expect(isOpen(costaRica, at('2026-03-07T15:00:00Z'))).toBe(false); // Sat
    expect(isOpen(mexico, at('2026-03-04T20:30:00Z'))).toBe(false); // 14:30 lunch
  });

  it('ends the business day at closing, or at the next day’s closing after hours (weknow Urgente)', () => {
    // Wednesday 10:00 CR → 18:00 the same day.
    expect(iso(endOfBusinessDay(costaRica, at('2026-03-04T16:00:00Z')))).toBe('2026-03-05T00:00:00.000Z');
    // Friday 18:00 CR (closing) → Monday 18:00 CR.
    expect(iso(endOfBusinessDay(costaRica, at('2026-03-07T00:00:00Z')))).toBe('2026-03-10T00:00:00.000Z');
    // Saturday → Monday's closing.
    expect(iso(endOfBusinessDay(costaRica, at('2026-03-07T18:00:00Z')))).toBe('2026-03-10T00:00:00.000Z');
    // Mexico: the last range of the day closes at 19:00.
    expect(iso(endOfBusinessDay(mexico, at('2026-03-04T16:00:00Z')))).toBe('2026-03-05T01:00:00.000Z');
  });

  it('moves a deadline on by the business time a pause took', () => {
    // Wed 09:00 CR + 4 h, paused 10:00–12:00 → 15:00.
    const pause = { from: at('2026-03-04T16:00:00Z'), to: at('2026-03-04T18:00:00Z') };
    expect(iso(addBusinessMinutes(costaRica, at('2026-03-04T15:00:00Z'), 240, [pause]))).toBe(
      '2026-03-04T21:00:00.000Z',
    );
    // A pause over the night costs nothing extra.
    const night = { from: at('2026-03-05T00:00:00Z'), to: at('2026-03-05T14:00:00Z') };
    expect(iso(addBusinessMinutes(costaRica, at('2026-03-04T23:00:00Z'), 120, [night]))).toBe(
      '2026-03-05T15:00:00.000Z',
    );
    // End of day with a one-hour pause → one business hour after closing: next day 09:00.
    expect(iso(endOfBusinessDay(costaRica, at('2026-03-04T15:00:00Z'), [pause]))).toBe('2026-03-05T16:00:00.000Z');
    // Calendar hours with a pause.
    expect(iso(addCalendarMinutes(at('2026-03-04T15:00:00Z'), 60 * 24, [pause]))).toBe('2026-03-05T17:00:00.000Z');
  });

  it('refuses an impossible calendar and names what is wrong', () => {
    const refused = (calendar: BusinessCalendar) => {
      try {
        validateCalendar(calendar);
      } catch (error) {
        expect(error).toBeInstanceOf(AppError);
        return (error as AppError).message;
      }
      return 'accepted';
    };
    expect(refused({ ...costaRica, timeZone: 'America/Atlantida' })).toMatch(/America\/Atlantida/);
    expect(refused({ ...costaRica, ranges: [] })).toMatch(/no opening hours/);
    expect(refused({ ...costaRica, ranges: [{ weekday: 1, start: '18:00', end: '08:00' }] })).toMatch(/ranges\[0\]/);
    expect(refused({ ...costaRica, ranges: [{ weekday: 8, start: '08:00', end: '18:00' }] })).toMatch(/weekday 8/);
    expect(refused({ ...costaRica, ranges: [{ weekday: 1, start: '8h', end: '18:00' }] })).toMatch(/"8h"/);
    expect(refused({ ...costaRica, holidays: [{ date: '02-30', name: 'x' }] })).toMatch(/02-30/);
    expect(
      refused({
        ...costaRica,
        ranges: [
          { weekday: 1, start: '08:00', end: '12:00' },
          { weekday: 1, start: '11:00', end: '13:00' },
        ],
      }),
    ).toMatch(/overlap/);
    expect(refused(costaRica)).toBe('accepted');
  });
});

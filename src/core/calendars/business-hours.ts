import { DateTime } from 'luxon';
import { AppError } from '../shared/app-error.ts';
import { isValidTimeZone } from '../shared/time-zone.ts';

/** One opening range on an ISO weekday (1 = Monday … 7 = Sunday), local "HH:mm" times, end exclusive. */
export interface WeeklyRange {
  weekday: number;
  start: string;
  end: string;
}

/** A closed day: `YYYY-MM-DD` once, or `MM-DD` every year. */
export interface Holiday {
  date: string;
  name: string;
}

export interface BusinessCalendar {
  timeZone: string;
  ranges: WeeklyRange[];
  holidays: Holiday[];
}

/** A span of time that does not count (a clock paused while waiting on the customer). */
export interface Interval {
  from: Date;
  to: Date;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;
const ONE_OFF = /^\d{4}-\d{2}-\d{2}$/;
const YEARLY = /^\d{2}-\d{2}$/;
/** How far ahead the arithmetic looks for opening hours before calling a calendar impossible. */
const HORIZON_DAYS = 3 * 366;

function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return (h as number) * 60 + (m as number);
}

/** `details.value` is the quoted culprit of the message, so translated messages can name it too. */
function invalid(message: string, field: string): AppError {
  const value = /"([^"]*)"/.exec(message)?.[1] ?? null;
  return new AppError('CALENDAR_INVALID', message, { field, value, named: value === null ? '' : ` («${value}»)` });
}

/** Refuses a calendar that cannot be computed with, naming the part that is wrong. */
export function validateCalendar(calendar: BusinessCalendar): void {
  if (!isValidTimeZone(calendar.timeZone)) {
    throw invalid(`"${calendar.timeZone}" is not a known time zone`, 'timeZone');
  }
  if (calendar.ranges.length === 0) throw invalid('The calendar has no opening hours', 'ranges');
  for (const [i, range] of calendar.ranges.entries()) {
    const field = `ranges[${i}]`;
    if (!Number.isInteger(range.weekday) || range.weekday < 1 || range.weekday > 7) {
      throw invalid(`${field}: weekday ${range.weekday} is not 1 (Monday) to 7 (Sunday)`, `${field}.weekday`);
    }
    if (!TIME.test(range.start)) throw invalid(`${field}: "${range.start}" is not a time HH:mm`, `${field}.start`);
    if (!TIME.test(range.end)) throw invalid(`${field}: "${range.end}" is not a time HH:mm`, `${field}.end`);
    if (minutesOf(range.end) <= minutesOf(range.start)) {
      throw invalid(`${field}: ends (${range.end}) before it starts (${range.start})`, field);
    }
  }
  const byDay = [...calendar.ranges].sort((a, b) => a.weekday - b.weekday || minutesOf(a.start) - minutesOf(b.start));
  for (let i = 1; i < byDay.length; i++) {
    const [a, b] = [byDay[i - 1] as WeeklyRange, byDay[i] as WeeklyRange];
    if (a.weekday === b.weekday && minutesOf(b.start) < minutesOf(a.end)) {
      throw invalid(`Ranges ${a.start}-${a.end} and ${b.start}-${b.end} of weekday ${a.weekday} overlap`, 'ranges');
    }
  }
  for (const [i, holiday] of calendar.holidays.entries()) {
    const field = `holidays[${i}]`;
    const valid =
      (ONE_OFF.test(holiday.date) && DateTime.fromISO(holiday.date).isValid) ||
      (YEARLY.test(holiday.date) && DateTime.fromISO(`2024-${holiday.date}`).isValid);
    if (!valid) throw invalid(`${field}: "${holiday.date}" is not a date YYYY-MM-DD or MM-DD`, `${field}.date`);
  }
}

function isHoliday(calendar: BusinessCalendar, day: DateTime): boolean {
  const full = day.toISODate() as string;
  const yearly = full.slice(5);
  return calendar.holidays.some((h) => h.date === full || h.date === yearly);
}

/** The opening intervals (epoch ms) of one local day, in order. */
function intervalsOfDay(calendar: BusinessCalendar, day: DateTime): [number, number][] {
  if (isHoliday(calendar, day)) return [];
  return calendar.ranges
    .filter((r) => r.weekday === day.weekday)
    .map((r): [number, number] => [
      day.plus({ minutes: minutesOf(r.start) }).toMillis(),
      day.plus({ minutes: minutesOf(r.end) }).toMillis(),
    ])
    .sort((a, b) => a[0] - b[0]);
}

/**
 * A calendar's opening intervals (epoch ms) over consecutive local days, worked out once with the
 * time-zone rules and then read by index: every ticket write's SLA asked luxon for the same days
 * again, ~10 % of a create's CPU (bench/README.md). Days are only ever appended.
 */
class OpeningTable {
  /** Each day's local midnight, ascending, and the index of its first interval in `starts`/`ends`. */
  readonly dayStarts: number[] = [];
  readonly dayFirst: number[] = [];
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  private next: DateTime;
  /** The local midnight after the last day held. */
  until: number;

  constructor(
    private readonly calendar: BusinessCalendar,
    at: number,
  ) {
    this.next = DateTime.fromMillis(at, { zone: calendar.timeZone }).startOf('day');
    this.until = this.next.toMillis();
    this.addDay();
  }

  get days(): number {
    return this.dayStarts.length;
  }

  addDay(): void {
    const day = this.next;
    this.dayStarts.push(this.until);
    this.dayFirst.push(this.starts.length);
    for (const [a, b] of intervalsOfDay(this.calendar, day)) {
      this.starts.push(a);
      this.ends.push(b);
    }
    this.next = day.plus({ days: 1 }).startOf('day');
    this.until = this.next.toMillis();
  }

  /** The index of the day holding `t` (not before the first day held), adding days up to it. */
  dayOf(t: number): number {
    while (t >= this.until) this.addDay();
    let [low, high] = [0, this.days - 1];
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.dayStarts[middle] as number) <= t) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  /** The range of `starts`/`ends` indexes holding day `d`'s intervals. */
  intervalsOf(d: number): [number, number] {
    while (this.days <= d + 1) this.addDay();
    return [this.dayFirst[d] as number, this.dayFirst[d + 1] as number];
  }
}

// Tables live as long as their calendar object (the settings cache hands out one per change); a
// calendar built afresh for each call finds its table by content.
const tableOfCalendar = new WeakMap<BusinessCalendar, OpeningTable>();
const tableOfContent = new Map<string, OpeningTable>();
const MAX_TABLES_BY_CONTENT = 64;
/** A table that grew past this is replaced by one starting at the day asked for. */
const MAX_TABLE_DAYS = 2 * HORIZON_DAYS;
/** Asked for a day this far past its end, a table restarts instead of adding every day between. */
const MAX_SKIP_MS = 62 * 86_400_000;

/** A table of `calendar` that holds the local day of `t`. */
function openingTable(calendar: BusinessCalendar, t: number): OpeningTable {
  let table = tableOfCalendar.get(calendar);
  const key = table ? '' : JSON.stringify([calendar.timeZone, calendar.ranges, calendar.holidays]);
  table ??= tableOfContent.get(key);
  if (!table || t < (table.dayStarts[0] as number) || t - table.until > MAX_SKIP_MS || table.days > MAX_TABLE_DAYS) {
    table = new OpeningTable(calendar, t);
    if (tableOfContent.size >= MAX_TABLES_BY_CONTENT) tableOfContent.clear();
  }
  tableOfCalendar.set(calendar, table);
  if (key) tableOfContent.set(key, table);
  return table;
}

/** Opening intervals from `from` on, clipped to start at `from`; ends after the horizon. */
function* openIntervals(calendar: BusinessCalendar, from: Date): Generator<[number, number]> {
  const start = from.getTime();
  const table = openingTable(calendar, start);
  const first = table.dayOf(start);
  const horizon = first + HORIZON_DAYS;
  for (let i = table.dayFirst[first] as number; ; i++) {
    while (i >= table.starts.length) {
      if (table.days >= horizon) return;
      table.addDay();
    }
    if (table.days > horizon && i >= (table.dayFirst[horizon] as number)) return;
    const end = table.ends[i] as number;
    if (end <= start) continue;
    yield [Math.max(table.starts[i] as number, start), end];
  }
}

function impossible(): AppError {
  return new AppError('CALENDAR_INVALID', 'The calendar has no opening hours in the next three years', {
    field: 'holidays',
  });
}

/** True when `at` falls inside opening hours. */
export function isOpen(calendar: BusinessCalendar, at: Date): boolean {
  const t = at.getTime();
  const table = openingTable(calendar, t);
  const [first, end] = table.intervalsOf(table.dayOf(t));
  for (let i = first; i < end; i++) {
    if ((table.starts[i] as number) <= t && t < (table.ends[i] as number)) return true;
  }
  return false;
}

/** Business minutes between two instants (0 when `to` is not after `from`). */
export function businessMinutesBetween(calendar: BusinessCalendar, from: Date, to: Date): number {
  let total = 0;
  const end = to.getTime();
  for (const [a, b] of openIntervals(calendar, from)) {
    if (a >= end) break;
    total += Math.min(b, end) - a;
  }
  return total / 60_000;
}

/**
 * Business minutes between many pairs of instants inside [`from`, `to`] on one calendar: its
 * opening intervals over that span are listed once with running totals, so each pair costs two
 * binary searches instead of a walk over its days (a month's report times tens of thousands of
 * tickets). Instants outside the span are clamped to it.
 */
export function businessClock(calendar: BusinessCalendar, from: Date, to: Date) {
  const [first, last] = [from.getTime(), to.getTime()];
  const starts: number[] = [];
  const ends: number[] = [];
  const openBefore: number[] = [];
  let total = 0;
  for (const [a, b] of openIntervals(calendar, from)) {
    if (a >= last) break;
    starts.push(a);
    ends.push(b);
    openBefore.push(total);
    total += b - a;
  }
  /** Open milliseconds from `first` to `t`. */
  const openUntil = (t: number) => {
    let [low, high] = [0, starts.length - 1];
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if ((starts[middle] as number) <= t) {
        found = middle;
        low = middle + 1;
      } else high = middle - 1;
    }
    if (found < 0) return 0;
    return (openBefore[found] as number) + Math.min(t, ends[found] as number) - (starts[found] as number);
  };
  const clamp = (t: number) => Math.min(Math.max(t, first), last);
  return {
    minutesBetween(a: Date, b: Date): number {
      const [x, y] = [clamp(a.getTime()), clamp(b.getTime())];
      return y <= x ? 0 : (openUntil(y) - openUntil(x)) / 60_000;
    },
  };
}

/**
 * The instant `minutes` business minutes after `from`, skipping nights, weekends, holidays and
 * any `pauses`. E.g. Friday 17:00 + 2 h with 08:00–18:00 hours → Monday 09:00.
 */
export function addBusinessMinutes(
  calendar: BusinessCalendar,
  from: Date,
  minutes: number,
  pauses: Interval[] = [],
): Date {
  let remaining = minutes * 60_000;
  if (remaining <= 0) return new Date(from);
  const paused = pauses.map((p) => [p.from.getTime(), p.to.getTime()] as const).sort((a, b) => a[0] - b[0]);
  for (const [a, b] of openIntervals(calendar, from)) {
    for (const [s, e] of subtract(a, b, paused)) {
      const length = e - s;
      if (remaining <= length) return new Date(s + remaining);
      remaining -= length;
    }
  }
  throw impossible();
}

/**
 * The latest instant that is `minutes` business minutes before `to` (the reverse of
 * addBusinessMinutes). E.g. 1 h before Monday 09:00 with 08:00–18:00 hours → Monday 08:00;
 * 2 h before Monday 09:00 → Friday 17:00.
 */
export function businessMinutesBefore(calendar: BusinessCalendar, to: Date, minutes: number): Date {
  if (minutes <= 0) return new Date(to);
  const end = to.getTime();
  // Widen the window until it holds enough opening hours, then narrow it down to the millisecond.
  let gap = minutes * 60_000;
  while (businessMinutesBetween(calendar, new Date(end - gap), to) < minutes) {
    if (gap > HORIZON_DAYS * 86_400_000) throw impossible();
    gap *= 2;
  }
  let [early, late] = [end - gap, end];
  while (late - early > 1) {
    const middle = Math.floor((early + late) / 2);
    if (businessMinutesBetween(calendar, new Date(middle), to) >= minutes) early = middle;
    else late = middle;
  }
  return new Date(early);
}

const ALWAYS_OPEN: BusinessCalendar = {
  timeZone: 'UTC',
  ranges: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' })),
  holidays: [],
};

/** Calendar (wall-clock) time with the same pauses: `from` + minutes, moved on by every pause it meets. */
export function addCalendarMinutes(from: Date, minutes: number, pauses: Interval[] = []): Date {
  return addBusinessMinutes(ALWAYS_OPEN, from, minutes, pauses);
}

/** The parts of [a, b) outside the (sorted) paused spans. */
function subtract(a: number, b: number, paused: (readonly [number, number])[]): [number, number][] {
  const parts: [number, number][] = [];
  let cursor = a;
  for (const [s, e] of paused) {
    if (e <= cursor || s >= b) continue;
    if (s > cursor) parts.push([cursor, s]);
    cursor = Math.max(cursor, e);
    if (cursor >= b) break;
  }
  if (cursor < b) parts.push([cursor, b]);
  return parts;
}

/**
 * "Before the end of the business day" (001, Urgente): the last closing of the business day
 * `at` falls in; after closing (or on a closed day), the last closing of the next business day.
 */
export function endOfBusinessDay(calendar: BusinessCalendar, at: Date, pauses: Interval[] = []): Date {
  const t = at.getTime();
  let extra = 0;
  for (const p of pauses) extra += businessMinutesBetween(calendar, new Date(Math.max(p.from.getTime(), t)), p.to);
  const table = openingTable(calendar, t);
  const first = table.dayOf(t);
  for (let day = first; day < first + HORIZON_DAYS; day++) {
    const [start, end] = table.intervalsOf(day);
    const close = end > start ? (table.ends[end - 1] as number) : undefined;
    if (close !== undefined && close > t) {
      // A pause pushes the deadline on by the business time it took.
      return extra > 0 ? addBusinessMinutes(calendar, new Date(close), extra) : new Date(close);
    }
  }
  throw impossible();
}

/** Monday to Friday 08:00–18:00 in Costa Rica: the calendar of an install nobody configured yet. */
export const DEFAULT_CALENDAR: BusinessCalendar = {
  timeZone: 'America/Costa_Rica',
  ranges: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:00', end: '18:00' })),
  holidays: [],
};

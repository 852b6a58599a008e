/**
 * Dates for people: shown in the agent's own time zone (not the browser's), and typed into
 * `datetime-local` inputs as wall-clock time in that zone. The API speaks UTC ISO 8601.
 */

type WallParts = { year: number; month: number; day: number; hour: number; minute: number; second: number };

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = partsFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormatters.set(timeZone, formatter);
  }
  return formatter;
}

function wallPartsAt(instant: number, timeZone: string): WallParts {
  const parts: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** Minutes the zone is ahead of UTC at that instant (Costa Rica: -360). */
function offsetMinutes(instant: number, timeZone: string): number {
  const p = wallPartsAt(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `2026-12-02T10:00:00Z` in `America/Costa_Rica` → `2026-12-02T04:00` (for a datetime-local input). */
export function toWallTime(iso: string, timeZone: string): string {
  const p = wallPartsAt(Date.parse(iso), timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/**
 * `2026-12-02T04:00` read as wall-clock time in `timeZone` → the UTC ISO instant, or null when the
 * text is not a date and time.
 */
export function fromWallTime(wall: string, timeZone: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(wall);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const guess = Date.UTC(y, mo - 1, d, h, mi);
  // The offset at the guessed instant, then once more at the corrected one (daylight-saving edges).
  let instant = guess - offsetMinutes(guess, timeZone) * 60_000;
  instant = guess - offsetMinutes(instant, timeZone) * 60_000;
  return new Date(instant).toISOString();
}

/** Today's date in the zone, as `YYYY-MM-DD`. */
export function todayIn(timeZone: string, now = Date.now()): string {
  const p = wallPartsAt(now, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** A valid IANA zone, or the browser's own when the stored one is unknown to this browser. */
export function safeTimeZone(timeZone: string | undefined): string {
  if (timeZone) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone });
      return timeZone;
    } catch {
      // fall through
    }
  }
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "hace 5 minutos" / "5 minutes ago"; under a minute is "ahora" / "now". */
export function relativeTime(iso: string, locale: string, now = Date.now()): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  return format.format(0, 'second');
}

export function dateTime(iso: string, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso));
}

export function dateOnly(isoOrDate: string, locale: string, timeZone?: string): string {
  // A bare YYYY-MM-DD is a calendar date, not an instant: format it at noon UTC in UTC.
  const bare = /^\d{4}-\d{2}-\d{2}$/.test(isoOrDate);
  const date = new Date(bare ? `${isoOrDate}T12:00:00Z` : isoOrDate);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: bare ? 'UTC' : timeZone }).format(date);
}

export function timeOnly(iso: string, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone }).format(new Date(iso));
}

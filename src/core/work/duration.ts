import { AppError } from '../shared/app-error.ts';

/** One entry covers at most a day of work; more is a typo. */
export const MAX_ENTRY_MINUTES = 24 * 60;

/**
 * Minutes of a time entry, from the seeds' `"h:mm"` (003: "00:30") or a number of minutes:
 * `parseDuration("00:30")` → 30, `parseDuration("1:15")` → 75, `parseDuration(45)` → 45.
 * Refuses zero, more than 24 h, minutes of 60 or more ("1:75") and anything else.
 */
export function parseDuration(value: string | number): number {
  const minutes = typeof value === 'number' ? value : minutesOf(value.trim());
  if (minutes === null || !Number.isInteger(minutes) || minutes <= 0 || minutes > MAX_ENTRY_MINUTES) {
    throw new AppError('VALIDATION_FAILED', `"${value}" is not a duration: write h:mm (00:30) or minutes (30)`, {
      field: 'duration',
    });
  }
  return minutes;
}

function minutesOf(text: string): number | null {
  const clock = /^(\d{1,2}):([0-5]\d)$/.exec(text);
  if (clock) return Number(clock[1]) * 60 + Number(clock[2]);
  if (/^\d{1,4}$/.test(text)) return Number(text);
  return null;
}

/** 90 → "1:30", as time sheets show it. */
export function formatDuration(minutes: number): string {
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

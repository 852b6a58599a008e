import { DateTime } from 'luxon';

/** Middle value of the sorted numbers (mean of the two middle ones for an even count); null when empty. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * The p-th percentile by nearest rank: the smallest value with at least p % of the values at or
 * below it. `percentile([1..10], 90)` → 9; with 5 values p90 is the largest.
 */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

/** Rounded to one decimal, the precision reports show minutes and percentages with. */
export function round1(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10) / 10;
}

/** good / total as a percentage with one decimal; null when there is nothing to divide. */
export function share(part: number, total: number): number | null {
  return total === 0 ? null : round1((part / total) * 100);
}

/** The local day (or the Monday of its week) an instant falls in, as YYYY-MM-DD. */
export function bucketOf(at: string | Date, timeZone: string, interval: 'day' | 'week'): string {
  const local = DateTime.fromJSDate(typeof at === 'string' ? new Date(at) : at, { zone: timeZone });
  return (interval === 'week' ? local.startOf('week') : local.startOf('day')).toISODate() as string;
}

const QUARTER_HOUR = 15 * 60_000;

/**
 * `bucketOf` for many instants: computed once per quarter hour, which is exact because every time
 * zone's offset (and each summer-time change) is a whole number of quarter hours.
 */
export function bucketer(timeZone: string, interval: 'day' | 'week'): (at: string | Date) => string {
  const known = new Map<number, string>();
  return (at) => {
    const quarter = Math.floor((typeof at === 'string' ? Date.parse(at) : at.getTime()) / QUARTER_HOUR);
    let bucket = known.get(quarter);
    if (bucket === undefined) {
      bucket = bucketOf(new Date(quarter * QUARTER_HOUR), timeZone, interval);
      known.set(quarter, bucket);
    }
    return bucket;
  };
}

/** Every bucket of the period in order, so days with nothing still show as zero. */
export function bucketsBetween(fromDate: string, toDate: string, interval: 'day' | 'week'): string[] {
  let day = DateTime.fromISO(fromDate, { zone: 'UTC' });
  if (interval === 'week') day = day.startOf('week');
  const end = DateTime.fromISO(toDate, { zone: 'UTC' });
  const buckets: string[] = [];
  while (day <= end) {
    buckets.push(day.toISODate() as string);
    day = day.plus(interval === 'week' ? { weeks: 1 } : { days: 1 });
  }
  return buckets;
}

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

/**
 * `bucketOf` for many instants: each local day (or week) is worked out once, as the UTC range it
 * covers (summer-time days included), and later instants are placed by a binary search over the
 * ranges seen, so a month of tickets costs a few dozen time-zone computations, not one each.
 */
export function bucketer(timeZone: string, interval: 'day' | 'week'): (at: string | Date) => string {
  const ranges: { from: number; to: number; bucket: string }[] = [];
  const step = interval === 'week' ? { weeks: 1 } : { days: 1 };
  return (at) => {
    const t = typeof at === 'string' ? Date.parse(at) : at.getTime();
    let [low, high, found] = [0, ranges.length - 1, -1];
    while (low <= high) {
      const middle = (low + high) >> 1;
      if ((ranges[middle]?.from as number) <= t) {
        found = middle;
        low = middle + 1;
      } else high = middle - 1;
    }
    const hit = ranges[found];
    if (hit && t < hit.to) return hit.bucket;
    const local = DateTime.fromMillis(t, { zone: timeZone });
    const start = interval === 'week' ? local.startOf('week') : local.startOf('day');
    const range = { from: start.toMillis(), to: start.plus(step).toMillis(), bucket: start.toISODate() as string };
    // Ranges never overlap and this one starts after the one found, so the order holds.
    ranges.splice(found + 1, 0, range);
    return range.bucket;
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

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketer, bucketOf, median, percentile, share } from './report-stats.ts';

describe('report statistics', () => {
  it('takes the median and the nearest-rank percentile as the reports state them', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([10, 20, 30, 40, 50], 90)).toBe(50);
    expect(share(2, 3)).toBe(66.7);
    expect(share(0, 0)).toBeNull();
  });

  it('puts an instant in the same local day or week, worked out once per day, in zones with odd offsets and summer time', () => {
    const from = Date.parse('2026-01-01T00:00:00Z');
    const span = Date.parse('2027-01-01T00:00:00Z') - from;
    for (const zone of [
      'America/Costa_Rica',
      'Europe/Madrid',
      'Asia/Kolkata',
      'Australia/Adelaide',
      'America/St_Johns',
    ]) {
      for (const interval of ['day', 'week'] as const) {
        const bucket = bucketer(zone, interval);
        fc.assert(
          fc.property(fc.integer({ min: 0, max: span }), (offset) => {
            const at = new Date(from + offset);
            expect(bucket(at)).toBe(bucketOf(at, zone, interval));
            expect(bucket(at.toISOString())).toBe(bucketOf(at, zone, interval));
          }),
          { numRuns: 200 },
        );
      }
    }
  });
});

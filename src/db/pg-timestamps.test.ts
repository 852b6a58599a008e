import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pgTimestamptzToIso } from './create-db.ts';

describe("PostgreSQL's timestamptz text as ISO", () => {
  it('gives what Date gives, for UTC sessions by rewriting and for other offsets through Date', () => {
    expect(pgTimestamptzToIso('2026-11-03 12:34:56.789123+00')).toBe('2026-11-03T12:34:56.789Z');
    expect(pgTimestamptzToIso('2026-11-03 12:34:56.5+00')).toBe('2026-11-03T12:34:56.500Z');
    expect(pgTimestamptzToIso('2026-11-03 12:34:56+00')).toBe('2026-11-03T12:34:56.000Z');
    expect(pgTimestamptzToIso('2026-11-03 06:34:56.789-06')).toBe('2026-11-03T12:34:56.789Z');
    expect(pgTimestamptzToIso('2026-11-03 18:04:56+05:30')).toBe('2026-11-03T12:34:56.000Z');
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 999 }),
        fc.integer({ min: 0, max: 6 }),
        (date, micros, digits) => {
          const fraction =
            digits === 0
              ? ''
              : `.${`${String(date.getUTCMilliseconds()).padStart(3, '0')}${String(micros).padStart(3, '0')}`.slice(0, digits)}`;
          const text = `${date.toISOString().slice(0, 10)} ${date.toISOString().slice(11, 19)}${fraction}+00`;
          expect(pgTimestamptzToIso(text)).toBe(new Date(text).toISOString());
        },
      ),
      { numRuns: 500 },
    );
  });
});

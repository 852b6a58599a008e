import { afterEach, beforeEach, describe } from 'vitest';
import type { DialectName } from '../db/database.ts';
import { availableDialects, createTestDb, type TestDb } from './test-db.ts';

export interface DialectContext {
  dialect: DialectName;
  /** The database of the running test, fresh for each test. */
  readonly database: TestDb;
}

/**
 * Declares a suite once and runs it on every available engine, each test on a fresh database.
 * The engine is in the suite's name (`[sqlite]`, `[postgres]`) so reports can count each half.
 */
export function forEachDialect(title: string, suite: (ctx: DialectContext) => void): void {
  for (const dialect of availableDialects()) {
    describe(`${title} [${dialect}]`, () => {
      let current: TestDb | null = null;
      const ctx: DialectContext = {
        dialect,
        get database() {
          if (!current) throw new Error('the test database exists only inside a test');
          return current;
        },
      };
      beforeEach(async () => {
        current = await createTestDb(dialect);
      });
      afterEach(async () => {
        await current?.dispose();
        current = null;
      });
      suite(ctx);
    });
  }
}

import { afterEach, beforeEach, expect, vi } from 'vitest';
import type { DialectContext } from './for-each-dialect.ts';
import { createTestApp, type TestApp } from './test-app.ts';

export interface TwoInstances {
  /** The instance where admins make changes. */
  readonly a: TestApp;
  /** Another instance of the same database, with its own cache and relay connection. */
  readonly b: TestApp;
  /** Runs a write on A and waits until B heard of it (B dropped its cached settings). */
  heardOnB<T>(write: () => Promise<T>): Promise<T>;
  /** An admin's change on A, answered with `status`, once B heard of it. */
  changeOnA(change: () => Promise<{ statusCode: number }>, status: number): Promise<void>;
}

/**
 * Two apps on one database for each test: on PostgreSQL two instances, each with its own settings
 * cache and relay connection; SQLite serves one instance, so there A and B are the same app.
 */
export function twoInstances(ctx: DialectContext): TwoInstances {
  let a: TestApp;
  let b: TestApp;
  beforeEach(async () => {
    a = await createTestApp(ctx);
    b = ctx.dialect === 'postgres' ? await createTestApp(ctx) : a;
  });
  afterEach(async () => {
    if (b !== a) await b.close();
    await a.close();
  });
  return {
    get a() {
      return a;
    },
    get b() {
      return b;
    },
    async heardOnB(write) {
      const before = b.services.settingsCache.generation();
      const result = await write();
      await vi.waitFor(() => expect(b.services.settingsCache.generation()).toBeGreaterThan(before), { timeout: 5000 });
      return result;
    },
    async changeOnA(change, status) {
      expect((await this.heardOnB(change)).statusCode).toBe(status);
    },
  };
}

import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createDb, type DbHandle } from '../db/create-db.ts';
import type { DialectName } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';

/** The engines this run can test: SQLite always, PostgreSQL when global setup found a server. */
export function availableDialects(): DialectName[] {
  return inject('postgresUrl') ? ['sqlite', 'postgres'] : ['sqlite'];
}

export interface TestDb extends DbHandle {
  /** Drops what the test made (the PostgreSQL schema) and closes the connections. */
  dispose(): Promise<void>;
}

let counter = 0;

/** A fresh, migrated database: in-memory SQLite, or a new PostgreSQL schema of its own. */
export async function createTestDb(dialect: DialectName): Promise<TestDb> {
  if (dialect === 'sqlite') {
    const handle = createDb({ url: ':memory:' });
    await migrateToLatest(handle.db, 'sqlite');
    return { ...handle, dispose: () => handle.close() };
  }
  const url = inject('postgresUrl');
  if (!url) throw new Error('PostgreSQL is not available in this run');
  // A random part too: worker threads share a pid and start in the same millisecond.
  const schema = `t_${process.pid}_${Date.now().toString(36)}_${counter++}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const handle = createDb({ url, schema, poolSize: 4 });
  await migrateToLatest(handle.db, 'postgres');
  return {
    ...handle,
    async dispose() {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`drop schema if exists ${schema} cascade`);
      await cleanup.end();
    },
  };
}

import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { createDb, createSqliteFromImage, type DbHandle } from '../db/create-db.ts';
import type { DialectName } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { SCHEMA_LOCK } from './schema-lock.ts';

/** The engines this run can test: SQLite always, PostgreSQL when global setup found a server. */
export function availableDialects(): DialectName[] {
  return inject('postgresUrl') ? ['sqlite', 'postgres'] : ['sqlite'];
}

export interface TestDb extends DbHandle {
  /** Drops what the test made (the PostgreSQL schema) and closes the connections. */
  dispose(): Promise<void>;
}

let counter = 0;
// Read once per worker: the migrated images global setup made (global-setup.ts).
let sqliteImage: Buffer | undefined;
let postgresScript: string | null | undefined;

/** A fresh, migrated database: in-memory SQLite, or a new PostgreSQL schema of its own. */
export async function createTestDb(dialect: DialectName): Promise<TestDb> {
  if (dialect === 'sqlite') {
    sqliteImage ??= readFileSync(inject('sqliteTemplate'));
    const handle = createSqliteFromImage(sqliteImage);
    return { ...handle, dispose: () => handle.close() };
  }
  const url = inject('postgresUrl');
  if (!url) throw new Error('PostgreSQL is not available in this run');
  if (postgresScript === undefined) {
    const template = inject('postgresTemplate');
    postgresScript = template === null ? null : readFileSync(template, 'utf8');
  }
  // A random part too: worker threads share a pid and start in the same millisecond.
  const schema = `t_${process.pid}_${Date.now().toString(36)}_${counter++}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  let handle: DbHandle;
  try {
    if (postgresScript !== null) {
      // The dump creates the schema, its tables and rows in one round trip.
      await admin.query(postgresScript.replaceAll('__SCHEMA__', schema));
      handle = createDb({ url, schema, poolSize: 4 });
    } else {
      // Kysely's migrator reads the catalog of every schema, by name (has_schema_privilege): a test
      // schema dropped by another test file meanwhile fails it with "schema … does not exist". So
      // migrations hold a shared lock, and drops wait for the exclusive one.
      await admin.query(`create schema ${schema}`);
      await admin.query('select pg_advisory_lock_shared($1)', [SCHEMA_LOCK]);
      handle = createDb({ url, schema, poolSize: 4 });
      await migrateToLatest(handle.db, 'postgres');
    }
  } finally {
    await admin.end(); // ends the session, and with it the lock
  }
  return {
    ...handle,
    async dispose() {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      try {
        await cleanup.query('select pg_advisory_lock($1)', [SCHEMA_LOCK]);
        await cleanup.query(`drop schema if exists ${schema} cascade`);
      } finally {
        await cleanup.end();
      }
    },
  };
}

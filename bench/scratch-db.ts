import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createDb, type DbHandle } from '../src/db/create-db.ts';
import { migrateToLatest } from '../src/db/migrate.ts';

/**
 * Runs `work` on a migrated, empty database of its own (a SQLite file in a temp folder, or a fresh
 * schema of the PostgreSQL at `pgUrl`) and removes it afterwards. For the small in-process probes.
 */
export async function withScratchDb<T>(
  pgUrl: string | undefined,
  name: string,
  work: (database: DbHandle, dataDir: string) => Promise<T>,
): Promise<T> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), `tiquete-${name}-`));
  const schema = `bench_${name}_${process.pid}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: pgUrl });
    await client.connect();
    await client.query(statement);
    await client.end();
  };
  if (pgUrl) await admin(`create schema ${schema}`);
  const database = createDb(pgUrl ? { url: pgUrl, schema } : { url: `sqlite://${path.join(tmp, 'tiquete.db')}` });
  try {
    await migrateToLatest(database.db, database.dialect);
    return await work(database, tmp);
  } finally {
    await database.close();
    rmSync(tmp, { recursive: true, force: true });
    if (pgUrl) await admin(`drop schema ${schema} cascade`);
  }
}

import pg from 'pg';
import type { DbHandle } from './create-db.ts';

/**
 * Runs first-start setup (migrations, defaults, the first admin) while holding a PostgreSQL
 * advisory lock, so instances started together on an empty database take turns instead of
 * racing to insert the same defaults. The lock is on a connection of its own and ends with it,
 * also when the process is killed. SQLite has one server per file and needs no lock.
 */
export async function withSetupLock<T>(handle: DbHandle, run: () => Promise<T>): Promise<T> {
  if (handle.dialect !== 'postgres') return run();
  const { url, schema, applicationName } = handle.connection;
  const client = new pg.Client({ connectionString: url, application_name: applicationName });
  client.on('error', () => {}); // a lost lock connection fails the query below or ends the lock anyway
  await client.connect();
  try {
    await client.query('select pg_advisory_lock(hashtext($1))', [`tiquete-setup:${schema ?? 'public'}`]);
    return await run();
  } finally {
    await client.end();
  }
}

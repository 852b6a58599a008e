import pg from 'pg';
import type { TestProject } from 'vitest/node';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/test';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string | null;
  }
}

/**
 * Finds the PostgreSQL server the database tests also run on: TEST_DATABASE_URL, or a local
 * server on 127.0.0.1:5432. Without one, the PostgreSQL half is skipped with a notice.
 */
export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL || DEFAULT_URL;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    await dropOrphanSchemas(client);
    project.provide('postgresUrl', url);
    console.log(
      `Database tests run on SQLite and on PostgreSQL (${url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')}).`,
    );
  } catch (error) {
    project.provide('postgresUrl', null);
    console.log(
      `NOTICE: PostgreSQL is not reachable at ${url} (${(error as Error).message}); ` +
        'the PostgreSQL half of the database tests is skipped. Set TEST_DATABASE_URL to run it.',
    );
  } finally {
    await client.end().catch(() => {});
  }
}

/** A run never lasts this long, so a schema this old is left over from a killed run. */
const ORPHAN_AGE_MS = 6 * 60 * 60 * 1000;

/**
 * Test schemas are named t_<pid>_<created, base 36>_…; those of killed runs are dropped. Age is
 * required besides a dead pid because another run (another PID namespace, e.g. a second
 * checkout's suite) may be using a schema whose pid this process cannot see.
 */
async function dropOrphanSchemas(client: pg.Client) {
  const { rows } = await client.query<{ name: string }>(
    "select schema_name as name from information_schema.schemata where schema_name like 't\\_%'",
  );
  for (const { name } of rows) {
    const match = /^t_(\d+)_([0-9a-z]+)_/.exec(name);
    if (!match) continue;
    const createdAt = Number.parseInt(match[2] ?? '', 36);
    if (processAlive(Number(match[1])) || Date.now() - createdAt < ORPHAN_AGE_MS) continue;
    await client.query(`drop schema if exists ${name} cascade`);
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

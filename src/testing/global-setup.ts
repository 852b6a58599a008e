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

/** Test schemas are named t_<pid>_…; those of test runs that no longer exist are dropped. */
async function dropOrphanSchemas(client: pg.Client) {
  const { rows } = await client.query<{ name: string }>(
    "select schema_name as name from information_schema.schemata where schema_name like 't\\_%'",
  );
  for (const { name } of rows) {
    const pid = Number(/^t_(\d+)_/.exec(name)?.[1]);
    if (!pid || processAlive(pid)) continue;
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

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createDb } from '../db/create-db.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { SCHEMA_LOCK } from './schema-lock.ts';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/test';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string | null;
    /** A migrated SQLite database's image (a file), which each test database starts from. */
    sqliteTemplate: string;
    /** A file with the SQL of a migrated PostgreSQL schema, `__SCHEMA__` for its name; null: tests migrate. */
    postgresTemplate: string | null;
  }
}

/**
 * Finds the PostgreSQL server the database tests also run on: TEST_DATABASE_URL, or a local
 * server on 127.0.0.1:5432. Without one, the PostgreSQL half is skipped with a notice.
 */
export default async function setup(project: TestProject) {
  // Migrating took ~0.2 s on SQLite and ~1.5 s on PostgreSQL for each of the suite's ~800 test
  // databases; a copy of one migrated database takes a few milliseconds.
  const templates = mkdtempSync(path.join(tmpdir(), 'tiquete-test-templates-'));
  project.provide('sqliteTemplate', await sqliteTemplate(templates));
  project.provide('postgresTemplate', null);
  const url = process.env.TEST_DATABASE_URL || DEFAULT_URL;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    await client.end().catch(() => {});
    project.provide('postgresUrl', null);
    console.log(
      `NOTICE: PostgreSQL is not reachable at ${url} (${(error as Error).message}); ` +
        'the PostgreSQL half of the database tests is skipped. Set TEST_DATABASE_URL to run it.',
    );
    return () => rmSync(templates, { recursive: true, force: true });
  }
  try {
    await dropOrphanSchemas(client);
    project.provide('postgresUrl', url);
    // A migration that fails here fails the run: it is not a missing server.
    project.provide('postgresTemplate', await postgresTemplate(client, url, templates));
    console.log(
      `Database tests run on SQLite and on PostgreSQL (${url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')}).`,
    );
  } finally {
    await client.end().catch(() => {});
  }
  return () => rmSync(templates, { recursive: true, force: true });
}

/** A migrated SQLite file, in rollback-journal mode so its bytes are a complete database image. */
async function sqliteTemplate(folder: string): Promise<string> {
  const file = path.join(folder, 'sqlite.db');
  const handle = createDb({ url: file });
  try {
    await migrateToLatest(handle.db, 'sqlite');
    await sql`pragma journal_mode = delete`.execute(handle.db);
  } finally {
    await handle.close();
  }
  return file;
}

/**
 * One schema migrated and dumped as SQL (pg_dump, with its rows: the migrations' own data and
 * kysely_migration), then dropped. Without a usable pg_dump the tests migrate each schema.
 */
async function postgresTemplate(client: pg.Client, url: string, folder: string): Promise<string | null> {
  const schema = `t_${process.pid}_${Date.now().toString(36)}_template`;
  await client.query(`create schema ${schema}`);
  try {
    await client.query('select pg_advisory_lock_shared($1)', [SCHEMA_LOCK]);
    const handle = createDb({ url, schema, poolSize: 2 });
    try {
      await migrateToLatest(handle.db, 'postgres');
    } finally {
      await handle.close();
      await client.query('select pg_advisory_unlock_shared($1)', [SCHEMA_LOCK]);
    }
    const dump = spawnSync(
      'pg_dump',
      ['--no-owner', '--no-privileges', '--inserts', '--schema', schema, '--dbname', url],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    if (dump.status !== 0) {
      console.log(
        `NOTICE: pg_dump did not run (${dump.error?.message ?? dump.stderr.trim()}); each test migrates its schema`,
      );
      return null;
    }
    // psql meta-commands (\restrict in recent dumps) are not SQL.
    const script = dump.stdout
      .split('\n')
      .filter((line) => !line.startsWith('\\'))
      .join('\n')
      .replaceAll(schema, '__SCHEMA__');
    const file = path.join(folder, 'postgres.sql');
    writeFileSync(file, script);
    return file;
  } finally {
    await client.query('select pg_advisory_lock($1)', [SCHEMA_LOCK]);
    await client.query(`drop schema if exists ${schema} cascade`);
    await client.query('select pg_advisory_unlock($1)', [SCHEMA_LOCK]);
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
    // The same lock as a test's own drop (test-db.ts): never under another run's migration.
    await client.query('select pg_advisory_lock($1)', [SCHEMA_LOCK]);
    await client.query(`drop schema if exists ${name} cascade`);
    await client.query('select pg_advisory_unlock($1)', [SCHEMA_LOCK]);
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

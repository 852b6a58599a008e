import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresAdapter, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database, Db, DialectName } from './database.ts';

export interface DbHandle {
  db: Db;
  dialect: DialectName;
  /** Where it connects, for the few things that need their own connection (LISTEN/NOTIFY). */
  connection: { url: string; schema?: string; applicationName?: string };
  /** Pool figures for /metrics; SQLite has one connection and no pool. */
  poolStats(): { total: number; idle: number; waiting: number };
  close(): Promise<void>;
}

export interface CreateDbOptions {
  url: string;
  /** PostgreSQL schema to use instead of public (tests get one each). */
  schema?: string;
  poolSize?: number;
  /**
   * Told of errors on connections nobody is using (the server ended them: a restart, a failover,
   * pg_terminate_backend). The broken connection is dropped and the next query opens a new one.
   */
  onConnectionError?: (error: Error) => void;
}

const PG_INT8 = 20;
const PG_TIMESTAMP = 1114;
const PG_TIMESTAMPTZ = 1184;

export function createDb(options: CreateDbOptions): DbHandle {
  return isPostgresUrl(options.url) ? createPostgres(options) : createSqlite(options.url);
}

export function isPostgresUrl(url: string): boolean {
  return url.startsWith('postgres://') || url.startsWith('postgresql://');
}

function createSqlite(url: string): DbHandle {
  const file = url === ':memory:' || url === 'sqlite://:memory:' ? ':memory:' : url.replace(/^sqlite:\/\//, '');
  if (file !== ':memory:') keepPrivate(file);
  return openSqlite(new SqliteDatabase(file), url);
}

/**
 * An in-memory database made from another's `serialize()` image (tests start from a migrated
 * image instead of migrating each time).
 */
export function createSqliteFromImage(image: Buffer): DbHandle {
  return openSqlite(new SqliteDatabase(image), ':memory:');
}

function openSqlite(database: SqliteDatabase.Database, url: string): DbHandle {
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  database.pragma('synchronous = NORMAL');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cacheStatements(database) }) });
  return {
    db,
    dialect: 'sqlite',
    connection: { url },
    poolStats: () => ({ total: 1, idle: 1, waiting: 0 }),
    close: () => db.destroy(),
  };
}

/**
 * The database holds every customer's mail and the mailboxes' passwords: its folder is created
 * 0700 and the file 0600 (SQLite gives its -wal and -shm files the database file's mode).
 */
function keepPrivate(file: string): void {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true, mode: 0o700 });
  closeSync(openSync(file, 'a', 0o600));
  chmodSync(file, 0o600);
}

/**
 * Kysely prepares every query anew; better-sqlite3 statements are reusable, so the most recent ones
 * are kept by their SQL text (preparing was ~7 % of the server's CPU per created ticket, bench/README.md).
 * A statement still being iterated (`busy`) is never handed out twice.
 */
function cacheStatements(database: SqliteDatabase.Database, size = 1000): SqliteDatabase.Database {
  const cache = new Map<string, SqliteDatabase.Statement>();
  const prepare = database.prepare.bind(database);
  database.prepare = ((source: string) => {
    const cached = cache.get(source);
    if (cached && !cached.busy) return cached;
    const statement = prepare(source);
    if (cache.size >= size) cache.clear();
    cache.set(source, statement);
    return statement;
  }) as typeof database.prepare;
  return database;
}

const UTC_TIMESTAMP = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?\+00$/;

/**
 * PostgreSQL's text for a timestamptz → ISO 8601 in UTC with milliseconds, as SQLite stores it.
 * A session in UTC (the usual server default) is rewritten as text: `new Date()` on PostgreSQL's
 * format takes the engine's slow path, ~2 µs a value, which a month's report at scale pays 70,000
 * times. Other offsets go through `Date`. Like `Date`, digits past the millisecond are dropped.
 */
export function pgTimestamptzToIso(value: string): string {
  const utc = UTC_TIMESTAMP.exec(value);
  if (!utc) return new Date(value).toISOString();
  return `${utc[1]}T${utc[2]}.${(utc[3] ?? '').slice(0, 3).padEnd(3, '0')}Z`;
}

// Counts come back as numbers and times as ISO strings, the same as from SQLite.
const pgTypes = {
  getTypeParser(oid: number, format?: string) {
    if (oid === PG_INT8) return (value: string) => Number(value);
    if (oid === PG_TIMESTAMPTZ) return pgTimestamptzToIso;
    if (oid === PG_TIMESTAMP) return (value: string) => new Date(`${value}Z`).toISOString();
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

function createPostgres(options: CreateDbOptions): DbHandle {
  // Names the server's connections in pg_stat_activity (per schema, as tests and tenants share a database).
  const applicationName = options.schema ? `tiquete:${options.schema}` : 'tiquete';
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    types: pgTypes as pg.CustomTypesConfig,
    // While the database is unreachable a request waits this long for a connection, then gets a 503.
    connectionTimeoutMillis: 5000,
    keepAlive: true,
    application_name: applicationName,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // Without listeners an ended connection's 'error' is an uncaught exception that kills the process:
  // idle connections report through the pool, checked-out ones (between two queries of a
  // transaction) only on the client itself.
  const onError = (error: Error) => options.onConnectionError?.(error);
  pool.on('error', onError);
  pool.on('connect', (client) => {
    client.on('error', onError);
    prepareRepeatedLookups(client);
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    connection: { url: options.url, schema: options.schema, applicationName },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: () => db.destroy(),
  };
}

/**
 * Statements whose plan cannot depend on their values: anything with a range, an order, a limit, an
 * aggregate or a text search is left out (a generic plan for a search or a queue page can be far worse
 * than the one PostgreSQL makes for the actual values: bench/README.md). What is left are lookups and
 * writes by key, which is most of what a ticket write runs.
 */
const VALUE_DEPENDENT_PLAN =
  /<|>|@@|\border by\b|\blimit\b|\bgroup by\b|\blike\b|\bbetween\b|\b(count|sum|min|max)\(|\bexists\b/i;
const MAX_NAMED_STATEMENTS = 500;
const statementNames = new Map<string, string>();
const seenOnce = new Set<string>();

/**
 * Sends a repeated key lookup or write as a named (prepared) statement, so each connection parses
 * it once and PostgreSQL may keep its plan: planning a lookup on `tickets` weighs its ~20 indexes
 * every time, and a create runs ~45 statements. PostgreSQL CPU per created ticket 10.3 -> 6.1 ms
 * (bench/statements.ts). A text is named the second time it is seen, so one-off texts are not kept
 * in every connection; at most MAX_NAMED_STATEMENTS are.
 */
function prepareRepeatedLookups(client: pg.PoolClient): void {
  // The prototype's method is looked up on each call: a statement counter (src/testing) patches it.
  const prototype = Object.getPrototypeOf(client) as { query: (...args: unknown[]) => unknown };
  const query = (...args: unknown[]) => prototype.query.apply(client, args);
  client.query = ((text: unknown, values?: unknown, callback?: unknown) => {
    if (typeof text === 'string' && Array.isArray(values) && values.length > 0 && callback === undefined) {
      const name = statementName(text);
      if (name) return query({ name, text, values });
    }
    return callback === undefined ? query(text, values) : query(text, values, callback);
  }) as typeof client.query;
}

function statementName(text: string): string | undefined {
  const known = statementNames.get(text);
  if (known || statementNames.size >= MAX_NAMED_STATEMENTS || VALUE_DEPENDENT_PLAN.test(text)) return known;
  if (!seenOnce.has(text)) {
    if (seenOnce.size >= 10 * MAX_NAMED_STATEMENTS) seenOnce.clear();
    seenOnce.add(text);
    return undefined;
  }
  const name = `tiquete_${statementNames.size + 1}`;
  statementNames.set(text, name);
  return name;
}

// SQLSTATE classes and codes of a database that went away or is starting: 08 connection exception,
// 57P01-03 admin/crash shutdown and "cannot connect now", 53300 too many connections.
const UNAVAILABLE_SQLSTATE = /^(08|57P0[1-3]$|53300$)/;
const UNAVAILABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'EAI_AGAIN']);
// node-postgres reports a lost or refused connection only in its message.
const UNAVAILABLE_MESSAGE =
  /Connection terminated|connection error|not queryable|timeout exceeded when trying to connect|Client was closed/i;

/**
 * Whether an error means the database cannot be reached right now (restart, failover, overload)
 * rather than that the query was wrong: callers answer 503 and try again later.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_ERRNO.has(code))) return true;
  if (code === 'SQLITE_BUSY') return true;
  return UNAVAILABLE_MESSAGE.test(error.message);
}

/** Throws when the database cannot answer a trivial query. */
export async function pingDb(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}

/** Which engine a connection (or transaction) talks to, for the few queries that differ. */
export function dialectOf(db: Db): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

import { execFile } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import type { Config } from '../config/config.ts';
import { createDb, isPostgresUrl } from '../db/create-db.ts';
import { migrateToLatest } from '../db/migrate.ts';

const run = promisify(execFile);

/**
 * A backup is one gzipped tar: `manifest.json`, the database (`database.sqlite`, an online copy
 * made with SQLite's backup API while the server keeps serving, or `database.pgdump`, pg_dump's
 * custom format) and `data/`, everything else in DATA_DIR: stored attachment files, the generated
 * session secret and any other key kept there.
 */
interface Manifest {
  format: 'tiquete-backup@1';
  engine: 'sqlite' | 'postgres';
  createdAt: string;
}

export class BackupError extends Error {}

export interface BackupSummary {
  file: string;
  engine: Manifest['engine'];
  dataFiles: number;
}

function sqliteFile(config: Config): string {
  return path.resolve(config.databaseUrl.replace(/^sqlite:\/\//, ''));
}

/** The SQLite database and its journal files are copied through the backup API, never as files. */
function isDatabaseFile(config: Config, file: string): boolean {
  if (isPostgresUrl(config.databaseUrl)) return false;
  const database = sqliteFile(config);
  return [database, `${database}-wal`, `${database}-shm`, `${database}-journal`].includes(path.resolve(file));
}

function countFiles(directory: string): number {
  if (!existsSync(directory)) return 0;
  return readdirSync(directory, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).length;
}

export async function backup(config: Config, file: string): Promise<BackupSummary> {
  const engine = isPostgresUrl(config.databaseUrl) ? 'postgres' : 'sqlite';
  const staging = mkdtempSync(path.join(os.tmpdir(), 'tiquete-backup-'));
  try {
    if (engine === 'sqlite') {
      if (!existsSync(sqliteFile(config))) throw new BackupError(`no database at ${sqliteFile(config)}`);
      const source = new SqliteDatabase(sqliteFile(config), { fileMustExist: true });
      try {
        await source.backup(path.join(staging, 'database.sqlite'));
      } finally {
        source.close();
      }
    } else {
      await pgTool('pg_dump', [
        '--format=custom',
        '--no-owner',
        '--no-privileges',
        `--file=${path.join(staging, 'database.pgdump')}`,
        `--dbname=${config.databaseUrl}`,
      ]);
    }
    const data = path.join(staging, 'data');
    mkdirSync(data);
    if (existsSync(config.dataDir)) {
      cpSync(config.dataDir, data, { recursive: true, filter: (source) => !isDatabaseFile(config, source) });
    }
    const manifest: Manifest = { format: 'tiquete-backup@1', engine, createdAt: new Date().toISOString() };
    writeFileSync(path.join(staging, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    const target = path.resolve(file);
    mkdirSync(path.dirname(target), { recursive: true });
    await run('tar', ['-czf', target, '-C', staging, '.']);
    chmodSync(target, 0o600); // it holds the session secret and every customer's data
    return { file: target, engine, dataFiles: countFiles(data) };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

export interface RestoreSummary {
  engine: Manifest['engine'];
  createdAt: string;
  dataFiles: number;
}

/**
 * Puts a backup in place of the configured database and DATA_DIR, then migrates it (the backup
 * may come from an older version). Refuses a database that already has agents unless `force`:
 * restoring replaces everything in it. The server must be stopped meanwhile.
 */
export async function restore(config: Config, file: string, opts: { force: boolean }): Promise<RestoreSummary> {
  if (!existsSync(file)) throw new BackupError(`no backup at ${file}`);
  const staging = mkdtempSync(path.join(os.tmpdir(), 'tiquete-restore-'));
  try {
    await run('tar', ['-xzf', path.resolve(file), '-C', staging]).catch((error: Error) => {
      throw new BackupError(`${file} is not a Tiquete backup (${error.message.split('\n')[0]})`);
    });
    const manifestFile = path.join(staging, 'manifest.json');
    const manifest = existsSync(manifestFile) ? (JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest) : null;
    if (manifest?.format !== 'tiquete-backup@1') throw new BackupError(`${file} is not a Tiquete backup`);
    const engine = isPostgresUrl(config.databaseUrl) ? 'postgres' : 'sqlite';
    if (manifest.engine !== engine) {
      throw new BackupError(`the backup is of a ${manifest.engine} database, but DATABASE_URL is ${engine}`);
    }
    if (!opts.force && (await hasAgents(config))) {
      throw new BackupError('the database already has data; restoring replaces all of it (add --force to do so)');
    }

    if (engine === 'sqlite') {
      const database = sqliteFile(config);
      mkdirSync(path.dirname(database), { recursive: true });
      for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${database}${suffix}`, { force: true });
      cpSync(path.join(staging, 'database.sqlite'), database);
      chmodSync(database, 0o600);
    } else {
      await pgTool('pg_restore', [
        '--clean',
        '--if-exists',
        '--no-owner',
        '--no-privileges',
        '--single-transaction',
        `--dbname=${config.databaseUrl}`,
        path.join(staging, 'database.pgdump'),
      ]);
    }
    mkdirSync(config.dataDir, { recursive: true });
    cpSync(path.join(staging, 'data'), config.dataDir, { recursive: true });

    const handle = createDb({ url: config.databaseUrl });
    try {
      await migrateToLatest(handle.db, handle.dialect);
    } finally {
      await handle.close();
    }
    return { engine, createdAt: manifest.createdAt, dataFiles: countFiles(path.join(staging, 'data')) };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

async function hasAgents(config: Config): Promise<boolean> {
  if (!isPostgresUrl(config.databaseUrl)) {
    const file = sqliteFile(config);
    if (!existsSync(file)) return false;
    const database = new SqliteDatabase(file, { readonly: true });
    try {
      const table = database.prepare("select 1 from sqlite_master where type = 'table' and name = 'agents'").get();
      return Boolean(table && database.prepare('select 1 from agents limit 1').get());
    } finally {
      database.close();
    }
  }
  const client = new pg.Client({ connectionString: config.databaseUrl });
  await client.connect();
  try {
    const table = await client.query("select to_regclass('agents') as name");
    if (!table.rows[0]?.name) return false;
    return ((await client.query('select 1 from agents limit 1')).rowCount ?? 0) > 0;
  } finally {
    await client.end();
  }
}

/** Runs pg_dump or pg_restore (Debian's postgresql-client), with a clear error when it is missing. */
async function pgTool(tool: string, args: string[]): Promise<void> {
  try {
    await run(tool, args, { maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: string };
    if (failure.code === 'ENOENT') {
      throw new BackupError(`${tool} is not installed (Debian: apt-get install postgresql-client)`);
    }
    throw new BackupError(`${tool} failed: ${(failure.stderr || failure.message).trim()}`);
  }
}

import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { loadConfig } from '../config/config.ts';
import { createDb } from './create-db.ts';

let root = '';
afterEach(() => rmSync(root, { recursive: true, force: true }));

const modeOf = (file: string) => statSync(file).mode & 0o777;

it('creates DATA_DIR 0700 and the SQLite file 0600, and tightens a file made world-readable before', async () => {
  root = mkdtempSync(path.join(tmpdir(), 'tiquete-private-'));
  const dataDir = path.join(root, 'data');
  const config = loadConfig({ DATA_DIR: dataDir, WEB_DIR: root });
  expect(modeOf(dataDir)).toBe(0o700);
  const database = createDb({ url: config.databaseUrl });
  await sql`create table probe (x integer)`.execute(database.db); // the first write makes the -wal file
  const file = path.join(dataDir, 'tiquete.db');
  expect(modeOf(file)).toBe(0o600);
  expect(modeOf(`${file}-wal`)).toBe(0o600);
  await database.close();

  // An install made before this rule: the file was 0644.
  const older = path.join(root, 'older.db');
  writeFileSync(older, '', { mode: 0o644 });
  chmodSync(older, 0o644);
  const reopened = createDb({ url: `sqlite://${older}` });
  expect(modeOf(older)).toBe(0o600);
  await reopened.close();
});

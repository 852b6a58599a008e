import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureDefaults } from '../core/defaults.ts';
import { createServices } from '../core/services.ts';
import { systemClock } from '../core/shared/clock.ts';
import { createDb } from '../db/create-db.ts';
import { migrateToLatest } from '../db/migrate.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('tiquete mail reprocess', () => {
  it('puts failed incoming mails back in line and turns them into tickets', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'tiquete-mail-cli-'));
    const url = `sqlite://${path.join(dataDir, 'tiquete.db')}`;
    const database = createDb({ url });
    try {
      await migrateToLatest(database.db, database.dialect);
      await ensureDefaults(database.db, systemClock.now().toISOString());
      const services = createServices({ db: database.db, clock: systemClock });
      const id = await services.inbound.store({
        source: 'smtp',
        envelopeFrom: 'cliente@empresa.test',
        envelopeTo: ['soporte@tiquete.test'],
        raw: Buffer.from('From: cliente@empresa.test\r\nSubject: Factura\r\n\r\nNo llega la factura.\r\n'),
      });
      await services.inbound.markFailed(id, new Error('caída momentánea'));
    } finally {
      await database.close();
    }
    const result = spawnSync(
      path.join(ROOT, 'node_modules/.bin/tsx'),
      [path.join(ROOT, 'src/cli/entry.ts'), 'mail', 'reprocess'],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_FORMAT: 'json', DATA_DIR: dataDir },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe('Requeued 1; processed 1; failed again 0.');
    const check = createDb({ url });
    try {
      const tickets = await check.db.selectFrom('tickets').select('subject').execute();
      expect(tickets).toEqual([{ subject: 'Factura' }]);
    } finally {
      await check.close();
    }
  });
});

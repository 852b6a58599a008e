import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { expect, inject, it } from 'vitest';
import { loadConfig } from '../config/config.ts';
import { startServer } from '../server.ts';
import { forEachDialect } from '../testing/for-each-dialect.ts';
import { multipartBody } from '../testing/multipart.ts';
import { backup, restore } from './backup.ts';

const ADMIN = { email: 'respaldo@tiquete.example', password: 'respaldo-clave-segura' };

/** An empty install of its own: a DATA_DIR, and a whole PostgreSQL database (pg_dump dumps databases). */
async function emptyInstall(dialect: 'sqlite' | 'postgres') {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tiquete-backup-test-'));
  let databaseUrl = `sqlite://${path.join(dataDir, 'tiquete.db')}`;
  let drop = async () => {};
  if (dialect === 'postgres') {
    const server = inject('postgresUrl') as string;
    const name = `tq_backup_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(server);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    drop = async () => {
      const client = new pg.Client({ connectionString: server });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    };
  }
  const config = loadConfig({
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    WEB_DIR: '/nonexistent-web-dir',
    TIQUETE_DEMO: '0',
    TIQUETE_ADMIN_EMAIL: ADMIN.email,
    TIQUETE_ADMIN_PASSWORD: ADMIN.password,
    ATTACHMENT_STORAGE: 'files',
    LOG_LEVEL: 'silent',
    LOG_FORMAT: 'json',
  });
  return {
    config,
    async dispose() {
      rmSync(dataDir, { recursive: true, force: true });
      await drop();
    },
  };
}

async function signIn(url: string) {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  expect(response.status).toBe(200);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] as string;
  return { cookie, 'x-csrf-token': csrfToken };
}

async function createTicket(url: string, headers: Record<string, string>, subject: string) {
  const response = await fetch(`${url}/api/v1/tickets`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ subject, body: 'Adjunto el comprobante.', requester: { email: 'cliente@acme.example' } }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; number: string };
}

forEachDialect('backup and restore', (ctx) => {
  it('restores a backup taken while serving, with attachment files, and nothing written after it', async () => {
    const source = await emptyInstall(ctx.dialect);
    const target = await emptyInstall(ctx.dialect);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'tiquete-backup-file-')), 'respaldo.tar.gz');
    try {
      const server = await startServer(source.config, { quiet: true });
      let kept: { id: string; number: string };
      let attachment: { id: string; size: number };
      const receipt = Buffer.concat([Buffer.from('%PDF-1.4 comprobante SINPE '), randomBytes(4096)]);
      try {
        const headers = await signIn(server.url);
        kept = await createTicket(server.url, headers, 'Factura electrónica rechazada');
        const { payload, contentType } = multipartBody([
          { name: 'kind', value: 'reply' },
          { name: 'body', value: 'Te adjunto el comprobante.' },
          { name: 'file', filename: 'comprobante.pdf', contentType: 'application/pdf', data: receipt },
        ]);
        const reply = await fetch(`${server.url}/api/v1/tickets/${kept.id}/messages`, {
          method: 'POST',
          headers: { ...headers, 'content-type': contentType },
          body: new Uint8Array(payload),
        });
        expect(reply.status).toBe(201);
        attachment = ((await reply.json()) as { attachments: { id: string; size: number }[] }).attachments[0] as {
          id: string;
          size: number;
        };

        const made = await backup(source.config, file); // while the server serves
        expect(made.dataFiles).toBeGreaterThanOrEqual(1);
        expect(statSync(file).mode & 0o777).toBe(0o600);
        await createTicket(server.url, headers, 'Escrito después del respaldo');
      } finally {
        await server.stop();
      }

      const restored = await restore(target.config, file, { force: false });
      expect(restored.engine).toBe(ctx.dialect);
      const again = await startServer(target.config, { quiet: true });
      try {
        const headers = await signIn(again.url);
        const list = await fetch(`${again.url}/api/v1/tickets?limit=50`, { headers });
        const subjects = ((await list.json()) as { items: { subject: string }[] }).items.map((t) => t.subject);
        expect(subjects).toEqual(['Factura electrónica rechazada']);
        const download = await fetch(`${again.url}/api/v1/attachments/${attachment.id}`, { headers });
        expect(download.status).toBe(200);
        expect(Buffer.from(await download.arrayBuffer()).equals(receipt)).toBe(true);
      } finally {
        await again.stop();
      }

      // Restoring over data needs --force: it replaces all of it.
      await expect(restore(target.config, file, { force: false })).rejects.toThrow(/already has data.*--force/);
      await expect(restore(target.config, file, { force: true })).resolves.toMatchObject({ engine: ctx.dialect });
    } finally {
      await source.dispose();
      await target.dispose();
      rmSync(path.dirname(file), { recursive: true, force: true });
    }
  }, 180_000);

  it('refuses a file that is not a backup with a clear message', async () => {
    const install = await emptyInstall(ctx.dialect);
    const dir = mkdtempSync(path.join(tmpdir(), 'tiquete-backup-bad-'));
    try {
      const notBackup = path.join(dir, 'notas.txt');
      writeFileSync(notBackup, 'no soy un respaldo');
      await expect(restore(install.config, notBackup, { force: false })).rejects.toThrow(/is not a Tiquete backup/);
    } finally {
      await install.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // SQLite is always there to make the other engine's backup; PostgreSQL is not.
  if (ctx.dialect === 'postgres')
    it('refuses a backup of the other engine, naming both', async () => {
      const install = await emptyInstall('postgres');
      const other = await emptyInstall('sqlite');
      const dir = mkdtempSync(path.join(tmpdir(), 'tiquete-backup-bad-'));
      try {
        await (await startServer(other.config, { quiet: true })).stop();
        const file = path.join(dir, 'sqlite.tar.gz');
        await backup(other.config, file);
        await expect(restore(install.config, file, { force: false })).rejects.toThrow(
          'the backup is of a sqlite database, but DATABASE_URL is postgres',
        );
      } finally {
        await install.dispose();
        await other.dispose();
        rmSync(dir, { recursive: true, force: true });
      }
    }, 120_000);
});

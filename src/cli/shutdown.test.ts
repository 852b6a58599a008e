import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/tiquete.js');
const ADMIN = { email: 'jefa@tiquete.test', password: 'Clave-de-prueba-2024' };

type Moment = 'while starting' | 'idle' | 'with open connections';
const MOMENTS: Moment[] = ['while starting', 'idle', 'with open connections'];

/** Signs in and keeps a keep-alive HTTP connection and a live WebSocket open. */
async function openConnections(url: string): Promise<WebSocket> {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  expect(login.status).toBe(200);
  const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
  const socket = new WebSocket(`${url.replace('http', 'ws')}/api/v1/live`, { headers: { cookie } });
  socket.on('error', () => {});
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('unexpected-response', (_request, response) => reject(new Error(`live: ${response.statusCode}`)));
  });
  return socket;
}

/**
 * One real `bin/tiquete.js serve` stopped with SIGTERM at `moment`; resolves with its exit code.
 * The process itself bounds shutdown to 10 s (a clean drain exits 0, the deadline exits 1).
 */
async function startAndStop(dataDir: string, moment: Moment): Promise<number | null> {
  const child = spawn(process.execPath, [BIN, 'serve'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'info',
      TIQUETE_DEMO: '0',
      TIQUETE_ADMIN_EMAIL: ADMIN.email,
      TIQUETE_ADMIN_PASSWORD: ADMIN.password,
    },
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let output = '';
  let socket: WebSocket | null = null;
  // "Server listening" is logged before the first-run work and the banner: a signal there lands mid start-up.
  const ready = moment === 'while starting' ? /Server listening at/ : /running at (http:\/\/\S+)/;
  const url = await new Promise<string>((resolve, reject) => {
    child.on('exit', () => reject(new Error(`server exited before the signal: ${output}`)));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match) resolve(match[1] ?? '');
    });
  });
  if (moment === 'with open connections') socket = await openConnections(url);
  child.kill('SIGTERM');
  const code = await exited;
  socket?.terminate();
  return code;
}

describe('tiquete serve shutdown', { timeout: 900_000 }, () => {
  beforeAll(() => {
    // bin/tiquete.js runs the compiled server: build it from this checkout.
    const build = spawnSync(
      process.execPath,
      [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    expect(build.status, build.stdout + build.stderr).toBe(0);
  }, 600_000);

  it('drains and exits 0 on SIGTERM, 20 starts in a row, whenever the signal comes', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'tiquete-shutdown-'));
    const codes: { run: number; moment: Moment; code: number | null }[] = [];
    for (let run = 0; run < 20; run++) {
      const moment = MOMENTS[run % MOMENTS.length] as Moment;
      codes.push({ run, moment, code: await startAndStop(dataDir, moment) });
    }
    expect(codes.filter((c) => c.code !== 0)).toEqual([]);
  });
});

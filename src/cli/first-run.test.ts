import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const ENTRY = path.join(ROOT, 'src/cli/entry.ts');
const ADMIN = 'admin@tiquete.example';

function baseEnv(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    LOG_FORMAT: 'json',
    TIQUETE_DEMO: '0',
    ...extra,
  };
}

function run(args: string[], dataDir: string, extra: Record<string, string> = {}) {
  const result = spawnSync(TSX, [ENTRY, ...args], {
    cwd: ROOT,
    env: baseEnv(dataDir, extra),
    encoding: 'utf8',
    timeout: 90_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `tiquete serve` until its banner (the last start-up output) is printed. */
async function serve(dataDir: string, port: number) {
  // Node itself (not the tsx wrapper, which relays signals on its own) receives the SIGTERM.
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', ENTRY, 'serve'], {
    cwd: ROOT,
    env: baseEnv(dataDir, { PORT: String(port) }),
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    child.on('exit', () => reject(new Error(`server exited: ${output}`)));
    child.stdout?.on('data', () => {
      if (/running at [^\n]*\n(?:[^\n]+\n)*\n/.test(output)) resolve();
    });
  });
  return {
    output: () => output,
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

/** One request on its own connection: the server outlives a CLI run that takes longer than a keep-alive. */
function request(port: number, path: string, opts: { headers?: Record<string, string>; body?: unknown } = {}) {
  return new Promise<{ status: number; cookie: string }>((resolve, reject) => {
    const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method: payload ? 'POST' : 'GET',
        agent: false,
        headers: { ...opts.headers, ...(payload && { 'content-type': 'application/json' }) },
      },
      (response) => {
        response.resume();
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            cookie: response.headers['set-cookie']?.[0]?.split(';')[0] ?? '',
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const login = (port: number, password: string) =>
  request(port, '/api/v1/auth/login', { body: { email: ADMIN, password } });

async function sessionStatus(port: number, headers: Record<string, string>) {
  return (await request(port, '/api/v1/auth/session', { headers })).status;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

// Each case starts the CLI through tsx several times, which is slow on a loaded 2-core machine.
describe('tiquete first run', { timeout: 240_000 }, () => {
  it('creates nothing when the port is taken, then prints the login last and keeps it in initial-admin.txt', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'tiquete-first-run-'));
    const blocker = createServer();
    const port = await listen(blocker);

    const refused = run(['serve'], dataDir, { PORT: String(port) });
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toBe(
      `tiquete: PORT ${port} is already in use on 127.0.0.1; choose another with PORT=...`,
    );
    // No database, no admin: only the session secret of the configuration may be there.
    expect(readdirSync(dataDir).filter((name) => name !== 'session-secret')).toEqual([]);

    await new Promise((resolve) => blocker.close(resolve));
    const first = await serve(dataDir, port);
    const output = first.output();
    const password = /Password: +(\S+)/.exec(output)?.[1] ?? '';
    expect(password).toMatch(/^\S{12,}$/);
    // The JSON log lines come first; the banner closes the start-up output.
    const banner = output.indexOf('Tiquete is running at');
    expect(output.lastIndexOf('{"level"')).toBeLessThan(banner);
    expect(output.slice(banner)).toContain(`Admin login: ${ADMIN}`);

    const file = path.join(dataDir, 'initial-admin.txt');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toContain(`Password:    ${password}`);
    expect((await login(port, password)).status).toBe(200);
    expect(await first.stop()).toBe(0);

    const second = await serve(dataDir, port);
    expect(second.output()).not.toContain('Password:');
    expect(second.output()).toContain(`The first admin's login is in ${file}`);
    expect(await second.stop()).toBe(0);
  });

  it('reset-password prints a new password and ends the sessions and tokens of that agent', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'tiquete-reset-'));
    const probe = createServer();
    const freePort = await listen(probe);
    await new Promise((resolve) => probe.close(resolve));
    const running = await serve(dataDir, freePort);
    try {
      const oldPassword = /Password: +(\S+)/.exec(running.output())?.[1] ?? '';
      const session = await login(freePort, oldPassword);
      expect(session.status).toBe(200);
      const token = /tqt_\S+/.exec(run(['token', 'create', '--agent', ADMIN], dataDir).stdout)?.[0] ?? '';
      expect(await sessionStatus(freePort, { authorization: `Bearer ${token}` })).toBe(200);

      const reset = run(['reset-password', 'ADMIN@tiquete.example'], dataDir);
      expect(reset.code).toBe(0);
      expect(reset.stdout).toContain(`New password for ${ADMIN}`);
      const newPassword = reset.stdout.trim().split('\n').at(-1) ?? '';
      expect(newPassword).toMatch(/^\S{12,}$/);
      expect(newPassword).not.toBe(oldPassword);

      expect(await sessionStatus(freePort, { cookie: session.cookie })).toBe(401);
      expect(await sessionStatus(freePort, { authorization: `Bearer ${token}` })).toBe(401);
      expect((await login(freePort, oldPassword)).status).toBe(401);
      expect((await login(freePort, newPassword)).status).toBe(200);

      const unknown = run(['reset-password', 'nadie@example.com'], dataDir);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr.trim()).toBe('tiquete: No agent has the email nadie@example.com');
      expect(existsSync(path.join(dataDir, 'tiquete.db'))).toBe(true);
    } finally {
      expect(await running.stop()).toBe(0);
    }
  });
});

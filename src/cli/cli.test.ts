import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const ENTRY = path.join(ROOT, 'src/cli/entry.ts');

function run(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(TSX, [ENTRY, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_FORMAT: 'json', ...env },
    encoding: 'utf8',
    // Seeding the demo week through tsx takes a while on a loaded 2-core machine.
    timeout: 240_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function dataDir() {
  return mkdtempSync(path.join(tmpdir(), 'tiquete-cli-'));
}

// Each case starts the CLI through tsx several times, which is slow on a loaded 2-core machine.
describe('tiquete CLI', { timeout: 400_000 }, () => {
  it('explains each command with --help', () => {
    const help = run(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['serve', 'migrate', 'seed', 'agent', 'token']) expect(help.stdout).toContain(command);
    expect(run(['agent', 'create', '--help']).stdout).toContain('--email <email>');
  });

  it('stops with one line naming a bad PORT or DATABASE_URL, and exit code 2', () => {
    const port = run(['migrate'], { DATA_DIR: dataDir(), PORT: 'abc' });
    expect(port.code).toBe(2);
    expect(port.stderr.trim()).toBe('tiquete: configuration: PORT must be a whole number from 0 to 65535 (got "abc")');
    const url = run(['migrate'], { DATA_DIR: dataDir(), DATABASE_URL: 'oracle://db' });
    expect(url.code).toBe(2);
    expect(url.stderr.trim().split('\n')).toHaveLength(1);
    expect(url.stderr).toContain('DATABASE_URL must start with postgres://');
  });

  it('says clearly when the PostgreSQL server cannot be reached', () => {
    const result = run(['migrate'], { DATA_DIR: dataDir(), DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(/^tiquete: cannot connect to the database in DATABASE_URL/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('migrates, seeds the demo data once, creates an agent with a printed password and a token', () => {
    const env = { DATA_DIR: dataDir() };
    expect(run(['migrate'], env).stdout).toContain('Applied: 0001-accounts');
    expect(run(['migrate'], env).stdout).toContain('up to date');
    expect(run(['seed', '--demo'], env).stdout).toContain('8 departments, 13 agents and 38 tickets created');
    expect(run(['seed', '--demo'], env).stdout).toContain('0 departments, 0 agents and 0 tickets created');

    const created = run(
      ['agent', 'create', '--admin', '--email', 'jefa@example.com', '--name', 'Alicia Rodríguez'],
      env,
    );
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('Agent created: Alicia Rodríguez <jefa@example.com> (admin)');
    expect(created.stdout).toMatch(/Password: \S{12,}/);

    const duplicate = run(['agent', 'create', '--email', 'jefa@example.com', '--name', 'Otra'], env);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain('already exists');

    const token = run(['token', 'create', '--agent', 'jefa@example.com'], env);
    expect(token.code).toBe(0);
    expect(token.stdout).toMatch(/tqt_\S+/);
    expect(run(['token', 'create', '--agent', 'nadie@example.com'], env).stderr).toContain('No agent has the email');
  });

  it('serves with demo data and a printed admin login, then drains and exits 0 on SIGTERM', async () => {
    const child: ChildProcess = spawn(TSX, [ENTRY, 'serve'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATA_DIR: dataDir(),
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        LOG_FORMAT: 'json',
      },
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 180_000);
      child.stdout?.on('data', () => {
        const match = /running at (http:\/\/\S+)/.exec(output);
        if (match?.[1] && output.includes('Password:')) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
    });
    expect(output).toContain('Demo data created: 8 departments, 13 agents, 38 tickets.');
    expect(output).toMatch(/Admin login: admin@tiquete\.example\nPassword: +\S{12,}/);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});

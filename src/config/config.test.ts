import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

function tempDir() {
  return mkdtempSync(path.join(tmpdir(), 'tiquete-config-'));
}

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env, { cwd: tempDir() });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('defaults to port 3000 and a SQLite file in ./data', () => {
    const cwd = tempDir();
    const config = loadConfig({}, { cwd });
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBe(`sqlite://${path.join(cwd, 'data', 'tiquete.db')}`);
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.demo).toBe(true);
  });

  it('generates the session secret once and keeps it in DATA_DIR', () => {
    const cwd = tempDir();
    const first = loadConfig({}, { cwd }).sessionSecret;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(path.join(cwd, 'data', 'session-secret'), 'utf8').trim()).toBe(first);
    expect(loadConfig({}, { cwd }).sessionSecret).toBe(first);
  });

  it('names the variable of each bad value, all at once', () => {
    const problems = problemsOf({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^PORT must be a whole number/);
    expect(problems.some((p) => p.startsWith('DATABASE_URL must start with postgres://'))).toBe(true);
    expect(problems.some((p) => p.startsWith('LOG_LEVEL'))).toBe(true);
  });

  it('refuses a port out of range and a malformed PostgreSQL URL', () => {
    expect(problemsOf({ PORT: '70000' })[0]).toMatch(/PORT/);
    expect(problemsOf({ DATABASE_URL: 'postgres://' })[0]).toMatch(/DATABASE_URL is not a valid PostgreSQL URL/);
  });

  it('needs the unattended admin email and password together', () => {
    expect(problemsOf({ TIQUETE_ADMIN_EMAIL: 'a@b.c' })[0]).toMatch(/TIQUETE_ADMIN_EMAIL and TIQUETE_ADMIN_PASSWORD/);
    const config = loadConfig(
      { TIQUETE_ADMIN_EMAIL: 'Admin@Example.com', TIQUETE_ADMIN_PASSWORD: 'long enough' },
      { cwd: tempDir() },
    );
    expect(config.admin).toEqual({ email: 'admin@example.com', password: 'long enough' });
  });

  it('reads tiquete.config.json, with the environment winning', () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, 'tiquete.config.json'), JSON.stringify({ PORT: 4000, HOST: '127.0.0.1' }));
    const config = loadConfig({ PORT: '4001' }, { cwd });
    expect(config.port).toBe(4001);
    expect(config.host).toBe('127.0.0.1');
  });

  it('reports a config file that is not JSON', () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, 'tiquete.config.json'), '{ PORT: 1');
    expect(() => loadConfig({}, { cwd })).toThrow(/tiquete.config.json is not valid JSON/);
  });

  it('takes the inbound STARTTLS certificate and key as files, both or neither', () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, 'cert.pem'), 'cert');
    writeFileSync(path.join(cwd, 'key.pem'), 'key');
    const config = loadConfig({ INBOUND_SMTP_TLS_CERT: 'cert.pem', INBOUND_SMTP_TLS_KEY: 'key.pem' }, { cwd });
    expect(config.smtp.inboundTls).toEqual({
      certFile: path.join(cwd, 'cert.pem'),
      keyFile: path.join(cwd, 'key.pem'),
    });
    expect(loadConfig({}, { cwd }).smtp.inboundTls).toBeNull();
    expect(problemsOf({ INBOUND_SMTP_TLS_CERT: '/etc/ssl/x.pem' })[0]).toMatch(
      /INBOUND_SMTP_TLS_CERT and INBOUND_SMTP_TLS_KEY must be set together/,
    );
    const missing = problemsOf({
      INBOUND_SMTP_TLS_CERT: '/nonexistent/c.pem',
      INBOUND_SMTP_TLS_KEY: '/nonexistent/k.pem',
    });
    expect(missing).toEqual([
      expect.stringMatching(/^INBOUND_SMTP_TLS_CERT names a file that does not exist/),
      expect.stringMatching(/^INBOUND_SMTP_TLS_KEY names a file that does not exist/),
    ]);
  });

  it('turns demo data off with TIQUETE_DEMO=0', () => {
    expect(loadConfig({ TIQUETE_DEMO: '0' }, { cwd: tempDir() }).demo).toBe(false);
    expect(loadConfig({}, { cwd: tempDir() }).demoTickets).toBe(true);
    expect(loadConfig({ TIQUETE_DEMO_TICKETS: '0' }, { cwd: tempDir() }).demoTickets).toBe(false);
    expect(problemsOf({ TIQUETE_DEMO: 'maybe' })[0]).toMatch(/TIQUETE_DEMO/);
  });
});

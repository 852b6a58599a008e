import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export type LogFormat = 'json' | 'pretty';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string;
  publicUrl: string;
  sessionSecret: string;
  logLevel: string;
  logFormat: LogFormat;
  demo: boolean;
  /** With the demo: a week of tickets (TIQUETE_DEMO_TICKETS=0 leaves the queues empty, e.g. for browser tests). */
  demoTickets: boolean;
  admin: { email: string; password: string } | null;
  bodyLimitBytes: number;
  /** Largest attachment accepted, per file (the seeds' 25 MB by default). */
  attachmentLimitBytes: number;
  /** Where attachment bytes live: files under DATA_DIR/attachments, or the attachment_blobs table. */
  attachmentStorage: 'files' | 'database';
  loginRateLimitPerIp: number;
  webDir: string;
  smtp: {
    inboundPort: number | null;
    inboundHost: string;
    inboundDomains: string[];
    /** Certificate and key files (PEM) for STARTTLS on the inbound listener; null = plain SMTP only. */
    inboundTls: { certFile: string; keyFile: string } | null;
    outboundUrl: string | null;
  };
}

/** Raised when the environment or config file is invalid; each problem names its variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const CONFIG_FILE = 'tiquete.config.json';
const SECRET_FILE = 'session-secret';

type Env = Record<string, string | undefined>;

/**
 * Reads configuration from `env` (normally `process.env`) over an optional `tiquete.config.json`
 * in `cwd`, whose keys are the same variable names. Every bad value is reported at once.
 */
export function loadConfig(env: Env = process.env, opts: { cwd?: string } = {}): Config {
  const cwd = opts.cwd ?? process.cwd();
  const problems: string[] = [];
  const source: Env = { ...readConfigFile(cwd, problems), ...definedOnly(env) };

  const port = parsePort(source, 'PORT', 3000, problems);
  const host = source.HOST?.trim() || '0.0.0.0';
  const dataDir = path.resolve(cwd, source.DATA_DIR?.trim() || './data');
  const databaseUrl = parseDatabaseUrl(source.DATABASE_URL, dataDir, problems);
  const publicUrl = parsePublicUrl(source.PUBLIC_URL, port, problems);
  const logLevel = (source.LOG_LEVEL?.trim() || 'info').toLowerCase();
  if (!LOG_LEVELS.includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${source.LOG_LEVEL}")`);
  }
  const logFormat = parseLogFormat(source.LOG_FORMAT, problems);
  const demo = parseBoolean(source, 'TIQUETE_DEMO', true, problems);
  const demoTickets = parseBoolean(source, 'TIQUETE_DEMO_TICKETS', true, problems);
  const admin = parseAdmin(source, problems);
  const bodyLimitBytes = parsePositiveInt(source, 'BODY_LIMIT_BYTES', 1_048_576, problems);
  const attachmentLimitBytes = parsePositiveInt(source, 'ATTACHMENT_LIMIT_BYTES', 26_214_400, problems);
  const attachmentStorage = (source.ATTACHMENT_STORAGE?.trim().toLowerCase() || 'files') as Config['attachmentStorage'];
  if (attachmentStorage !== 'files' && attachmentStorage !== 'database') {
    problems.push(`ATTACHMENT_STORAGE must be files or database (got "${source.ATTACHMENT_STORAGE}")`);
  }
  const loginRateLimitPerIp = parsePositiveInt(source, 'LOGIN_RATE_LIMIT_PER_IP', 20, problems);
  const inboundPort = source.INBOUND_SMTP_PORT ? parsePort(source, 'INBOUND_SMTP_PORT', 0, problems) : null;
  const inboundTls = parseInboundTls(source, cwd, problems);
  const outboundUrl = source.OUTBOUND_SMTP_URL?.trim() || null;
  if (outboundUrl && !/^smtps?:\/\//.test(outboundUrl)) {
    problems.push(`OUTBOUND_SMTP_URL must start with smtp:// or smtps:// (got "${outboundUrl}")`);
  }
  const sessionSecret = source.SESSION_SECRET?.trim() ?? '';
  if (sessionSecret && sessionSecret.length < 32) {
    problems.push('SESSION_SECRET must be at least 32 characters long');
  }

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port,
    host,
    dataDir,
    databaseUrl,
    publicUrl,
    sessionSecret: sessionSecret || loadOrCreateSecret(dataDir),
    logLevel,
    logFormat,
    demo,
    demoTickets,
    admin,
    bodyLimitBytes,
    attachmentLimitBytes,
    attachmentStorage,
    loginRateLimitPerIp,
    webDir: path.resolve(cwd, source.WEB_DIR?.trim() || path.join(packageRoot(), 'dist/web')),
    smtp: {
      inboundPort,
      inboundHost: source.INBOUND_SMTP_HOST?.trim() || '0.0.0.0',
      inboundDomains: (source.INBOUND_SMTP_DOMAINS ?? '')
        .split(',')
        .map((d) => d.trim().toLowerCase())
        .filter(Boolean),
      inboundTls,
      outboundUrl,
    },
  };
}

function definedOnly(env: Env): Env {
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
}

function readConfigFile(cwd: string, problems: string[]): Env {
  const file = path.join(cwd, CONFIG_FILE);
  if (!existsSync(file)) return {};
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      problems.push(`${CONFIG_FILE} must contain a JSON object of variable names to values`);
      return {};
    }
    return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, v === null ? undefined : String(v)]));
  } catch (error) {
    problems.push(`${CONFIG_FILE} is not valid JSON: ${(error as Error).message}`);
    return {};
  }
}

function parsePort(source: Env, name: string, fallback: number, problems: string[]): number {
  const raw = source[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value > 65535) {
    problems.push(`${name} must be a whole number from 0 to 65535 (got "${raw}")`);
    return fallback;
  }
  return value;
}

function parsePositiveInt(source: Env, name: string, fallback: number, problems: string[]): number {
  const raw = source[name]?.trim();
  if (!raw) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) <= 0) {
    problems.push(`${name} must be a positive whole number (got "${raw}")`);
    return fallback;
  }
  return Number(raw);
}

function parseBoolean(source: Env, name: string, fallback: boolean, problems: string[]): boolean {
  const raw = source[name]?.trim().toLowerCase();
  if (!raw) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  problems.push(`${name} must be 1 or 0 (got "${source[name]}")`);
  return fallback;
}

function parseDatabaseUrl(raw: string | undefined, dataDir: string, problems: string[]): string {
  const value = raw?.trim();
  if (!value) return `sqlite://${path.join(dataDir, 'tiquete.db')}`;
  if (value.startsWith('postgres://') || value.startsWith('postgresql://')) {
    try {
      const url = new URL(value);
      if (!url.hostname && !url.searchParams.get('host')) throw new Error('no host');
      return value;
    } catch {
      problems.push(`DATABASE_URL is not a valid PostgreSQL URL (expected postgres://user:pass@host:5432/db)`);
      return value;
    }
  }
  if (value.startsWith('sqlite://') || value === ':memory:') return value;
  problems.push(
    `DATABASE_URL must start with postgres://, postgresql:// or sqlite:// (got "${value.replace(/\/\/[^@]*@/, '//***@')}")`,
  );
  return value;
}

function parsePublicUrl(raw: string | undefined, port: number, problems: string[]): string {
  const value = raw?.trim();
  if (!value) return `http://localhost:${port}`;
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
    return value.replace(/\/+$/, '');
  } catch {
    problems.push(`PUBLIC_URL must be an http:// or https:// URL (got "${value}")`);
    return value;
  }
}

function parseLogFormat(raw: string | undefined, problems: string[]): LogFormat {
  const value = raw?.trim().toLowerCase();
  if (!value) return process.stdout.isTTY ? 'pretty' : 'json';
  if (value === 'json' || value === 'pretty') return value;
  problems.push(`LOG_FORMAT must be json or pretty (got "${raw}")`);
  return 'json';
}

function parseInboundTls(source: Env, cwd: string, problems: string[]): Config['smtp']['inboundTls'] {
  const cert = source.INBOUND_SMTP_TLS_CERT?.trim();
  const key = source.INBOUND_SMTP_TLS_KEY?.trim();
  if (!cert && !key) return null;
  if (!cert || !key) {
    problems.push('INBOUND_SMTP_TLS_CERT and INBOUND_SMTP_TLS_KEY must be set together');
    return null;
  }
  const certFile = path.resolve(cwd, cert);
  const keyFile = path.resolve(cwd, key);
  for (const [name, file] of [
    ['INBOUND_SMTP_TLS_CERT', certFile],
    ['INBOUND_SMTP_TLS_KEY', keyFile],
  ] as const) {
    if (!existsSync(file)) problems.push(`${name} names a file that does not exist (got "${file}")`);
  }
  return { certFile, keyFile };
}

function parseAdmin(source: Env, problems: string[]): Config['admin'] {
  const email = source.TIQUETE_ADMIN_EMAIL?.trim();
  const password = source.TIQUETE_ADMIN_PASSWORD;
  if (!email && !password) return null;
  if (!email || !password) {
    problems.push('TIQUETE_ADMIN_EMAIL and TIQUETE_ADMIN_PASSWORD must be set together');
    return null;
  }
  if (!/^[^@\s]+@[^@\s]+$/.test(email)) problems.push(`TIQUETE_ADMIN_EMAIL is not an email address (got "${email}")`);
  if (password.length < 8) problems.push('TIQUETE_ADMIN_PASSWORD must be at least 8 characters long');
  return { email: email.toLowerCase(), password };
}

/** The secret survives restarts so sessions stay valid; it is created once per data directory. */
function loadOrCreateSecret(dataDir: string): string {
  const file = path.join(dataDir, SECRET_FILE);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** The folder of Tiquete's package.json, whether running from src/ (tests) or dist/ (installed). */
function packageRoot(): string {
  let dir = import.meta.dirname;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

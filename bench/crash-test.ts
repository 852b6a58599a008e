/**
 * `npm run crash-test`: mail over SMTP (concurrency 8) and tickets over the API go to a real server
 * (`bin/tiquete.js serve`, a child process) that is killed with SIGKILL at random moments and
 * restarted. Afterwards every mail answered 250 and every ticket answered 201 must be stored
 * exactly once. Customer acknowledgements go to an SMTP sink here, which counts how many were
 * delivered twice (the outbox is at-least-once: a kill between the remote's 250 and the commit
 * that marks the row sent re-sends it, with the same Message-ID).
 *
 *   npm run crash-test                          10,000 mails, 5 kills, SQLite in a temp dir
 *   npm run crash-test -- --mails 1000 --kills 2 --database-url postgres://…   (CI's short form)
 */
import { type ChildProcess, execSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import nodemailer from 'nodemailer';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { createDb } from '../src/db/create-db.ts';
import { freePort } from './ports.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const { values: args } = parseArgs({
  options: {
    mails: { type: 'string', default: '10000' },
    creates: { type: 'string' },
    kills: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '8' },
    'database-url': { type: 'string' },
    out: { type: 'string' },
    build: { type: 'boolean', default: true },
    seed: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
  allowNegative: true,
});
if (args.help) {
  console.log(`Usage: npm run crash-test -- [options]
  --mails N             mails to have accepted (250) over SMTP (default 10,000)
  --creates N           tickets to have created (201) over the API (default a tenth of --mails)
  --kills N             SIGKILLs of the server, at random moments, each followed by a restart (default 5)
  --concurrency N       SMTP senders at once (default 8)
  --database-url URL    PostgreSQL (a fresh schema is made and dropped); default SQLite in a temp dir
  --out FILE            also write the report (Markdown) there
  --no-build            use the compiled server in dist/ as it is
  --seed N              the random seed of the kill moments (printed in the report)`);
  process.exit(0);
}

const MAILS = Number(args.mails);
const CREATES = Number(args.creates ?? Math.ceil(MAILS / 10));
const KILLS = Number(args.kills);
const CONCURRENCY = Number(args.concurrency);
const PG_URL = args['database-url'];
const SEED = Number(args.seed ?? Date.now() % 100_000);
const RUN = Date.now().toString(36);
const DOMAIN = 'crash.test';
const ADDRESS = `soporte@${DOMAIN}`;
const ADMIN = { email: 'admin@crash.test', password: 'crash-test-password' };

const log = (line: string) => console.log(line);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Deterministic pseudo-random numbers (mulberry32), so a run can be repeated with its seed. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The outbound SMTP server of the test: counts each acknowledgement by Message-ID. */
async function startSink(): Promise<{ port: number; received: Map<string, number>; close(): Promise<void> }> {
  const received = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      let head = '';
      stream.on('data', (chunk: Buffer) => {
        if (head.length < 8192) head += chunk.toString('latin1');
      });
      stream.on('end', () => {
        const id = /^Message-ID:\s*(<[^>]+>)/im.exec(head)?.[1] ?? `(none ${received.size})`;
        received.set(id, (received.get(id) ?? 0) + 1);
        callback();
      });
    },
  });
  // A kill while the server is sending resets its connection to the sink: expected here, and an
  // SMTPServer without an error listener would end the whole test on it (CI saw ECONNRESET).
  server.on('error', () => {});
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The server as a child process, killed and restarted on the same ports and data. */
function serverProcess(env: Record<string, string>, logFile: string) {
  let child: ChildProcess | null = null;
  let output = '';
  let up: Promise<void> = Promise.resolve();

  async function waitUntilServing(current: ChildProcess): Promise<void> {
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      if (current.exitCode !== null) throw new Error(`the server exited during start:\n${output.slice(-4000)}`);
      const http = await fetch(`http://127.0.0.1:${env.PORT}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      const smtp = http && (await canConnect(Number(env.INBOUND_SMTP_PORT)));
      if (smtp) return;
      await sleep(100);
    }
    throw new Error(`the server did not start within 120 s:\n${output.slice(-4000)}`);
  }

  return {
    start() {
      const current = spawn(process.execPath, [path.join(ROOT, 'bin/tiquete.js'), 'serve'], {
        cwd: ROOT,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const keep = (d: Buffer) => {
        output += d;
        if (output.length > 1_000_000) output = output.slice(-500_000);
      };
      current.stdout?.on('data', keep);
      current.stderr?.on('data', keep);
      child = current;
      up = waitUntilServing(current);
      return up;
    },
    /** Resolves when the server serves (again). */
    ready: () => up,
    async kill(): Promise<void> {
      const current = child;
      if (!current || current.exitCode !== null) return;
      const exited = new Promise((resolve) => current.once('exit', resolve));
      current.kill('SIGKILL');
      await exited;
    },
    async stop(): Promise<void> {
      const current = child;
      if (!current || current.exitCode !== null) return;
      const exited = new Promise((resolve) => current.once('exit', resolve));
      current.kill('SIGTERM');
      await exited;
    },
    saveLog: () => writeFileSync(logFile, output),
  };
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function mail(token: string, n: number): { from: string; raw: string } {
  const from = `cliente${n}.${RUN}@correo-cliente.example`;
  const raw = [
    `From: Cliente ${n} <${from}>`,
    `To: ${ADDRESS}`,
    `Subject: =?UTF-8?B?${Buffer.from(`Caída de prueba ${token}`).toString('base64')}?=`,
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: <${token}@correo-cliente.example>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    `Buenos días, la factura ${n} no se timbró. Número de control ${token}.`,
    '',
  ].join('\r\n');
  return { from, raw };
}

async function main() {
  const started = performance.now();
  if (args.build) {
    log('Compiling the server (npm run build:server)…');
    execSync('npm run build:server', { cwd: ROOT, stdio: 'pipe' });
  }
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'tiquete-crash-'));
  const dataDir = path.join(tmp, 'data');
  mkdirSync(dataDir);
  const schema = `crash_${process.pid}_${RUN}`;
  if (PG_URL) {
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
  }
  const sink = await startSink();
  const [httpPort, smtpPort] = [await freePort(), await freePort()];
  const env: Record<string, string> = {
    PORT: String(httpPort),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DATABASE_URL: PG_URL ?? `sqlite://${path.join(dataDir, 'tiquete.db')}`,
    INBOUND_SMTP_PORT: String(smtpPort),
    INBOUND_SMTP_HOST: '127.0.0.1',
    INBOUND_SMTP_DOMAINS: DOMAIN,
    OUTBOUND_SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
    TIQUETE_DEMO: '0',
    TIQUETE_ADMIN_EMAIL: ADMIN.email,
    TIQUETE_ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
    ...(PG_URL ? { PGOPTIONS: `-c search_path=${schema}` } : {}),
  };
  const engine = PG_URL ? 'postgres' : 'sqlite';
  const server = serverProcess(env, path.join(tmp, 'server.log'));
  const base = `http://127.0.0.1:${httpPort}`;
  log(`Crash test: ${engine}, ${MAILS} mails (concurrency ${CONCURRENCY}), ${CREATES} API creates, ${KILLS} kills`);

  try {
    await server.start();
    const token = await apiToken(base);

    // The kill moments: at random shares of the accepted work, spread over the run.
    const next = random(SEED);
    const killAt = Array.from({ length: KILLS }, () => Math.floor((0.05 + 0.9 * next()) * (MAILS + CREATES))).sort(
      (a, b) => a - b,
    );
    const acked = { mails: new Set<string>(), creates: new Set<string>() };
    const unacked = { mails: new Set<string>(), creates: new Set<string>() };
    let attempts = 0;
    let kills = 0;
    let killing: Promise<void> | null = null;
    // A server that does not come back after a kill ends the run as a failure (with its output).
    let restartFailed: Error | null = null;
    const downtimes: number[] = [];
    const done = () => acked.mails.size + acked.creates.size;

    const maybeKill = () => {
      if (killing || kills >= killAt.length || done() < (killAt[kills] as number)) return;
      kills++;
      const t0 = performance.now();
      killing = (async () => {
        await server.kill();
        log(`  kill ${kills}/${KILLS} after ${done()} accepted; restarting`);
        await server.start();
        downtimes.push(performance.now() - t0);
      })()
        .catch((error: Error) => {
          restartFailed = error;
        })
        .finally(() => {
          killing = null;
        });
    };

    const mailWorker = async () => {
      const transport = nodemailer.createTransport({
        host: '127.0.0.1',
        port: smtpPort,
        secure: false,
        ignoreTLS: true,
        pool: true,
        maxConnections: 1,
      });
      while (acked.mails.size < MAILS && !restartFailed) {
        await server.ready().catch(() => sleep(200));
        const n = ++attempts;
        const id = `CT${n}-${RUN}`;
        const { from, raw } = mail(id, n);
        try {
          await transport.sendMail({ envelope: { from, to: [ADDRESS] }, raw });
          acked.mails.add(id);
          maybeKill();
        } catch {
          unacked.mails.add(id); // refused or cut off by a kill: it may or may not be stored, once at most
          await sleep(50);
        }
      }
      transport.close();
    };

    const createWorker = async () => {
      while (acked.creates.size < CREATES && !restartFailed) {
        await server.ready().catch(() => sleep(200));
        const n = ++attempts;
        const id = `CA${n}-${RUN}`;
        try {
          const response = await fetch(`${base}/api/v1/tickets`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({
              subject: `Llamada de prueba ${id}`,
              body: 'Registrada por teléfono.',
              requester: { email: `llamada${n}.${RUN}@correo-cliente.example` },
            }),
          });
          if (response.status === 201) {
            acked.creates.add(id);
            maybeKill();
          } else {
            unacked.creates.add(id);
            await sleep(50);
          }
        } catch {
          unacked.creates.add(id);
          await sleep(50);
        }
        // Creates are a side stream: spread them over the run instead of racing ahead of the mail.
        while (
          acked.creates.size / CREATES > acked.mails.size / MAILS + 0.02 &&
          acked.mails.size < MAILS &&
          !restartFailed
        ) {
          await sleep(20);
        }
      }
    };

    const loadStarted = performance.now();
    await Promise.all([...Array.from({ length: CONCURRENCY }, mailWorker), createWorker()]);
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    while (killing) await killing;
    if (restartFailed) throw restartFailed;

    // Filing and acknowledgements continue after the 250s: wait until nothing is pending.
    const handle = createDb({ url: env.DATABASE_URL as string, schema: PG_URL ? schema : undefined, poolSize: 2 });
    try {
      const settleStarted = performance.now();
      for (;;) {
        const inbound = await handle.db
          .selectFrom('inbound_messages')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('status', '=', 'pending')
          .executeTakeFirst();
        const outbox = await handle.db
          .selectFrom('outbox')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('status', '=', 'pending')
          .where('type', 'like', 'email.%')
          .executeTakeFirst();
        if (Number(inbound?.n) === 0 && Number(outbox?.n) === 0) break;
        if (performance.now() - settleStarted > 900_000) throw new Error('mail still pending after 15 minutes');
        await sleep(500);
      }
      await server.stop();

      const rows = await handle.db.selectFrom('tickets').select('subject').execute();
      const stored = new Map<string, number>();
      for (const { subject } of rows) {
        const id = /C[TA]\d+-\w+$/.exec(subject)?.[0];
        if (id) stored.set(id, (stored.get(id) ?? 0) + 1);
      }
      const failedInbound = await handle.db
        .selectFrom('inbound_messages')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'failed')
        .executeTakeFirst();
      const check = (ids: Set<string>) => {
        let once = 0;
        let lost = 0;
        let duplicated = 0;
        for (const id of ids) {
          const count = stored.get(id) ?? 0;
          if (count === 1) once++;
          else if (count === 0) lost++;
          else duplicated++;
        }
        return { once, lost, duplicated };
      };
      const checkUnacked = (ids: Set<string>) => {
        let storedAnyway = 0;
        let duplicated = 0;
        for (const id of ids) {
          const count = stored.get(id) ?? 0;
          if (count === 1) storedAnyway++;
          if (count > 1) duplicated++;
        }
        return { storedAnyway, duplicated };
      };
      const mails = check(acked.mails);
      const creates = check(acked.creates);
      const mailsUnacked = checkUnacked(unacked.mails);
      const createsUnacked = checkUnacked(unacked.creates);
      const delivered = [...sink.received.values()];
      const ackDuplicates = delivered.filter((count) => count > 1).length;
      const failures =
        mails.lost +
        mails.duplicated +
        creates.lost +
        creates.duplicated +
        mailsUnacked.duplicated +
        createsUnacked.duplicated +
        Number(failedInbound?.n ?? 0) +
        (kills < KILLS ? 1 : 0);

      const round = (n: number) => Math.round(n * 10) / 10;
      const report = [
        `# Crash test — ${engine}`,
        '',
        `${new Date().toISOString()} · ${os.cpus().length} cores · Node ${process.version} · seed ${SEED}`,
        `\`npm run crash-test -- --mails ${MAILS} --creates ${CREATES} --kills ${KILLS} --concurrency ${CONCURRENCY}${PG_URL ? ' --database-url …' : ''}\``,
        '',
        '| figure | value |',
        '|---|---|',
        `| SIGKILLs of the server (each followed by a restart) | ${kills} of ${KILLS} |`,
        `| downtime per kill until SMTP and HTTP serve again (median, max) | ${round(median(downtimes) / 1000)} s, ${round(Math.max(0, ...downtimes) / 1000)} s |`,
        `| mails answered 250 | ${acked.mails.size} |`,
        `| … stored exactly once / lost / duplicated | ${mails.once} / ${mails.lost} / ${mails.duplicated} |`,
        `| mails refused or cut off by a kill (not 250) | ${unacked.mails.size} (stored anyway: ${mailsUnacked.storedAnyway}; twice: ${mailsUnacked.duplicated}) |`,
        `| tickets answered 201 over the API | ${acked.creates.size} |`,
        `| … stored exactly once / lost / duplicated | ${creates.once} / ${creates.lost} / ${creates.duplicated} |`,
        `| creates refused or cut off (not 201) | ${unacked.creates.size} (stored anyway: ${createsUnacked.storedAnyway}; twice: ${createsUnacked.duplicated}) |`,
        `| inbound mails that failed processing | ${Number(failedInbound?.n ?? 0)} |`,
        `| acknowledgements delivered (distinct Message-IDs) | ${delivered.length} |`,
        `| … delivered twice (kill between the sink's 250 and the commit) | ${ackDuplicates} |`,
        `| load phase | ${round(loadSeconds)} s (${round(acked.mails.size / loadSeconds)} mails/s accepted) |`,
        `| whole run | ${round((performance.now() - started) / 1000)} s |`,
        '',
        failures === 0
          ? 'Result: PASS — every 250 and every 201 is stored exactly once.'
          : `Result: FAIL — ${failures} problem(s); server log: ${path.join(tmp, 'server.log')}`,
        '',
      ].join('\n');
      log(`\n${report}`);
      if (args.out) {
        mkdirSync(path.dirname(path.resolve(args.out)), { recursive: true });
        writeFileSync(args.out, report);
      }
      if (failures > 0) {
        server.saveLog();
        process.exitCode = 1;
      }
    } finally {
      await handle.close();
    }
  } finally {
    await server.kill();
    await sink.close();
    if (PG_URL) {
      const admin = new pg.Client({ connectionString: PG_URL });
      await admin.connect();
      await admin.query(`drop schema if exists ${schema} cascade`);
      await admin.end();
    }
    if (!process.exitCode) rmSync(tmp, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Signs in as the install's admin and makes an API token (tokens survive restarts). */
async function apiToken(base: string): Promise<string> {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  if (login.status !== 200) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const created = await fetch(`${base}/api/v1/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ name: 'crash test' }),
  });
  if (created.status !== 201) throw new Error(`token failed: ${created.status} ${await created.text()}`);
  return ((await created.json()) as { token: string }).token;
}

await main();

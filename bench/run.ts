/**
 * `npm run bench` / `tiquete bench`: seeds a data set of the chosen scale, starts the real server
 * over loopback, drives it with autocannon phase by phase, measures the raw-database baseline, and
 * prints a Markdown table (also written as JSON and Markdown under bench/results/).
 * Read bench/README.md for what each figure means and how to reproduce it.
 */

import { type ChildProcess, execSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import SqliteDatabase from 'better-sqlite3';
import nodemailer from 'nodemailer';
import pg from 'pg';
import { ensureDefaults } from '../src/core/defaults.ts';
import { REPORT_NAMES } from '../src/core/reports/report.ts';
import { createServices } from '../src/core/services.ts';
import { systemClock } from '../src/core/shared/clock.ts';
import { ticketVocabularyRepository } from '../src/core/tickets/ticket-vocabulary.repository.ts';
import { DEFAULT_VIEWS } from '../src/core/views/view.service.ts';
import { createDb, type DbHandle } from '../src/db/create-db.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { type BaselineResult, pgBaseline, sqliteBaseline } from './baseline.ts';
import { measureConsoleJs } from './console-js.ts';
import { body, followUp, rng, SEARCHES, subject, TAGS } from './generator.ts';
import {
  ensureIngestMailbox,
  INGEST_ADDRESS,
  INGEST_DOMAIN,
  type IngestResult,
  ingestInProcess,
  rawMail,
  summarize,
} from './ingest.ts';
import { freePort } from './ports.ts';
import { generate, pgSink, type Seeded, sqliteSink, type Vocabulary } from './seed.ts';
import { type SweepResult, sweepPhase } from './sweep.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
// The server is measured as it runs in production: compiled JavaScript, built here from the working
// tree (inside node_modules so that its imports resolve) without touching dist/.
const BUILD = path.join(ROOT, 'node_modules/.cache/tiquete-bench/server');

const { values: args } = parseArgs({
  options: {
    tickets: { type: 'string' },
    'database-url': { type: 'string' },
    duration: { type: 'string' },
    quick: { type: 'boolean', default: false },
    connections: { type: 'string' },
    'read-connections': { type: 'string' },
    keep: { type: 'boolean', default: false },
    out: { type: 'string' },
    label: { type: 'string' },
    only: { type: 'string' },
    tsx: { type: 'boolean', default: false },
    soak: { type: 'boolean', default: false },
    'soak-minutes': { type: 'string' },
    'open-share': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
  allowPositionals: false,
});

if (args.help) {
  console.log(`Usage: npm run bench -- [options]
  --tickets N            tickets to seed (default 1,000,000; --quick: 100,000)
  --database-url URL     PostgreSQL (a fresh schema is created and dropped); default SQLite in a temp dir
  --duration S           seconds per measured phase (default 20; --quick: 5)
  --quick                100,000 tickets and short phases: a smoke run
  --connections N        concurrency of the write phases (default 16)
  --read-connections N   concurrency of the read phases (default 4)
  --keep                 keep the database afterwards (prints where it is)
  --out DIR              where to write the results (default bench/results)
  --label TEXT           added to the result file names
  --only LIST            run only these phases: create,peers,queue,page,search,reports,reply,ingest,baseline,sweep
  --tsx                  run the server from source with tsx instead of compiling it first
  --soak                 add the soak phase: mixed load at half the measured capacity, RSS sampled
  --soak-minutes M       its length (default 20); e.g. --soak --soak-minutes 3 --only soak --quick
  --open-share F         seed this share of the tickets as open work, e.g. 0.3 (default: ~0.04, what
                         the tickets' ages give); the queue views are measured at 0.3`);
  process.exit(0);
}

const quick = args.quick;
const TICKETS = Number(args.tickets ?? (quick ? 100_000 : 1_000_000));
const DURATION = Number(args.duration ?? (quick ? 5 : 20));
const WRITE_CONNECTIONS = Number(args.connections ?? 16);
const READ_CONNECTIONS = Number(args['read-connections'] ?? 4);
// The batched floor commits as many tickets together as the create phase has requests in flight.
const BASELINE_BATCH = WRITE_CONNECTIONS;
const PG_URL = args['database-url'];
const ENGINE: 'sqlite' | 'postgres' = PG_URL ? 'postgres' : 'sqlite';
const OUT = path.resolve(args.out ?? path.join(ROOT, 'bench/results'));
const CLK_TCK = 100;
const ONLY = args.only ? new Set(args.only.split(',')) : null;
const want = (phase: string) => !ONLY || ONLY.has(phase);
const SOAK_MINUTES = args.soak ? Number(args['soak-minutes'] ?? 20) : 0;
const OPEN_SHARE = args['open-share'] === undefined ? undefined : Number(args['open-share']);
if (OPEN_SHARE !== undefined && !(OPEN_SHARE >= 0 && OPEN_SHARE < 1)) {
  throw new Error('--open-share takes a fraction from 0 to below 1, e.g. 0.3');
}

interface Figure {
  figure: string;
  value: number | string;
  unit: string;
  target?: string;
  pass?: boolean;
}
const figures: Figure[] = [];
const phases: Record<string, unknown> = {};

function log(message: string) {
  process.stderr.write(`${message}\n`);
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

// ---------------------------------------------------------------------------------------------
// Server process: CPU time and peak RSS from /proc.

const SERVER_APPLICATION_NAME = `tiquete-bench-${process.pid}`;

/** The URL with `application_name` set (node-postgres lets the URL's parameters win). */
function withApplicationName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('application_name', name);
  return parsed.toString();
}

/** CPU (ms) of each PostgreSQL process serving the server under test (the database is on this machine). */
async function backendCpu(monitor: pg.Client): Promise<Map<number, number>> {
  const { rows } = await monitor.query<{ pid: number }>(
    'select pid from pg_stat_activity where application_name = $1',
    [SERVER_APPLICATION_NAME],
  );
  const cpu = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      cpu.set(pid, cpuMs(pid));
    } catch {
      // Ended since the list was read.
    }
  }
  return cpu;
}

function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

let serverOutput = () => '';

/** The Node flags `npm start` gives the server (the heap cap), so it is measured as it is run. */
const START_NODE_FLAGS = (
  JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }
).scripts.start
  .split(' ')
  .filter((word) => word.startsWith('--'));

async function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server.
  const extra = [...START_NODE_FLAGS, ...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean)];
  const entry = args.tsx
    ? ['--import', 'tsx', path.join(ROOT, 'src/cli/entry.ts')]
    : [path.join(BUILD, 'cli/entry.js')];
  const child = spawn(process.execPath, [...extra, ...entry, 'serve'], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      TIQUETE_DEMO: '0',
      LOG_LEVEL: 'warn',
      WEB_DIR: path.join(ROOT, 'dist/web'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  serverOutput = () => output;
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited during start:\n${output}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return { child, url };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`the server did not start within 120 s:\n${output}`);
}

async function stopServer(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

// ---------------------------------------------------------------------------------------------
// HTTP phases with autocannon.

interface PhaseResult {
  requests: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  cpuMsPerOp: number;
  /** PostgreSQL: the CPU of the server processes serving Tiquete, per operation (its own work). */
  databaseCpuMsPerOp?: number;
  statusCodes: Record<string, number>;
}

/** The server under test; on PostgreSQL, also a way to read the CPU of the backends serving it. */
interface Server {
  url: string;
  pid: number;
  databaseCpu?: () => Promise<Map<number, number>>;
}

/** CPU (ms) spent by the processes in `after` since `before` (a process may have started between). */
function cpuSpent(before: Map<number, number>, after: Map<number, number>): number {
  let spent = 0;
  for (const [pid, ms] of after) spent += ms - (before.get(pid) ?? 0);
  return spent;
}

type Requests = NonNullable<Parameters<typeof autocannon>[0]['requests']>;

async function httpPhase(
  name: string,
  server: Server,
  token: string,
  requests: Requests,
  opts: { connections: number; duration: number; warmup?: number; warmupRequests?: number; overallRate?: number },
): Promise<PhaseResult> {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  if (opts.warmup) {
    await autocannon({ url: server.url, connections: opts.connections, duration: opts.warmup, headers, requests });
  }
  if (opts.warmupRequests) {
    await autocannon({
      url: server.url,
      connections: opts.connections,
      amount: opts.warmupRequests,
      headers,
      requests,
    });
  }
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  const cpuBefore = cpuMs(server.pid);
  const databaseBefore = await server.databaseCpu?.();
  const started = performance.now();
  const instance = autocannon({
    url: server.url,
    connections: opts.connections,
    duration: opts.duration,
    headers,
    requests,
    ...(opts.overallRate ? { overallRate: opts.overallRate } : {}),
  });
  instance.on('response', (_client, statusCode, _bytes, ms) => {
    latencies.push(ms);
    statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
  });
  const result = await instance;
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuMs(server.pid) - cpuBefore;
  const databaseAfter = await server.databaseCpu?.();
  latencies.sort((a, b) => a - b);
  const ok = Object.entries(statusCodes)
    .filter(([code]) => code.startsWith('2'))
    .reduce((s, [, n]) => s + n, 0);
  const phase: PhaseResult = {
    requests: latencies.length,
    errors: latencies.length - ok + result.errors + result.timeouts,
    seconds: round(seconds, 2),
    perSecond: round(latencies.length / seconds),
    p50: round(percentile(latencies, 50), 2),
    p95: round(percentile(latencies, 95), 2),
    p99: round(percentile(latencies, 99), 2),
    cpuMsPerOp: round(cpu / Math.max(1, latencies.length), 3),
    ...(databaseBefore && databaseAfter
      ? { databaseCpuMsPerOp: round(cpuSpent(databaseBefore, databaseAfter) / Math.max(1, latencies.length), 3) }
      : {}),
    statusCodes,
  };
  phases[name] = phase;
  log(
    `  ${name.padEnd(28)} ${String(phase.requests).padStart(7)} req  ${String(phase.perSecond).padStart(7)}/s  ` +
      `p50 ${phase.p50} ms  p95 ${phase.p95} ms  p99 ${phase.p99} ms  cpu ${phase.cpuMsPerOp} ms/op` +
      (phase.databaseCpuMsPerOp === undefined ? '' : ` + PostgreSQL ${phase.databaseCpuMsPerOp}`) +
      // The server's peak so far: the phase that raises it is the one to look at.
      `  peak RSS ${round(peakRssMb(server.pid))} MB` +
      (phase.errors ? `  ERRORS ${phase.errors} ${JSON.stringify(statusCodes)}` : ''),
  );
  return phase;
}

interface SoakResult {
  capacity: number;
  rate: number;
  requests: number;
  errors: number;
  p95: number;
  rssEarlyMb: number;
  rssLateMb: number;
  rssGrowthPercent: number;
  rssSamplesMb: number[];
}

/**
 * Measures the capacity of the mixed load (unthrottled, READ_CONNECTIONS at once), then keeps half
 * of it up for SOAK_MINUTES while sampling the server's RSS every 5 s. The growth compares the
 * mean of the second tenth of the run (after warm-up: caches and the JIT filled) with the last tenth.
 */
async function soakPhase(server: Server, token: string, mixed: Requests): Promise<SoakResult> {
  const capacity = await httpPhase('soak: capacity (mixed)', server, token, mixed, {
    connections: READ_CONNECTIONS,
    duration: Math.min(DURATION, 20),
    warmup: 2,
  });
  const rate = Math.max(1, Math.floor(capacity.perSecond / 2));
  log(`  soak: ${SOAK_MINUTES} min at ${rate} req/s (half of ${capacity.perSecond}/s); RSS every 5 s`);
  const samples: number[] = [];
  const sampler = setInterval(() => samples.push(rssMb(server.pid)), 5000);
  let result: PhaseResult;
  try {
    result = await httpPhase(`soak: ${SOAK_MINUTES} min`, server, token, mixed, {
      connections: READ_CONNECTIONS,
      duration: SOAK_MINUTES * 60,
      overallRate: rate,
    });
  } finally {
    clearInterval(sampler);
  }
  const tenth = Math.max(1, Math.floor(samples.length / 10));
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
  const early = mean(samples.slice(tenth, 2 * tenth));
  const late = mean(samples.slice(-tenth));
  const soak: SoakResult = {
    capacity: capacity.perSecond,
    rate,
    requests: result.requests,
    errors: result.errors,
    p95: result.p95,
    rssEarlyMb: round(early),
    rssLateMb: round(late),
    rssGrowthPercent: round(((late - early) / early) * 100),
    rssSamplesMb: samples.map((v) => round(v)),
  };
  phases.soak = soak;
  log(`  soak: RSS ${soak.rssEarlyMb} → ${soak.rssLateMb} MB (${soak.rssGrowthPercent} %), ${soak.errors} errors`);
  return soak;
}

function cycle<T>(items: T[]): () => T {
  let i = 0;
  return () => items[i++ % items.length] as T;
}

// ---------------------------------------------------------------------------------------------

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGb: round(os.totalmem() / 1024 ** 3, 1),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
  };
}

/** `from=…&to=…` of the calendar month before `now`'s (UTC days; the reports read them as local). */
function lastWholeMonth(now: Date): string {
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0));
  return `from=${first.toISOString().slice(0, 10)}&to=${last.toISOString().slice(0, 10)}`;
}

function gitCommit(): string {
  try {
    const head = execSync('git rev-parse --short HEAD', { cwd: ROOT }).toString().trim();
    const dirty = execSync('git status --porcelain', { cwd: ROOT }).toString().trim() ? '+dirty' : '';
    return head + dirty;
  } catch {
    return 'unknown';
  }
}

async function readVocabulary(handle: DbHandle): Promise<Vocabulary> {
  const db = handle.db;
  const statuses = await db.selectFrom('ticket_statuses').select(['id', 'name', 'category']).execute();
  const types = await db.selectFrom('ticket_types').select(['id', 'name']).execute();
  const categories = await db.selectFrom('ticket_categories').select(['id']).execute();
  const barred = await db.selectFrom('ticket_type_barred_statuses').select(['type_id', 'status_id']).execute();
  const repo = ticketVocabularyRepository(db);
  return {
    statuses,
    types,
    categories,
    barred,
    prefix: (await repo.numberPrefix()) ?? '',
    firstNumber: (await repo.peekNextNumber()) ?? 10000,
  };
}

async function main() {
  const startedAll = performance.now();
  const r = rng(42);
  const scale = { tickets: TICKETS, organizations: 2000, contacts: 20_000, agents: 40 };
  log(
    `Tiquete bench: ${ENGINE}, ${TICKETS.toLocaleString('en')} tickets, ${DURATION} s per phase${quick ? ' (quick)' : ''}`,
  );

  // The commit measured is the one compiled: a long run may end after the tree has moved on.
  const commit = gitCommit();
  if (!args.tsx) {
    const t = performance.now();
    rmSync(BUILD, { recursive: true, force: true });
    try {
      execSync(`npx tsc -p tsconfig.build.json --outDir ${BUILD}`, { cwd: ROOT, stdio: 'pipe' });
    } catch {
      // Type errors elsewhere in the tree do not stop tsc from emitting; a missing entry does.
    }
    if (!existsSync(path.join(BUILD, 'cli/entry.js'))) throw new Error('compiling the server failed; try --tsx');
    log(`  compiled the server in ${round((performance.now() - t) / 1000)} s`);
  }

  // 1. A fresh database, migrated, with the install defaults.
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'tiquete-bench-'));
  const schema = `bench_${process.pid}_${Date.now()}`;
  let databaseUrl: string;
  let sqliteFile = '';
  if (PG_URL) {
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    databaseUrl = PG_URL;
  } else {
    sqliteFile = path.join(tmp, 'tiquete.db');
    databaseUrl = `sqlite://${sqliteFile}`;
  }
  const open = () => createDb({ url: databaseUrl, schema: PG_URL ? schema : undefined });
  let handle = open();
  await migrateToLatest(handle.db, handle.dialect);
  await ensureDefaults(handle.db, new Date().toISOString());
  const vocabulary = await readVocabulary(handle);
  await handle.close();

  try {
    // 2. Bulk seeding.
    const endMs = Date.now() - 60_000;
    let seeded: Seeded;
    const seedStarted = performance.now();
    let finishSeconds = 0;
    if (ENGINE === 'sqlite') {
      const database = new SqliteDatabase(sqliteFile);
      database.pragma('journal_mode = WAL');
      database.pragma('synchronous = OFF');
      database.pragma('cache_size = -524288');
      database.pragma('temp_store = MEMORY');
      seeded = await generate(sqliteSink(database), scale, vocabulary, { endMs, openShare: OPEN_SHARE });
      const finish = performance.now();
      database.prepare("update ticket_counters set next_value = ? where name = 'ticket'").run(seeded.nextNumber);
      log('  merging the full-text index and analyzing…');
      database.exec("insert into search_documents(search_documents) values ('optimize')");
      database.exec('analyze');
      database.pragma('wal_checkpoint(TRUNCATE)');
      database.close();
      finishSeconds = (performance.now() - finish) / 1000;
    } else {
      const client = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
      await client.connect();
      await client.query('set synchronous_commit = off');
      seeded = await generate(pgSink(client), scale, vocabulary, { endMs, openShare: OPEN_SHARE });
      const finish = performance.now();
      await client.query(`select setval('ticket_number_seq', $1, false)`, [seeded.nextNumber]);
      log('  vacuum analyze…');
      await client.query('vacuum analyze');
      await client.end();
      finishSeconds = (performance.now() - finish) / 1000;
    }
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    phases.seed = {
      rows: seeded.rows,
      seconds: round(seedSeconds, 1),
      rowsPerSecond: Math.round(seeded.rows / seedSeconds),
      openShare: round(seeded.openWork / TICKETS, 3),
      ticketsPerSecond: Math.round(TICKETS / seedSeconds),
      indexFinishSeconds: round(finishSeconds, 1),
    };
    log(
      `  seeded ${seeded.rows.toLocaleString('en')} rows in ${round(seedSeconds)} s ` +
        `(${Math.round(seeded.rows / seedSeconds).toLocaleString('en')} rows/s; index merge + analyze ${round(finishSeconds)} s); ` +
        `${round((100 * seeded.openWork) / TICKETS)} % open work`,
    );

    // 3. A token for the bench agent (role agent, member of Soporte Técnico).
    handle = open();
    const services = createServices({ db: handle.db, clock: systemClock });
    const { token } = await services.auth.createToken(
      { kind: 'system', reason: 'benchmark' },
      { name: 'bench', agentId: seeded.benchAgent.id },
    );
    // Reports are read as a supervisor, who sees every department: the heaviest scope.
    const supervisor = seeded.agents[2] as Seeded['agents'][number];
    const { token: supervisorToken } = await services.auth.createToken(
      { kind: 'system', reason: 'benchmark' },
      { name: 'bench reports', agentId: supervisor.id },
    );
    if (want('ingest')) await ensureIngestMailbox(handle, seeded.departments[0] as string);
    await handle.close();

    // 4. The server, as `tiquete serve` runs it.
    const smtpPort = await freePort();
    const env: Record<string, string> = {
      // On PostgreSQL the server's connections carry a name of their own, to read their CPU by.
      DATABASE_URL: PG_URL ? withApplicationName(databaseUrl, SERVER_APPLICATION_NAME) : databaseUrl,
      DATA_DIR: tmp,
      ...(want('ingest') ? { INBOUND_SMTP_PORT: String(smtpPort), INBOUND_SMTP_DOMAINS: INGEST_DOMAIN } : {}),
    };
    if (PG_URL) env.PGOPTIONS = `-c search_path=${schema}`;
    const { child, url } = await startServer(env);
    const monitor = PG_URL ? new pg.Client({ connectionString: PG_URL }) : null;
    await monitor?.connect();
    const server: Server = {
      url,
      pid: child.pid as number,
      ...(monitor ? { databaseCpu: () => backendCpu(monitor) } : {}),
    };
    log(`  server pid ${server.pid} at ${url}; startup RSS ${round(peakRssMb(server.pid))} MB`);
    const idleCpu = cpuMs(server.pid);
    let serverCpuTotal = 0;
    let rss = 0;
    try {
      const department = seeded.departments[0] as string;
      const contacts = seeded.contacts;
      const visible = seeded.visibleTicketIds;
      const pickTicket = () => visible[r.int(visible.length)] as string;
      // The two writes every write phase and the soak send alike.
      const createTicketRequest: Requests[number] = {
        method: 'POST',
        path: '/api/v1/tickets',
        setupRequest: (request) => {
          const contact = contacts[r.int(contacts.length)] as { id: string };
          return {
            ...request,
            body: JSON.stringify({
              subject: subject(r),
              body: body(r, 1000),
              requester: { id: contact.id },
              departmentId: department,
              priority: r.pick(['baja', 'normal', 'normal', 'alta', 'urgente']),
              tags: [r.pick(TAGS)],
            }),
          };
        },
      };
      const replyRequest: Requests[number] = {
        method: 'POST',
        setupRequest: (request) => ({
          ...request,
          path: `/api/v1/tickets/${pickTicket()}/messages`,
          body: JSON.stringify({ kind: 'reply', body: followUp(r) }),
        }),
      };

      // create
      const create = !want('create')
        ? undefined
        : await httpPhase('create', server, token, [createTicketRequest], {
            connections: WRITE_CONNECTIONS,
            duration: DURATION,
          });

      // peers: the side-by-side of issue 18 with osTicket and FreeScout (concurrency 4, 1 KB bodies,
      // a server warmed with 1,000 creates), so the comparison can be repeated here
      const peers = !want('peers')
        ? undefined
        : await httpPhase('peers: create at concurrency 4', server, token, [createTicketRequest], {
            connections: 4,
            duration: DURATION,
            warmupRequests: 1000,
          });

      // every default view of the console, its filters and sort exactly as DEFAULT_VIEWS define them
      const views: Record<string, string> = Object.fromEntries(
        DEFAULT_VIEWS.map((view) => {
          const params = Object.entries(view.query).map(([key, value]): [string, string] => [
            key,
            Array.isArray(value) ? value.join(',') : String(value),
          ]);
          return [view.key, `${new URLSearchParams(params)}&sort=${view.sort}`];
        }),
      );
      const read = { connections: READ_CONNECTIONS, duration: DURATION, warmup: 1 };
      const queue: Record<string, { page: PhaseResult; count: PhaseResult }> = {};
      for (const [view, query] of Object.entries(want('queue') ? views : {})) {
        const page = await httpPhase(
          `queue page: ${view}`,
          server,
          token,
          [{ method: 'GET', path: `/api/v1/tickets?${query}&limit=50` }],
          read,
        );
        const count = await httpPhase(
          `queue count: ${view}`,
          server,
          token,
          [{ method: 'GET', path: `/api/v1/tickets/count?${query.replace(/&sort=\w+/, '')}` }],
          read,
        );
        queue[view] = { page, count };
      }

      // ticket page
      const ticketPage = !want('page')
        ? undefined
        : await httpPhase(
            'ticket page',
            server,
            token,
            [
              {
                method: 'GET',
                setupRequest: (request) => ({ ...request, path: `/api/v1/tickets/${pickTicket()}/page` }),
              },
            ],
            read,
          );

      // search: the 20 queries in turn
      const nextSearch = cycle(SEARCHES);
      const search = !want('search')
        ? undefined
        : await httpPhase(
            'search',
            server,
            token,
            [
              {
                method: 'GET',
                setupRequest: (request) => ({
                  ...request,
                  path: `/api/v1/search?q=${encodeURIComponent(nextSearch())}&limit=20`,
                }),
              },
            ],
            read,
          );
      const perQuery: Record<string, number> = {};
      for (const q of want('search') ? SEARCHES : []) {
        const t = performance.now();
        const response = await fetch(`${url}/api/v1/search?q=${encodeURIComponent(q)}&limit=20`, {
          headers: { authorization: `Bearer ${token}` },
        });
        const json = (await response.json()) as { tickets?: unknown[] };
        perQuery[q] = round(performance.now() - t, 1);
        perQuery[`${q} (hits)`] = json.tickets?.length ?? -1;
      }
      phases.searchPerQuery = perQuery;

      // reports: each for the last whole month, one supervisor at a time, and the live dashboard.
      const reports: Record<string, PhaseResult> = {};
      if (want('reports')) {
        const month = lastWholeMonth(new Date());
        const reportPaths: [string, string][] = [
          ...REPORT_NAMES.map((name): [string, string] => [name, `/api/v1/reports/${name}?${month}`]),
          ['dashboard', '/api/v1/reports/dashboard'],
        ];
        for (const [name, reportPath] of reportPaths) {
          reports[name] = await httpPhase(
            `report: ${name}`,
            server,
            supervisorToken,
            [{ method: 'GET', path: reportPath }],
            { connections: 1, duration: Math.max(3, Math.round(DURATION / 4)), warmupRequests: 2 },
          );
        }
      }

      // reply
      const reply = !want('reply')
        ? undefined
        : await httpPhase('reply', server, token, [replyRequest], {
            connections: WRITE_CONNECTIONS,
            duration: DURATION,
          });

      // soak: the mixed load of a working day, at half the capacity just measured, for minutes;
      // the server's memory must stay flat (a leak grows it) and nothing may fail.
      let soak: SoakResult | undefined;
      if (SOAK_MINUTES > 0) {
        const OPEN_QUEUE = `/api/v1/tickets?${views.mine as string}&limit=50`;
        const mixed: Requests = [
          { method: 'GET', path: OPEN_QUEUE },
          { method: 'GET', setupRequest: (request) => ({ ...request, path: `/api/v1/tickets/${pickTicket()}/page` }) },
          {
            method: 'GET',
            setupRequest: (request) => ({
              ...request,
              path: `/api/v1/search?q=${encodeURIComponent(nextSearch())}&limit=20`,
            }),
          },
          replyRequest,
          createTicketRequest,
          { method: 'GET', path: `/api/v1/views` },
        ];
        soak = await soakPhase(server, token, mixed);
      }

      // ingest through the SMTP socket: the 250 comes after the raw mail is committed; the
      // server's CPU per mail is counted once every stored mail has been filed as a ticket.
      const ingestSmtp = want('ingest') ? await smtpIngestPhase(server.pid, smtpPort, open) : undefined;

      rss = peakRssMb(server.pid);
      serverCpuTotal = cpuMs(server.pid) - idleCpu;

      // 5. The baseline, with the server stopped so nothing else writes.
      await stopServer(child);
      const baselineInput = {
        departmentId: department,
        requester: contacts[0] as { id: string; organizationId: string },
        statusId: vocabulary.statuses.find((s) => s.category === 'new')?.id as string,
        prefix: vocabulary.prefix,
      };
      let baseline: BaselineResult;
      let batched: BaselineResult | undefined;
      // The floor's CPU per ticket: on SQLite the driver runs in this process, so its CPU is all of it.
      let floorCpuMs = Number.NaN;
      let batchedFloorCpuMs = Number.NaN;
      if (!want('baseline')) {
        baseline = { tickets: 0, seconds: 0, perSecond: Number.NaN, latencies: [] };
      } else if (ENGINE === 'sqlite') {
        const database = new SqliteDatabase(sqliteFile);
        database.pragma('journal_mode = WAL');
        database.pragma('synchronous = NORMAL');
        database.pragma('foreign_keys = ON');
        const timed = (batch: number): [BaselineResult, number] => {
          const cpu = process.cpuUsage();
          const result = sqliteBaseline(database, r, baselineInput, DURATION, batch);
          const used = process.cpuUsage(cpu);
          return [result, (used.user + used.system) / 1000 / Math.max(1, result.tickets)];
        };
        [baseline, floorCpuMs] = timed(1);
        [batched, batchedFloorCpuMs] = timed(BASELINE_BATCH);
        database.pragma('wal_checkpoint(TRUNCATE)');
        database.close();
      } else {
        baseline = await pgBaseline(PG_URL as string, schema, r, baselineInput, DURATION, 4);
        batched = await pgBaseline(PG_URL as string, schema, r, baselineInput, DURATION, 4, BASELINE_BATCH);
      }
      const baselineSorted = [...baseline.latencies].sort((a, b) => a - b);
      phases.baseline = {
        tickets: baseline.tickets,
        perSecond: round(baseline.perSecond),
        p50: round(percentile(baselineSorted, 50), 2),
        p95: round(percentile(baselineSorted, 95), 2),
        cpuMsPerTicket: Number.isFinite(floorCpuMs) ? round(floorCpuMs, 3) : null,
      };
      if (batched) {
        phases['baseline (batched)'] = {
          ticketsPerTransaction: BASELINE_BATCH,
          tickets: batched.tickets,
          perSecond: round(batched.perSecond),
          cpuMsPerTicket: Number.isFinite(batchedFloorCpuMs) ? round(batchedFloorCpuMs, 3) : null,
        };
        log(`  baseline, ${BASELINE_BATCH} tickets per transaction: ${round(batched.perSecond)} tickets/s`);
      }
      log(`  baseline: ${round(baseline.perSecond)} tickets/s (${baseline.tickets} in ${round(baseline.seconds)} s)`);

      // 7, 8. The time-rule sweep and in-process ingest, on the same database, server stopped.
      let sweep: SweepResult | undefined;
      let ingestLocal: IngestResult | undefined;
      if (want('sweep') || want('ingest')) {
        const local = open();
        try {
          if (want('ingest')) {
            ingestLocal = await ingestInProcess(local, r, DURATION);
            phases['ingest (in-process)'] = ingestLocal;
            log(`  ingest (in-process)          ${describeIngest(ingestLocal)}`);
          }
          if (want('sweep')) {
            const solved = vocabulary.statuses.find((s) => s.category === 'solved')?.id as string;
            sweep = await sweepPhase(local, { tickets: TICKETS, solvedStatusId: solved });
            phases.sweep = sweep;
            log(
              `  sweep: idle pass p50 ${round(sweep.idlePassMs.p50, 2)} ms; 1 % due: ${sweep.due.closed}/${sweep.due.tickets} ` +
                `closed in ${sweep.due.passes} passes, ${round(sweep.due.seconds)} s, ${round(sweep.due.cpuMsPerTicket, 2)} ms CPU per ticket`,
            );
          }
        } finally {
          await local.close();
        }
      }

      // 6. Sizes.
      let dbBytes = 0;
      if (ENGINE === 'sqlite') {
        dbBytes = statSync(sqliteFile).size;
      } else {
        const client = new pg.Client({ connectionString: PG_URL });
        await client.connect();
        const row = await client.query(
          `select coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint as bytes from pg_class c
           join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1 and c.relkind in ('r', 'm')`,
          [schema],
        );
        dbBytes = Number(row.rows[0].bytes);
        await client.end();
      }
      const jsKb = measureConsoleJs(path.join(ROOT, 'dist/web'))?.initialKb ?? null;

      // 7. The table.
      const add = (figure: string, value: number | string, unit: string, target?: string, pass?: boolean) =>
        figures.push({ figure, value, unit, target, pass });
      const seed = phases.seed as { rowsPerSecond: number; ticketsPerSecond: number; seconds: number };
      add('seed rate', seed.rowsPerSecond, 'rows/s');
      add('seed time', seed.seconds, 's');
      if (baseline.tickets > 0)
        add('baseline throughput (raw driver, 1 tx/ticket)', round(baseline.perSecond), 'tickets/s');
      if (batched) {
        add(`baseline throughput (raw driver, ${BASELINE_BATCH} tickets/tx)`, round(batched.perSecond), 'tickets/s');
      }
      if (create) {
        add('create throughput', create.perSecond, 'tickets/s');
        if (baseline.tickets > 0) {
          const ratio = round(create.perSecond / baseline.perSecond, 2);
          const sqlite = ENGINE === 'sqlite';
          add('create ÷ baseline', ratio, '', sqlite ? '≥ 0.3' : '(info)', sqlite ? ratio >= 0.3 : undefined);
        }
        add(`create p95 at concurrency ${WRITE_CONNECTIONS}`, create.p95, 'ms', '≤ 50', create.p95 <= 50);
        add('create p50 / p99', `${create.p50} / ${create.p99}`, 'ms');
        add('server CPU per created ticket', create.cpuMsPerOp, 'ms', '≤ 0.9', create.cpuMsPerOp <= 0.9);
        if (create.databaseCpuMsPerOp !== undefined) {
          const both = round(create.cpuMsPerOp + create.databaseCpuMsPerOp, 3);
          add(
            'server + PostgreSQL CPU per created ticket',
            `${both} (${create.databaseCpuMsPerOp} in PostgreSQL)`,
            'ms',
            '≤ 3',
            both <= 3,
          );
        }
        if (Number.isFinite(floorCpuMs)) {
          add('raw-driver floor: CPU per ticket (1 tx/ticket)', round(floorCpuMs, 3), 'ms');
          if (Number.isFinite(batchedFloorCpuMs)) {
            add(`raw-driver floor: CPU per ticket (${BASELINE_BATCH} tickets/tx)`, round(batchedFloorCpuMs, 3), 'ms');
          }
          const times = round(create.cpuMsPerOp / floorCpuMs, 1);
          add('server CPU per create ÷ floor', times, '×', '≤ 1.5', times <= 1.5);
        }
      }
      if (peers) {
        add('peers (concurrency 4, warm): tickets/s', peers.perSecond, '/s');
        add('peers: create p95 / server CPU per ticket', `${peers.p95} / ${peers.cpuMsPerOp}`, 'ms');
        if (peers.databaseCpuMsPerOp !== undefined) {
          add('peers: PostgreSQL CPU per ticket', peers.databaseCpuMsPerOp, 'ms');
        }
      }
      for (const [view, { page, count }] of Object.entries(queue)) {
        add(`queue page p95: ${view}`, page.p95, 'ms', '≤ 20', page.p95 <= 20);
        add(`queue count p95: ${view}`, count.p95, 'ms', '≤ 50', count.p95 <= 50);
      }
      if (ticketPage) add('ticket page p95', ticketPage.p95, 'ms', '≤ 15', ticketPage.p95 <= 15);
      if (search) add('search p95 (20 queries)', search.p95, 'ms', '≤ 100', search.p95 <= 100);
      for (const [name, report] of Object.entries(reports)) {
        add(`report p95: ${name} (a month, supervisor)`, report.p95, 'ms', '≤ 500', report.p95 <= 500);
      }
      if (reply) {
        add(`reply p95 at concurrency ${WRITE_CONNECTIONS}`, reply.p95, 'ms', '≤ 30', reply.p95 <= 30);
        add('server CPU per reply', reply.cpuMsPerOp, 'ms');
      }
      if (soak) {
        add(
          `soak: ${SOAK_MINUTES} min of mixed load at ${soak.rate} req/s (half of ${soak.capacity})`,
          `${soak.requests} requests, ${soak.errors} errors, p95 ${soak.p95} ms`,
          '',
          '0 errors',
          soak.errors === 0,
        );
        add(
          'soak: server RSS, early → late window (growth)',
          `${soak.rssEarlyMb} → ${soak.rssLateMb} MB (${soak.rssGrowthPercent} %)`,
          '',
          '≤ 10 %',
          soak.rssGrowthPercent <= 10,
        );
      }
      if (ingestSmtp) {
        add(
          'ingest over SMTP: filed/s (accepted/s), p95 to 250',
          `${ingestSmtp.perSecond} /s (${ingestSmtp.acceptedPerSecond} /s), ${ingestSmtp.p95} ms`,
          '',
        );
        add('server CPU per ingested mail (SMTP, parsed and filed)', ingestSmtp.cpuMsPerMail, 'ms');
      }
      if (ingestLocal) {
        add('ingest in-process: mails/s, p95', `${ingestLocal.perSecond} /s, ${ingestLocal.p95} ms`, '');
      }
      if (sweep) {
        add('sweep pass, nothing due (p50)', round(sweep.idlePassMs.p50, 2), 'ms');
        add(
          `sweep, 1 % due (${sweep.due.tickets.toLocaleString('en')} tickets closed by the rule)`,
          `${round(sweep.due.seconds, 1)} s in ${sweep.due.passes} passes, ${round(sweep.due.cpuMsPerTicket, 2)} ms CPU/ticket`,
          '',
        );
      }
      const cpuList = Object.entries(phases)
        .filter(([name]) => name.startsWith('queue') || name === 'ticket page' || name === 'search')
        .map(([name, p]) => `${name} ${(p as PhaseResult).cpuMsPerOp}`);
      if (cpuList.length) add('server CPU per read (ms/op)', cpuList.join('; '), '');
      add('server peak RSS', round(rss), 'MB', '≤ 250', rss <= 250);
      add('database size on disk', round(dbBytes / 1024 ** 2), 'MB');
      add(
        'console JS at first load, gzipped',
        jsKb ?? 'n/a (no dist/web; run npm run build:web)',
        'KB',
        '≤ 350',
        jsKb === null ? undefined : jsKb <= 350,
      );
      const errors = Object.entries(phases)
        .map(
          ([name, p]) =>
            [
              name,
              (p as Partial<PhaseResult & IngestResult>)?.errors ?? (p as Partial<IngestResult>)?.failed ?? 0,
            ] as const,
        )
        .filter(([, count]) => count > 0)
        .map(([name, count]) => `${name}: ${count}`);
      if (errors.length) {
        add('failed requests', errors.join('; '), '', '0', false);
        // A smoke run (CI) fails on broken requests, never on missed targets.
        process.exitCode = 1;
        log(`  server output (last 3000 characters):\n${serverOutput().slice(-3000)}`);
      }

      log(`  server wrote ${serverOutput().length.toLocaleString('en')} characters of output`);
      if (process.env.BENCH_SHOW_SERVER_OUTPUT) log(serverOutput().slice(0, 3000));
      const totalSeconds = round((performance.now() - startedAll) / 1000);
      const result = {
        label: args.label ?? (quick ? 'quick' : 'full'),
        date: new Date().toISOString(),
        commit,
        machine: machine(),
        engine: ENGINE,
        engineVersion:
          ENGINE === 'sqlite'
            ? `SQLite ${new SqliteDatabase(':memory:').prepare('select sqlite_version() as v').pluck().get()}`
            : await pgVersion(),
        scale: { ...scale, messages: '~3 per ticket', departments: 7 },
        settings: {
          durationSeconds: DURATION,
          writeConnections: WRITE_CONNECTIONS,
          readConnections: READ_CONNECTIONS,
          openShare: OPEN_SHARE ?? 'natural',
        },
        figures,
        phases,
        serverCpuSecondsTotal: round(serverCpuTotal / 1000, 1),
        totalSeconds,
      };
      const table = markdown(result);
      console.log(table);
      mkdirSync(OUT, { recursive: true });
      const name = `${ENGINE}-${TICKETS >= 1_000_000 ? `${TICKETS / 1_000_000}M` : `${TICKETS / 1000}k`}-${result.label}${args.label ? '' : ''}`;
      writeFileSync(path.join(OUT, `${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
      writeFileSync(path.join(OUT, `${name}.md`), `${table}\n`);
      log(`  results: ${path.relative(ROOT, path.join(OUT, `${name}.{json,md}`))}; total ${totalSeconds} s`);
    } finally {
      await stopServer(child);
      await monitor?.end();
    }
  } finally {
    if (args.keep) {
      log(`  kept: ${PG_URL ? `schema ${schema}` : sqliteFile}`);
    } else {
      if (PG_URL) {
        const admin = new pg.Client({ connectionString: PG_URL });
        await admin.connect();
        await admin.query(`drop schema if exists ${schema} cascade`);
        await admin.end();
      }
      rmSync(tmp, { recursive: true, force: true });
    }
  }
}

function describeIngest(result: IngestResult): string {
  return (
    `${String(result.mails).padStart(7)} mails ${String(result.perSecond).padStart(7)}/s  p50 ${result.p50} ms  ` +
    `p95 ${result.p95} ms  cpu ${result.cpuMsPerMail} ms/mail` +
    (result.failed ? `  FAILED ${result.failed}` : '')
  );
}

async function smtpIngestPhase(
  serverPid: number,
  port: number,
  open: () => DbHandle,
): Promise<IngestResult & { acceptedPerSecond: number }> {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: READ_CONNECTIONS,
  });
  const r = rng(8);
  const latencies: number[] = [];
  let failed = 0;
  const reasons = new Set<string>();
  const cpuBefore = cpuMs(serverPid);
  const started = performance.now();
  const worker = async () => {
    while (performance.now() - started < DURATION * 1000) {
      const { from, raw } = rawMail(r);
      const t = performance.now();
      try {
        await transport.sendMail({ envelope: { from, to: [INGEST_ADDRESS] }, raw });
        latencies.push(performance.now() - t);
      } catch (error) {
        failed++;
        // The first few reasons are printed: a failure the server logs nothing about is the client's.
        if (reasons.size < 3) reasons.add((error as Error).message);
      }
    }
  };
  await Promise.all(Array.from({ length: READ_CONNECTIONS }, worker));
  for (const reason of reasons) console.log(`  ingest (SMTP) send failed: ${reason}`);
  const seconds = (performance.now() - started) / 1000;
  transport.close();
  // Filing happens after the 250: the phase ends when every stored mail is filed (or after 10
  // minutes, when what is left counts as failed), so the CPU and the rate are of the whole path.
  const handle = open();
  try {
    const deadline = Date.now() + 600_000;
    for (;;) {
      const row = await handle.db
        .selectFrom('inbound_messages')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'pending')
        .executeTakeFirst();
      const pending = Number(row?.n ?? 0);
      if (pending === 0 || Date.now() > deadline) {
        failed += pending;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const bad = await handle.db
      .selectFrom('inbound_messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'failed')
      .executeTakeFirst();
    failed += Number(bad?.n ?? 0);
  } finally {
    await handle.close();
  }
  const filedSeconds = (performance.now() - started) / 1000;
  const result = {
    ...summarize(latencies, filedSeconds, cpuMs(serverPid) - cpuBefore, failed),
    acceptedPerSecond: round(latencies.length / seconds),
  };
  phases['ingest (SMTP)'] = result;
  log(
    `  ingest (SMTP)                ${describeIngest(result)}; accepted ${result.acceptedPerSecond}/s` +
      `  peak RSS ${round(peakRssMb(serverPid))} MB`,
  );
  return result;
}

async function pgVersion(): Promise<string> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  const v = (await client.query('show server_version')).rows[0].server_version as string;
  await client.end();
  return `PostgreSQL ${v}`;
}

function markdown(result: {
  label: string;
  date: string;
  commit: string;
  machine: ReturnType<typeof machine>;
  engine: string;
  engineVersion: unknown;
  figures: Figure[];
  totalSeconds: number;
}): string {
  const m = result.machine;
  const lines = [
    `### Tiquete bench — ${result.engine} (${String(result.engineVersion)}), ${TICKETS.toLocaleString('en')} tickets, ${result.label}`,
    '',
    `${result.date} · commit ${result.commit} · ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB · Node ${m.node} · ` +
      `${DURATION} s per phase, writes at concurrency ${WRITE_CONNECTIONS}, reads at ${READ_CONNECTIONS} · run took ${result.totalSeconds} s`,
    '',
    '| figure | value | target | pass |',
    '|---|---:|---|---|',
    ...result.figures.map(
      (f) =>
        `| ${f.figure} | ${typeof f.value === 'number' ? f.value.toLocaleString('en') : f.value}${f.unit ? ` ${f.unit}` : ''} | ${f.target ?? ''} | ${
          f.pass === undefined ? '' : f.pass ? 'pass' : '**FAIL**'
        } |`,
    ),
  ];
  return lines.join('\n');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

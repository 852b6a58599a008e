/**
 * Phase 7, sweep: the minute's time-rule pass, run in-process on the seeded database with the
 * server stopped, through the same job runner and handlers the server uses. First with nothing
 * due, then with 1 % of the tickets made due for the "close 4 days after solved" rule.
 */
import { createServices } from '../src/core/services.ts';
import { manualClock } from '../src/core/shared/clock.ts';
import type { DbHandle } from '../src/db/create-db.ts';
import { createJobRunner } from '../src/jobs/job-runner.ts';

export interface SweepResult {
  idlePassMs: { p50: number; max: number; passes: number };
  due: {
    tickets: number;
    closed: number;
    passes: number;
    seconds: number;
    cpuMsPerTicket: number;
    firstPassMs: number;
  };
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const CHUNK = 500;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

export async function sweepPhase(handle: DbHandle, opts: { tickets: number; solvedStatusId: string }) {
  const { db } = handle;
  const clock = manualClock(new Date());
  const services = createServices({ db, clock });
  const runner = createJobRunner({
    db,
    clock,
    events: services.events,
    handlers: services.automation.jobs,
    recurring: [{ name: 'automation.time-rules@1', cron: '* * * * *' }],
  });
  const pass = async () => {
    clock.advance(MINUTE);
    const started = performance.now();
    const jobs = await runner.runDue();
    return { ms: performance.now() - started, jobs };
  };

  // Whatever the HTTP phases left due (their new tickets' SLA jobs) is drained first, unmeasured.
  for (let i = 0; i < 50 && (await pass()).jobs > 1; i++);
  const idle: number[] = [];
  for (let i = 0; i < 5; i++) idle.push((await pass()).ms);
  idle.sort((a, b) => a - b);

  // 1 % of the tickets: open work set to solved five days ago, so the close rule finds them due.
  const want = Math.max(1, Math.round(opts.tickets * 0.01));
  const rows = await db
    .selectFrom('tickets')
    .select('id')
    .where('status_category', 'in', ['new', 'open'])
    .where('merged_into_id', 'is', null)
    .limit(want)
    .execute();
  const ids = rows.map((r) => r.id);
  const longAgo = new Date(clock.now().getTime() - 5 * DAY).toISOString();
  for (const part of chunks(ids)) {
    await db
      .updateTable('tickets')
      .set({ status_id: opts.solvedStatusId, status_category: 'solved', solved_at: longAgo, updated_at: longAgo })
      .where('id', 'in', part)
      .execute();
  }

  const countClosed = async () => {
    let closed = 0;
    for (const part of chunks(ids)) {
      const row = await db
        .selectFrom('tickets')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('id', 'in', part)
        .where('status_category', '=', 'closed')
        .executeTakeFirst();
      closed += Number(row?.n ?? 0);
    }
    return closed;
  };
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let passes = 0;
  let firstPassMs = 0;
  let closed = 0;
  // Each scan queues at most 1,000 tickets per rule, so 1 % of a million takes about ten passes.
  while (passes < Math.ceil(ids.length / 1000) + 5) {
    const { ms, jobs } = await pass();
    if (passes === 0) firstPassMs = ms;
    passes++;
    if (jobs <= 1) {
      closed = await countClosed();
      if (closed >= ids.length) break;
    }
  }
  closed = await countClosed();
  const cpu = process.cpuUsage(cpuBefore);
  const seconds = (performance.now() - started) / 1000;
  const result: SweepResult = {
    idlePassMs: { p50: idle[2] ?? Number.NaN, max: idle[idle.length - 1] ?? Number.NaN, passes: idle.length },
    due: {
      tickets: ids.length,
      closed,
      passes,
      seconds,
      cpuMsPerTicket: (cpu.user + cpu.system) / 1000 / Math.max(1, closed),
      firstPassMs,
    },
  };
  return result;
}

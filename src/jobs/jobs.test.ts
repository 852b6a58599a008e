import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { OutboxItem } from '../core/outbox/outbox.repository.ts';
import { outboxRepository } from '../core/outbox/outbox.repository.ts';
import { manualClock } from '../core/shared/clock.ts';
import { createEventBus } from '../core/shared/domain-events.ts';
import { createDb } from '../db/create-db.ts';
import { forEachDialect } from '../testing/for-each-dialect.ts';
import { createTicketFixture } from '../testing/ticket-fixtures.ts';
import { jobQueueRepository } from './job-queue.repository.ts';
import { createJobRunner } from './job-runner.ts';
import { outboxQueueRepository } from './outbox-queue.repository.ts';
import { createOutboxWorker } from './outbox-worker.ts';

const HOUR = 3600_000;

forEachDialect('outbox worker', (ctx) => {
  let clock: ReturnType<typeof manualClock>;
  beforeEach(() => {
    clock = manualClock('2026-03-02T15:00:00Z');
  });

  async function queue(type: string, payload: Record<string, unknown>, ticketId: string | null = null) {
    return outboxRepository(ctx.database.db).add({ type, payload, ticketId, now: clock.now().toISOString() });
  }

  async function statuses() {
    const rows = await ctx.database.db
      .selectFrom('outbox')
      .select(['type', 'status', 'payload'])
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => `${JSON.parse(r.payload).n}:${r.status}`);
  }

  it('delivers each item once, oldest first, and leaves types it has no handler for queued', async () => {
    for (let n = 1; n <= 3; n++) await queue('test.mail@1', { n });
    await queue('other.thing@1', { n: 4 });
    const sent: number[] = [];
    const worker = createOutboxWorker({
      db: ctx.database.db,
      clock,
      handlers: { 'test.mail@1': async (item) => void sent.push(item.payload.n as number) },
    });
    expect(await worker.drain()).toBe(3);
    expect(await worker.drain()).toBe(0);
    expect(sent).toEqual([1, 2, 3]);
    expect(await statuses()).toEqual(['1:sent', '2:sent', '3:sent', '4:pending']);
  });

  it('retries with growing delays while the remote is down, keeping each ticket in order, and delivers once back', async () => {
    const ticketId = (await createTicketFixture(ctx.database.db)).id;
    for (let n = 1; n <= 3; n++) await queue('test.mail@1', { n }, ticketId);
    let up = false;
    const sent: number[] = [];
    const worker = createOutboxWorker({
      db: ctx.database.db,
      clock,
      handlers: {
        'test.mail@1': async (item: OutboxItem) => {
          if (!up) throw new Error('connection refused');
          sent.push(item.payload.n as number);
        },
      },
    });
    expect(await worker.runOnce()).toBe(1);
    expect(await worker.runOnce()).toBe(0);
    clock.advance(61_000);
    expect(await worker.runOnce()).toBe(1);
    clock.advance(61_000);
    expect(await worker.runOnce()).toBe(0);
    up = true;
    clock.advance(HOUR);
    await worker.drain();
    expect(sent).toEqual([1, 2, 3]);
    expect(await statuses()).toEqual(['1:sent', '2:sent', '3:sent']);
  });

  it('does not hold a ticket’s deliverable item back behind an earlier one of a type that cannot go now', async () => {
    const ticketId = (await createTicketFixture(ctx.database.db)).id;
    await queue('test.mail@1', { n: 1 }, ticketId);
    clock.advance(1_000);
    await queue('test.chat@1', { n: 2 }, ticketId);
    const sent: number[] = [];
    const handler = async (item: OutboxItem) => void sent.push(item.payload.n as number);
    const worker = createOutboxWorker({
      db: ctx.database.db,
      clock,
      handlers: { 'test.mail@1': handler, 'test.chat@1': handler },
      // No SMTP server: mail waits, the chat message goes.
      deliverable: async (types) => types.filter((type) => type !== 'test.mail@1'),
    });
    await worker.drain();
    expect(sent).toEqual([2]);
    expect(await statuses()).toEqual(['1:pending', '2:sent']);
  });

  it('marks an item failed, with its error, when it still fails after 48 hours', async () => {
    await queue('test.mail@1', { n: 1 });
    const worker = createOutboxWorker({
      db: ctx.database.db,
      clock,
      handlers: { 'test.mail@1': async () => Promise.reject(new Error('550 mailbox unavailable')) },
    });
    for (let hour = 0; hour <= 49; hour++) {
      await worker.runOnce();
      clock.advance(HOUR);
    }
    const row = await ctx.database.db.selectFrom('outbox').select(['status', 'last_error']).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'failed', last_error: '550 mailbox unavailable' });
  });

  it('hands an item claimed by a worker that was killed to another after a 30-second lease, not 5 minutes', async () => {
    await queue('test.mail@1', { n: 1 });
    // What a worker killed while sending leaves behind: a claimed row and nobody renewing it.
    const now = clock.now();
    await outboxQueueRepository(ctx.database.db).claim({
      now: now.toISOString(),
      leaseUntil: new Date(now.getTime() + 30_000).toISOString(),
      types: ['test.mail@1'],
      limit: 20,
    });
    const sent: number[] = [];
    const healthy = createOutboxWorker({
      db: ctx.database.db,
      clock,
      handlers: { 'test.mail@1': async (item) => void sent.push(item.payload.n as number) },
    });
    expect(await healthy.runOnce()).toBe(0);
    clock.advance(31_000);
    expect(await healthy.runOnce()).toBe(1);
    expect(sent).toEqual([1]);
  });

  it('renews the lease while a slow send is in progress, so no other worker sends the item too', async () => {
    await queue('test.mail@1', { n: 1 });
    let finish = () => {};
    let started = () => {};
    const sending = new Promise<void>((resolve) => {
      started = resolve;
    });
    const slow = createOutboxWorker({
      db: ctx.database.db,
      clock,
      renewEveryMs: 10,
      handlers: {
        'test.mail@1': () =>
          new Promise<void>((resolve) => {
            finish = resolve;
            started();
          }),
      },
    });
    const slowRun = slow.runOnce();
    await sending;
    const other: number[] = [];
    const healthy = createOutboxWorker({
      db: ctx.database.db,
      clock,
      handlers: { 'test.mail@1': async (item) => void other.push(item.payload.n as number) },
    });
    // Two minutes pass during the send; the lease is renewed from the clock meanwhile.
    for (let i = 0; i < 8; i++) {
      clock.advance(15_000);
      const renewed = new Date(clock.now().getTime() + 30_000).toISOString();
      await waitFor(async () => (await availableAt()) === renewed);
      expect(await healthy.runOnce()).toBe(0);
    }
    finish();
    expect(await slowRun).toBe(1);
    clock.advance(60_000);
    expect(await healthy.runOnce()).toBe(0);
    expect(other).toEqual([]);
    expect(await statuses()).toEqual(['1:sent']);
  });

  it('sends a batch four at a time, each ticket’s items still in order', async () => {
    const tickets = [];
    for (let t = 0; t < 3; t++) tickets.push((await createTicketFixture(ctx.database.db)).id);
    // Three tickets with two mails each, and two mails of no ticket.
    for (let n = 1; n <= 2; n++)
      for (const [t, ticketId] of tickets.entries()) await queue('test.mail@1', { n: t * 10 + n }, ticketId);
    await queue('test.mail@1', { n: 91 });
    await queue('test.mail@1', { n: 92 });
    let inFlight = 0;
    let mostAtOnce = 0;
    const sent: number[] = [];
    const worker = createOutboxWorker({
      db: ctx.database.db,
      clock,
      handlers: {
        'test.mail@1': async (item) => {
          inFlight++;
          mostAtOnce = Math.max(mostAtOnce, inFlight);
          await new Promise((resolve) => setTimeout(resolve, 20));
          sent.push(item.payload.n as number);
          inFlight--;
        },
      },
    });
    // The first batch: the oldest item of each ticket, and both of no ticket.
    expect(await worker.runOnce()).toBe(5);
    expect(mostAtOnce).toBe(4);
    expect(await worker.drain()).toBe(3);
    expect(sent.toSorted((a, b) => a - b)).toEqual([1, 2, 11, 12, 21, 22, 91, 92]);
    for (const first of [1, 11, 21]) expect(sent.indexOf(first)).toBeLessThan(sent.indexOf(first + 1));
  });

  async function availableAt() {
    const row = await ctx.database.db.selectFrom('outbox').select('available_at').executeTakeFirstOrThrow();
    return new Date(row.available_at).toISOString();
  }
});

/** Polls until `check` holds (bounded), for effects of timers the test does not control. */
async function waitFor(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

forEachDialect('job runner', (ctx) => {
  let clock: ReturnType<typeof manualClock>;
  beforeEach(async () => {
    clock = manualClock('2026-03-02T15:00:30Z');
    await sql`create table job_effects (job_id text not null)`.execute(ctx.database.db);
  });
  afterEach(async () => {
    await sql`drop table if exists job_effects`.execute(ctx.database.db);
  });

  const recordEffect = async (uow: { trx: typeof ctx.database.db }, job: { id: string }) => {
    await sql`insert into job_effects (job_id) values (${job.id})`.execute(uow.trx);
  };

  it('runs each of 1,000 due jobs exactly once with two instances working at the same time', async () => {
    const queue = jobQueueRepository(ctx.database.db);
    for (let i = 0; i < 1000; i++) {
      await queue.enqueue({ name: 'test.effect', runAt: clock.now().toISOString(), now: clock.now().toISOString() });
    }
    // The second instance has its own connections (PostgreSQL) to the same database.
    const second = ctx.dialect === 'postgres' ? createDb({ ...ctx.database.connection, poolSize: 4 }) : ctx.database;
    const runner = (db: typeof ctx.database.db) =>
      createJobRunner({ db, clock, events: createEventBus(), handlers: { 'test.effect': recordEffect } });
    const [a, b] = await Promise.all([runner(ctx.database.db).runDue(), runner(second.db).runDue()]);
    if (second !== ctx.database) await second.close();
    expect(a + b).toBe(1000);
    const counts = await sql<{ total: number; distinct_jobs: number }>`
      select count(*) as total, count(distinct job_id) as distinct_jobs from job_effects`.execute(ctx.database.db);
    expect(counts.rows[0]).toEqual({ total: 1000, distinct_jobs: 1000 });
    expect(await queue.countPending()).toBe(0);
  });

  it('rolls back a failing job with its effects, retries it later, then marks it failed', async () => {
    await jobQueueRepository(ctx.database.db).enqueue({
      name: 'test.flaky',
      runAt: clock.now().toISOString(),
      now: clock.now().toISOString(),
    });
    const runner = createJobRunner({
      db: ctx.database.db,
      clock,
      events: createEventBus(),
      maxAttempts: 2,
      handlers: {
        'test.flaky': async (uow, job) => {
          await recordEffect(uow, job);
          throw new Error('rule failed');
        },
      },
    });
    expect(await runner.runDue()).toBe(1);
    expect(await runner.runDue()).toBe(0);
    clock.advance(2 * 60_000);
    expect(await runner.runDue()).toBe(1);
    const job = await ctx.database.db
      .selectFrom('jobs')
      .select(['status', 'attempts', 'last_error'])
      .executeTakeFirstOrThrow();
    expect(job).toEqual({ status: 'failed', attempts: 2, last_error: 'rule failed' });
    const effects = await sql<{ n: number }>`select count(*) as n from job_effects`.execute(ctx.database.db);
    expect(Number(effects.rows[0]?.n)).toBe(0);
  });

  it('queues a recurring job once per minute however many instances schedule it', async () => {
    const make = () =>
      createJobRunner({
        db: ctx.database.db,
        clock,
        events: createEventBus(),
        recurring: [{ name: 'test.sweep', cron: '* * * * *' }],
        handlers: { 'test.sweep': recordEffect },
      });
    const [one, two] = [make(), make()];
    await one.runDue();
    await two.runDue();
    clock.advance(60_000);
    await two.runDue();
    await one.runDue();
    const effects = await sql<{ n: number }>`select count(*) as n from job_effects`.execute(ctx.database.db);
    expect(Number(effects.rows[0]?.n)).toBe(2);
  });
});

import { expect, it } from 'vitest';
import { createDb } from '../../db/create-db.ts';
import type { Db } from '../../db/database.ts';
import { automationWork } from '../../jobs/automation-work.ts';
import { createJobRunner, type JobHandler } from '../../jobs/job-runner.ts';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { createTestApp } from '../../testing/test-app.ts';
import { createTicketFixture } from '../../testing/ticket-fixtures.ts';
import { newId } from '../shared/ids.ts';
import { TICKET_DUE_JOB, TIME_RULES_JOB } from './automation.service.ts';

const DAY = 24 * 3600_000;

forEachDialect('time rules with two instances', (ctx) => {
  it('closes each of 1,000 tickets solved 4 days ago exactly once when two instances run the jobs', async () => {
    const t = await createTestApp(ctx);
    t.clock.set('2026-03-10T15:00:30Z');
    const db = ctx.database.db;
    const solved = await db
      .selectFrom('ticket_statuses')
      .select(['id'])
      .where('name', '=', 'RESUELTO')
      .executeTakeFirstOrThrow();
    const model = await createTicketFixture(db);
    const template = await db.selectFrom('tickets').selectAll().where('id', '=', model.id).executeTakeFirstOrThrow();
    const old = new Date(t.clock.now().getTime() - 5 * DAY).toISOString();
    const rows = Array.from({ length: 1000 }, (_, i) => ({
      ...template,
      id: newId(),
      number: `TR${i}`,
      status_id: solved.id,
      status_category: 'solved' as const,
      solved_at: old,
      created_at: old,
      updated_at: old,
    }));
    for (let i = 0; i < rows.length; i += 100)
      await db
        .insertInto('tickets')
        .values(rows.slice(i, i + 100))
        .execute();
    await db.deleteFrom('tickets').where('id', '=', model.id).execute();

    const work = automationWork(t.services);
    const runner = (instanceDb: Db, names: string[], recurring = work.recurring) =>
      createJobRunner({
        db: instanceDb,
        clock: t.clock,
        events: t.services.events,
        handlers: Object.fromEntries(names.map((name) => [name, work.jobHandlers[name] as JobHandler])),
        recurring,
      });
    // The minute's scan queues one job per due ticket, then both instances share them.
    expect(await runner(db, [TIME_RULES_JOB]).runDue()).toBe(1);
    const second = ctx.dialect === 'postgres' ? createDb({ ...ctx.database.connection, poolSize: 4 }) : ctx.database;
    try {
      const [a, b] = await Promise.all([
        runner(db, [TICKET_DUE_JOB], []).runDue(),
        runner(second.db, [TICKET_DUE_JOB], []).runDue(),
      ]);
      expect(a + b).toBe(1000);
      if (ctx.dialect === 'postgres') expect(Math.min(a, b)).toBeGreaterThan(0);
    } finally {
      if (second !== ctx.database) await second.close();
    }
    const closes = await db
      .selectFrom('ticket_events')
      .select((eb) => [eb.fn.countAll<number>().as('total'), eb.fn.count<number>('ticket_id').distinct().as('tickets')])
      .where('field', '=', 'status')
      .where('to_value', '=', 'CERRADO')
      .executeTakeFirstOrThrow();
    expect({ total: Number(closes.total), tickets: Number(closes.tickets) }).toEqual({ total: 1000, tickets: 1000 });
    const open = await db
      .selectFrom('tickets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status_category', '!=', 'closed')
      .executeTakeFirstOrThrow();
    expect(Number(open.n)).toBe(0);
    await t.close();
  }, 120_000);
});

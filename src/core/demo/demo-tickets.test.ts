import { afterEach, expect, it } from 'vitest';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { createTestApp, SYSTEM_ACTOR, type TestApp } from '../../testing/test-app.ts';
import { DEFAULT_ADMIN_EMAIL } from '../accounts/first-run.ts';
import { CHANNELS, FLAGS, PRIORITIES, STATUS_CATEGORIES, UNSOLVED_CATEGORIES } from '../tickets/ticket-vocabulary.ts';
import { seedDemoData } from './demo-data.ts';
import { seedDemoTickets } from './demo-tickets.ts';

forEachDialect('demo week of tickets', (ctx) => {
  let t: TestApp;
  afterEach(async () => t?.close());

  it('seeds 30–60 tickets over every channel, status, flag and priority, with a consistent week', async () => {
    t = await createTestApp(ctx);
    await seedDemoData(t.services);
    await t.services.agents.create(SYSTEM_ACTOR, { email: DEFAULT_ADMIN_EMAIL, name: 'Administrador', role: 'admin' });
    const now = new Date();
    const started = performance.now();
    const result = await seedDemoTickets(ctx.database.db, now, DEFAULT_ADMIN_EMAIL);
    console.log(`[${ctx.dialect}] demo tickets seeded in ${Math.round(performance.now() - started)} ms`);

    const { items } = await t.services.tickets.list(SYSTEM_ACTOR, { query: {}, limit: 200 });
    expect(items).toHaveLength(result.tickets);
    expect(items.length).toBeGreaterThanOrEqual(30);
    expect(items.length).toBeLessThanOrEqual(60);
    expect(new Set(items.map((i) => i.channel))).toEqual(new Set(CHANNELS));
    expect(new Set(items.map((i) => i.statusCategory))).toEqual(new Set(STATUS_CATEGORIES));
    expect(new Set(items.map((i) => i.flag).filter(Boolean))).toEqual(new Set(FLAGS));
    expect(new Set(items.map((i) => i.priority))).toEqual(new Set(PRIORITIES));
    expect(new Set(items.map((i) => i.type)).size).toBeGreaterThanOrEqual(6);
    // Dated over the past week, never in the future.
    const created = items.map((i) => Date.parse(i.createdAt));
    expect(Math.min(...created)).toBeLessThan(now.getTime() - 5 * 24 * 3_600_000);
    expect(Math.max(...created)).toBeLessThanOrEqual(now.getTime());
    // The admin who signs in first has work of their own.
    const admin = items.filter((i) => i.assignee?.name === 'Administrador');
    expect(admin.length).toBeGreaterThan(0);

    const merged = items.filter((i) => i.mergedIntoId !== null);
    const split = items.filter((i) => i.splitFromId !== null);
    expect(merged).toHaveLength(1);
    expect(split).toHaveLength(1);
    expect(split[0]?.splitFromId).toBe(merged[0]?.mergedIntoId);

    const stale = await t.services.tickets.list(SYSTEM_ACTOR, { query: { stale: true }, limit: 200 });
    expect(stale.items.length).toBeGreaterThan(0);
    const states = new Set(items.map((i) => i.slaState));
    expect(states).toContain('breached');
    expect(states).toContain('ok');
    // A queue filtered by SLA state holds exactly the tickets in those states (the at-risk ones are
    // read through their own index, migration 0055), with or without the open-work filter.
    for (const slaState of [['warning', 'breached'], ['breached'], ['ok']]) {
      for (const statusCategory of [undefined, [...UNSOLVED_CATEGORIES]]) {
        const queue = await t.services.tickets.list(SYSTEM_ACTOR, { query: { slaState, statusCategory }, limit: 200 });
        const expected = items.filter(
          (i) => slaState.includes(i.slaState ?? '') && (!statusCategory || statusCategory.includes(i.statusCategory)),
        );
        expect(queue.items.map((i) => i.id).sort()).toEqual(expected.map((i) => i.id).sort());
      }
    }

    const invoices = merged[0]?.mergedIntoId as string;
    const conversation = await t.services.messages.list(SYSTEM_ACTOR, invoices, { limit: 50 });
    const kinds = conversation.items.map((m) => `${m.kind}:${m.author.kind}`);
    expect(kinds).toEqual(expect.arrayContaining(['reply:agent', 'reply:contact', 'note:agent']));
    const sheet = await t.services.timeEntries.list(SYSTEM_ACTOR, invoices);
    expect(sheet.items.length).toBeGreaterThan(0);
    const found = await t.services.search.search(SYSTEM_ACTOR, 'facturas', { limit: 20 });
    expect(found.tickets.length).toBeGreaterThan(0);

    // A week that already happened sends nothing now: no reply or notice waits for the SMTP server.
    const waiting = await ctx.database.db.selectFrom('outbox').select('type').where('status', '=', 'pending').execute();
    expect(waiting).toEqual([]);

    // The first SLA scan of the new desk finds the week's clocks already where they stand now: a
    // breach that happened in the invented history is shown, not announced to the demo agents.
    const breached = items.filter((i) => i.slaState === 'breached').map((i) => i.id);
    const noticesBefore = await ctx.database.db.selectFrom('notifications').select('id').execute();
    t.clock.set(new Date(now.getTime() + 60_000));
    await t.automationJobs().runDue();
    const queued = await ctx.database.db.selectFrom('outbox').select('type').where('status', '=', 'pending').execute();
    expect(queued).toEqual([]);
    const noticesAfter = await ctx.database.db.selectFrom('notifications').select('id').execute();
    expect(noticesAfter).toHaveLength(noticesBefore.length);
    const rescanned = await t.services.tickets.list(SYSTEM_ACTOR, { query: {}, limit: 200 });
    expect(rescanned.items.filter((i) => i.slaState === 'breached').map((i) => i.id)).toEqual(breached);

    // Running it again adds nothing.
    expect(await seedDemoTickets(ctx.database.db, new Date(), DEFAULT_ADMIN_EMAIL)).toEqual({ tickets: 0 });
    expect((await t.services.tickets.list(SYSTEM_ACTOR, { query: {}, limit: 200 })).items).toHaveLength(items.length);
  });
});

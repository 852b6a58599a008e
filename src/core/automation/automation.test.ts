import { afterEach, beforeEach, expect, it } from 'vitest';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { createTestApp, SYSTEM_ACTOR, type TestApp, unique } from '../../testing/test-app.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import type { NewTicket } from '../tickets/ticket.service.ts';

const HOUR = 3600_000;
const MINUTE = 60_000;

forEachDialect('automation: seeded rules, SLA clocks, time rules and account limits', (ctx) => {
  let t: TestApp;
  let admin: Actor;
  beforeEach(async () => {
    t = await createTestApp(ctx);
    const agent = await t.createAgent({ role: 'admin' });
    admin = { kind: 'agent', id: agent.id, role: 'admin', departmentIds: [], locale: 'es' };
  });
  afterEach(async () => {
    await t.close();
  });

  function open(fields: Partial<NewTicket> = {}) {
    return t.services.tickets.create(admin, {
      subject: 'Consulta',
      body: 'Buenos días, tenemos un problema.',
      requester: { email: `${unique('cliente')}@example.com`, name: 'Ana Mora' },
      ...fields,
    });
  }

  async function targets(ticketId: string) {
    const rows = await t.services.automation.slaOf([ticketId]);
    return Object.fromEntries(rows.map((r) => [r.metric, { dueAt: r.dueAt, state: r.state }]));
  }

  async function history(ticketId: string) {
    return (await t.services.tickets.history(admin, ticketId)).map((h) => `${h.via}|${h.field}|${h.from}→${h.to}`);
  }

  it('gives a Critical that arrives at 16:30 until 17:30 to be resolved', async () => {
    t.clock.set('2026-03-04T22:30:00Z'); // Wednesday 16:30 in Costa Rica
    const ticket = await open({ priority: 'critica' });
    expect((await targets(ticket.id)).resolution).toEqual({ dueAt: '2026-03-04T23:30:00.000Z', state: 'ok' });
    expect(ticket.slaDueAt).toBe('2026-03-04T23:30:00.000Z');
    expect(ticket.slaState).toBe('ok');
  });

  it('gives an Urgent that arrives at 18:00 on Friday until the end of Monday’s business day', async () => {
    t.clock.set('2026-03-07T00:00:00Z'); // Friday 18:00 in Costa Rica, closing time
    const ticket = await open({ priority: 'urgente' });
    expect((await targets(ticket.id)).resolution?.dueAt).toBe('2026-03-10T00:00:00.000Z'); // Monday 18:00
  });

  it('breaches the 4-hour first reply of a mail that arrived at 11:00 at 15:00 business time, and tells the assignee', async () => {
    const agent = await t.createAgent();
    t.clock.set('2026-03-04T17:00:00Z'); // Wednesday 11:00
    const ticket = await open({ channel: 'email', assigneeId: agent.id });
    const jobs = t.automationJobs();
    t.clock.set('2026-03-04T20:00:00Z'); // 14:00: three quarters of the time
    await jobs.runDue();
    expect((await targets(ticket.id)).first_reply).toEqual({ dueAt: '2026-03-04T21:00:00.000Z', state: 'warning' });
    t.clock.set('2026-03-04T20:59:00Z');
    await jobs.runDue();
    expect((await targets(ticket.id)).first_reply?.state).toBe('warning');
    t.clock.set('2026-03-04T21:00:00Z'); // 15:00
    await jobs.runDue();
    expect((await targets(ticket.id)).first_reply?.state).toBe('breached');
    expect(await history(ticket.id)).toContain(
      'system:por regla SLA Normal y Alta: resolver en 24 horas|sla.first_reply|warning→breached',
    );
    const agentActor: Actor = { kind: 'agent', id: agent.id, role: 'agent', departmentIds: [], locale: 'es' };
    const inbox = await t.services.notifications.list(agentActor, { limit: 10 });
    expect(inbox.items.map((n) => n.kind)).toEqual(['sla_breach', 'sla_warning', 'ticket_assigned']);
    expect(inbox.unread).toBe(3);
    // Running the sweep again changes nothing: each state is reported once.
    t.clock.advance(MINUTE);
    await jobs.runDue();
    expect((await t.services.notifications.list(agentActor, { limit: 10 })).items).toHaveLength(3);
  });

  it('pauses the clocks while the ticket waits on the customer', async () => {
    t.clock.set('2026-03-04T15:00:00Z'); // Wednesday 09:00
    const ticket = await open({ channel: 'email' });
    t.clock.set('2026-03-04T16:00:00Z'); // 10:00: waiting on the customer
    await t.services.tickets.update(admin, ticket.id, { status: 'PENDIENTE' });
    expect((await targets(ticket.id)).first_reply).toEqual({ dueAt: null, state: 'paused' });
    t.clock.set('2026-03-04T18:00:00Z'); // 12:00: back
    await t.services.tickets.update(admin, ticket.id, { status: 'ABIERTO' });
    // 4 business hours from 09:00 plus the 2 hours paused.
    expect((await targets(ticket.id)).first_reply?.dueAt).toBe('2026-03-04T21:00:00.000Z');
  });

  it('marks a ticket stale after 24 hours without a reply or note, and clears it with a note (003)', async () => {
    t.clock.set('2026-03-04T15:00:00Z');
    const ticket = await open();
    const jobs = t.automationJobs();
    t.clock.advance(24 * HOUR);
    await jobs.runDue();
    const stale = await t.services.tickets.list(admin, { query: { stale: true }, limit: 10 });
    expect(stale.items.map((i) => i.id)).toEqual([ticket.id]);
    expect((await t.services.tickets.get(admin, ticket.id)).stale).toBe(true);
    t.clock.advance(3 * HOUR);
    await t.services.messages.add(admin, ticket.id, { kind: 'note', body: 'Seguimos revisando.' });
    expect((await t.services.tickets.get(admin, ticket.id)).stale).toBe(false);
    // The staleness report's history: red from the due time until the note, however late the scan.
    const spells = await ctx.database.db
      .selectFrom('ticket_red_spells')
      .select(['started_at', 'ended_at'])
      .where('ticket_id', '=', ticket.id)
      .execute();
    expect(
      spells.map((s) => [new Date(s.started_at).toISOString(), s.ended_at && new Date(s.ended_at).toISOString()]),
    ).toEqual([['2026-03-05T15:00:00.000Z', '2026-03-05T18:00:00.000Z']]);
  });

  it('closes a solved ticket 4 days later (Cimatic VIII), by the rule', async () => {
    t.clock.set('2026-03-04T15:00:00Z');
    const ticket = await open();
    await t.services.tickets.update(admin, ticket.id, { status: 'RESUELTO' });
    const jobs = t.automationJobs();
    t.clock.advance(4 * 24 * HOUR - MINUTE);
    await jobs.runDue();
    expect((await t.services.tickets.get(admin, ticket.id)).statusCategory).toBe('solved');
    t.clock.advance(MINUTE);
    await jobs.runDue();
    expect((await t.services.tickets.get(admin, ticket.id)).status).toBe('CERRADO');
    expect(await history(ticket.id)).toContain('system:por regla Cerrar resueltos tras 4 días|status|RESUELTO→CERRADO');
  });

  it('tells the agent in the console when a reminder is due, once', async () => {
    const agent = await t.createAgent();
    const agentActor: Actor = { kind: 'agent', id: agent.id, role: 'agent', departmentIds: [], locale: 'es' };
    t.clock.set('2026-03-04T15:00:00Z');
    const ticket = await open({ assigneeId: agent.id });
    await t.services.reminders.create(agentActor, ticket.id, {
      remindAt: '2026-03-04T16:00:00Z',
      note: 'Llamar al cliente',
    });
    const jobs = t.automationJobs();
    t.clock.set('2026-03-04T15:59:00Z');
    await jobs.runDue();
    const kinds = async () => (await t.services.notifications.list(agentActor, { limit: 10 })).items.map((n) => n.kind);
    expect(await kinds()).not.toContain('reminder_due');
    t.clock.set('2026-03-04T16:00:00Z');
    await jobs.runDue();
    t.clock.advance(MINUTE);
    await jobs.runDue();
    expect((await kinds()).filter((k) => k === 'reminder_due')).toHaveLength(1);
  });

  it('assigns SL-AP in the description to Eleazar González (Anexo A), from the CSV table or his skills', async () => {
    const eleazar = await t.createAgent({ name: 'Eleazar González' });
    const silvia = await t.createAgent({ name: 'Silvia Luna' });
    await t.services.automation.importKeywordsCsv(
      admin,
      `codigo,consultor\nSL-AP,Eleazar González\nXA-CFDI,${silvia.email}\n`,
    );
    const byTable = await open({ body: 'El módulo SL-AP no genera la póliza de proveedores.' });
    expect(byTable.assigneeId).toBe(eleazar.id);
    expect(await history(byTable.id)).toContain(
      `system:por regla Anexo A: asignar por código de módulo|assigneeId|null→${eleazar.id}`,
    );
    expect((await open({ body: 'Falla al timbrar con XA-CFDI' })).assigneeId).toBe(silvia.id);
    expect((await open({ body: 'Una duda general' })).assigneeId).toBeNull();

    await t.services.automation.replaceKeywords(admin, []);
    await t.services.agents.update(SYSTEM_ACTOR, eleazar.id, { skills: ['SL-AP', 'SL-GL'] });
    expect((await open({ body: 'Revisar SL-GL por favor' })).assigneeId).toBe(eleazar.id);
  });

  it('sets the priority from the type with seeded triggers (weknow), and lets an agent raise a Problema to Crítica', async () => {
    // Issue 13: a priority the agent picked in the same request wins over the rule.
    expect((await open({ type: 'Tarea', priority: 'alta' })).priority).toBe('alta');
    expect((await open({ type: 'Configuración' })).priority).toBe('urgente');
    expect((await open({ type: 'Extras' })).priority).toBe('normal');
    const problem = await open({ type: 'Problema' });
    expect(problem.priority).toBe('urgente');
    expect((await t.services.tickets.update(admin, problem.id, { priority: 'critica' })).priority).toBe('critica');
    const task = await open({ type: 'Tarea' });
    expect((await t.services.tickets.update(admin, task.id, { type: 'Configuración' })).priority).toBe('urgente');
    const rules = await t.services.automation.listRules(admin, 'trigger');
    expect(rules.map((r) => r.name)).toContain('Prioridad Urgente para Problema y Configuración');
  });

  it('queues a second Soporte of a general account in EN COLA (never BACKLOG) and promotes it when the first is solved (003)', async () => {
    const organization = { name: unique('Ferretería ') };
    const requester = { email: `${unique('jefe')}@example.com`, name: 'Jesús Rodríguez' };
    const first = await open({ type: 'Soporte', requester, organization });
    expect(first.status).toBe('NUEVO');
    const change = await open({ type: 'Cambio', requester, organization });
    expect(change.status).toBe('NUEVO');
    t.clock.advance(MINUTE);
    const second = await open({ type: 'Soporte', requester, organization });
    expect(second.status).toBe('EN COLA');
    expect(await history(second.id)).toContain('system:por regla Límite de cuenta|queuePosition|null→1');
    t.clock.advance(MINUTE);
    const third = await open({ type: 'Soporte', requester, organization });
    expect(await history(third.id)).toContain('system:por regla Límite de cuenta|queuePosition|null→2');
    const outbox = await ctx.database.db
      .selectFrom('outbox')
      .select('payload')
      .where('ticket_id', '=', second.id)
      .where('type', '=', 'email.notification@1')
      .execute();
    expect(outbox.map((o) => JSON.parse(o.payload).template)).toEqual(['ticket_queued']);
    expect(second.queuePosition).toBe(1);
    // A queued ticket can still be worked on (tags, assignee) while it waits.
    await t.services.tickets.update(admin, second.id, { tagsAdd: ['en-cola'] });

    await t.services.tickets.update(admin, first.id, { status: 'RESUELTO' });
    expect((await t.services.tickets.get(admin, second.id)).status).toBe('ABIERTO');
    expect((await t.services.tickets.get(admin, third.id)).status).toBe('EN COLA');
  });

  it('refuses a rule with an unknown field or a bad regex, and an impossible calendar, naming them', async () => {
    const rule = {
      kind: 'trigger' as const,
      name: 'Mala',
      active: true,
      events: ['created' as const],
      actions: [{ type: 'tags' as const, add: ['x'] }],
      schedule: null,
    };
    const refused = async (work: Promise<unknown>) => {
      const error = await work.then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AppError);
      return (error as AppError).message;
    };
    expect(
      await refused(
        t.services.automation.createRule(admin, {
          ...rule,
          conditions: { all: [{ field: 'color', op: 'is', value: 'x' }] },
        }),
      ),
    ).toMatch(/unknown field "color"/);
    expect(
      await refused(
        t.services.automation.createRule(admin, {
          ...rule,
          conditions: { any: [{ field: 'subject', op: 'matches', value: '([a-z' }] },
        }),
      ),
    ).toMatch(/regular expression "\(\[a-z" is not valid/);
    expect(
      await refused(
        t.services.automation.saveCalendar(admin, {
          name: 'Imposible',
          timeZone: 'America/Costa_Rica',
          ranges: [{ weekday: 2, start: '17:00', end: '09:00' }],
          holidays: [],
          isDefault: false,
          departmentIds: [],
        }),
      ),
    ).toMatch(/ranges\[0\]: ends \(09:00\) before it starts \(17:00\)/);
  });

  it('logs a rule that fails at run time on the ticket and still runs the others', async () => {
    const base = {
      kind: 'trigger' as const,
      active: true,
      events: ['created' as const],
      conditions: {},
      schedule: null,
    };
    await t.services.automation.createRule(admin, {
      ...base,
      name: 'Transferir a Desarrollo',
      position: -2,
      actions: [{ type: 'set', field: 'department', value: 'Desarrollo' }],
    });
    await t.services.automation.createRule(admin, {
      ...base,
      name: 'Etiquetar nuevos',
      position: -1,
      actions: [{ type: 'tags', add: ['nuevo'] }],
    });
    const ticket = await open();
    expect(ticket.tags).toEqual(['nuevo']);
    expect(await history(ticket.id)).toContain(
      'system:por regla Transferir a Desarrollo|rule_failed|Transferir a Desarrollo→The department "Desarrollo" does not exist',
    );
  });
});

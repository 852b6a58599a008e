import { afterEach, beforeEach, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { dedupeInitials, removeReplacedTriggers } from '../../db/migrations/0007-notification-matrix.ts';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { createTestApp, type Session, SYSTEM_ACTOR, type TestApp, unique } from '../../testing/test-app.ts';

const MINUTE = 60_000;

forEachDialect('notices from the clock, the live socket and the upgrade', (ctx) => {
  let t: TestApp;
  let admin: Session;
  beforeEach(async () => {
    t = await createTestApp(ctx);
    admin = await t.signedIn('admin');
  });
  afterEach(() => t.close());

  const kinds = async (session: Session) =>
    ((await t.as(session, 'GET', '/api/v1/notifications')).json().items as { kind: string }[]).map((n) => n.kind);

  it('tells the department’s supervisors when the SLA of a ticket nobody owns runs out', async () => {
    const department = await t.services.departments.create(SYSTEM_ACTOR, { name: unique('Soporte ') });
    const supervisor = await t.createAgent({ role: 'supervisor', departmentIds: [department.id] });
    const agent = await t.createAgent({ departmentIds: [department.id] });
    t.clock.set('2026-03-04T17:00:00Z'); // Wednesday 11:00 in Costa Rica
    const created = await t.as(admin, 'POST', '/api/v1/tickets', {
      subject: 'No podemos facturar',
      body: 'Sale un error al timbrar.',
      channel: 'email',
      departmentId: department.id,
      requester: { email: `${unique('cliente')}@example.com`, name: 'Ana Mora' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const jobs = t.automationJobs();
    t.clock.set('2026-03-04T20:00:00Z'); // 14:00: three quarters of the first reply's 4 business hours
    await jobs.runDue();
    t.clock.set('2026-03-04T21:00:00Z'); // 15:00: gone
    await jobs.runDue();
    expect(await kinds(await t.login(supervisor.email))).toEqual(['sla_breach', 'sla_warning', 'ticket_created']);
    // A plain agent of the department heard of the new ticket only.
    expect(await kinds(await t.login(agent.email))).toEqual(['ticket_created']);
  });

  it('mails a due reminder to its owner who chose email only, and never twice', async () => {
    const owner = await t.signedIn('agent');
    await t.as(owner, 'PUT', '/api/v1/auth/me/notification-preferences', {
      items: [{ event: 'reminder_due', channels: 'email' }],
    });
    t.clock.set('2026-03-04T15:00:00Z');
    const ticket = await t.as(admin, 'POST', '/api/v1/tickets', {
      subject: 'Llamar al cliente',
      body: 'Confirmar la migración.',
      requester: { email: `${unique('cliente')}@example.com`, name: 'Ana Mora' },
    });
    const id = ticket.json().id as string;
    const reminder = await t.as(owner, 'POST', `/api/v1/tickets/${id}/reminders`, {
      remindAt: '2026-03-04T16:00:00Z',
      note: 'Llamar para confirmar la migración',
    });
    expect(reminder.statusCode, reminder.body).toBe(201);
    const jobs = t.automationJobs();
    t.clock.set('2026-03-04T16:00:00Z');
    await jobs.runDue();
    t.clock.advance(MINUTE);
    await jobs.runDue();
    expect(await kinds(owner)).toEqual([]);
    const mails = await ctx.database.db
      .selectFrom('outbox')
      .select('payload')
      .where('ticket_id', '=', id)
      .where('type', '=', 'email.notification@1')
      .execute();
    const payloads = mails.map((m) => JSON.parse(m.payload) as { event: string; to: string[]; detail: string });
    expect(payloads.filter((p) => p.event === 'reminder_due')).toEqual([
      expect.objectContaining({ to: [owner.agent.email], detail: 'Llamar para confirmar la migración' }),
    ]);
  });

  it('pushes a notification over the live socket to its agent only', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    const url = `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/v1/live`;
    const assignee = await t.signedIn('agent');
    const bystander = await t.signedIn('admin');
    const listen = async (session: Session) => {
      const socket = new WebSocket(url, { headers: { cookie: session.cookie } });
      const messages: { type: string; event?: { type: string; data: Record<string, unknown> } }[] = [];
      socket.on('message', (raw) => messages.push(JSON.parse(String(raw))));
      await new Promise<void>((resolve) => {
        const check = setInterval(() => {
          if (messages.some((m) => m.type === 'ready')) {
            clearInterval(check);
            resolve();
          }
        }, 10);
      });
      return { socket, messages };
    };
    const mine = await listen(assignee);
    const theirs = await listen(bystander);
    const created = await t.as(admin, 'POST', '/api/v1/tickets', {
      subject: 'Asignado en vivo',
      body: 'Hola',
      requester: { email: `${unique('cliente')}@example.com` },
      assigneeId: assignee.agent.id,
    });
    const ticketId = created.json().id as string;
    // Both see the ticket event; only the assignee gets the notification.
    const seen = (messages: typeof mine.messages, type: string) =>
      messages.some((m) => m.event?.type === type && (type !== 'ticket.created' || m.event.data.number));
    await expect.poll(() => seen(theirs.messages, 'ticket.created'), { interval: 20 }).toBe(true);
    await expect.poll(() => seen(mine.messages, 'notification.created'), { interval: 20 }).toBe(true);
    const notice = mine.messages.find((m) => m.event?.type === 'notification.created');
    expect(notice?.event?.data).toMatchObject({ agentId: assignee.agent.id, kind: 'ticket_assigned' });
    expect(seen(theirs.messages, 'notification.created')).toBe(false);
    expect(ticketId).toBeTruthy();
    mine.socket.close();
    theirs.socket.close();
  });

  it('on upgrade, numbers repeated initials and drops the unchanged seeded notice triggers (0007)', async () => {
    const db = ctx.database.db;
    await db.schema.dropIndex('agents_initials_idx').execute();
    const a = await t.createAgent({ name: 'Zoila Zamora' });
    const b = await t.createAgent({ name: 'Zacarías Zúñiga' });
    await db.updateTable('agents').set({ initials: 'ZZ' }).where('id', '=', b.id).execute();
    const rule = (name: string, actions: unknown[]) => ({
      id: unique('rule'),
      kind: 'trigger' as const,
      name,
      position: 99,
      active: 1,
      events: '["created"]',
      conditions: '{}',
      actions: JSON.stringify(actions),
      schedule: null,
      created_at: new Date().toISOString(),
      updated_at: new Date().toISOString(),
    });
    await db
      .insertInto('automation_rules')
      .values([
        rule('Avisar al departamento de un ticket nuevo', [
          { type: 'notify', to: ['department'], title: 'Nuevo ticket en su departamento' },
        ]),
        rule('Avisar al responsable de una respuesta del cliente', [
          { type: 'notify', to: ['assignee', 'supervisors'], title: 'El cliente respondió' },
        ]),
      ])
      .execute();
    await dedupeInitials(db);
    await removeReplacedTriggers(db);
    const initials = await db.selectFrom('agents').select(['id', 'initials']).where('id', 'in', [a.id, b.id]).execute();
    expect(new Map(initials.map((r) => [r.id, r.initials]))).toEqual(
      new Map([
        [a.id, 'ZZ'],
        [b.id, 'ZZ2'],
      ]),
    );
    const names = (await db.selectFrom('automation_rules').select('name').execute()).map((r) => r.name);
    expect(names).not.toContain('Avisar al departamento de un ticket nuevo');
    // The admin had changed this one: it is theirs and stays.
    expect(names).toContain('Avisar al responsable de una respuesta del cliente');
  });
});

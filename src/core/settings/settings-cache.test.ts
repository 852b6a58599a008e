import { expect, it } from 'vitest';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { type Session, SYSTEM_ACTOR, unique } from '../../testing/test-app.ts';
import { twoInstances } from '../../testing/two-instances.ts';

/**
 * Ticket writes read triggers, SLA policies, calendars and the notification matrix from memory. An
 * admin's change on one instance reaches the next create on another instance of the same database
 * (PostgreSQL: two apps, each with its own cache and relay connection; SQLite serves one instance).
 */
forEachDialect('configuration cached between ticket writes', (ctx) => {
  const instances = twoInstances(ctx);

  it('an admin changes a trigger, an SLA policy, a calendar and the matrix on one instance; the next create on another follows each', async () => {
    const { a, b } = instances;
    // Sunday 12:00 in Costa Rica: the office calendar (Monday to Friday) is closed.
    for (const app of new Set([a, b])) app.clock.set('2026-03-08T18:00:00Z');
    const department = await a.services.departments.create(SYSTEM_ACTOR, { name: unique('Soporte ') });
    const creator = await a.createAgent({ departmentIds: [department.id] });
    const watcher = await a.createAgent({ role: 'admin' });
    const admin = await a.signedIn('admin');
    const agentOnB: Session = await b.login(creator.email);
    const watcherOnB: Session = await b.login(watcher.email);

    const create = async () => {
      const response = await b.as(agentOnB, 'POST', '/api/v1/tickets', {
        subject: 'No genera la factura electrónica',
        body: 'Desde esta mañana el sistema no genera facturas.',
        requester: { email: `${unique('cliente')}@ferreteria.example`, name: 'Ana Mora' },
        departmentId: department.id,
      });
      expect(response.statusCode).toBe(201);
      return response.json() as { id: string; tags: string[] };
    };
    const firstReplyDue = async (ticketId: string) => {
      const response = await b.as(agentOnB, 'GET', `/api/v1/tickets/${ticketId}/sla`);
      expect(response.statusCode).toBe(200);
      const items = response.json().items as { metric: string; dueAt: string | null }[];
      return items.find((i) => i.metric === 'first_reply')?.dueAt ?? null;
    };
    const watcherHeardOf = async (ticketId: string) => {
      const response = await b.as(watcherOnB, 'GET', '/api/v1/notifications');
      expect(response.statusCode).toBe(200);
      return (response.json().items as { ticketId: string | null }[]).some((n) => n.ticketId === ticketId);
    };

    // B has read (and cached) everything once.
    const first = await create();
    expect(first.tags).not.toContain('cacheada');
    expect(await watcherHeardOf(first.id)).toBe(false);

    // A trigger.
    await instances.changeOnA(
      () =>
        a.as(admin, 'POST', '/api/v1/automation/triggers', {
          name: 'Etiquetar lo nuevo',
          events: ['created'],
          actions: [{ type: 'tags', add: ['cacheada'] }],
        }),
      201,
    );
    expect((await create()).tags).toContain('cacheada');

    // An SLA policy for the department, first in order: one business hour to the first reply.
    const policy = {
      name: 'Soporte: una hora',
      position: 0,
      conditions: { all: [{ field: 'departmentId', op: 'is', value: department.id }] },
      targets: { first_reply: { unit: 'business_hours', hours: 1 } },
    };
    await instances.changeOnA(() => a.as(admin, 'POST', '/api/v1/automation/sla-policies', policy), 201);
    // On the office calendar, Sunday noon + 1 business hour = Monday 09:00 in Costa Rica.
    expect(await firstReplyDue((await create()).id)).toBe('2026-03-09T15:00:00.000Z');

    // A calendar of the department, open every day: the hour runs now.
    await instances.changeOnA(
      () =>
        a.as(admin, 'POST', '/api/v1/automation/calendars', {
          name: 'Guardia',
          timeZone: 'America/Costa_Rica',
          ranges: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '23:59' })),
          departmentIds: [department.id],
        }),
      201,
    );
    expect(await firstReplyDue((await create()).id)).toBe('2026-03-08T19:00:00.000Z');

    // The department's matrix: new tickets are told to the watcher, who is not a member.
    await instances.changeOnA(
      () =>
        a.as(admin, 'PUT', `/api/v1/departments/${department.id}/notification-matrix`, {
          entries: [{ event: 'ticket_created', recipient: 'agent', agentId: watcher.id, template: 'agent_new_ticket' }],
        }),
      200,
    );
    expect(await watcherHeardOf((await create()).id)).toBe(true);
  });

  it('an agent who joins a department, or stops wanting its notices, on one instance is followed by the next create on another', async () => {
    const { a, b } = instances;
    const department = await a.services.departments.create(SYSTEM_ACTOR, { name: unique('Soporte ') });
    const creator = await a.createAgent({ departmentIds: [department.id] });
    const newcomer = await a.createAgent({ departmentIds: [] });
    const admin = await a.signedIn('admin');
    const creatorOnB: Session = await b.login(creator.email);
    const newcomerOnA: Session = await a.login(newcomer.email);
    const newcomerOnB: Session = await b.login(newcomer.email);
    const create = async () => {
      const response = await b.as(creatorOnB, 'POST', '/api/v1/tickets', {
        subject: 'No imprime la factura',
        body: 'La impresora fiscal no responde.',
        requester: { email: `${unique('cliente')}@ferreteria.example`, name: 'Ana Mora' },
        departmentId: department.id,
      });
      expect(response.statusCode).toBe(201);
      return (response.json() as { id: string }).id;
    };
    const newcomerHeardOf = async (ticketId: string) => {
      const response = await b.as(newcomerOnB, 'GET', '/api/v1/notifications');
      expect(response.statusCode).toBe(200);
      return (response.json().items as { ticketId: string | null }[]).some((n) => n.ticketId === ticketId);
    };

    // B has read (and cached) the department's agents: the newcomer is not one of them yet.
    expect(await newcomerHeardOf(await create())).toBe(false);

    await instances.changeOnA(
      () => a.as(admin, 'PATCH', `/api/v1/agents/${newcomer.id}`, { departmentIds: [department.id] }),
      200,
    );
    expect(await newcomerHeardOf(await create())).toBe(true);

    await instances.changeOnA(
      () =>
        a.as(newcomerOnA, 'PUT', '/api/v1/auth/me/notification-preferences', {
          items: [{ event: 'ticket_created', channels: 'none' }],
        }),
      200,
    );
    expect(await newcomerHeardOf(await create())).toBe(false);
  });
});

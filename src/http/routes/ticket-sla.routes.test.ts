import { afterEach, beforeEach, expect, it } from 'vitest';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { createTestApp, type Session, SYSTEM_ACTOR, type TestApp, unique } from '../../testing/test-app.ts';

type Target = {
  metric: string;
  policyId: string;
  policyName: string | null;
  startedAt: string;
  dueAt: string | null;
  warnAt: string | null;
  state: string;
  metAt: string | null;
};

forEachDialect('ticket SLA targets API', (ctx) => {
  let t: TestApp;
  let admin: Session;
  beforeEach(async () => {
    t = await createTestApp(ctx);
    admin = await t.signedIn('admin');
  });
  afterEach(() => t.close());

  async function openByMail(session: Session, extra: Record<string, unknown> = {}) {
    const response = await t.as(session, 'POST', '/api/v1/tickets', {
      subject: 'No genera la factura electrónica',
      body: 'Desde esta mañana el sistema no genera facturas.',
      channel: 'email',
      requester: { email: `${unique('cliente')}@ferreteria.example`, name: 'Ana Mora' },
      ...extra,
    });
    expect(response.statusCode).toBe(201);
    return response.json() as { id: string; number: string };
  }

  async function sla(session: Session, ref: string) {
    const response = await t.as(session, 'GET', `/api/v1/tickets/${ref}/sla`);
    expect(response.statusCode).toBe(200);
    return response.json() as { ticketId: string; number: string; items: Target[] };
  }

  const byMetric = (items: Target[]) => Object.fromEntries(items.map((i) => [i.metric, i]));

  it('lists a mail’s targets in metric order with the policy name, and shows first reply met after the agent answers', async () => {
    t.clock.set('2026-03-04T17:00:00Z'); // Wednesday 11:00 in Costa Rica
    const ticket = await openByMail(admin);
    const body = await sla(admin, ticket.number);
    expect(body).toMatchObject({ ticketId: ticket.id, number: ticket.number });
    const metrics = body.items.map((i) => i.metric);
    expect(metrics[0]).toBe('first_reply');
    expect(metrics.at(-1)).toBe('resolution');
    const policies = (await t.as(admin, 'GET', '/api/v1/automation/sla-policies')).json().items as {
      id: string;
      name: string;
    }[];
    for (const item of body.items) {
      expect(item.policyName).toBe(policies.find((p) => p.id === item.policyId)?.name);
    }
    // 4 business hours from 11:00, warned at three quarters of the time.
    expect(byMetric(body.items).first_reply).toMatchObject({
      startedAt: '2026-03-04T17:00:00.000Z',
      dueAt: '2026-03-04T21:00:00.000Z',
      warnAt: '2026-03-04T20:00:00.000Z',
      state: 'ok',
      metAt: null,
    });

    t.clock.set('2026-03-04T18:30:00Z');
    const reply = await t.as(admin, 'POST', `/api/v1/tickets/${ticket.id}/messages`, {
      kind: 'reply',
      body: 'Buenos días, ya lo estamos revisando.',
    });
    expect(reply.statusCode).toBe(201);
    expect(byMetric((await sla(admin, ticket.id)).items).first_reply).toMatchObject({
      state: 'met',
      metAt: '2026-03-04T18:30:00.000Z',
    });
  });

  it('shows the clocks paused while the ticket waits on the customer', async () => {
    t.clock.set('2026-03-04T15:00:00Z'); // Wednesday 09:00
    const ticket = await openByMail(admin);
    t.clock.set('2026-03-04T16:00:00Z');
    const pending = await t.as(admin, 'PATCH', `/api/v1/tickets/${ticket.id}`, { status: 'PENDIENTE' });
    expect(pending.statusCode).toBe(200);
    const first = byMetric((await sla(admin, ticket.id)).items).first_reply;
    expect(first).toMatchObject({ state: 'paused', dueAt: null });
  });

  it('renombrar un estado no cambia las pausas ya vividas: el tiempo esperando al cliente sigue sin contar', async () => {
    t.clock.set('2026-03-04T15:00:00Z'); // Wednesday 09:00: first reply due at 13:00
    const ticket = await openByMail(admin);
    t.clock.set('2026-03-04T16:00:00Z'); // 10:00, waits on the customer for two hours
    expect((await t.as(admin, 'PATCH', `/api/v1/tickets/${ticket.id}`, { status: 'PENDIENTE' })).statusCode).toBe(200);
    const settings = (await t.as(admin, 'GET', '/api/v1/ticket-settings')).json() as {
      statuses: { id: string; name: string }[];
    };
    const pending = settings.statuses.find((s) => s.name === 'PENDIENTE');
    const renamed = await t.as(admin, 'PATCH', `/api/v1/ticket-settings/statuses/${pending?.id}`, {
      name: 'ESPERANDO AL CLIENTE',
    });
    expect(renamed.statusCode).toBe(200);
    t.clock.set('2026-03-04T18:00:00Z'); // 12:00, back to work: three business hours still left
    expect((await t.as(admin, 'PATCH', `/api/v1/tickets/${ticket.id}`, { status: 'ABIERTO' })).statusCode).toBe(200);
    expect(byMetric((await sla(admin, ticket.id)).items).first_reply).toMatchObject({
      state: 'ok',
      dueAt: '2026-03-04T21:00:00.000Z',
    });
    const history = (await t.as(admin, 'GET', `/api/v1/tickets/${ticket.id}/history`)).json() as {
      items: { field: string; from: string | null; to: string | null }[];
    };
    // The timeline still says what the agent saw then.
    expect(history.items.filter((h) => h.field === 'status').map((h) => h.to)).toEqual(['PENDIENTE', 'ABIERTO']);
  });

  it('answers 404 for a ticket the agent may not see or that does not exist, and 401 without a session', async () => {
    const department = await t.services.departments.create(SYSTEM_ACTOR, { name: unique('Contabilidad') });
    const ticket = await openByMail(admin, { departmentId: department.id });
    const outsider = await t.signedIn('agent');
    const hidden = await t.as(outsider, 'GET', `/api/v1/tickets/${ticket.id}/sla`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error).toMatchObject({ code: 'TICKET_NOT_FOUND' });
    const missing = await t.as(admin, 'GET', '/api/v1/tickets/OP1/sla');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('TICKET_NOT_FOUND');
    const anonymous = await t.app.inject({ method: 'GET', url: `/api/v1/tickets/${ticket.id}/sla` });
    expect(anonymous.statusCode).toBe(401);
  });

  it('a closed or merged ticket runs no SLA clock: no target left open, no due time, no state', async () => {
    const closing = await openByMail(admin);
    const duplicate = await openByMail(admin);
    const original = await openByMail(admin);
    expect((await sla(admin, closing.id)).items.some((i) => i.state === 'ok')).toBe(true);
    expect((await t.as(admin, 'PATCH', `/api/v1/tickets/${closing.id}`, { status: 'CERRADO' })).statusCode).toBe(200);
    const merged = await t.as(admin, 'POST', `/api/v1/tickets/${duplicate.id}/merge`, { targetId: original.id });
    expect(merged.statusCode).toBe(200);
    for (const ticket of [closing, duplicate]) {
      expect((await sla(admin, ticket.id)).items.filter((i) => i.state !== 'met')).toEqual([]);
      const json = (await t.as(admin, 'GET', `/api/v1/tickets/${ticket.id}`)).json();
      expect({ state: json.slaState, due: json.slaDueAt }).toEqual({ state: null, due: null });
    }
    // The ticket that received the messages keeps its clocks.
    expect((await t.as(admin, 'GET', `/api/v1/tickets/${original.id}`)).json().slaState).toBe('ok');
  });
});

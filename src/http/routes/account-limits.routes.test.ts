import { afterEach, beforeEach, expect, it } from 'vitest';
import { outboxRepository } from '../../core/outbox/outbox.repository.ts';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { createTestApp, type Session, type TestApp, unique } from '../../testing/test-app.ts';

const HOUR = 3600_000;

interface TicketJson {
  id: string;
  number: string;
  status: string;
  statusCategory: string;
  organizationId: string;
  assigneeId: string | null;
  queuePosition: number | null;
  stale?: boolean;
}

interface LimitsJson {
  tier: string;
  waiting: number;
  items: { type: string; typeId: string; rule: string | null; ownLimit: number | null; limit: number | null }[];
}

// 003 (OpenPyme), "Atención a Clientes": account limits, the queue and the account leader.
forEachDialect('account limits (OpenPyme 003)', (ctx) => {
  let t: TestApp;
  let admin: Session;
  beforeEach(async () => {
    t = await createTestApp(ctx);
    t.clock.set('2026-03-04T15:00:00Z'); // Wednesday 09:00 in Costa Rica
    admin = await t.signedIn('admin');
  });
  afterEach(() => t.close());

  async function organization(fields: Record<string, unknown> = {}) {
    const response = await t.as(admin, 'POST', '/api/v1/organizations', { name: unique('Ferretería '), ...fields });
    expect(response.statusCode).toBe(201);
    return response.json() as { id: string; name: string };
  }

  async function open(organizationId: string, type: string | null, fields: Record<string, unknown> = {}) {
    t.clock.advance(60_000);
    const response = await t.as(admin, 'POST', '/api/v1/tickets', {
      subject: `Caso de ${type ?? 'sin clasificar'}`,
      body: 'Necesitamos ayuda.',
      ...(type && { type }),
      requester: { email: `${unique('jefe')}@example.com`, name: 'Jesús Rodríguez' },
      organization: { id: organizationId },
      ...fields,
    });
    expect(response.statusCode).toBe(201);
    return response.json() as TicketJson;
  }

  const ticket = async (id: string) => (await t.as(admin, 'GET', `/api/v1/tickets/${id}`)).json() as TicketJson;
  const patch = (id: string, body: unknown) => t.as(admin, 'PATCH', `/api/v1/tickets/${id}`, body);
  const limits = async (organizationId: string) =>
    (await t.as(admin, 'GET', `/api/v1/automation/account-limits/${organizationId}`)).json() as LimitsJson;
  const setLimit = (organizationId: string, type: string, maxInWork: number | null) =>
    t.as(admin, 'PUT', `/api/v1/automation/account-limits/${organizationId}`, { type, maxInWork });

  async function sla(id: string) {
    const items = (await t.as(admin, 'GET', `/api/v1/tickets/${id}/sla`)).json().items as {
      metric: string;
      state: string;
      dueAt: string | null;
    }[];
    return Object.fromEntries(items.map((i) => [i.metric, i]));
  }

  async function mails(id: string) {
    return (await outboxRepository(ctx.database.db).listForTicket(id)).map((item) =>
      item.type === 'email.notification@1' ? String(item.payload.template) : item.type,
    );
  }

  it('si es clasificado como soporte no puede estar en la etapa de backlog: a waiting Soporte waits in EN COLA with its clocks running; a waiting Cambio waits in BACKLOG with them paused', async () => {
    const { id } = await organization();
    const supportInWork = await open(id, 'Soporte');
    const support = await open(id, 'Soporte');
    expect(support).toMatchObject({ status: 'EN COLA', statusCategory: 'open', queuePosition: 1 });
    const changeInWork = await open(id, 'Cambio');
    const change = await open(id, 'Cambio');
    expect(change).toMatchObject({ status: 'BACKLOG', queuePosition: 1 });
    const history = (await t.as(admin, 'GET', `/api/v1/tickets/${support.id}/history`)).json().items;
    expect(history).toContainEqual(
      expect.objectContaining({ field: 'status', to: 'EN COLA', via: 'system:por regla Límite de cuenta' }),
    );

    // EN COLA is not BACKLOG: the 4-hour first reply and the 24-hour news clocks run.
    expect((await sla(support.id)).first_reply).toMatchObject({ state: 'ok' });
    expect((await sla(support.id)).periodic_update?.dueAt).toBe('2026-03-05T15:02:00.000Z');
    // In BACKLOG the clocks wait with the ticket, and no daily news is expected.
    expect((await sla(change.id)).first_reply).toMatchObject({ state: 'paused', dueAt: null });
    expect((await sla(change.id)).periodic_update).toBeUndefined();

    const runner = t.automationJobs();
    t.clock.advance(25 * HOUR);
    await runner.runDue();
    const waitedSupport = await ticket(support.id);
    expect(waitedSupport.stale).toBe(true);
    expect((await sla(support.id)).first_reply?.state).toBe('breached');
    expect((await ticket(change.id)).stale).toBe(false);
    expect((await sla(change.id)).first_reply?.state).toBe('paused');

    // Its turn: the Cambio's clocks start again from where they stopped, not from its creation.
    expect((await patch(changeInWork.id, { status: 'RESUELTO' })).statusCode).toBe(200);
    const started = await ticket(change.id);
    expect(started).toMatchObject({ status: 'ABIERTO', queuePosition: null });
    expect((await sla(change.id)).first_reply?.dueAt).toBe('2026-03-05T20:04:00.000Z');
    expect((await patch(supportInWork.id, { status: 'RESUELTO' })).statusCode).toBe(200);
    expect(await ticket(support.id)).toMatchObject({ status: 'ABIERTO', queuePosition: null });
  });

  it('en las cuentas generales se atenderá uno por uno el soporte y máximo un cambio: each waiting ticket shows its place in the ticket, the queue and the limits', async () => {
    const { id } = await organization();
    const first = await open(id, 'Soporte');
    expect(first.queuePosition).toBeNull();
    const second = await open(id, 'Soporte');
    const third = await open(id, 'Soporte');
    expect([second.queuePosition, third.queuePosition]).toEqual([1, 2]);
    await open(id, 'Cambio');
    const change = await open(id, 'Cambio');
    expect(change.queuePosition).toBe(1);

    const queue = (await t.as(admin, 'GET', `/api/v1/tickets?organizationId=${id}&sort=created`)).json()
      .items as TicketJson[];
    expect(queue.reverse().map((q) => [q.number, q.queuePosition])).toEqual([
      [first.number, null],
      [second.number, 1],
      [third.number, 2],
      [expect.any(String), null],
      [change.number, 1],
    ]);
    const read = await limits(id);
    expect(read).toMatchObject({ tier: 'general', waiting: 3 });
    expect(read.items.find((i) => i.type === 'Soporte')).toMatchObject({ rule: 'one_by_one', limit: 1 });
    expect(read.items.find((i) => i.type === 'Cambio')).toMatchObject({ rule: 'agreed', limit: 1 });
    expect(read.items.find((i) => i.type === 'Consultoría')).toMatchObject({ rule: null, limit: null });

    // The first one solved: the second goes into work and the third moves up.
    await patch(first.id, { status: 'RESUELTO' });
    expect(await ticket(second.id)).toMatchObject({ status: 'ABIERTO', queuePosition: null });
    expect((await ticket(third.id)).queuePosition).toBe(1);
    // A waiting ticket that is closed leaves the queue without waiting for its turn.
    const fourth = await open(id, 'Soporte');
    expect(fourth.queuePosition).toBe(2);
    await patch(third.id, { status: 'CERRADO' });
    expect((await ticket(third.id)).queuePosition).toBeNull();
    expect((await ticket(fourth.id)).queuePosition).toBe(1);
  });

  it('en las cuentas especiales se atenderá uno por uno el soporte y los cambios acordados para cada cuenta', async () => {
    const special = await organization({ tier: 'special' });
    // Nothing agreed yet: Cambio is not limited, Soporte already is.
    await open(special.id, 'Cambio');
    expect((await open(special.id, 'Cambio')).status).toBe('NUEVO');
    await open(special.id, 'Soporte');
    expect((await open(special.id, 'Soporte')).status).toBe('EN COLA');

    // Three Cambio agreed: a third is let in, a fourth waits in BACKLOG.
    expect((await setLimit(special.id, 'Cambio', 3)).statusCode).toBe(204);
    expect((await open(special.id, 'Cambio')).status).toBe('NUEVO');
    expect(await open(special.id, 'Cambio')).toMatchObject({ status: 'BACKLOG', queuePosition: 1 });
    // Soporte stays one by one, whatever an admin tries to agree, in special and general accounts.
    const refused = await setLimit(special.id, 'Soporte', 2);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({ code: 'ACCOUNT_LIMIT_FIXED', details: { type: 'Soporte' } });
    const general = await organization();
    expect((await setLimit(general.id, 'Soporte', 2)).statusCode).toBe(422);
    const read = await limits(special.id);
    expect(read).toMatchObject({ tier: 'special', waiting: 2 });
    expect(read.items.find((i) => i.type === 'Soporte')).toMatchObject({
      rule: 'one_by_one',
      ownLimit: null,
      limit: 1,
    });
    expect(read.items.find((i) => i.type === 'Cambio')).toMatchObject({ rule: 'agreed', ownLimit: 3, limit: 3 });

    // A general account may agree more Cambio too; raising it lets the waiting one in at once.
    await open(general.id, 'Cambio');
    const waiting = await open(general.id, 'Cambio');
    expect(waiting.status).toBe('BACKLOG');
    expect((await setLimit(general.id, 'cambio', 2)).statusCode).toBe(204);
    expect(await ticket(waiting.id)).toMatchObject({ status: 'ABIERTO', queuePosition: null });
  });

  it('Mensaje para los tickets nuevos: the acknowledgement leaves before the waiting notice, and the customer is told when work starts', async () => {
    const { id } = await organization();
    const inWork = await open(id, 'Soporte');
    const waiting = await open(id, 'Soporte');
    expect(await mails(waiting.id)).toEqual(['email.acknowledgement@1', 'ticket_queued']);
    expect((await outboxRepository(ctx.database.db).listForTicket(waiting.id))[1]?.payload).toMatchObject({
      position: 1,
    });

    await patch(inWork.id, { status: 'RESUELTO' });
    // "Le avisaremos cuando empecemos a trabajar en ella": the promise is kept.
    expect(await mails(waiting.id)).toEqual(['email.acknowledgement@1', 'ticket_queued', 'ticket_started']);
    expect(await mails(inWork.id)).not.toContain('ticket_started');
  });

  it('lo primero a realizar es clasificar y asignar el líder de cuenta: the leader takes the ticket once it is classified, unless someone already has it', async () => {
    const leader = await t.createAgent({ name: 'Araceli Cruz Cruz' });
    const other = await t.createAgent({ name: 'José Tlaxcala' });
    const { id } = await organization({ accountLeaderId: leader.id });
    const unclassified = await open(id, null);
    expect(unclassified.assigneeId).toBeNull();
    expect((await patch(unclassified.id, { type: 'Consultoría' })).json().assigneeId).toBe(leader.id);
    const history = (await t.as(admin, 'GET', `/api/v1/tickets/${unclassified.id}/history`)).json().items;
    expect(history.at(-1)).toMatchObject({
      field: 'assigneeId',
      to: leader.id,
      via: 'system:por regla Líder de cuenta',
    });
    expect((await open(id, 'Cambio')).assigneeId).toBe(leader.id);
    // An agent's choice stands, on creation and when classifying later.
    expect((await open(id, 'Cambio', { assigneeId: other.id })).assigneeId).toBe(other.id);
    const taken = await open(id, null, { assigneeId: other.id });
    expect((await patch(taken.id, { type: 'Consultoría' })).json().assigneeId).toBe(other.id);
    // Without a leader nobody is chosen.
    expect((await open((await organization()).id, 'Cambio')).assigneeId).toBeNull();

    // A trigger may name the leader, in its conditions and its actions.
    const rule = await t.as(admin, 'POST', '/api/v1/automation/triggers', {
      name: 'Sin clasificar: al líder de cuenta',
      events: ['created'],
      conditions: {
        all: [
          { field: 'type', op: 'is_empty' },
          { field: 'organization.accountLeaderId', op: 'is_set' },
        ],
      },
      actions: [{ type: 'set', field: 'assignee', value: 'account_leader' }],
    });
    expect(rule.statusCode).toBe(201);
    expect((await open(id, null)).assigneeId).toBe(leader.id);
    expect((await open((await organization()).id, null)).assigneeId).toBeNull();
  });

  it('si es clasificado como soporte no puede estar en la etapa de backlog, also after BACKLOG, Soporte and Cambio are renamed', async () => {
    const rename = async (kind: 'statuses' | 'types', from: string, to: string) => {
      const settings = (await t.as(admin, 'GET', '/api/v1/ticket-settings')).json();
      const id = (settings[kind] as { id: string; name: string }[]).find((i) => i.name === from)?.id;
      const response = await t.as(admin, 'PATCH', `/api/v1/ticket-settings/${kind}/${id}`, { name: to });
      expect(response.statusCode, `${kind} ${from}: ${response.body}`).toBe(200);
    };
    await rename('statuses', 'BACKLOG', 'POR PLANIFICAR');
    await rename('statuses', 'EN COLA', 'ESPERANDO TURNO');
    await rename('types', 'Soporte', 'Incidencia');
    await rename('types', 'Cambio', 'Mejora');

    const { id } = await organization();
    await open(id, 'Incidencia');
    expect(await open(id, 'Incidencia')).toMatchObject({ status: 'ESPERANDO TURNO', queuePosition: 1 });
    await open(id, 'Mejora');
    const change = await open(id, 'Mejora');
    expect(change).toMatchObject({ status: 'POR PLANIFICAR', queuePosition: 1 });
    expect((await sla(change.id)).first_reply?.state).toBe('paused');
    const read = await limits(id);
    expect(read.items.find((i) => i.type === 'Incidencia')).toMatchObject({ rule: 'one_by_one', limit: 1 });
    expect(read.items.find((i) => i.type === 'Mejora')).toMatchObject({ rule: 'agreed', limit: 1 });
    // The agreed number follows the type, not its name.
    const mejora = read.items.find((i) => i.type === 'Mejora')?.typeId as string;
    expect((await setLimit(id, mejora, 2)).statusCode).toBe(204);
    expect(await ticket(change.id)).toMatchObject({ status: 'ABIERTO', queuePosition: null });
    await rename('types', 'Mejora', 'Cambio menor');
    expect((await limits(id)).items.find((i) => i.type === 'Cambio menor')).toMatchObject({ ownLimit: 2 });
  });

  it('refuses an unknown type, a negative limit and an unknown organization', async () => {
    const { id } = await organization();
    const url = `/api/v1/automation/account-limits/${id}`;
    const unknownType = await t.as(admin, 'PUT', url, { type: 'Mantenimiento', maxInWork: 1 });
    expect(unknownType.statusCode).toBe(422);
    expect(unknownType.json().error).toMatchObject({ code: 'REFERENCE_NOT_FOUND', details: { field: 'type' } });
    const negative = await t.as(admin, 'PUT', url, { type: 'Cambio', maxInWork: -1 });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().error.code).toBe('VALIDATION_FAILED');
    const nobody = await t.as(admin, 'PUT', '/api/v1/automation/account-limits/nadie', {
      type: 'Cambio',
      maxInWork: 1,
    });
    expect(nobody.statusCode).toBe(404);
    expect((await t.as(admin, 'GET', '/api/v1/automation/account-limits/nadie')).json().error.code).toBe(
      'ORGANIZATION_NOT_FOUND',
    );
    const agent = await t.signedIn('agent');
    expect((await t.as(agent, 'PUT', url, { type: 'Cambio', maxInWork: 2 })).statusCode).toBe(403);
  });
});

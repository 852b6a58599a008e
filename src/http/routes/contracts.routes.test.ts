import { afterEach, beforeEach, expect, it } from 'vitest';
import { addDays, dateIn } from '../../core/contracts/contract-terms.ts';
import { assertEntitled } from '../../core/contracts/entitlement.ts';
import type { InboundMessage } from '../../core/conversation/inbound.service.ts';
import { DEFAULT_TIME_ZONE } from '../../core/shared/time-zone.ts';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { createTestApp, type Session, SYSTEM_ACTOR, type TestApp } from '../../testing/test-app.ts';

function mail(from: string, subject: string): InboundMessage {
  return {
    messageId: null,
    inReplyTo: [],
    references: [],
    from: { address: from, name: 'Ana Mora' },
    to: [{ address: 'soporte@tiquete.test', name: '' }],
    cc: [],
    subject,
    text: 'El sistema no me deja facturar.',
    html: null,
    attachments: [],
    noAutoAnswer: false,
    fromOurselves: false,
    bounce: null,
  };
}

forEachDialect('contracts API', (ctx) => {
  let t: TestApp;
  let admin: Session;
  let today: string;

  beforeEach(async () => {
    t = await createTestApp(ctx);
    admin = await t.signedIn('admin');
    today = dateIn(t.clock.now(), DEFAULT_TIME_ZONE);
  });
  afterEach(() => t.close());

  async function organization(name = 'Wolk Software', domain = 'wolk.test'): Promise<string> {
    const response = await t.as(admin, 'POST', '/api/v1/organizations', { name, domains: [domain] });
    expect(response.statusCode).toBe(201);
    return response.json().id;
  }

  function contract(overrides: Record<string, unknown> = {}) {
    return {
      planName: 'Mantenimiento anual POS',
      amountMinor: 120_000,
      currency: 'USD',
      period: 'annual',
      startsOn: addDays(today, -300),
      endsOn: addDays(today, 65),
      notes: 'Paga por SINPE Móvil',
      ...overrides,
    };
  }

  async function addContract(organizationId: string, overrides: Record<string, unknown> = {}) {
    const response = await t.as(
      admin,
      'POST',
      `/api/v1/organizations/${organizationId}/contracts`,
      contract(overrides),
    );
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  }

  async function receive(msg: InboundMessage) {
    const id = await t.services.inbound.store({
      source: 'test',
      envelopeFrom: null,
      envelopeTo: [],
      raw: Buffer.from('x'),
    });
    const outcome = await t.services.inbound.receive(id, msg);
    if (outcome.kind !== 'created') throw new Error(outcome.kind);
    return outcome.ticketId;
  }

  async function outboxOf(ticketId: string) {
    const rows = await ctx.database.db.selectFrom('outbox').select('type').where('ticket_id', '=', ticketId).execute();
    return rows.map((r) => r.type);
  }

  it('creates a contract with IVA 13 % by default, its state from the dates and the amount due in USD and CRC', async () => {
    const orgId = await organization();
    await t.as(admin, 'PUT', '/api/v1/settings', { exchangeRates: { USD: 50_500 } });
    const created = await addContract(orgId);
    expect(created).toMatchObject({
      organizationId: orgId,
      organizationName: 'Wolk Software',
      taxRateBp: 1300,
      state: 'active',
      amountDue: {
        currency: 'USD',
        amountMinor: 120_000,
        taxMinor: 15_600,
        totalMinor: 135_600,
        crc: { totalMinor: 68_478_000, rate: 50_500 },
      },
      history: [{ action: 'created', actor: { kind: 'agent', id: admin.agent.id, name: admin.agent.name } }],
    });
    const listed = await t.as(admin, 'GET', `/api/v1/organizations/${orgId}/contracts`);
    expect(listed.json().items.map((c: { id: string }) => c.id)).toEqual([created.id]);
  });

  it('audits a change with who, when, old and new values and the reason', async () => {
    const created = await addContract(await organization());
    const supervisor = await t.login((await t.createAgent({ role: 'supervisor', name: 'Pablo Vega' })).email);
    const patched = await t.as(supervisor, 'PATCH', `/api/v1/contracts/${created.id}`, {
      amountMinor: 150_000,
      planName: 'Mantenimiento anual POS',
      reason: 'Renovación con nuevo precio',
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const fetched = (await t.as(admin, 'GET', `/api/v1/contracts/${created.id}`)).json();
    expect(fetched.amountMinor).toBe(150_000);
    expect(fetched.history).toHaveLength(2);
    expect(fetched.history[1]).toMatchObject({
      action: 'updated',
      changes: { amountMinor: { from: 120_000, to: 150_000 } },
      reason: 'Renovación con nuevo precio',
      actor: { kind: 'agent', id: supervisor.agent.id, name: 'Pablo Vega' },
    });
    // the plan name did not change, so it is not in the audit
    expect(Object.keys(fetched.history[1].changes)).toEqual(['amountMinor']);
  });

  it('refuses a change without a reason (400) and changes nothing', async () => {
    const created = await addContract(await organization());
    for (const body of [{ amountMinor: 1 }, { amountMinor: 1, reason: '   ' }]) {
      const response = await t.as(admin, 'PATCH', `/api/v1/contracts/${created.id}`, body);
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
    }
    const fetched = (await t.as(admin, 'GET', `/api/v1/contracts/${created.id}`)).json();
    expect(fetched.amountMinor).toBe(120_000);
    expect(fetched.history).toHaveLength(1);
  });

  it('refuses a negative amount, an end before the start, an unknown currency or a bad date (400), storing nothing', async () => {
    const orgId = await organization();
    const bad = [
      { amountMinor: -1 },
      { amountMinor: 10.5 },
      { startsOn: today, endsOn: addDays(today, -1) },
      { currency: 'EUR' },
      { endsOn: '2026-02-30' },
      { taxRateBp: 10_001 },
    ];
    for (const overrides of bad) {
      const response = await t.as(admin, 'POST', `/api/v1/organizations/${orgId}/contracts`, contract(overrides));
      expect(response.statusCode, JSON.stringify(overrides)).toBe(400);
    }
    const created = await addContract(orgId);
    const backwards = await t.as(admin, 'PATCH', `/api/v1/contracts/${created.id}`, {
      endsOn: addDays(created.startsOn, -1),
      reason: 'Error de digitación',
    });
    expect(backwards.statusCode).toBe(400);
    expect((await t.as(admin, 'GET', `/api/v1/organizations/${orgId}/contracts`)).json().items).toHaveLength(1);
    expect((await t.as(admin, 'GET', `/api/v1/contracts/${created.id}`)).json().endsOn).toBe(created.endsOn);
  });

  it('lets every agent read contracts, only admins and supervisors write them; anonymous callers get 401', async () => {
    const orgId = await organization();
    const created = await addContract(orgId);
    const agent = await t.login((await t.createAgent({ role: 'agent', name: 'Rita Solano' })).email);
    expect((await t.as(agent, 'GET', `/api/v1/contracts/${created.id}`)).statusCode).toBe(200);
    expect((await t.as(agent, 'GET', `/api/v1/organizations/${orgId}/contracts`)).statusCode).toBe(200);
    const writes = [
      t.as(agent, 'POST', `/api/v1/organizations/${orgId}/contracts`, contract()),
      t.as(agent, 'PATCH', `/api/v1/contracts/${created.id}`, { amountMinor: 1, reason: 'x' }),
      t.as(agent, 'POST', `/api/v1/contracts/${created.id}/extend`, { days: 3, reason: 'x' }),
    ];
    for (const response of await Promise.all(writes)) expect(response.statusCode).toBe(403);
    const anonymous = await t.app.inject({ method: 'GET', url: `/api/v1/contracts/${created.id}` });
    expect(anonymous.statusCode).toBe(401);
    const fetched = (await t.as(admin, 'GET', `/api/v1/contracts/${created.id}`)).json();
    expect(fetched.history).toHaveLength(1);
  });

  it('lists contracts by state: expiring within the configured days, expired, active', async () => {
    const orgId = await organization();
    const soon = await addContract(orgId, { planName: 'Vence pronto', endsOn: addDays(today, 10) });
    const later = await addContract(orgId, { planName: 'Vigente', endsOn: addDays(today, 200) });
    const gone = await addContract(orgId, { planName: 'Vencido', endsOn: addDays(today, -1) });
    const ids = async (state: string) =>
      (await t.as(admin, 'GET', `/api/v1/contracts?state=${state}`)).json().items.map((c: { id: string }) => c.id);
    expect(await ids('expiring')).toEqual([soon.id]);
    expect(await ids('expired')).toEqual([gone.id]);
    expect(await ids('active')).toEqual([later.id]);
    await t.as(admin, 'PUT', '/api/v1/settings', { contractExpiringDays: 5 });
    expect(await ids('expiring')).toEqual([]);
    expect((await t.as(admin, 'GET', `/api/v1/contracts/${soon.id}`)).json().state).toBe('active');
  });

  it('"Extender 3 días" moves the end, audits it and opens a ticket escalated to Contabilidad linked to the original', async () => {
    const accounting = await t.services.departments.create(SYSTEM_ACTOR, { name: 'Contabilidad', kind: 'internal' });
    const orgId = await organization();
    const created = await addContract(orgId, { endsOn: addDays(today, -2) });
    const original = await t.services.tickets.create(SYSTEM_ACTOR, {
      subject: 'Sistema desactivado',
      body: 'Necesitamos facturar hoy.',
      requester: { email: 'ana@wolk.test', name: 'Ana Mora' },
    });
    const response = await t.as(admin, 'POST', `/api/v1/contracts/${created.id}/extend`, {
      days: 3,
      reason: 'Sistema desactivado y contabilidad no disponible',
      ticketId: original.number,
    });
    expect(response.statusCode, response.body).toBe(201);
    const { contract: extended, ticket } = response.json();
    expect(extended.endsOn).toBe(addDays(today, 1));
    expect(extended.state).toBe('expiring');
    expect(extended.history.at(-1)).toMatchObject({
      action: 'extended',
      changes: { endsOn: { from: created.endsOn, to: addDays(today, 1) } },
      reason: 'Sistema desactivado y contabilidad no disponible',
      ticketId: ticket.id,
      actor: { id: admin.agent.id },
    });
    expect(ticket).toMatchObject({
      departmentId: accounting.id,
      requesterId: original.requesterId,
      organizationId: orgId,
      priority: 'alta',
      channel: 'internal',
    });
    expect(ticket.subject).toContain('Wolk Software');
    const row = await ctx.database.db
      .selectFrom('tickets')
      .select('follow_up_of_id')
      .where('id', '=', ticket.id)
      .executeTakeFirstOrThrow();
    expect(row.follow_up_of_id).toBe(original.id);
    const history = (await t.as(admin, 'GET', `/api/v1/tickets/${original.id}/history`)).json();
    expect(JSON.stringify(history)).toContain(ticket.number);
  });

  it('extending without a Contabilidad department or with a bad body changes nothing', async () => {
    const created = await addContract(await organization());
    await t.services.tickets.create(SYSTEM_ACTOR, {
      subject: 'Hola',
      body: 'Hola',
      requester: { email: 'ana@wolk.test', name: 'Ana Mora' },
    });
    const missing = await t.as(admin, 'POST', `/api/v1/contracts/${created.id}/extend`, { days: 3, reason: 'Urgente' });
    expect(missing.statusCode).toBe(422);
    for (const body of [{ days: 0, reason: 'x' }, { days: 3 }, { days: 3, reason: '' }]) {
      expect((await t.as(admin, 'POST', `/api/v1/contracts/${created.id}/extend`, body)).statusCode).toBe(400);
    }
    const fetched = (await t.as(admin, 'GET', `/api/v1/contracts/${created.id}`)).json();
    expect(fetched.endsOn).toBe(created.endsOn);
    expect(fetched.history).toHaveLength(1);
  });

  it('contract_required: mail from an organization whose contract expired is stored in SIN CONTRATO and answered with the renewal template', async () => {
    const orgId = await organization();
    await addContract(orgId, { endsOn: addDays(today, -1) });
    const saved = await t.as(admin, 'PUT', '/api/v1/settings', { entitlement: 'contract_required' });
    expect(saved.json().entitlement).toBe('contract_required');
    const ticketId = await receive(mail('ana@wolk.test', 'No puedo facturar'));
    const ticket = (await t.as(admin, 'GET', `/api/v1/tickets/${ticketId}`)).json();
    expect(ticket.status).toBe('SIN CONTRATO');
    expect(ticket.organizationId).toBe(orgId);
    expect(await outboxOf(ticketId)).toEqual(['email.no_contract@1']);
    const answer = await t.services.emailTemplates.compose('no_contract', { ticketId, outboxId: 'o1' });
    expect(answer?.to).toEqual(['ana@wolk.test']);
    expect(answer?.text).toContain('no tiene un contrato de mantenimiento vigente');
    expect(answer?.text).toContain(ticket.number);
    expect(answer?.headers['Auto-Submitted']).toBe('auto-replied');
    // Agents find them in the queue by that status.
    const queue = await t.as(admin, 'GET', `/api/v1/tickets?statusId=${ticket.statusId}`);
    expect(queue.json().items.map((i: { id: string }) => i.id)).toContain(ticketId);
  });

  it('contract_required: a contract in force, or the open rule, lets mail through as usual', async () => {
    const orgId = await organization();
    await addContract(orgId);
    await t.as(admin, 'PUT', '/api/v1/settings', { entitlement: 'contract_required' });
    const covered = await receive(mail('ana@wolk.test', 'Consulta'));
    expect((await t.services.tickets.get(SYSTEM_ACTOR, covered)).status).toBe('NUEVO');
    expect(await outboxOf(covered)).toEqual(['email.acknowledgement@1']);

    await t.as(admin, 'PUT', '/api/v1/settings', { entitlement: 'open' });
    const stranger = await receive(mail('alguien@sin-contrato.test', 'Consulta'));
    expect((await t.services.tickets.get(SYSTEM_ACTOR, stranger)).status).toBe('NUEVO');
    expect(await outboxOf(stranger)).toEqual(['email.acknowledgement@1']);
  });

  it("a department's own rule overrides the global one", async () => {
    const strict = await t.services.departments.create(SYSTEM_ACTOR, {
      name: 'Soporte POS',
      entitlement: 'contract_required',
    });
    await t.services.inbound.mailboxes.create(SYSTEM_ACTOR, { address: 'pos@tiquete.test', departmentId: strict.id });
    const msg = { ...mail('alguien@sin-contrato.test', 'Consulta'), to: [{ address: 'pos@tiquete.test', name: '' }] };
    const ticketId = await receive(msg);
    expect((await t.services.tickets.get(SYSTEM_ACTOR, ticketId)).status).toBe('SIN CONTRATO');
    await t.as(admin, 'PATCH', `/api/v1/departments/${strict.id}`, { entitlement: 'open' });
    await t.as(admin, 'PUT', '/api/v1/settings', { entitlement: 'contract_required' });
    const open = await receive({ ...msg, subject: 'Otra consulta' });
    expect((await t.services.tickets.get(SYSTEM_ACTOR, open)).status).toBe('NUEVO');
  });

  it('settings keep the entitlement, expiring days and exchange rates; a bad value is refused and nothing changes', async () => {
    const saved = await t.as(admin, 'PUT', '/api/v1/settings', {
      entitlement: 'contract_required',
      contractExpiringDays: 15,
      exchangeRates: { USD: 50_500, MXN: 2_675 },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    for (const body of [
      { entitlement: 'sometimes' },
      { contractExpiringDays: -1 },
      { exchangeRates: { USD: 0 } },
      { exchangeRates: { EUR: 60_000 } },
      { exchangeRates: { USD: 505.5 } },
    ]) {
      const response = await t.as(admin, 'PUT', '/api/v1/settings', { ...body, attachmentLimitBytes: 1 });
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
    }
    const unknown = await t.as(admin, 'PUT', '/api/v1/settings', {
      accountingDepartmentId: 'nope',
      entitlement: 'open',
    });
    expect(unknown.statusCode).toBe(422);
    expect((await t.as(admin, 'GET', '/api/v1/settings')).json()).toMatchObject({
      entitlement: 'contract_required',
      contractExpiringDays: 15,
      exchangeRates: { USD: 50_500, MXN: 2_675 },
      accountingDepartmentId: null,
      attachmentLimitBytes: saved.json().attachmentLimitBytes,
    });
  });

  it('assertEntitled refuses an organization without a contract in force with CONTRACT_REQUIRED (403)', async () => {
    const orgId = await organization();
    await t.as(admin, 'PUT', '/api/v1/settings', { entitlement: 'contract_required' });
    const db = ctx.database.db;
    await expect(assertEntitled(db, t.clock.now(), orgId, null)).rejects.toMatchObject({ code: 'CONTRACT_REQUIRED' });
    await expect(assertEntitled(db, t.clock.now(), null, null)).rejects.toMatchObject({ code: 'CONTRACT_REQUIRED' });
    await addContract(orgId, { startsOn: addDays(today, 1) });
    await expect(assertEntitled(db, t.clock.now(), orgId, null)).rejects.toMatchObject({ code: 'CONTRACT_REQUIRED' });
    await addContract(orgId, { startsOn: today, endsOn: today });
    await expect(assertEntitled(db, t.clock.now(), orgId, null)).resolves.toBeUndefined();
  });
});

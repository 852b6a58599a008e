import { afterEach, beforeEach, expect, it } from 'vitest';
import { PAYMENT_PROTOCOL } from '../../core/protocols/default-protocols.ts';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { createTestApp, type Session, SYSTEM_ACTOR, type TestApp, unique } from '../../testing/test-app.ts';
import { createTicketFixture, type TicketFixture } from '../../testing/ticket-fixtures.ts';

/** 000 (Wolk): an activity says "si se aplicó algún protocolo"; it links to the one applied on the ticket. */
forEachDialect('the activity’s protocol applied', (ctx) => {
  let t: TestApp;
  let agent: Session;
  let outsider: Session;
  let ticket: TicketFixture;
  let other: TicketFixture;
  let paymentId: string;

  beforeEach(async () => {
    t = await createTestApp(ctx);
    const soporte = await t.services.departments.create(SYSTEM_ACTOR, { name: unique('Soporte Técnico') });
    const educacion = await t.services.departments.create(SYSTEM_ACTOR, { name: unique('Educación') });
    agent = await t.login((await t.createAgent({ name: 'Karla Rojas', departmentIds: [soporte.id] })).email);
    outsider = await t.login((await t.createAgent({ name: 'Ana Mora', departmentIds: [educacion.id] })).email);
    ticket = await createTicketFixture(ctx.database.db, { departmentId: soporte.id, subject: 'Comprobante de pago' });
    other = await createTicketFixture(ctx.database.db, { departmentId: soporte.id, subject: 'Otro pago' });
    await t.services.protocols.seedDefaults(SYSTEM_ACTOR);
    const list = (await t.as(agent, 'GET', '/api/v1/protocols')).json();
    paymentId = list.items.find((p: { title: string }) => p.title === PAYMENT_PROTOCOL.title).id;
  });
  afterEach(() => t.close());

  const apply = async (on: TicketFixture) => {
    const applied = await t.as(agent, 'POST', `/api/v1/tickets/${on.id}/protocols`, { protocolId: paymentId });
    expect(applied.statusCode, applied.body).toBe(201);
    return applied.json().id as string;
  };

  const activity = (protocolAppliedId: string, protocolApplied?: string) => ({
    kind: 'activity',
    body: 'Llamada por WhatsApp: el cliente compartió el comprobante.',
    activity: {
      contactPerson: 'María Fernanda Solís',
      medium: 'whatsapp',
      reason: 'Pago del mes',
      protocolAppliedId,
      ...(protocolApplied && { protocolApplied }),
    },
  });

  const messages = async (on: TicketFixture) =>
    (await t.as(agent, 'GET', `/api/v1/tickets/${on.id}/messages`)).json().items as {
      id: string;
      activity: { protocolAppliedId: string | null; protocolApplied: string | null } | null;
    }[];

  it('links the activity to the protocol applied on the ticket, its title filling the field', async () => {
    const appliedId = await apply(ticket);
    const created = await t.as(agent, 'POST', `/api/v1/tickets/${ticket.id}/messages`, activity(appliedId));
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().activity).toMatchObject({
      protocolAppliedId: appliedId,
      protocolApplied: PAYMENT_PROTOCOL.title,
    });
    const [stored] = await messages(ticket);
    expect(stored?.activity).toMatchObject({ protocolAppliedId: appliedId, protocolApplied: PAYMENT_PROTOCOL.title });

    // The agent's own words are kept beside the link.
    const worded = await t.as(
      agent,
      'POST',
      `/api/v1/tickets/${ticket.id}/messages`,
      activity(appliedId, 'Protocolo de pagos, sin el paso 5'),
    );
    expect(worded.json().activity).toMatchObject({
      protocolAppliedId: appliedId,
      protocolApplied: 'Protocolo de pagos, sin el paso 5',
    });
  });

  it("refuses a protocol applied on another ticket, or none, and stores nothing; another department's agent does not reach the ticket", async () => {
    const elsewhere = await apply(other);
    for (const id of [elsewhere, 'no-such-applied-protocol']) {
      const refused = await t.as(agent, 'POST', `/api/v1/tickets/${ticket.id}/messages`, activity(id));
      expect(refused.statusCode, refused.body).toBe(422);
      expect(refused.json().error).toMatchObject({
        code: 'REFERENCE_NOT_FOUND',
        details: { field: 'activity.protocolAppliedId' },
      });
    }
    const appliedId = await apply(ticket);
    const outside = await t.as(outsider, 'POST', `/api/v1/tickets/${ticket.id}/messages`, activity(appliedId));
    expect(outside.statusCode).toBe(404);
    expect(await messages(ticket)).toEqual([]);
  });

  it('reads an activity written before the link existed as linking to none', async () => {
    const created = await t.as(agent, 'POST', `/api/v1/tickets/${ticket.id}/messages`, {
      kind: 'activity',
      body: 'Llamada con el cliente.',
      activity: { contactPerson: 'María Fernanda Solís', medium: 'phone', reason: 'Consulta' },
    });
    const id = created.json().id as string;
    // As stored before: every field but the link.
    const legacy = {
      contactPerson: 'María Fernanda Solís',
      medium: 'phone',
      reason: 'Consulta',
      inputsReceived: null,
      inputsGiven: null,
      pendingItems: null,
      solution: null,
      protocolApplied: 'Pagos',
      contactId: null,
    };
    await ctx.database.db
      .updateTable('messages')
      .set({ activity: JSON.stringify(legacy) })
      .where('id', '=', id)
      .execute();
    const [stored] = await messages(ticket);
    expect(stored?.activity).toMatchObject({ protocolApplied: 'Pagos', protocolAppliedId: null });
  });
});

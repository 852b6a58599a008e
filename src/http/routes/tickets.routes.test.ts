import { afterEach, beforeEach, expect, it } from 'vitest';
import { outboxRepository } from '../../core/outbox/outbox.repository.ts';
import type { DomainEvent } from '../../core/shared/domain-events.ts';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { createTestApp, type Session, SYSTEM_ACTOR, type TestApp, unique } from '../../testing/test-app.ts';

forEachDialect('tickets', (ctx) => {
  let t: TestApp;
  let agent: Session;

  async function open(overrides: Record<string, unknown> = {}, session: Session = agent) {
    const response = await t.as(session, 'POST', '/api/v1/tickets', {
      subject: 'Desbloqueo de usuario',
      body: 'No puedo entrar al sistema desde esta mañana.',
      requester: { email: `${unique('cliente')}@acme.example`, name: 'Jesús Adrián Rodríguez' },
      ...overrides,
    });
    if (response.statusCode !== 201) throw new Error(`create failed: ${response.statusCode} ${response.body}`);
    return response.json();
  }

  beforeEach(async () => {
    t = await createTestApp(ctx);
    agent = await t.signedIn('agent');
  });
  afterEach(() => t.close());

  it('opens a ticket numbered OP10000 and up, readable by id and by number, with the first message and an acknowledgement queued', async () => {
    const ticket = await open();
    expect(ticket.number).toMatch(/^OP1\d{4}$/);
    expect(ticket).toMatchObject({ status: 'NUEVO', statusCategory: 'new', priority: 'normal', channel: 'phone' });
    const byNumber = await t.as(agent, 'GET', `/api/v1/tickets/${ticket.number}`);
    expect(byNumber.statusCode).toBe(200);
    expect(byNumber.json().id).toBe(ticket.id);
    const byLowerNumber = await t.as(agent, 'GET', `/api/v1/tickets/${ticket.number.toLowerCase()}`);
    expect(byLowerNumber.json().id).toBe(ticket.id);
    const outbox = await outboxRepository(ctx.database.db).listForTicket(ticket.id);
    expect(outbox.map((o) => o.type)).toEqual(['email.acknowledgement@1']);
    const history = (await t.as(agent, 'GET', `/api/v1/tickets/${ticket.id}/history`)).json().items;
    expect(history[0]).toMatchObject({
      field: 'created',
      to: ticket.number,
      actorKind: 'agent',
      actorName: agent.agent.name,
      via: 'console',
    });
  });

  it('continues numbering from a configured prefix and start (OP + 10044) and refuses a number already used', async () => {
    const admin = await t.signedIn('admin');
    const set = await t.as(admin, 'PUT', '/api/v1/ticket-settings/number-format', { prefix: 'OP', nextNumber: 10044 });
    expect(set.json()).toEqual({ prefix: 'OP', nextNumber: 10044 });
    expect((await open()).number).toBe('OP10044');
    expect((await open()).number).toBe('OP10045');
    const back = await t.as(admin, 'PUT', '/api/v1/ticket-settings/number-format', { prefix: 'OP', nextNumber: 10045 });
    expect(back.statusCode).toBe(409);
    expect(back.json().error.code).toBe('NUMBER_IN_USE');
    const agentTry = await t.as(agent, 'PUT', '/api/v1/ticket-settings/number-format', { prefix: 'X', nextNumber: 1 });
    expect(agentTry.statusCode).toBe(403);
  });

  it('gives 50 tickets created at the same time 50 different numbers', async () => {
    const created = await Promise.all(Array.from({ length: 50 }, () => open()));
    const numbers = new Set(created.map((ticket) => ticket.number));
    expect(numbers.size).toBe(50);
  });

  it('never lets a Soporte ticket sit in BACKLOG (seed 003), on create and on change', async () => {
    const refused = await t.as(agent, 'POST', '/api/v1/tickets', {
      subject: 'Error al facturar',
      body: 'El módulo de facturación no responde.',
      requester: { email: 'soporte@acme.example' },
      type: 'Soporte',
      status: 'BACKLOG',
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({
      code: 'STATUS_NOT_ALLOWED_FOR_TYPE',
      message: 'Un ticket de tipo Soporte no puede estar en BACKLOG',
    });
    const ticket = await open({ type: 'Soporte' });
    const moved = await t.as(agent, 'PATCH', `/api/v1/tickets/${ticket.id}`, { status: 'backlog' });
    expect(moved.statusCode).toBe(422);
    const cambio = await t.as(agent, 'PATCH', `/api/v1/tickets/${ticket.id}`, { type: 'Cambio', status: 'BACKLOG' });
    expect(cambio.statusCode).toBe(200);
    expect(cambio.json()).toMatchObject({ type: 'Cambio', status: 'BACKLOG', statusCategory: 'open' });
  });

  it('requires the custom fields of the type ("Alta de usuario", seed 001) and names each missing one', async () => {
    const admin = await t.signedIn('admin');
    const type = (await t.as(admin, 'POST', '/api/v1/ticket-settings/types', { name: 'Alta de usuario' })).json();
    for (const [key, label] of [
      ['nombre', 'Nombre'],
      ['apellidos', 'Apellidos'],
      ['email', 'Email'],
      ['rol', 'Rol'],
    ]) {
      const made = await t.as(admin, 'POST', `/api/v1/ticket-settings/types/${type.id}/fields`, {
        key,
        label,
        kind: 'text',
        required: true,
      });
      expect(made.statusCode).toBe(201);
    }
    const missing = await t.as(agent, 'POST', '/api/v1/tickets', {
      subject: 'Alta de maestra',
      body: 'Favor de dar de alta a la maestra.',
      requester: { email: 'coordinacion@escuela.example' },
      type: 'Alta de usuario',
      customFields: { nombre: 'Lucía', email: 'lucia@escuela.example' },
    });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error.code).toBe('CUSTOM_FIELDS_INVALID');
    expect(missing.json().error.message).toContain('Apellidos, Rol');
    expect(missing.json().error.details.problems.map((p: { key: string }) => p.key)).toEqual(['apellidos', 'rol']);

    const tarea = await open({ type: 'Tarea' });
    const change = await t.as(agent, 'PATCH', `/api/v1/tickets/${tarea.id}`, { type: 'Alta de usuario' });
    expect(change.statusCode).toBe(422);
    const complete = await t.as(agent, 'PATCH', `/api/v1/tickets/${tarea.id}`, {
      type: 'Alta de usuario',
      customFields: { nombre: 'Lucía', apellidos: 'Pérez', email: 'lucia@escuela.example', rol: 'Maestra' },
    });
    expect(complete.statusCode).toBe(200);
    expect(complete.json().customFields).toMatchObject({ nombre: 'Lucía', rol: 'Maestra' });
  });

  it('lets an agent open a ticket as the customer by phone, creating the contact and organization on the fly', async () => {
    const ticket = await open({
      requester: { email: 'maestra@torreblanca.example', name: 'Lucía Pérez', phone: '+52 55 1500 0780' },
      organization: { name: 'Colegio Torreblanca, S.C.' },
      channel: 'phone',
      priority: 'alta',
      tags: ['Moodle', 'capacitacion'],
      category: 'Alta',
    });
    expect(ticket).toMatchObject({
      channel: 'phone',
      priority: 'alta',
      tags: ['capacitacion', 'moodle'],
      category: 'Alta',
    });
    expect(ticket.organizationId).toEqual(expect.any(String));
    const contact = await t.as(agent, 'GET', `/api/v1/contacts/${ticket.requesterId}`);
    expect(contact.json()).toMatchObject({ name: 'Lucía Pérez', organizationId: ticket.organizationId });
    const again = await open({ requester: { email: 'MAESTRA@torreblanca.example' } });
    expect(again.requesterId).toBe(ticket.requesterId);
  });

  it('takes, dispatches with a note, flags and tags a ticket, recording each change in the history', async () => {
    const ticket = await open();
    const taken = await t.as(agent, 'POST', `/api/v1/tickets/${ticket.id}/take`);
    expect(taken.json().assigneeId).toBe(agent.agent.id);
    const colleague = await t.createAgent({ name: 'David Nieto' });
    const department = await t.services.departments.create(SYSTEM_ACTOR, { name: unique('Consultoría') });
    const dispatched = await t.as(agent, 'POST', `/api/v1/tickets/${ticket.id}/dispatch`, {
      assigneeId: colleague.id,
      departmentId: department.id,
      note: 'Es un tema de consultoría (política VI).',
    });
    expect(dispatched.json()).toMatchObject({ assigneeId: colleague.id, departmentId: department.id });
    const flagged = await t.as(agent, 'PATCH', `/api/v1/tickets/${ticket.id}`, { flag: 'blue', tagsAdd: ['SL-AP'] });
    expect(flagged.statusCode).toBe(404);
    const admin = await t.signedIn('admin');
    const asAdmin = await t.as(admin, 'PATCH', `/api/v1/tickets/${ticket.id}`, { flag: 'green', tagsAdd: ['SL-AP'] });
    expect(asAdmin.json()).toMatchObject({ flag: 'green', tags: ['sl-ap'] });
    const history = (await t.as(admin, 'GET', `/api/v1/tickets/${ticket.id}/history`)).json().items;
    expect(history.map((h: { field: string; to: string | null }) => `${h.field}=${h.to}`)).toEqual([
      `created=${ticket.number}`,
      // Taking a NUEVO ticket opens it (Cimatic: NUEVO waits for a consultant).
      'status=ABIERTO',
      `assigneeId=${agent.agent.id}`,
      `departmentId=${department.id}`,
      `assigneeId=${colleague.id}`,
      'flag=green',
      'tags=sl-ap',
    ]);
  });

  it('solves and closes with timestamps, and reopening clears them', async () => {
    const ticket = await open();
    const solved = (await t.as(agent, 'PATCH', `/api/v1/tickets/${ticket.id}`, { status: 'RESUELTO' })).json();
    expect(solved.solvedAt).toEqual(expect.any(String));
    const closed = (await t.as(agent, 'PATCH', `/api/v1/tickets/${ticket.id}`, { status: 'CERRADO' })).json();
    expect(closed).toMatchObject({ statusCategory: 'closed', solvedAt: solved.solvedAt });
    expect(closed.closedAt).toEqual(expect.any(String));
    const reopened = (await t.as(agent, 'PATCH', `/api/v1/tickets/${ticket.id}`, { status: 'ABIERTO' })).json();
    expect(reopened).toMatchObject({ solvedAt: null, closedAt: null });
  });

  it('bulk-tags three tickets in one go, with one history event each', async () => {
    const tickets = await Promise.all([open(), open(), open()]);
    const response = await t.as(agent, 'POST', '/api/v1/tickets/bulk', {
      ids: tickets.map((x) => x.id),
      changes: { tagsAdd: ['migracion'], type: 'Tarea' },
    });
    expect(response.json()).toEqual({ updated: 3 });
    for (const ticket of tickets) {
      const fresh = (await t.as(agent, 'GET', `/api/v1/tickets/${ticket.id}`)).json();
      expect(fresh).toMatchObject({ tags: ['migracion'], type: 'Tarea' });
      const history = (await t.as(agent, 'GET', `/api/v1/tickets/${ticket.id}/history`)).json().items;
      expect(history.filter((h: { field: string }) => h.field === 'tags')).toHaveLength(1);
    }
  });

  it('changes nothing in a bulk update when one ticket cannot take the change', async () => {
    const soporte = await open({ type: 'Soporte' });
    const tarea = await open({ type: 'Tarea' });
    const response = await t.as(agent, 'POST', '/api/v1/tickets/bulk', {
      ids: [tarea.id, soporte.id],
      changes: { status: 'BACKLOG', tagsAdd: ['lote'] },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details.failures).toEqual([
      expect.objectContaining({ id: soporte.id, code: 'STATUS_NOT_ALLOWED_FOR_TYPE' }),
    ]);
    const untouched = (await t.as(agent, 'GET', `/api/v1/tickets/${tarea.id}`)).json();
    expect(untouched).toMatchObject({ status: 'NUEVO', tags: [] });
    const history = (await t.as(agent, 'GET', `/api/v1/tickets/${tarea.id}/history`)).json().items;
    expect(history).toHaveLength(1);
    const tooMany = await t.as(agent, 'POST', '/api/v1/tickets/bulk', {
      ids: Array.from({ length: 501 }, (_, i) => `id-${i}`),
      changes: { flag: 'orange' },
    });
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.json().error.code).toBe('BULK_LIMIT_EXCEEDED');
  });

  it('merges a ticket into another: messages move, the source closes, both link, the customer is told', async () => {
    const target = await open({ subject: 'Error en reporte de ventas' });
    const source = await open({ subject: 'Reporte de ventas sale vacío', body: 'Mismo problema, otra vez.' });
    const merged = await t.as(agent, 'POST', `/api/v1/tickets/${source.number}/merge`, { targetId: target.id });
    expect(merged.statusCode).toBe(200);
    expect(merged.json().ccContactIds).toContain(source.requesterId);
    const closedSource = (await t.as(agent, 'GET', `/api/v1/tickets/${source.id}`)).json();
    expect(closedSource).toMatchObject({ statusCategory: 'closed', mergedIntoId: target.id });
    const links = (await t.as(agent, 'GET', `/api/v1/tickets/${target.id}/links`)).json();
    expect(links.mergedFrom).toEqual([{ id: source.id, number: source.number }]);
    const sourceLinks = (await t.as(agent, 'GET', `/api/v1/tickets/${source.id}/links`)).json();
    expect(sourceLinks.mergedInto).toEqual({ id: target.id, number: target.number });
    const messages = await ctx.database.db.selectFrom('messages').select('ticket_id').execute();
    expect(messages.filter((m) => m.ticket_id === source.id)).toHaveLength(0);
    expect(messages.filter((m) => m.ticket_id === target.id)).toHaveLength(2);
    const outbox = await outboxRepository(ctx.database.db).listForTicket(target.id);
    expect(outbox.map((o) => o.type)).toContain('email.ticket_merged@1');
    const again = await t.as(agent, 'POST', `/api/v1/tickets/${source.id}/merge`, { targetId: target.id });
    expect(again.statusCode).toBe(422);
    const self = await t.as(agent, 'POST', `/api/v1/tickets/${target.id}/merge`, { targetId: target.id });
    expect(self.json().error.code).toBe('MERGE_NOT_ALLOWED');
  });

  it("refuses to merge tickets of different organizations, which would show one customer another's conversation", async () => {
    const target = await open({ organization: { name: 'Ferretería El Clavo' } });
    const source = await open({ organization: { name: 'Colegio Torreblanca' } });
    const refused = await t.as(agent, 'POST', `/api/v1/tickets/${source.id}/merge`, { targetId: target.id });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('MERGE_NOT_ALLOWED');
    const untouched = (await t.as(agent, 'GET', `/api/v1/tickets/${source.id}`)).json();
    expect(untouched).toMatchObject({ mergedIntoId: null, statusCategory: 'new' });
  });

  it('splits a second topic into a new linked ticket and tells the customer (OpenPyme: two topics, two tickets)', async () => {
    const original = await open({ subject: 'Facturas y usuarios' });
    const secondTopic = await t.as(agent, 'POST', `/api/v1/tickets/${original.id}/split`, {
      subject: 'Alta de usuario nuevo',
      body: 'También necesito dar de alta a un usuario.',
    });
    expect(secondTopic.statusCode).toBe(201);
    const split = secondTopic.json();
    expect(split).toMatchObject({
      splitFromId: original.id,
      requesterId: original.requesterId,
      statusCategory: 'open',
    });
    expect(split.number).not.toBe(original.number);
    const links = (await t.as(agent, 'GET', `/api/v1/tickets/${original.id}/links`)).json();
    expect(links.splitInto).toEqual([{ id: split.id, number: split.number }]);
    const outbox = await outboxRepository(ctx.database.db).listForTicket(split.id);
    expect(outbox.map((o) => o.type)).toContain('email.ticket_split@1');
    const onlyMessage = await ctx.database.db
      .selectFrom('messages')
      .select('id')
      .where('ticket_id', '=', original.id)
      .execute();
    const all = await t.as(agent, 'POST', `/api/v1/tickets/${original.id}/split`, {
      subject: 'Todo',
      messageIds: onlyMessage.map((m) => m.id),
    });
    expect(all.statusCode).toBe(400);
    const foreign = await t.as(agent, 'POST', `/api/v1/tickets/${original.id}/split`, {
      subject: 'X',
      messageIds: ['nope'],
    });
    expect(foreign.statusCode).toBe(422);
  });

  it('moves chosen messages when splitting', async () => {
    const original = await open();
    await t.as(agent, 'POST', `/api/v1/tickets/${original.id}/dispatch`, { departmentId: null, note: 'Nota interna' });
    const ids = (
      await ctx.database.db.selectFrom('messages').select(['id', 'kind']).where('ticket_id', '=', original.id).execute()
    )
      .filter((m) => m.kind === 'note')
      .map((m) => m.id);
    const split = (
      await t.as(agent, 'POST', `/api/v1/tickets/${original.id}/split`, { subject: 'Otro tema', messageIds: ids })
    ).json();
    const moved = await ctx.database.db.selectFrom('messages').select('id').where('ticket_id', '=', split.id).execute();
    expect(moved.map((m) => m.id)).toEqual(ids);
  });

  it('gives a ticket page all its data in one call', async () => {
    const ticket = await open({ organization: { name: 'Escuela Altos' } });
    await t.as(agent, 'POST', `/api/v1/tickets/${ticket.id}/messages`, { kind: 'note', body: 'Revisar con sistemas.' });
    await t.as(agent, 'POST', `/api/v1/tickets/${ticket.id}/time-entries`, {
      description: 'Seguimiento',
      duration: '0:30',
    });
    await t.as(agent, 'POST', `/api/v1/tickets/${ticket.id}/tasks`, { title: 'Dar de alta' });
    const page = await t.as(agent, 'GET', `/api/v1/tickets/${ticket.number}/page`);
    expect(page.statusCode).toBe(200);
    const body = page.json();
    expect(body.ticket.id).toBe(ticket.id);
    expect(body.requester).toMatchObject({ id: ticket.requesterId, name: 'Jesús Adrián Rodríguez' });
    expect(body.organization).toMatchObject({ name: 'Escuela Altos' });
    expect(body.messages.items.map((m: { kind: string }) => m.kind)).toEqual(['reply', 'note']);
    expect(body.time.totals.minutes).toBe(30);
    expect(body.tasks).toHaveLength(1);
    expect(body.history.length).toBeGreaterThan(1);
    expect(body.links).toEqual({
      mergedInto: null,
      mergedFrom: [],
      splitFrom: null,
      splitInto: [],
      followUpOf: null,
      followUps: [],
    });
    expect((await t.as(agent, 'GET', '/api/v1/tickets/OP1/page')).statusCode).toBe(404);
  });

  it('emits a domain event after each change commits, and none for a refused write', async () => {
    const seen: DomainEvent[] = [];
    const unsubscribe = t.services.events.subscribe((event) => {
      seen.push(event);
    });
    const ticket = await open();
    await t.as(agent, 'PATCH', `/api/v1/tickets/${ticket.id}`, { priority: 'urgente' });
    await t.as(agent, 'POST', '/api/v1/tickets', {
      subject: 'x',
      body: 'y',
      requester: { email: 'z@z.example' },
      departmentId: 'missing',
    });
    unsubscribe();
    const ticketEvents = seen.filter((e) => e.type.startsWith('ticket.'));
    expect(ticketEvents.map((e) => e.type)).toEqual(['ticket.created', 'ticket.updated']);
    expect(ticketEvents[1]).toMatchObject({ ticketId: ticket.id, data: { changes: ['priority'] } });
    expect(seen.every((e) => e.type !== 'contact.created' || e.data)).toBe(true);
  });

  it('rejects unknown fields, wrong types and missing references, leaving nothing half-written', async () => {
    const unknown = await t.as(agent, 'POST', '/api/v1/tickets', {
      subject: 'x',
      body: 'y',
      requester: { email: 'a@b.example' },
      severity: 'high',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details.errors[0].field).toBe('body.severity');
    const wrongType = await t.as(agent, 'POST', '/api/v1/tickets', {
      subject: 5,
      body: 'y',
      requester: { email: 'a@b.example' },
    });
    expect(wrongType.statusCode).toBe(400);
    const noRequester = await t.as(agent, 'POST', '/api/v1/tickets', { subject: 'x', body: 'y' });
    expect(noRequester.statusCode).toBe(400);
    const badStatus = await t.as(agent, 'POST', '/api/v1/tickets', {
      subject: 'x',
      body: 'y',
      requester: { email: 'a@b.example' },
      status: 'INEXISTENTE',
    });
    expect(badStatus.statusCode).toBe(422);
    const email = `${unique('nadie')}@nowhere.example`;
    const badDepartment = await t.as(agent, 'POST', '/api/v1/tickets', {
      subject: 'x',
      body: 'y',
      requester: { email },
      departmentId: 'missing',
    });
    expect(badDepartment.statusCode).toBe(422);
    expect(badDepartment.json().error.details.field).toBe('departmentId');
    const contacts = await ctx.database.db
      .selectFrom('contact_emails')
      .select('email')
      .where('email', '=', email)
      .execute();
    expect(contacts).toHaveLength(0);
    const missingTicket = await t.as(agent, 'PATCH', '/api/v1/tickets/OP99999', { priority: 'alta' });
    expect(missingTicket.statusCode).toBe(404);
    const badAssignee = await t.as(agent, 'PATCH', `/api/v1/tickets/${(await open()).id}`, { assigneeId: 'ghost' });
    expect(badAssignee.statusCode).toBe(422);
  });
});

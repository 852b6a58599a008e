import type { LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { OrganizationRole } from '../../core/shared/actor.ts';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { type FormPart, multipartBody } from '../../testing/multipart.ts';
import {
  createTestApp,
  type PortalSession,
  type Session,
  SYSTEM_ACTOR,
  type TestApp,
  unique,
} from '../../testing/test-app.ts';

const LIMIT_BYTES = 65_536;
const STAFF_ONLY = [
  'assignee',
  'assigneeId',
  'tags',
  'flag',
  'customFields',
  'departmentId',
  'slaState',
  'followerIds',
];

forEachDialect('portal tickets API', (ctx) => {
  let t: TestApp;
  let admin: Session;

  beforeEach(async () => {
    t = await createTestApp(ctx, { ATTACHMENT_STORAGE: 'database', ATTACHMENT_LIMIT_BYTES: String(LIMIT_BYTES) });
    admin = await t.signedIn('admin');
  });
  afterEach(() => t.close());

  async function createOrganization() {
    return (await t.services.organizations.create(SYSTEM_ACTOR, { name: unique('Cimatic ') })).id;
  }
  async function createContact(organizationId: string, organizationRole: OrganizationRole = 'member') {
    return (await t.createPortalContact({ organizationId, organizationRole })).id;
  }
  /** Signs the contact in through the portal's sign-in. */
  async function contactSession(contactId: string): Promise<PortalSession> {
    const contact = await t.services.contacts.get(SYSTEM_ACTOR, contactId);
    return t.portalLogin(contact.emails[0]?.email ?? '');
  }

  function as(session: PortalSession, method: 'GET' | 'POST', url: string, payload?: unknown) {
    return t.app.inject({
      method,
      url,
      payload: payload as Record<string, unknown> | undefined,
      headers: { cookie: session.cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': session.csrfToken }) },
    });
  }

  function upload(session: { cookie: string; csrfToken: string }, url: string, parts: FormPart[]) {
    const { payload, contentType } = multipartBody(parts);
    return t.app.inject({
      method: 'POST',
      url,
      payload,
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'content-type': contentType },
    });
  }

  const file = (name: string, size = 10): FormPart => ({
    name: 'file',
    filename: name,
    contentType: 'application/pdf',
    data: Buffer.alloc(size, 7),
  });

  async function counts() {
    const db = ctx.database.db;
    const count = async (table: 'tickets' | 'messages' | 'attachments') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      tickets: await count('tickets'),
      messages: await count('messages'),
      attachments: await count('attachments'),
    };
  }

  async function setStatus(ticketId: string, name: string) {
    await t.services.tickets.update(SYSTEM_ACTOR, ticketId, { status: name });
  }

  const numbers = (response: LightMyRequestResponse) =>
    (response.json() as { items: { number: string }[] }).items.map((i) => i.number).sort();

  it('a member sees their own and copied tickets, a main contact all of the organization, never another organization', async () => {
    const org = await createOrganization();
    const other = await createOrganization();
    const member = await createContact(org);
    const colleague = await createContact(org);
    const main = await createContact(org, 'main_contact');
    const stranger = await createContact(other, 'main_contact');
    const own = await t.services.tickets.create(SYSTEM_ACTOR, {
      subject: 'Impresora fiscal sin conexión',
      body: 'No imprime facturas.',
      requester: { id: member },
      tags: ['vip'],
    });
    const copied = await t.services.tickets.create(SYSTEM_ACTOR, {
      subject: 'Acceso al módulo de ventas',
      body: 'Necesitamos acceso.',
      requester: { id: colleague },
      ccContactIds: [member],
    });
    const colleagues = await t.services.tickets.create(SYSTEM_ACTOR, {
      subject: 'Cambio de contraseña',
      body: 'Olvidé la clave.',
      requester: { id: colleague },
    });
    const foreign = await t.services.tickets.create(SYSTEM_ACTOR, {
      subject: 'Ticket de otra empresa',
      body: 'Privado.',
      requester: { id: stranger },
    });

    const memberSession = await contactSession(member);
    const mainSession = await contactSession(main);
    const list = await as(memberSession, 'GET', '/api/v1/portal/tickets');
    expect(list.statusCode).toBe(200);
    expect(numbers(list)).toEqual([own.number, copied.number].sort());
    // Customer-safe JSON: none of the staff's fields, the status by its customer label.
    const item = (list.json() as { items: Record<string, unknown>[] }).items.find((i) => i.number === own.number);
    for (const field of STAFF_ONLY) expect(item).not.toHaveProperty(field);
    expect(item).toMatchObject({ status: { label: 'Recibido', category: 'new' }, priority: 'normal' });

    expect(numbers(await as(mainSession, 'GET', '/api/v1/portal/tickets'))).toEqual(
      [own.number, copied.number, colleagues.number].sort(),
    );
    for (const path of [`/api/v1/portal/tickets/${colleagues.number}`, `/api/v1/portal/tickets/${foreign.id}`]) {
      expect((await as(memberSession, 'GET', path)).statusCode).toBe(404);
    }
    expect((await as(mainSession, 'GET', `/api/v1/portal/tickets/${foreign.number}/messages`)).statusCode).toBe(404);
    expect((await as(mainSession, 'GET', `/api/v1/portal/tickets/${colleagues.number}`)).statusCode).toBe(200);
  });

  it('Mis actividades hides closed tickets unless asked, filters by customer label, searches and sorts by number', async () => {
    const org = await createOrganization();
    const contact = await createContact(org);
    const session = await contactSession(contact);
    const open = async (subject: string) =>
      (await t.services.tickets.create(SYSTEM_ACTOR, { subject, body: 'Detalle.', requester: { id: contact } })).number;
    const printer = await open('Impresora fiscal');
    const waiting = await open('Factura electrónica rechazada');
    const closed = await open('Reporte de ventas');
    await setStatus(await ticketId(waiting), 'PENDIENTE');
    await setStatus(await ticketId(closed), 'CERRADO');

    expect(numbers(await as(session, 'GET', '/api/v1/portal/tickets'))).toEqual([printer, waiting].sort());
    expect(numbers(await as(session, 'GET', '/api/v1/portal/tickets?closed=true'))).toEqual(
      [printer, waiting, closed].sort(),
    );
    const byLabel = await as(
      session,
      'GET',
      `/api/v1/portal/tickets?status=${encodeURIComponent('Esperando su respuesta')}`,
    );
    expect(numbers(byLabel)).toEqual([waiting]);
    expect(numbers(await as(session, 'GET', '/api/v1/portal/tickets?q=impresora'))).toEqual([printer]);
    expect(numbers(await as(session, 'GET', `/api/v1/portal/tickets?q=${waiting}`))).toEqual([waiting]);

    const first = await as(session, 'GET', '/api/v1/portal/tickets?sort=number&limit=1');
    const page = first.json() as { items: { number: string }[]; nextCursor: string };
    expect(page.items.map((i) => i.number)).toEqual([waiting]);
    const second = await as(session, 'GET', `/api/v1/portal/tickets?sort=number&limit=1&cursor=${page.nextCursor}`);
    expect((second.json() as { items: { number: string }[] }).items.map((i) => i.number)).toEqual([printer]);
    const options = await as(session, 'GET', '/api/v1/portal/ticket-options');
    expect(options.json()).toMatchObject({ priorities: ['baja', 'normal', 'alta', 'urgente'], types: [] });
    expect((options.json() as { statuses: string[] }).statuses).toContain('Esperando su respuesta');
  });

  async function ticketId(number: string) {
    return (await t.services.tickets.get(SYSTEM_ACTOR, number)).id;
  }

  it('the ticket page shows the public conversation and its files; notes and their files never', async () => {
    const org = await createOrganization();
    const contact = await createContact(org);
    const session = await contactSession(contact);
    const ticket = await t.services.tickets.create(SYSTEM_ACTOR, {
      subject: 'Error al timbrar',
      body: 'El CFDI no timbra.',
      requester: { id: contact },
    });
    const url = `/api/v1/tickets/${ticket.id}/messages`;
    const reply = await upload(admin, url, [
      { name: 'kind', value: 'reply' },
      { name: 'body', value: 'Adjunto la guía.' },
      file('guia.pdf'),
    ]);
    const note = await upload(admin, url, [
      { name: 'kind', value: 'note' },
      { name: 'body', value: 'zqnota interna: el cliente debe dos meses' },
      file('estado-de-cuenta.pdf', 20),
    ]);
    expect([reply.statusCode, note.statusCode]).toEqual([201, 201]);

    const messages = await as(session, 'GET', `/api/v1/portal/tickets/${ticket.number}/messages`);
    expect(messages.statusCode).toBe(200);
    const items = (messages.json() as { items: { body: string; attachments: { id: string }[] }[] }).items;
    expect(items.map((m) => m.body)).toEqual(['El CFDI no timbra.', 'Adjunto la guía.']);
    expect(messages.body).not.toContain('zqnota');
    const replyFile = (reply.json() as { attachments: { id: string }[] }).attachments[0]?.id;
    const noteFile = (note.json() as { attachments: { id: string }[] }).attachments[0]?.id;
    expect(items[1]?.attachments.map((a) => a.id)).toEqual([replyFile]);
    const download = await as(session, 'GET', `/api/v1/portal/attachments/${replyFile}`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.length).toBe(10);
    expect((await as(session, 'GET', `/api/v1/portal/attachments/${noteFile}`)).statusCode).toBe(404);
    expect(numbers(await as(session, 'GET', '/api/v1/portal/tickets?q=zqnota'))).toEqual([]);
  });

  it('a new ticket comes by the portal with its files, names its number and queues the acknowledgement', async () => {
    const org = await createOrganization();
    const contact = await createContact(org);
    const session = await contactSession(contact);
    const created = await upload(session, '/api/v1/portal/tickets', [
      { name: 'subject', value: 'No abre el sistema' },
      { name: 'description', value: 'Desde esta mañana.' },
      { name: 'priority', value: 'alta' },
      file('captura.pdf', 1000),
    ]);
    expect(created.statusCode).toBe(201);
    const body = created.json() as { id: string; number: string; priority: string };
    expect(body).toMatchObject({ priority: 'alta', status: { category: 'new' } });
    const ticket = await t.services.tickets.get(SYSTEM_ACTOR, body.id);
    expect(ticket).toMatchObject({ number: body.number, channel: 'portal', requesterId: contact, organizationId: org });
    const outbox = await ctx.database.db.selectFrom('outbox').select('type').where('ticket_id', '=', body.id).execute();
    expect(outbox.map((o) => o.type)).toContain('email.acknowledgement@1');
    const messages = await as(session, 'GET', `/api/v1/portal/tickets/${body.number}/messages`);
    expect((messages.json() as { items: { attachments: unknown[] }[] }).items[0]?.attachments).toHaveLength(1);
  });

  it('bad new tickets are refused and store nothing: big file, unknown or internal type, missing required field', async () => {
    const org = await createOrganization();
    const session = await contactSession(await createContact(org));
    const base = { subject: 'Consulta', description: 'Detalle.' };
    const internal = await t.services.ticketSettings.createType(SYSTEM_ACTOR, { name: 'Interno' });
    const visible = await t.services.ticketSettings.createType(SYSTEM_ACTOR, {
      name: 'Soporte web',
      customerVisible: true,
    });
    await t.services.ticketSettings.createField(SYSTEM_ACTOR, visible.id, {
      key: 'modulo',
      label: 'Módulo',
      kind: 'text',
      required: true,
    });
    const before = await counts();

    const big = await upload(session, '/api/v1/portal/tickets', [
      { name: 'subject', value: 'Con archivo' },
      { name: 'description', value: 'Adjunto.' },
      file('grande.pdf', LIMIT_BYTES + 1),
    ]);
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ error: { code: 'ATTACHMENT_TOO_LARGE' } });
    for (const type of ['No existe', internal.name]) {
      const refused = await as(session, 'POST', '/api/v1/portal/tickets', { ...base, type });
      expect(refused.statusCode).toBe(422);
      expect(refused.json()).toMatchObject({ error: { code: 'REFERENCE_NOT_FOUND', details: { field: 'type' } } });
    }
    const missing = await as(session, 'POST', '/api/v1/portal/tickets', { ...base, type: visible.name });
    expect(missing.statusCode).toBe(422);
    expect(missing.json()).toMatchObject({ error: { code: 'CUSTOM_FIELDS_INVALID' } });
    const critical = await as(session, 'POST', '/api/v1/portal/tickets', { ...base, priority: 'critica' });
    expect(critical.statusCode).toBe(400);
    expect(await counts()).toEqual(before);

    const good = await as(session, 'POST', '/api/v1/portal/tickets', {
      ...base,
      type: visible.name,
      customFields: { modulo: 'Ventas' },
    });
    expect(good.statusCode).toBe(201);
    expect(good.json()).toMatchObject({ type: 'Soporte web' });
    const options = await as(session, 'GET', '/api/v1/portal/ticket-options');
    expect((options.json() as { types: { name: string }[] }).types.map((ty) => ty.name)).toEqual(['Soporte web']);
  });

  it('contract_required: a contact whose organization has no contract in force cannot open a ticket, nothing stored', async () => {
    const session = await contactSession(await createContact(await createOrganization()));
    await t.as(admin, 'PUT', '/api/v1/settings', { entitlement: 'contract_required' });
    const before = await counts();
    const refused = await as(session, 'POST', '/api/v1/portal/tickets', { subject: 'Consulta', description: 'Hola.' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: { code: 'CONTRACT_REQUIRED' } });
    expect(await counts()).toEqual(before);
  });

  it('a reply with "Considere esta solicitud como resuelta" solves the ticket; a solved one reopens; a closed one takes nothing', async () => {
    const org = await createOrganization();
    const contact = await createContact(org);
    const session = await contactSession(contact);
    const ticket = await t.services.tickets.create(SYSTEM_ACTOR, {
      subject: 'Usuario bloqueado',
      body: 'No puedo entrar.',
      requester: { id: contact },
    });
    const path = `/api/v1/portal/tickets/${ticket.number}`;

    expect((await as(session, 'POST', `${path}/reopen`)).statusCode).toBe(409);
    const solved = await upload(session, `${path}/messages`, [
      { name: 'body', value: 'Ya entré, gracias.' },
      { name: 'solved', value: 'true' },
      file('ok.pdf'),
    ]);
    expect(solved.statusCode).toBe(201);
    expect(solved.json()).toMatchObject({
      message: { body: 'Ya entré, gracias.', author: { kind: 'contact' } },
      ticket: { status: { label: 'Resuelto', category: 'solved' } },
    });
    const reopened = await as(session, 'POST', `${path}/reopen`);
    expect(reopened.statusCode).toBe(200);
    expect(reopened.json()).toMatchObject({ status: { category: 'open' }, solvedAt: null });

    await setStatus(ticket.id, 'CERRADO');
    const before = await counts();
    const late = await as(session, 'POST', `${path}/messages`, { body: '¿Sigue abierto?', solved: true });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ error: { code: 'TICKET_CLOSED', details: { number: ticket.number } } });
    expect((await as(session, 'POST', `${path}/reopen`)).statusCode).toBe(409);
    expect(await counts()).toEqual(before);
    expect((await t.services.tickets.get(SYSTEM_ACTOR, ticket.id)).statusCategory).toBe('closed');
  });

  it('"Califique la atención": the requester of a solved ticket gets its survey token, a colleague or an unsolved ticket none', async () => {
    const org = await createOrganization();
    const requester = await createContact(org);
    const main = await createContact(org, 'main_contact');
    const session = await contactSession(requester);
    const ticket = await t.services.tickets.create(SYSTEM_ACTOR, {
      subject: 'Factura duplicada',
      body: 'Llegó dos veces.',
      requester: { id: requester },
    });
    const path = `/api/v1/portal/tickets/${ticket.number}/survey`;

    const early = await as(session, 'GET', path);
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ error: { code: 'SURVEY_NOT_YET' } });

    await as(session, 'POST', `/api/v1/portal/tickets/${ticket.number}/messages`, { body: 'Listo.', solved: true });
    const answer = await as(session, 'GET', path);
    expect(answer.statusCode).toBe(200);
    const { token } = answer.json() as { token: string };
    // The same token the public survey page opens.
    const survey = await t.app.inject({ method: 'GET', url: `/api/v1/satisfaction/${token}` });
    expect(survey.statusCode).toBe(200);
    expect(survey.json()).toMatchObject({ ticket: { number: ticket.number } });

    // The ticket says whom the survey is for, so the portal asks only then.
    expect((await as(session, 'GET', `/api/v1/portal/tickets/${ticket.number}`)).json()).toMatchObject({
      isRequester: true,
    });
    // The main contact sees the ticket but does not rate someone else's request.
    const mainSession = await contactSession(main);
    expect((await as(mainSession, 'GET', `/api/v1/portal/tickets/${ticket.number}`)).json()).toMatchObject({
      isRequester: false,
    });
    const colleague = await as(mainSession, 'GET', path);
    expect(colleague.statusCode).toBe(403);
  });

  it('the portal refuses agents (403) and the console refuses contacts (403); another organization’s ticket is 404', async () => {
    const org = await createOrganization();
    const contact = await createContact(org, 'main_contact');
    const session = await contactSession(contact);
    const foreign = await t.services.tickets.create(SYSTEM_ACTOR, {
      subject: 'Ajeno',
      body: 'Privado.',
      requester: { id: await createContact(await createOrganization()) },
    });
    expect((await t.as(admin, 'GET', '/api/v1/portal/tickets')).statusCode).toBe(403);
    expect((await t.as(admin, 'POST', '/api/v1/portal/tickets', { subject: 'x', description: 'y' })).statusCode).toBe(
      403,
    );
    expect((await as(session, 'GET', '/api/v1/tickets')).statusCode).toBe(403);
    expect((await as(session, 'GET', `/api/v1/tickets/${foreign.id}`)).statusCode).toBe(403);
    const reply = await as(session, 'POST', `/api/v1/portal/tickets/${foreign.number}/messages`, { body: 'Hola' });
    expect(reply.statusCode).toBe(404);
    expect((await as(session, 'POST', `/api/v1/portal/tickets/${foreign.number}/reopen`)).statusCode).toBe(404);
  });
});

import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { type FakeGraphApi, startFakeGraphApi } from '../../testing/fake-graph-api.ts';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { type Session, SYSTEM_ACTOR, unique } from '../../testing/test-app.ts';
import { inboundPayload, type WhatsappTestKit, whatsappTestKit } from './test-support.ts';

let graph: FakeGraphApi;
beforeAll(async () => {
  graph = await startFakeGraphApi({ accessToken: 'EAAG-costumbres' });
  graph.templates.push(
    {
      name: 'bienvenida_soporte',
      language: 'es',
      status: 'APPROVED',
      category: 'UTILITY',
      components: [
        { type: 'BODY', text: 'Hola {{1}}, le saluda Soporte Wolk. Guarde este número; también: soporte@wolk.example' },
      ],
    },
    {
      name: 'enlace_sesion',
      language: 'es',
      status: 'APPROVED',
      category: 'UTILITY',
      components: [{ type: 'BODY', text: 'Hola {{1}}, su sesión es el {{2}}. Enlace: {{3}}' }],
    },
  );
});
afterAll(() => graph.close());

const WELCOME = 'Hola {{name}}, soy de Soporte Wolk. Guarde este número ({{number}}); correo: soporte@wolk.example';
const TEAMS = 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0';

forEachDialect('WhatsApp habits of seed 000 (welcome, session link)', (ctx) => {
  let kit: WhatsappTestKit;
  let admin: Session;
  let support: Session;
  let outsider: Session;

  beforeEach(async () => {
    kit = await whatsappTestKit(ctx, graph, { withDepartment: true });
    const t = kit.t;
    admin = await t.signedIn('admin');
    const departmentId = kit.number.departmentId as string;
    support = await t.login((await t.createAgent({ role: 'agent', departmentIds: [departmentId] })).email);
    const other = await t.services.departments.create(SYSTEM_ACTOR, { name: unique('Ventas ') });
    outsider = await t.login((await t.createAgent({ role: 'agent', departmentIds: [other.id] })).email);
  });
  afterEach(() => kit.t.close());

  /** A new customer's first ticket, opened by the agent: no WhatsApp conversation yet (window closed). */
  async function newCustomerTicket(phones: { phone: string; whatsapp?: boolean }[]) {
    const contact = await kit.t.as(support, 'POST', '/api/v1/contacts', { name: 'Lucía Vargas', phones });
    expect(contact.statusCode, contact.body).toBe(201);
    const ticket = await kit.t.as(support, 'POST', '/api/v1/tickets', {
      subject: 'Alta de cliente nuevo',
      body: 'Cliente nuevo: configurar el sistema',
      requester: { id: contact.json().id },
      departmentId: kit.number.departmentId,
    });
    expect(ticket.statusCode, ticket.body).toBe(201);
    return ticket.json().id as string;
  }

  /** A ticket opened by the customer writing to the support number (window open). */
  async function whatsappTicket() {
    await kit.post(
      inboundPayload(kit.number.phoneNumberId, {
        id: `wamid.${unique('hab')}`,
        type: 'text',
        text: { body: 'Hola, soy cliente nuevo' },
      }),
    );
    await kit.processed();
    return (await ctx.database.db.selectFrom('tickets').select('id').executeTakeFirstOrThrow()).id;
  }

  const sendsTo = () =>
    graph
      .callsTo('messages')
      .filter((c) => c.path.includes(`/${kit.number.phoneNumberId}/messages`) && c.status === 200);
  const configure = (changes: Record<string, unknown>) =>
    kit.t.as(admin, 'PATCH', `/api/v1/whatsapp/numbers/${kit.number.id}`, changes);

  it('welcomes a customer in the window with the number’s text, as a reply on the ticket sent once', async () => {
    expect((await configure({ welcomeText: WELCOME })).json()).toMatchObject({ welcomeText: WELCOME });
    const ticketId = await whatsappTicket();
    const before = sendsTo().length;
    const sent = await kit.t.as(support, 'POST', `/api/v1/tickets/${ticketId}/whatsapp/welcome`);
    expect(sent.statusCode, sent.body).toBe(201);
    const body =
      'Hola Lucía Vargas, soy de Soporte Wolk. Guarde este número (+50640001234); correo: soporte@wolk.example';
    expect(sent.json()).toMatchObject({ kind: 'reply', channel: 'whatsapp', body });
    expect(await kit.deliver()).toBe(1);
    expect(
      sendsTo()
        .slice(before)
        .map((c) => c.body),
    ).toEqual([expect.objectContaining({ type: 'text', text: { body, preview_url: false } })]);
  });

  it('welcomes a new customer (no conversation yet) with the approved welcome template, else says what is missing', async () => {
    const ticketId = await newCustomerTicket([{ phone: '+506 8777-1000', whatsapp: true }]);
    const welcome = () => kit.t.as(support, 'POST', `/api/v1/tickets/${ticketId}/whatsapp/welcome`);
    const missing = await welcome();
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error.code).toBe('WHATSAPP_TEMPLATE_MISSING');
    await configure({ welcomeTemplate: { name: 'plantilla_inexistente', language: 'es' } });
    const unapproved = await welcome();
    expect(unapproved.statusCode).toBe(422);
    expect(unapproved.json().error).toMatchObject({
      code: 'WHATSAPP_TEMPLATE_NOT_APPROVED',
      message: expect.stringContaining('plantilla_inexistente'),
    });
    await configure({ welcomeTemplate: { name: 'bienvenida_soporte', language: 'es' } });
    const before = sendsTo().length;
    const sent = await welcome();
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json().body).toBe(
      'Hola Lucía Vargas, le saluda Soporte Wolk. Guarde este número; también: soporte@wolk.example',
    );
    await kit.deliver();
    expect(
      sendsTo()
        .slice(before)
        .map((c) => c.body),
    ).toEqual([
      {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: '50687771000',
        type: 'template',
        template: {
          name: 'bienvenida_soporte',
          language: { code: 'es' },
          components: [{ type: 'body', parameters: [{ type: 'text', text: 'Lucía Vargas' }] }],
        },
      },
    ]);
  });

  it('refuses a customer without a WhatsApp number with a clear 422, and another department’s agent with 404', async () => {
    const noWhatsapp = await newCustomerTicket([{ phone: '+506 2222-3333' }]);
    const refused = await kit.t.as(support, 'POST', `/api/v1/tickets/${noWhatsapp}/whatsapp/welcome`);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({
      code: 'CONTACT_HAS_NO_WHATSAPP',
      message: expect.stringContaining('no tiene un número de WhatsApp'),
    });
    const ticketId = await whatsappTicket();
    const before = graph.callsTo('messages').length;
    expect((await kit.t.as(outsider, 'POST', `/api/v1/tickets/${ticketId}/whatsapp/welcome`)).statusCode).toBe(404);
    const [session] = await scheduleSession(ticketId);
    const foreign = await kit.t.as(outsider, 'POST', `/api/v1/tickets/${ticketId}/sessions/${session}/whatsapp`, {
      joinUrl: TEAMS,
    });
    expect(foreign.statusCode).toBe(404);
    await kit.deliver();
    expect(graph.callsTo('messages').length).toBe(before);
    const messages = await ctx.database.db
      .selectFrom('messages')
      .select('kind')
      .where('ticket_id', '=', ticketId)
      .execute();
    expect(messages.filter((m) => m.kind === 'reply')).toHaveLength(1);
  });

  async function scheduleSession(ticketId: string): Promise<[string, string]> {
    const startsAt = '2026-12-09T15:00:00.000Z';
    const response = await kit.t.as(support, 'POST', `/api/v1/tickets/${ticketId}/messages`, {
      kind: 'activity',
      body: 'Se agenda la capacitación; el cliente no tiene headset.',
      activity: {
        contactPerson: 'Lucía Vargas',
        medium: 'teams',
        reason: 'Capacitación de facturación',
        scheduledSession: { title: 'Capacitación de facturación', startsAt, endsAt: '2026-12-09T16:00:00.000Z' },
      },
    });
    expect(response.statusCode, response.body).toBe(201);
    return [response.json().activity.scheduledSession.id as string, startsAt];
  }

  it('sends a session’s Teams link and time by WhatsApp, keeps the link on the session, and uses the template outside the window', async () => {
    const ticketId = await whatsappTicket();
    const [sessionId] = await scheduleSession(ticketId);
    const url = `/api/v1/tickets/${ticketId}/sessions/${sessionId}/whatsapp`;
    const noLink = await kit.t.as(support, 'POST', url, {});
    expect(noLink.statusCode).toBe(422);
    expect(noLink.json().error.code).toBe('SESSION_HAS_NO_LINK');
    const badLink = await kit.t.as(support, 'POST', url, { joinUrl: 'javascript:alert(1)' });
    expect(badLink.statusCode).toBe(400);
    const sent = await kit.t.as(support, 'POST', url, { joinUrl: TEAMS });
    expect(sent.statusCode, sent.body).toBe(201);
    // 15:00 UTC is 09:00 in Costa Rica, the department's zone.
    expect(sent.json().body).toBe(
      `Hola Lucía Vargas, este es el enlace para nuestra sesión «Capacitación de facturación» del miércoles, 9 de diciembre de 2026, 09:00: ${TEAMS}`,
    );
    const sessions = (await kit.t.as(support, 'GET', `/api/v1/tickets/${ticketId}/sessions`)).json().items;
    expect(sessions).toEqual([expect.objectContaining({ id: sessionId, joinUrl: TEAMS })]);
    await kit.deliver();

    // Two days later the window is closed: the stored link goes in the number's session template.
    kit.t.clock.advance(48 * 3_600_000);
    const closed = await kit.t.as(support, 'POST', url, {});
    expect(closed.json().error.code).toBe('WHATSAPP_TEMPLATE_MISSING');
    await configure({ sessionTemplate: { name: 'enlace_sesion', language: 'es' } });
    const before = sendsTo().length;
    const again = await kit.t.as(support, 'POST', url, {});
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json().body).toBe(
      `Hola Lucía Vargas, su sesión es el miércoles, 9 de diciembre de 2026, 09:00. Enlace: ${TEAMS}`,
    );
    await kit.deliver();
    const [call] = sendsTo().slice(before);
    expect(call?.body).toMatchObject({
      type: 'template',
      template: {
        name: 'enlace_sesion',
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Lucía Vargas' },
              { type: 'text', text: 'miércoles, 9 de diciembre de 2026, 09:00' },
              { type: 'text', text: TEAMS },
            ],
          },
        ],
      },
    });
  });
});

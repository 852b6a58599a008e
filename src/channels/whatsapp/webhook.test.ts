import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { type FakeGraphApi, startFakeGraphApi } from '../../testing/fake-graph-api.ts';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { createTestApp, type Session, SYSTEM_ACTOR, unique } from '../../testing/test-app.ts';
import { inboundPayload, WHATSAPP_TEST_ENV, type WhatsappTestKit, whatsappTestKit } from './test-support.ts';

/** A small PNG: the photo of a SINPE Móvil receipt, as far as the test cares. */
const RECEIPT = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

let graph: FakeGraphApi;
beforeAll(async () => {
  graph = await startFakeGraphApi({ accessToken: 'EAAG-prueba-whatsapp' });
});
afterAll(() => graph.close());

forEachDialect('WhatsApp webhook', (ctx) => {
  let kit: WhatsappTestKit;
  let agent: Session;

  beforeEach(async () => {
    kit = await whatsappTestKit(ctx, graph, { withDepartment: true });
    agent = await kit.t.signedIn('admin');
  });
  afterEach(() => kit.t.close());

  const tickets = () => ctx.database.db.selectFrom('tickets').selectAll().execute();
  const messagesOf = async (ticketId: string) =>
    (await kit.t.as(agent, 'GET', `/api/v1/tickets/${ticketId}/messages`)).json().items as {
      id: string;
      body: string;
      channel: string;
      attachments: { id: string; filename: string; contentType: string; size: number }[];
    }[];

  it('answers the verification handshake with the challenge only for a configured verify token', async () => {
    const ask = (query: string) => kit.t.app.inject({ method: 'GET', url: `/webhooks/whatsapp?${query}` });
    const ok = await ask('hub.mode=subscribe&hub.verify_token=token-de-verificacion&hub.challenge=1158201444');
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toMatch(/^text\/plain/);
    expect(ok.body).toBe('1158201444');
    expect((await ask('hub.mode=subscribe&hub.verify_token=otro&hub.challenge=1')).statusCode).toBe(403);
    expect((await ask('hub.mode=unsubscribe&hub.verify_token=token-de-verificacion&hub.challenge=1')).statusCode).toBe(
      403,
    );
    expect((await ask('hub.challenge=1')).statusCode).toBe(403);
  });

  it('a signed image message opens a ticket in the number’s department with the downloaded receipt attached', async () => {
    const mediaId = graph.addMedia({ data: RECEIPT, mimeType: 'image/png' });
    const body = inboundPayload(kit.number.phoneNumberId, {
      id: `wamid.${unique('img')}`,
      type: 'image',
      image: { caption: 'Comprobante SINPE de marzo', mime_type: 'image/png', sha256: 'grwfwe/ZPx0w=', id: mediaId },
    });
    const response = await kit.post(body);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ received: true });
    await kit.processed();
    const [ticket] = await tickets();
    expect(ticket).toMatchObject({ channel: 'whatsapp', department_id: kit.number.departmentId });
    expect(ticket?.department_id).not.toBeNull();
    const contact = await kit.t.services.contacts.get(SYSTEM_ACTOR, ticket?.requester_id as string);
    expect(contact.name).toBe('Lucía Vargas');
    expect(contact.phones).toEqual([expect.objectContaining({ phone: '+50688881234', whatsapp: true })]);
    // The message is there before its file: the download runs after, through the outbox.
    const [first] = await messagesOf(ticket?.id as string);
    expect(first).toMatchObject({ body: 'Comprobante SINPE de marzo', channel: 'whatsapp', attachments: [] });
    expect(await kit.deliver()).toBe(1);
    const [withFile] = await messagesOf(ticket?.id as string);
    expect(withFile?.attachments).toEqual([
      expect.objectContaining({ contentType: 'image/png', size: RECEIPT.length, filename: `image-${mediaId}.png` }),
    ]);
    const file = await kit.t.as(agent, 'GET', `/api/v1/attachments/${withFile?.attachments[0]?.id}`);
    expect(file.rawPayload.equals(RECEIPT)).toBe(true);
    const [lookup, download] = graph.calls.filter((c) => c.path.includes(mediaId));
    expect(lookup).toMatchObject({ endpoint: 'media-url', authorization: 'Bearer EAAG-prueba-whatsapp' });
    expect(download).toMatchObject({ endpoint: 'download', authorization: 'Bearer EAAG-prueba-whatsapp' });
  });

  it('a bad or missing signature is refused with 401 and nothing is stored', async () => {
    const body = inboundPayload(kit.number.phoneNumberId, {
      id: `wamid.${unique('bad')}`,
      type: 'text',
      text: { body: 'Hola' },
    });
    const unsigned = await kit.post(body, null);
    expect(unsigned.statusCode).toBe(401);
    expect(unsigned.json().error.code).toBe('WEBHOOK_SIGNATURE_INVALID');
    expect((await kit.post(body, 'otro-secreto')).statusCode).toBe(401);
    expect((await kit.post(body, kit.number.verifyToken)).statusCode).toBe(401);
    // Signed, then one byte changed (re-serialized): no longer the bytes that were signed.
    const signed = (await import('./signature.ts')).signBody(Buffer.from(body), kit.number.appSecret);
    const tampered = await kit.t.app.inject({
      method: 'POST',
      url: '/webhooks/whatsapp',
      payload: JSON.stringify(JSON.parse(body), null, 1),
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signed },
    });
    expect(tampered.statusCode).toBe(401);
    await kit.processed();
    expect(await ctx.database.db.selectFrom('whatsapp_webhooks').select('id').execute()).toEqual([]);
    expect(await tickets()).toEqual([]);
  });

  it('the same payload delivered twice gives one message; the next message joins the open ticket', async () => {
    const body = inboundPayload(kit.number.phoneNumberId, {
      id: `wamid.${unique('dup')}`,
      type: 'text',
      text: { body: 'Buenos días, no puedo facturar' },
    });
    expect((await kit.post(body)).statusCode).toBe(200);
    expect((await kit.post(body)).statusCode).toBe(200);
    await kit.processed();
    const [ticket] = await tickets();
    expect(ticket?.subject).toBe('Buenos días, no puedo facturar');
    expect(await messagesOf(ticket?.id as string)).toHaveLength(1);
    const webhooks = await ctx.database.db.selectFrom('whatsapp_webhooks').select('status').execute();
    expect(webhooks.map((w) => w.status)).toEqual(['processed', 'processed']);

    kit.t.clock.advance(60_000);
    const location = inboundPayload(kit.number.phoneNumberId, {
      id: `wamid.${unique('loc')}`,
      type: 'location',
      location: { latitude: 9.9333, longitude: -84.0833, name: 'Oficina Wolk', address: 'San José, Costa Rica' },
    });
    expect((await kit.post(location)).statusCode).toBe(200);
    await kit.processed();
    expect(await tickets()).toHaveLength(1);
    const messages = await messagesOf(ticket?.id as string);
    expect(messages.map((m) => m.body)).toContain(
      '📍 Oficina Wolk\nSan José, Costa Rica\nhttps://www.google.com/maps/search/?api=1&query=9.9333,-84.0833',
    );
    const window = await kit.t.services.whatsapp.windowOf(ticket?.id as string);
    expect(window).toMatchObject({ waId: '50688881234', numberId: kit.number.id, open: true });
    kit.t.clock.advance(25 * 3_600_000);
    expect((await kit.t.services.whatsapp.windowOf(ticket?.id as string))?.open).toBe(false);
  });

  it('a failed media download keeps the message with a retry pending, and a later attempt attaches the file', async () => {
    const mediaId = graph.addMedia({ data: Buffer.from('%PDF-1.4 recibo'), mimeType: 'application/pdf' });
    graph.failNext('download', 1, { status: 500, code: 2, message: 'Service temporarily unavailable' });
    const body = inboundPayload(kit.number.phoneNumberId, {
      id: `wamid.${unique('doc')}`,
      type: 'document',
      document: { filename: 'recibo-marzo.pdf', mime_type: 'application/pdf', sha256: 'x', id: mediaId },
    });
    await kit.post(body);
    await kit.processed();
    const [ticket] = await tickets();
    expect(await kit.deliver()).toBe(1);
    const [message] = await messagesOf(ticket?.id as string);
    expect(message).toMatchObject({ body: 'Documento: recibo-marzo.pdf', attachments: [] });
    const pending = await ctx.database.db
      .selectFrom('outbox')
      .selectAll()
      .where('type', '=', 'whatsapp.media_download@1')
      .executeTakeFirstOrThrow();
    expect(pending).toMatchObject({ status: 'pending', attempts: 1 });
    expect(pending.last_error).toContain('Service temporarily unavailable');
    // Not due yet; after the backoff it is tried again and succeeds.
    expect(await kit.deliver()).toBe(0);
    kit.t.clock.advance(61_000);
    expect(await kit.deliver()).toBe(1);
    const [after] = await messagesOf(ticket?.id as string);
    expect(after?.attachments).toEqual([expect.objectContaining({ filename: 'recibo-marzo.pdf' })]);
  });

  it('a body stored before a crash (200 already given) is processed when the server starts again', async () => {
    const wamid = `wamid.${unique('crash')}`;
    // What the webhook commits before answering 200; the process "dies" before processing it.
    await kit.t.services.whatsappWebhookQueue.store(
      Buffer.from(inboundPayload(kit.number.phoneNumberId, { id: wamid, type: 'text', text: { body: 'Hola' } })),
    );
    expect(await tickets()).toEqual([]);
    const restarted = await createTestApp(ctx, WHATSAPP_TEST_ENV);
    await restarted.app.ready();
    await restarted.app.whatsappWebhooks.idle();
    expect(await tickets()).toHaveLength(1);
    await restarted.close();
  });
});

import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { type FakeGraphApi, startFakeGraphApi } from '../../testing/fake-graph-api.ts';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { multipartBody } from '../../testing/multipart.ts';
import { type Session, unique } from '../../testing/test-app.ts';
import { inboundPayload, statusPayload, type WhatsappTestKit, whatsappTestKit } from './test-support.ts';

let graph: FakeGraphApi;
beforeAll(async () => {
  graph = await startFakeGraphApi({ accessToken: 'EAAG-respuestas' });
});
afterAll(() => graph.close());

forEachDialect('WhatsApp replies', (ctx) => {
  let kit: WhatsappTestKit;
  let agent: Session;
  let ticketId: string;

  beforeEach(async () => {
    kit = await whatsappTestKit(ctx, graph);
    agent = await kit.t.signedIn('agent');
    await kit.post(
      inboundPayload(kit.number.phoneNumberId, {
        id: `wamid.${unique('in')}`,
        type: 'text',
        text: { body: 'Hola, necesito ayuda' },
      }),
    );
    await kit.processed();
    ticketId = (await ctx.database.db.selectFrom('tickets').select('id').executeTakeFirstOrThrow()).id;
  });
  afterEach(() => kit.t.close());

  const reply = (payload: Record<string, unknown>) =>
    kit.t.as(agent, 'POST', `/api/v1/tickets/${ticketId}/messages`, { kind: 'reply', channel: 'whatsapp', ...payload });
  const deliveryOf = async (messageId: string) =>
    (await kit.t.as(agent, 'GET', `/api/v1/tickets/${ticketId}/messages`))
      .json()
      .items.find((m: { id: string }) => m.id === messageId)?.delivery;
  const sendsTo = (phoneNumberId: string) =>
    graph.callsTo('messages').filter((c) => c.path.includes(`/${phoneNumberId}/messages`) && c.status === 200);

  it('an agent reply goes out once through the Graph send endpoint, then shows delivered and read ticks', async () => {
    const before = sendsTo(kit.number.phoneNumberId).length;
    const created = await reply({ body: 'Buenos días, ya lo revisamos.' });
    expect(created.statusCode).toBe(201);
    const messageId = created.json().id as string;
    expect(created.json().delivery.state).toBe('queued');
    expect(await kit.deliver()).toBe(1);
    expect(await kit.deliver()).toBe(0);
    const sends = sendsTo(kit.number.phoneNumberId).slice(before);
    expect(sends).toHaveLength(1);
    expect(sends[0]?.authorization).toBe('Bearer EAAG-respuestas');
    expect(sends[0]?.body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '50688881234',
      type: 'text',
      text: { body: 'Buenos días, ya lo revisamos.', preview_url: false },
    });
    expect((await deliveryOf(messageId)).state).toBe('sent');
    const [row] = await ctx.database.db
      .selectFrom('whatsapp_messages')
      .select('wamid')
      .where('message_id', '=', messageId)
      .execute();
    const wamid = row?.wamid as string;
    await kit.post(statusPayload(kit.number.phoneNumberId, wamid, 'delivered'));
    await kit.processed();
    expect((await deliveryOf(messageId)).state).toBe('delivered');
    await kit.post(statusPayload(kit.number.phoneNumberId, wamid, 'read'));
    // Out of order: a late "delivered" never moves a read reply back.
    await kit.post(statusPayload(kit.number.phoneNumberId, wamid, 'delivered'));
    await kit.processed();
    expect((await deliveryOf(messageId)).state).toBe('read');
  });

  it('a reply that Graph refuses for a while is retried by the outbox and sent exactly once', async () => {
    graph.failNext('messages', 1, { status: 503, code: 2, message: 'Service temporarily unavailable' });
    const messageId = (await reply({ body: 'Le escribimos en un momento.' })).json().id as string;
    const before = sendsTo(kit.number.phoneNumberId).length;
    await kit.deliver();
    expect((await deliveryOf(messageId)).state).toBe('retrying');
    kit.t.clock.advance(61_000);
    await kit.deliver();
    expect((await deliveryOf(messageId)).state).toBe('sent');
    expect(sendsTo(kit.number.phoneNumberId).slice(before)).toHaveLength(1);
  });

  it('a reply with a file uploads it and sends it by its media id after the text', async () => {
    const form = multipartBody([
      { name: 'kind', value: 'reply' },
      { name: 'channel', value: 'whatsapp' },
      { name: 'body', value: 'Adjunto la factura.' },
      { name: 'file', filename: 'factura.pdf', contentType: 'application/pdf', data: Buffer.from('%PDF-1.4 factura') },
    ]);
    const created = await kit.t.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${ticketId}/messages`,
      payload: form.payload,
      headers: { cookie: agent.cookie, 'x-csrf-token': agent.csrfToken, 'content-type': form.contentType },
    });
    expect(created.statusCode).toBe(201);
    const before = sendsTo(kit.number.phoneNumberId).length;
    await kit.deliver();
    const [text, document] = sendsTo(kit.number.phoneNumberId).slice(before);
    expect(text?.body).toMatchObject({ type: 'text', text: { body: 'Adjunto la factura.' } });
    const mediaId = (document?.body as { document?: { id: string } } | undefined)?.document?.id ?? '';
    expect(document?.body).toMatchObject({ type: 'document', document: { id: mediaId, filename: 'factura.pdf' } });
    expect(graph.uploads.get(mediaId)?.data.toString()).toBe('%PDF-1.4 factura');
  });

  it('a reply whose file was uploaded but whose send failed resumes without uploading or sending anything twice', async () => {
    const form = multipartBody([
      { name: 'kind', value: 'reply' },
      { name: 'channel', value: 'whatsapp' },
      { name: 'body', value: 'Le adjunto el comprobante de su pago.' },
      { name: 'file', filename: 'comprobante.png', contentType: 'image/png', data: Buffer.from('png comprobante') },
    ]);
    const created = await kit.t.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${ticketId}/messages`,
      payload: form.payload,
      headers: { cookie: agent.cookie, 'x-csrf-token': agent.csrfToken, 'content-type': form.contentType },
    });
    const messageId = created.json().id as string;
    const sendsBefore = graph.callsTo('messages').length;
    const uploadsBefore = graph.callsTo('upload').length;
    // The text goes, the file is uploaded, then Meta refuses the send that names it.
    graph.failNext('messages', 1, { status: 500, code: 131000, message: 'Something went wrong', after: 1 });
    await kit.deliver();
    expect((await deliveryOf(messageId)).state).toBe('retrying');
    const [upload] = graph.callsTo('upload').slice(uploadsBefore);
    expect(upload?.status).toBe(200);
    const parts = () =>
      ctx.database.db
        .selectFrom('whatsapp_reply_parts')
        .select(['part', 'media_id', 'wamid'])
        .where('message_id', '=', messageId)
        .orderBy('part')
        .execute();
    const [file, text] = await parts();
    expect(file).toMatchObject({ part: expect.stringMatching(/^file:/), media_id: expect.any(String), wamid: null });
    expect(text).toMatchObject({ part: 'text:0', wamid: expect.stringMatching(/^wamid\./) });

    kit.t.clock.advance(61_000);
    await kit.deliver();
    expect((await deliveryOf(messageId)).state).toBe('sent');
    expect(graph.callsTo('upload').slice(uploadsBefore)).toHaveLength(1);
    const sends = graph.callsTo('messages').slice(sendsBefore);
    expect(sends.map((c) => [c.status, (c.body as { type: string }).type])).toEqual([
      [200, 'text'],
      [500, 'image'],
      [200, 'image'],
    ]);
    expect(sends[2]?.body).toMatchObject({ type: 'image', image: { id: file?.media_id } });
    expect(graph.uploads.get(file?.media_id ?? '')?.data.toString()).toBe('png comprobante');
    // Both wamids tick the reply; nothing is left to send.
    expect((await parts()).every((p) => p.wamid)).toBe(true);
    expect(await kit.deliver()).toBe(0);
  });

  it('outside the 24-hour window a plain reply is refused with 422 and a template goes out', async () => {
    const state = async () => (await kit.t.as(agent, 'GET', `/api/v1/tickets/${ticketId}/whatsapp`)).json();
    expect(await state()).toMatchObject({ available: true, phone: '+50688881234', windowOpen: true });
    kit.t.clock.advance(25 * 3_600_000);
    expect(await state()).toMatchObject({ available: true, windowOpen: false });
    const refused = await reply({ body: '¿Sigue con el problema?' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('WHATSAPP_WINDOW_CLOSED');
    expect(refused.json().error.message).toContain('24 horas');
    const template = await reply({
      body: 'Seguimiento del caso',
      template: { name: 'seguimiento_caso', language: 'es', parameters: ['Lucía', 'OP10044'] },
    });
    expect(template.statusCode).toBe(201);
    const before = sendsTo(kit.number.phoneNumberId).length;
    await kit.deliver();
    const [sent] = sendsTo(kit.number.phoneNumberId).slice(before);
    expect(sent?.body).toMatchObject({
      to: '50688881234',
      type: 'template',
      template: {
        name: 'seguimiento_caso',
        language: { code: 'es' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Lucía' },
              { type: 'text', text: 'OP10044' },
            ],
          },
        ],
      },
    });
    const badTemplate = await reply({ body: 'x', template: { name: 'Con Espacios', language: 'es', parameters: [] } });
    expect(badTemplate.statusCode).toBe(400);
  });

  it("offers the number's approved templates, read from Graph with the number's token; Graph down is a 502", async () => {
    const listed = await kit.t.as(agent, 'GET', `/api/v1/tickets/${ticketId}/whatsapp/templates`);
    expect(listed.statusCode).toBe(200);
    // The pending one is not offered: Meta would refuse to send it.
    expect(listed.json().items).toEqual([
      {
        name: 'seguimiento_caso',
        language: 'es',
        body: 'Hola {{1}}, le escribimos sobre su caso {{2}}. ¿Podemos ayudarle en algo más?',
        parameters: 2,
      },
    ]);
    const [asked] = graph.callsTo('templates').slice(-1);
    expect(asked?.path).toBe(`/v23.0/${kit.number.businessAccountId}/message_templates?status=APPROVED&limit=100`);
    expect(asked?.authorization).toBe('Bearer EAAG-respuestas');

    graph.failNext('templates', 1, { status: 503, code: 2, message: 'Service temporarily unavailable' });
    const down = await kit.t.as(agent, 'GET', `/api/v1/tickets/${ticketId}/whatsapp/templates`);
    expect(down.statusCode).toBe(502);
    expect(down.json().error).toMatchObject({ code: 'WHATSAPP_GRAPH_UNAVAILABLE', details: { status: 503 } });
    expect((await kit.t.as(agent, 'GET', '/api/v1/tickets/99999999/whatsapp/templates')).statusCode).toBe(404);
  });
});

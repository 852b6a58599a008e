import { afterEach, beforeEach, expect, it } from 'vitest';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { multipartBody } from '../../testing/multipart.ts';
import { createTestApp, type Session, type TestApp, unique } from '../../testing/test-app.ts';

forEachDialect('Idempotency-Key on creating writes', (ctx) => {
  let t: TestApp;
  let agent: Session;

  beforeEach(async () => {
    t = await createTestApp(ctx);
    agent = await t.signedIn('supervisor');
  });
  afterEach(() => t.close());

  const post = (session: Session, url: string, payload: unknown, key: string) =>
    t.app.inject({
      method: 'POST',
      url,
      payload: payload as Record<string, unknown>,
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'idempotency-key': key },
    });
  const ticketCount = async () => Number((await t.as(agent, 'GET', '/api/v1/tickets/count')).json().count);

  it('a retried POST /tickets returns the first ticket instead of creating a duplicate', async () => {
    const body = {
      subject: 'No puedo facturar',
      body: 'Error 500',
      requester: { email: `${unique('c')}@example.com` },
    };
    const key = unique('retry-');
    const before = await ticketCount();
    const first = await post(agent, '/api/v1/tickets', body, key);
    expect(first.statusCode, first.body).toBe(201);
    const retry = await post(agent, '/api/v1/tickets', body, key);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json().id).toBe(first.json().id);
    expect(await ticketCount()).toBe(before + 1);

    const changed = await post(agent, '/api/v1/tickets', { ...body, subject: 'Otro asunto' }, key);
    expect(changed.statusCode).toBe(422);
    expect(changed.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await ticketCount()).toBe(before + 1);
  });

  it('keys belong to their agent, expire after 24 h, and a refused request frees its key', async () => {
    const other = await t.signedIn('supervisor');
    const body = { subject: 'Consulta', body: 'Hola', requester: { email: `${unique('c')}@example.com` } };
    const key = unique('k-');
    const mine = await post(agent, '/api/v1/tickets', body, key);
    const theirs = await post(other, '/api/v1/tickets', body, key);
    expect(theirs.statusCode).toBe(201);
    expect(theirs.json().id).not.toBe(mine.json().id);

    t.clock.advance(24 * 3600_000 + 1000);
    const later = await post(agent, '/api/v1/tickets', body, key);
    expect(later.statusCode).toBe(201);
    expect(later.json().id).not.toBe(mine.json().id);

    const badKey = unique('bad-');
    const invalid = await post(agent, '/api/v1/tickets', { subject: 'Sin cuerpo' }, badKey);
    expect(invalid.statusCode).toBe(400);
    const corrected = await post(agent, '/api/v1/tickets', { ...body, subject: 'Sin cuerpo' }, badKey);
    expect(corrected.statusCode, corrected.body).toBe(201);
  });

  it('a retried message is added once', async () => {
    const ticket = (
      await t.as(agent, 'POST', '/api/v1/tickets', {
        subject: 'Consulta',
        body: 'Hola',
        requester: { email: `${unique('c')}@example.com` },
      })
    ).json();
    const url = `/api/v1/tickets/${ticket.id}/messages`;
    const key = unique('msg-');
    const first = await post(agent, url, { kind: 'note', body: 'Revisado' }, key);
    const retry = await post(agent, url, { kind: 'note', body: 'Revisado' }, key);
    expect([first.statusCode, retry.statusCode]).toEqual([201, 201]);
    expect(retry.json().id).toBe(first.json().id);
    const messages = (await t.as(agent, 'GET', url)).json().items as { body: string }[];
    expect(messages.filter((m) => m.body === 'Revisado')).toHaveLength(1);

    const invalidKey = await post(agent, url, { kind: 'note', body: 'x' }, 'clave con espacios');
    expect(invalidKey.statusCode).toBe(400);
  });

  it('a retried reply with a file is replayed; the same key with another file of the same size is refused', async () => {
    const ticket = (
      await t.as(agent, 'POST', '/api/v1/tickets', {
        subject: 'Factura',
        body: 'Necesito la factura',
        requester: { email: `${unique('c')}@example.com` },
      })
    ).json();
    const url = `/api/v1/tickets/${ticket.id}/messages`;
    const key = unique('files-');
    // Each request gets its own multipart boundary, as a real client's retry would.
    const send = (data: Buffer) => {
      const form = multipartBody([
        { name: 'kind', value: 'reply' },
        { name: 'body', value: 'Adjunto la factura.' },
        { name: 'files', filename: 'factura.pdf', contentType: 'application/pdf', data },
      ]);
      return t.app.inject({
        method: 'POST',
        url,
        payload: form.payload,
        headers: {
          'content-type': form.contentType,
          cookie: agent.cookie,
          'x-csrf-token': agent.csrfToken,
          'idempotency-key': key,
        },
      });
    };
    const count = async () => (await t.as(agent, 'GET', url)).json().items.length;
    const first = await send(Buffer.from('%PDF-1.4 factura de noviembre'));
    expect(first.statusCode, first.body).toBe(201);
    const before = await count();
    const retry = await send(Buffer.from('%PDF-1.4 factura de noviembre'));
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json().id).toBe(first.json().id);
    const other = await send(Buffer.from('%PDF-1.4 factura de diciembre'));
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await count()).toBe(before);
  });
});

import { afterEach, expect, it } from 'vitest';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { createTestApp, SYSTEM_ACTOR, type TestApp } from '../../testing/test-app.ts';
import { createInboundProcessor } from './inbound-processor.ts';
import { parseMail } from './parse-mail.ts';
import { startSmtpListener } from './smtp-listener.ts';
import { customerClient } from './test-support.ts';

forEachDialect('inbound mail safety', (ctx) => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function app(): Promise<TestApp> {
    const t = await createTestApp(ctx);
    cleanups.push(() => t.close());
    return t;
  }

  const count = async (table: 'tickets' | 'messages' | 'inbound_messages') =>
    (await ctx.database.db.selectFrom(table).select('id').execute()).length;

  it('a crash between store and parse loses nothing: on restart every stored mail becomes exactly one message', async () => {
    const t = await app();
    // The processing step dies right after the commit, before any parsing.
    const crashing = createInboundProcessor({
      inbound: t.services.inbound,
      beforeParse: () => {
        throw new Error('injected crash');
      },
    });
    const listener = await startSmtpListener({
      inbound: t.services.inbound,
      processor: crashing,
      port: 0,
      host: '127.0.0.1',
      domains: ['tiquete.test'],
      maxBytes: 1_000_000,
    });
    cleanups.push(() => listener.close());
    const client = customerClient(listener.port);
    cleanups.push(() => client.close());
    for (let i = 1; i <= 4; i++) {
      const info = await client.sendMail({
        from: `persona${i}@cliente.test`,
        to: 'soporte@tiquete.test',
        subject: `Caso ${i}`,
        text: `Texto ${i}`,
      });
      expect(info.response).toMatch(/^250 /);
    }
    await crashing.idle().catch(() => {});
    expect(await count('inbound_messages')).toBe(4);
    expect(await count('tickets')).toBe(0);

    // Restart: two instances race over the same stored mails.
    const a = createInboundProcessor({ inbound: t.services.inbound });
    const b = createInboundProcessor({ inbound: t.services.inbound });
    await Promise.all([a.drain(), b.drain()]);
    await Promise.all([a.drain(), b.drain()]);
    expect(await count('tickets')).toBe(4);
    expect(await count('messages')).toBe(4);
    const statuses = await ctx.database.db.selectFrom('inbound_messages').select('status').execute();
    expect(statuses.every((s) => s.status === 'processed')).toBe(true);
  });

  it('a mail with malformed MIME is stored and shows as a ticket with its readable text, not raw MIME', async () => {
    const t = await app();
    const raw = Buffer.from(
      [
        'From: roto@cliente.test',
        'Subject: Correo roto',
        'Content-Type: multipart/mixed; boundary="nunca-cierra"',
        '',
        'texto suelto antes de cualquier parte',
        '--otro-limite',
        'Content-Transfer-Encoding: base64',
        '',
        '@@@ esto no es base64 @@@',
      ].join('\r\n'),
    );
    const id = await t.services.inbound.store({
      source: 'smtp',
      envelopeFrom: null,
      envelopeTo: ['soporte@tiquete.test'],
      raw,
    });
    await createInboundProcessor({ inbound: t.services.inbound }).drain();
    const row = await ctx.database.db
      .selectFrom('inbound_messages')
      .select(['status', 'ticket_id'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('processed');
    const messages = await t.services.messages.list(SYSTEM_ACTOR, row.ticket_id as string, { limit: 5 });
    expect(messages.items[0]?.body).toContain('texto suelto antes de cualquier parte');
    expect(messages.items[0]?.body).toContain('esto no es base64');
    expect(messages.items[0]?.body).not.toContain('Content-Transfer-Encoding');
  });

  it('a failed mail is kept as failed with its error, listed for admins, and reprocessed on request', async () => {
    const t = await app();
    const raw = Buffer.from('From: a@cliente.test\r\nSubject: Hola\r\n\r\nHola\r\n');
    await t.services.inbound.store({ source: 'smtp', envelopeFrom: null, envelopeTo: [], raw });
    let fail = true;
    const processor = createInboundProcessor({
      inbound: {
        ...t.services.inbound,
        receive: (...args: Parameters<TestApp['services']['inbound']['receive']>) =>
          fail ? Promise.reject(new Error('base de datos caída')) : t.services.inbound.receive(...args),
      },
    });
    await processor.drain();
    const failed = await t.services.inbound.listFailed(SYSTEM_ACTOR);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.error).toContain('base de datos caída');
    fail = false;
    expect(await t.services.inbound.requeueFailed(SYSTEM_ACTOR)).toBe(1);
    await processor.drain();
    expect(await count('tickets')).toBe(1);
  });

  it('a bounce becomes a system note on its ticket and marks the outgoing message failed', async () => {
    const t = await app();
    await t.services.inbound.store({
      source: 'smtp',
      envelopeFrom: 'cliente@cliente.test',
      envelopeTo: [],
      raw: Buffer.from('From: cliente@cliente.test\r\nSubject: Caso\r\nMessage-ID: <c1@cliente.test>\r\n\r\nHola\r\n'),
    });
    await createInboundProcessor({ inbound: t.services.inbound }).drain();
    const ticket = await ctx.database.db.selectFrom('tickets').select('id').executeTakeFirstOrThrow();
    const agent = await t.createAgent({ role: 'admin' });
    const reply = await t.services.messages.add(
      { kind: 'agent', id: agent.id, role: 'admin', departmentIds: [], locale: 'es' },
      ticket.id,
      { kind: 'reply', body: 'Respuesta' },
    );
    await t.services.inbound.recordOutgoing({
      emailMessageId: 'tiquete.out1@tiquete.test',
      ticketId: ticket.id,
      messageId: reply.id,
    });
    const dsn = [
      'From: Mail Delivery System <MAILER-DAEMON@mx.cliente.test>',
      'To: soporte@tiquete.test',
      'Subject: Undelivered Mail Returned to Sender',
      'Auto-Submitted: auto-replied',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain',
      '',
      'No se pudo entregar.',
      '--b1',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.cliente.test',
      '',
      'Final-Recipient: rfc822; cliente@cliente.test',
      'Action: failed',
      'Status: 5.1.1',
      'Diagnostic-Code: smtp; 550 5.1.1 user unknown',
      '--b1',
      'Content-Type: text/rfc822-headers',
      '',
      'From: soporte@tiquete.test',
      'Message-ID: <tiquete.out1@tiquete.test>',
      'Subject: Re: Caso',
      '--b1--',
      '',
    ].join('\r\n');
    await t.services.inbound.store({ source: 'smtp', envelopeFrom: '', envelopeTo: [], raw: Buffer.from(dsn) });
    await createInboundProcessor({ inbound: t.services.inbound }).drain();
    expect(await count('tickets')).toBe(1);
    const notes = await ctx.database.db
      .selectFrom('messages')
      .select(['kind', 'author_kind', 'body_text'])
      .where('kind', '=', 'note')
      .execute();
    expect(notes).toEqual([
      { kind: 'note', author_kind: 'system', body_text: expect.stringContaining('user unknown') },
    ]);
    const sent = await ctx.database.db
      .selectFrom('messages')
      .select('delivery_status')
      .where('id', '=', reply.id)
      .executeTakeFirstOrThrow();
    expect(sent.delivery_status).toBe('failed');
  });

  it('our own mail coming back is never taken as a new ticket', async () => {
    const t = await app();
    await t.services.inbound.mailboxes.create(SYSTEM_ACTOR, { address: 'soporte@tiquete.test' });
    const raw = Buffer.from('From: soporte@tiquete.test\r\nSubject: [OP1] eco\r\nX-Tiquete-Ticket: OP1\r\n\r\neco\r\n');
    expect((await parseMail(raw)).fromOurselves).toBe(true);
    await t.services.inbound.store({ source: 'smtp', envelopeFrom: null, envelopeTo: [], raw });
    await createInboundProcessor({ inbound: t.services.inbound }).drain();
    expect(await count('tickets')).toBe(0);
  });
});

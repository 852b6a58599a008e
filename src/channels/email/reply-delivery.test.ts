import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { loadConfig } from '../../config/config.ts';
import { createOutboxWorker } from '../../jobs/outbox-worker.ts';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app.ts';
import { emailOutbound, warnAboutOutbound } from './email-channel.ts';
import { createInboundProcessor } from './inbound-processor.ts';
import { deliveryReport, freePort, startSink } from './test-support.ts';

const HOUR = 3600_000;

// Issue 13: "Respuesta enviada" when nothing was sent. Each outgoing reply shows where its mail is.
forEachDialect('the delivery state of outgoing replies', (ctx) => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** Tiquete whose OUTBOUND_SMTP_URL names a port where no server listens yet. */
  async function setup() {
    const t: TestApp = await createTestApp(ctx);
    cleanups.push(() => t.close());
    const agent: Session = await t.signedIn('admin');
    const port = await freePort();
    const config = loadConfig({
      SESSION_SECRET: 'test-secret-test-secret-test-secret-0123',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'tiquete-delivery-')),
      OUTBOUND_SMTP_URL: `smtp://127.0.0.1:${port}`,
    });
    const email = emailOutbound(t.services, config);
    const worker = createOutboxWorker({
      db: ctx.database.db,
      clock: t.clock,
      handlers: email.outboxHandlers,
      deliverable: email.outboxDeliverable,
      events: t.services.events,
    });
    return { t, agent, port, worker };
  }

  it('shows a reply queued, then failing with the reason and retried, given up after 48 h, and sent on retry', async () => {
    const { t, agent, port, worker } = await setup();
    const ticket = (
      await t.as(agent, 'POST', '/api/v1/tickets', {
        subject: 'No llega la factura',
        body: 'No me llegó la factura de noviembre.',
        // Filed internally: no acknowledgement goes first (a ticket's mail leaves in order).
        channel: 'internal',
        requester: { name: 'Mariana Solís', email: 'mariana@cliente.example' },
      })
    ).json();
    const reply = await t.as(agent, 'POST', `/api/v1/tickets/${ticket.id}/messages`, {
      kind: 'reply',
      body: 'Te la reenviamos hoy.',
    });
    expect(reply.statusCode).toBe(201);
    const messageId = reply.json().id;
    expect(reply.json().delivery).toMatchObject({ state: 'queued', error: null, attempts: 0 });
    // Each attempt is announced to open ticket pages, which show it without waiting for their poll.
    const announced: unknown[] = [];
    t.services.events.subscribe((event) => {
      if (event.type === 'message.updated') announced.push(event.data);
    });

    const delivery = async () => {
      const items = (await t.as(agent, 'GET', `/api/v1/tickets/${ticket.id}/messages`)).json().items;
      return items.find((m: { id: string }) => m.id === messageId).delivery;
    };
    // The customer's own words and notes are not sent: they carry no delivery.
    const first = (await t.as(agent, 'GET', `/api/v1/tickets/${ticket.id}/messages`)).json().items[0];
    expect(first.delivery).toBeNull();

    await worker.drain();
    const retrying = await delivery();
    expect(retrying).toMatchObject({ state: 'retrying', attempts: expect.any(Number) });
    expect(retrying.error).toMatch(/ECONNREFUSED|connect/i);
    expect(Date.parse(retrying.nextAttemptAt)).toBeGreaterThan(t.clock.now().getTime());

    t.clock.advance(49 * HOUR);
    await worker.drain();
    const failed = await delivery();
    expect(failed).toMatchObject({ state: 'failed', nextAttemptAt: null });
    expect(failed.error).toMatch(/ECONNREFUSED|connect/i);

    // The mail server is back: the agent retries and the mail leaves.
    const sink = await startSink(port);
    cleanups.push(() => sink.close());
    const retried = await t.as(agent, 'POST', `/api/v1/tickets/${ticket.id}/messages/${messageId}/retry`);
    expect(retried.statusCode).toBe(200);
    expect(retried.json().delivery).toMatchObject({ state: 'retrying' });
    await worker.drain();
    expect(await delivery()).toMatchObject({ state: 'sent', error: null, nextAttemptAt: null });
    expect(announced).toEqual(
      ['retrying', 'failed', 'sent'].map((state) => ({ ticketId: ticket.id, messageId, delivery: state })),
    );
    expect(sink.mails.map((m) => m.text?.trim())).toEqual([expect.stringContaining('Te la reenviamos hoy.')]);

    const again = await t.as(agent, 'POST', `/api/v1/tickets/${ticket.id}/messages/${messageId}/retry`);
    expect(again.statusCode).toBe(422);
    expect(again.json().error.code).toBe('NOTHING_TO_RETRY');
  });

  it('asks the server for delivery reports; a reply shows "delivered" when reported, and a bounce as failed with its reason, sent again on retry', async () => {
    const { t, agent, port, worker } = await setup();
    const sink = await startSink(port);
    cleanups.push(() => sink.close());
    const ticket = (
      await t.as(agent, 'POST', '/api/v1/tickets', {
        subject: 'No llega la factura',
        body: 'No me llegó la factura de noviembre.',
        channel: 'internal',
        requester: { name: 'Mariana Solís', email: 'mariana@cliente.example' },
      })
    ).json();
    const reply = async (body: string) =>
      (await t.as(agent, 'POST', `/api/v1/tickets/${ticket.id}/messages`, { kind: 'reply', body })).json().id as string;
    const delivery = async (id: string) =>
      (await t.as(agent, 'GET', `/api/v1/tickets/${ticket.id}/messages`))
        .json()
        .items.find((m: { id: string }) => m.id === id).delivery;
    const processor = createInboundProcessor({ inbound: t.services.inbound });
    const receive = async (raw: Buffer) => {
      await t.services.inbound.store({ source: 'smtp', envelopeFrom: '', envelopeTo: [], raw });
      await processor.drain();
    };

    const first = await reply('Te la reenviamos hoy.');
    await worker.drain();
    expect(await delivery(first)).toMatchObject({ state: 'sent', bounced: false });
    // RCPT TO carried NOTIFY (RFC 3461), since this server offers DSN.
    expect(sink.envelopes[0]?.rcptTo[0]?.dsn?.notify).toEqual(['SUCCESS', 'FAILURE', 'DELAY']);
    await receive(deliveryReport(sink.mails[0]?.messageId as string, 'delivered', '250 2.0.0 Ok: queued'));
    expect(await delivery(first)).toMatchObject({ state: 'delivered', error: null });

    const second = await reply('Adjuntamos la factura.');
    await worker.drain();
    await receive(deliveryReport(sink.mails[1]?.messageId as string, 'failed', '550 5.1.1 user unknown'));
    expect(await delivery(second)).toMatchObject({
      state: 'failed',
      bounced: true,
      error: 'smtp; 550 5.1.1 user unknown',
    });
    // A later success report for another recipient does not hide the bounce.
    await receive(deliveryReport(sink.mails[1]?.messageId as string, 'delivered', '250 ok'));
    expect(await delivery(second)).toMatchObject({ state: 'failed', bounced: true });

    // Sent again (say, after the address was corrected): it leaves once more.
    const retried = await t.as(agent, 'POST', `/api/v1/tickets/${ticket.id}/messages/${second}/retry`);
    expect(retried.statusCode).toBe(200);
    await worker.drain();
    expect(await delivery(second)).toMatchObject({ state: 'sent', bounced: false });
    expect(sink.mails).toHaveLength(3);
    // A delivered reply is not sent twice.
    const again = await t.as(agent, 'POST', `/api/v1/tickets/${ticket.id}/messages/${first}/retry`);
    expect(again.json().error.code).toBe('NOTHING_TO_RETRY');
  });

  it('refuses an email reply to a customer without an address, offering the channels the customer has', async () => {
    const { t, agent } = await setup();
    const contact = (
      await t.as(agent, 'POST', '/api/v1/contacts', {
        name: 'Mariana Solís',
        phones: [{ phone: '+506 8890 1122', whatsapp: true }],
      })
    ).json();
    const ticket = (
      await t.as(agent, 'POST', '/api/v1/tickets', {
        subject: 'Llamó por la factura',
        body: 'Pide la factura de noviembre.',
        requester: { id: contact.id },
      })
    ).json();
    const refused = await t.as(agent, 'POST', `/api/v1/tickets/${ticket.id}/messages`, {
      kind: 'reply',
      body: 'Te la enviamos hoy.',
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({
      code: 'CONTACT_HAS_NO_EMAIL',
      details: { field: 'channel', name: 'Mariana Solís', channels: ['whatsapp', 'phone'] },
    });
    expect(refused.json().error.message).toContain('Mariana Solís no tiene correo electrónico');
    const messages = (await t.as(agent, 'GET', `/api/v1/tickets/${ticket.id}/messages`)).json().items;
    expect(messages).toHaveLength(1);

    // The same words logged as a WhatsApp activity are taken.
    const logged = await t.as(agent, 'POST', `/api/v1/tickets/${ticket.id}/messages`, {
      kind: 'activity',
      body: 'Te la enviamos hoy.',
      activity: { contactPerson: 'Mariana Solís', medium: 'whatsapp', reason: 'Factura de noviembre' },
    });
    expect(logged.statusCode).toBe(201);
  });

  it('says while no outbound mail or no mailbox is configured: once in the log at start, and to the console', async () => {
    const { t, agent } = await setup();
    const bare = loadConfig({
      SESSION_SECRET: 'test-secret-test-secret-test-secret-0123',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'tiquete-outbound-')),
    });
    const said: string[] = [];
    const log = { warn: (_obj: unknown, msg?: string) => said.push(msg ?? '') };
    await warnAboutOutbound(t.services, bare, log);
    expect(said).toEqual([
      expect.stringContaining('No outbound mail is configured'),
      expect.stringContaining('From: soporte@localhost'),
    ]);

    const before = await t.as(agent, 'GET', '/api/v1/mail/outbound-status');
    expect(before.json()).toEqual({ sending: false, answerable: false });
    const plain = await t.signedIn('agent');
    expect((await t.as(plain, 'GET', '/api/v1/mail/outbound-status')).statusCode).toBe(200);

    const sink = await startSink();
    cleanups.push(() => sink.close());
    const created = await t.as(agent, 'POST', '/api/v1/mailboxes', {
      address: 'soporte@tiquete.test',
      smtpUrl: `smtp://127.0.0.1:${sink.port}`,
    });
    expect(created.statusCode).toBe(201);
    expect((await t.as(agent, 'GET', '/api/v1/mail/outbound-status')).json()).toEqual({
      sending: true,
      answerable: true,
    });
    said.length = 0;
    await warnAboutOutbound(t.services, bare, log);
    expect(said).toEqual([]);
  });
});

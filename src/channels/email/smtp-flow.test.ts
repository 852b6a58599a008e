import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAttachmentStore } from '../../core/conversation/attachment-storage.ts';
import { createOutboxWorker } from '../../jobs/outbox-worker.ts';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { createTestApp, SYSTEM_ACTOR, type TestApp } from '../../testing/test-app.ts';
import { createSmtpSender } from './email-sender.ts';
import { createInboundProcessor } from './inbound-processor.ts';
import { emailOutboxHandlers } from './outbox-handlers.ts';
import { type SmtpListener, startSmtpListener } from './smtp-listener.ts';
import { customerClient, freePort, startSink } from './test-support.ts';

forEachDialect('email over SMTP', (ctx) => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setup(opts: { maxBytes?: number; sinkPort?: number } = {}) {
    const t: TestApp = await createTestApp(ctx);
    cleanups.push(() => t.close());
    const store = createAttachmentStore({
      kind: 'files',
      directory: mkdtempSync(join(tmpdir(), 'tiquete-mail-')),
      limitBytes: 5_000_000,
    });
    const processor = createInboundProcessor({ inbound: t.services.inbound, store });
    const listener: SmtpListener = await startSmtpListener({
      inbound: t.services.inbound,
      processor,
      port: 0,
      host: '127.0.0.1',
      domains: ['tiquete.test'],
      maxBytes: opts.maxBytes ?? 10_000_000,
    });
    cleanups.push(() => listener.close());
    const sinkPort = opts.sinkPort ?? (await freePort());
    const sender = createSmtpSender(`smtp://127.0.0.1:${sinkPort}`);
    cleanups.push(() => sender.close());
    const worker = createOutboxWorker({
      db: ctx.database.db,
      clock: t.clock,
      handlers: emailOutboxHandlers(t.services, sender, store),
    });
    const client = customerClient(listener.port);
    cleanups.push(() => client.close());
    return { t, processor, listener, worker, client, sinkPort, store };
  }

  async function ticketOf(db: TestApp['services'] | null, id: string, t: TestApp) {
    void db;
    return t.services.tickets.get(SYSTEM_ACTOR, id);
  }

  async function inboundTickets() {
    return ctx.database.db
      .selectFrom('tickets')
      .select(['id', 'number', 'status_category', 'follow_up_of_id'])
      .orderBy('created_at')
      .orderBy('number')
      .execute();
  }

  async function statusNamed(t: TestApp, category: string) {
    const vocabulary = await t.services.ticketSettings.vocabulary();
    const status = vocabulary.statuses.find((s) => s.active && s.category === category);
    if (!status) throw new Error(`no ${category} status`);
    return status.name;
  }

  it('turns a customer mail into a ticket with its attachment, acknowledges it, and threads the answers', async () => {
    const { t, processor, worker, client, sinkPort } = await setup();
    const sink = await startSink(sinkPort);
    cleanups.push(() => sink.close());

    await client.sendMail({
      from: 'Jesús Adrián Rodriguez <jesus@cliente.test>',
      to: 'soporte@tiquete.test',
      cc: 'Ana Mora <ana@cliente.test>',
      subject: 'Desbloqueo de usuario',
      text: 'Buenos días, mi usuario está bloqueado.',
      attachments: [{ filename: 'captura.txt', content: 'pantalla de error' }],
    });
    await processor.drain();
    const [ticket] = await inboundTickets();
    expect(ticket).toBeDefined();
    const full = await ticketOf(null, ticket?.id as string, t);
    expect(full.subject).toBe('Desbloqueo de usuario');
    expect(full.channel).toBe('email');
    expect(full.ccContactIds).toHaveLength(1);
    const page = await t.services.messages.list(SYSTEM_ACTOR, full.id, { limit: 10 });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]?.attachments.map((a) => a.filename)).toEqual(['captura.txt']);

    await worker.drain();
    expect(sink.mails).toHaveLength(1);
    const ack = sink.mails[0];
    expect(ack?.subject).toContain(full.number);
    expect(ack?.text).toContain(`La referencia de su ticket es ${full.number}`);
    expect(ack?.text).toContain('Estimado/Estimada Jesús Adrián Rodriguez');

    // The customer answers the acknowledgement: same ticket.
    await client.sendMail({
      from: 'jesus@cliente.test',
      to: 'soporte@tiquete.test',
      subject: `Re: ${ack?.subject}`,
      inReplyTo: ack?.messageId,
      references: [ack?.messageId as string],
      text: 'Gracias, quedo atento.\n\nEl lun, 5 ene 2026 escribió:\n> La referencia de su ticket es',
    });
    await processor.drain();
    expect(await inboundTickets()).toHaveLength(1);
    expect((await t.services.messages.list(SYSTEM_ACTOR, full.id, { limit: 10 })).items).toHaveLength(2);

    // After solve, an answer reopens it.
    await t.services.tickets.update(SYSTEM_ACTOR, full.id, { status: await statusNamed(t, 'solved') });
    await client.sendMail({
      from: 'jesus@cliente.test',
      to: 'soporte@tiquete.test',
      subject: `Re: [${full.number}] sigue fallando`,
      text: 'Sigue sin funcionar.',
    });
    await processor.drain();
    expect((await t.services.tickets.get(SYSTEM_ACTOR, full.id)).statusCategory).toBe('open');
    expect(await inboundTickets()).toHaveLength(1);

    // After close, an answer opens a follow-up linked to it.
    await t.services.tickets.update(SYSTEM_ACTOR, full.id, { status: await statusNamed(t, 'closed') });
    await client.sendMail({
      from: 'jesus@cliente.test',
      to: 'soporte@tiquete.test',
      subject: 'Otra pregunta',
      inReplyTo: ack?.messageId,
      text: 'Tengo otra duda.',
    });
    await processor.drain();
    const all = await inboundTickets();
    expect(all).toHaveLength(2);
    expect(all[1]?.follow_up_of_id).toBe(full.id);
  });

  it('mails the merge and split notices and session invitations with their .ics', async () => {
    const { t, processor, worker, client, sinkPort } = await setup();
    const sink = await startSink(sinkPort);
    cleanups.push(() => sink.close());
    for (const subject of ['Primer tema', 'Mismo tema']) {
      await client.sendMail({ from: 'Ana Mora <ana@cliente.test>', to: 'soporte@tiquete.test', subject, text: 'Hola' });
    }
    await processor.drain();
    const [first, second] = await inboundTickets();
    await worker.drain();
    sink.mails.length = 0;

    const merged = await t.services.tickets.merge(SYSTEM_ACTOR, second?.id as string, first?.id as string);
    const split = await t.services.tickets.split(SYSTEM_ACTOR, merged.id, {
      subject: 'Segundo tema',
      body: 'Otro asunto',
    });
    const agent = await t.createAgent({ role: 'admin' });
    const actor = { kind: 'agent' as const, id: agent.id, role: agent.role, departmentIds: [], locale: 'es' as const };
    await t.services.messages.add(actor, merged.id, {
      kind: 'activity',
      body: 'Llamada agendada',
      activity: {
        contactPerson: 'Ana Mora',
        medium: 'phone',
        reason: 'Revisión de facturas',
        scheduledSession: { startsAt: '2026-03-10T15:00:00Z', endsAt: '2026-03-10T16:00:00Z' },
      },
    });
    await worker.drain();
    const subjects = sink.mails.map((m) => m.subject ?? '');
    expect(sink.mails.find((m) => m.text?.includes(`se unió al ticket ${merged.number}`))).toBeDefined();
    expect(sink.mails.find((m) => m.text?.includes(`abrimos el ticket ${split.number}`))).toBeDefined();
    const invite = sink.mails.find((m) => m.subject?.startsWith('Invitación:'));
    expect(invite, subjects.join(' | ')).toBeDefined();
    expect(
      invite?.attachments.some((a) => a.contentType === 'text/calendar') ||
        /BEGIN:VCALENDAR/.test(String(invite?.text ?? '')),
    ).toBeTruthy();
  });

  it('stores inline images as attachments and points the sanitized HTML at them', async () => {
    const { t, processor, client } = await setup();
    await client.sendMail({
      from: 'ana@cliente.test',
      to: 'soporte@tiquete.test',
      subject: 'Con imagen',
      html: '<p>Vea <img src="cid:logo@cliente"> y <a href="javascript:alert(1)">esto</a></p><script>alert(2)</script>',
      attachments: [{ filename: 'logo.png', content: Buffer.from('89504e47', 'hex'), cid: 'logo@cliente' }],
    });
    await processor.drain();
    const [ticket] = await inboundTickets();
    const [message] = (await t.services.messages.list(SYSTEM_ACTOR, ticket?.id as string, { limit: 5 })).items;
    const image = message?.attachments.find((a) => a.filename === 'logo.png');
    expect(image).toBeDefined();
    expect(message?.html).toContain(`src="/api/v1/attachments/${image?.id}"`);
    expect(message?.html).not.toMatch(/script|javascript:/);
  });

  it('drops the same Message-ID delivered twice', async () => {
    const { processor, client } = await setup();
    for (let i = 0; i < 2; i++) {
      // The same mail delivered again keeps its Date; without it the two sends straddle a second
      // boundary now and then and differ (a different mail reusing an id is kept, see inbound-safety).
      await client.sendMail({
        date: new Date('2026-03-04T16:00:00Z'),
        from: 'dup@cliente.test',
        to: 'soporte@tiquete.test',
        subject: 'Duplicado',
        messageId: '<same-mail@cliente.test>',
        text: 'Hola',
      });
    }
    await processor.drain();
    expect(await inboundTickets()).toHaveLength(1);
  });

  it('answers 550 at RCPT for an unknown recipient and 552 at DATA over the size limit', async () => {
    const { client } = await setup({ maxBytes: 5000 });
    await expect(
      client.sendMail({ from: 'a@cliente.test', to: 'nadie@otro.test', subject: 'x', text: 'x' }),
    ).rejects.toMatchObject({ responseCode: 550 });
    await expect(
      client.sendMail({
        from: 'a@cliente.test',
        to: 'soporte@tiquete.test',
        subject: 'grande',
        text: 'x'.repeat(20_000),
      }),
    ).rejects.toMatchObject({ responseCode: 552 });
    expect(await ctx.database.db.selectFrom('inbound_messages').select('id').execute()).toHaveLength(0);
  });

  it('never acknowledges auto-replies, and at most N automatic answers per address per hour', async () => {
    const { processor, worker, client, sinkPort } = await setup();
    const sink = await startSink(sinkPort);
    cleanups.push(() => sink.close());
    await client.sendMail({
      from: 'bot@cliente.test',
      to: 'soporte@tiquete.test',
      subject: 'Respuesta automática: fuera de la oficina',
      headers: { 'Auto-Submitted': 'auto-replied' },
      text: 'Estoy de vacaciones',
    });
    await client.sendMail({
      from: 'lista@cliente.test',
      to: 'soporte@tiquete.test',
      subject: 'Boletín',
      headers: { Precedence: 'bulk' },
      text: 'Noticias',
    });
    for (let i = 0; i < 5; i++) {
      await client.sendMail({
        from: 'mucho@cliente.test',
        to: 'soporte@tiquete.test',
        subject: `Caso ${i}`,
        text: 'Hola',
      });
    }
    await processor.drain();
    await worker.drain();
    expect(await inboundTickets()).toHaveLength(7);
    expect(sink.mails.map((m) => (m.to && !Array.isArray(m.to) ? m.to.text : ''))).toEqual([
      'mucho@cliente.test',
      'mucho@cliente.test',
      'mucho@cliente.test',
    ]);
  });

  it('queues replies while the SMTP server is down and delivers each once, in order, when it is back', async () => {
    const { t, processor, worker, client, sinkPort } = await setup();
    await client.sendMail({ from: 'espera@cliente.test', to: 'soporte@tiquete.test', subject: 'Caso', text: 'Hola' });
    await processor.drain();
    const [ticket] = await inboundTickets();
    const agent = await t.createAgent({ role: 'admin' });
    const actor = { kind: 'agent' as const, id: agent.id, role: agent.role, departmentIds: [], locale: 'es' as const };
    for (const body of ['primera', 'segunda', 'tercera']) {
      await t.services.messages.add(actor, ticket?.id as string, { kind: 'reply', body });
    }
    await t.services.messages.add(actor, ticket?.id as string, { kind: 'note', body: 'nota interna' });
    await worker.drain();
    const pending = await ctx.database.db
      .selectFrom('outbox')
      .select('status')
      .where('status', '=', 'pending')
      .execute();
    expect(pending).toHaveLength(4);

    const sink = await startSink(sinkPort);
    cleanups.push(() => sink.close());
    t.clock.advance(3 * 3_600_000);
    await worker.drain();
    t.clock.advance(3 * 3_600_000);
    await worker.drain();
    expect(sink.mails.map((m) => m.text?.trim())).toEqual([
      expect.stringContaining('Estimado/Estimada'),
      'primera',
      'segunda',
      'tercera',
    ]);
    expect(sink.mails[1]?.subject).toContain(ticket?.number);
    expect(sink.mails[1]?.inReplyTo).toBeTruthy();
  });
});

describe('email test support', () => {
  it('finds a free port', async () => {
    expect(await freePort()).toBeGreaterThan(0);
  });
});

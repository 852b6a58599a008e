import { afterEach, expect, it } from 'vitest';
import { createAttachmentStore } from '../../core/conversation/attachment-storage.ts';
import { NOTICE_EMAIL_JOB } from '../../core/notifications/notice.ts';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app.ts';
import { startMailDesk } from './test-support.ts';

const MiB = 1_048_576;

interface ApiMessage {
  kind: string;
  author: { kind: string };
  body: string;
  html: string | null;
  attachments: { filename: string; size: number }[];
}

forEachDialect('files a mail brings that are not stored (issue 14, hole 4)', (ctx) => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setUp() {
    const t: TestApp = await createTestApp(ctx);
    cleanups.push(() => t.close());
    const admin = await t.signedIn('admin');
    const store = createAttachmentStore({ kind: 'database', directory: '/nonexistent', limitBytes: MiB });
    const desk = await startMailDesk(t.services.inbound, { store });
    cleanups.push(() => desk.close());
    return { t, admin, desk };
  }

  async function onlyTicket(t: TestApp, admin: Session) {
    const ticket = await ctx.database.db.selectFrom('tickets').select('id').executeTakeFirstOrThrow();
    const response = await t.as(admin, 'GET', `/api/v1/tickets/${ticket.id}/messages?limit=10`);
    expect(response.statusCode).toBe(200);
    return { ticketId: ticket.id, messages: (response.json() as { items: ApiMessage[] }).items };
  }

  const noticesQueued = async () =>
    (await ctx.database.db.selectFrom('outbox').select(['type', 'payload']).execute())
      .filter((row) => row.type === NOTICE_EMAIL_JOB)
      .map((row) => JSON.parse(row.payload) as { to: string[]; locale: 'es' | 'en'; detail: string; ticketId: string });

  it('a file above the limit: the mail is taken, the ticket names the file and its size, the sender is told', async () => {
    const { t, admin, desk } = await setUp();
    const info = await desk.client.sendMail({
      from: 'Ana Mora <ana@cliente.test>',
      to: 'soporte@tiquete.test',
      subject: 'Respaldo de la contabilidad',
      text: 'Les mando el respaldo y una foto del error.',
      attachments: [
        { filename: 'respaldo.zip', content: Buffer.alloc(Math.round(1.3 * MiB), 1) },
        { filename: 'error.png', content: Buffer.alloc(2_000, 2) },
      ],
    });
    expect(info.response).toMatch(/^250 /);
    await desk.processor.idle();

    const { ticketId, messages } = await onlyTicket(t, admin);
    const [first, note] = messages;
    expect(first?.body).toContain('Les mando el respaldo');
    expect(first?.attachments.map((a) => a.filename)).toEqual(['error.png']);
    expect(note).toMatchObject({ kind: 'note', author: { kind: 'system' } });
    expect(note?.body).toContain('respaldo.zip (1,3 MB): supera el límite de 1 MB por archivo');

    // The sender learns it in their language, in a mail about their ticket.
    const [notice] = await noticesQueued();
    expect(notice).toMatchObject({ to: ['ana@cliente.test'], locale: 'es', ticketId });
    const mail = await t.services.emailTemplates.notice({
      ...(notice as NonNullable<typeof notice>),
      template: 'ticket_updated',
      outboxId: 'o1',
    });
    expect(mail?.to).toEqual(['ana@cliente.test']);
    expect(mail?.text).toContain('no pudimos guardar estos archivos');
    expect(mail?.text).toContain('respaldo.zip (1,3 MB)');
  });

  it('an English mailbox: the note and the sender’s notice are in English', async () => {
    const { t, admin, desk } = await setUp();
    const created = await t.as(admin, 'POST', '/api/v1/mailboxes', { address: 'support@tiquete.test', language: 'en' });
    expect(created.statusCode).toBe(201);
    await desk.client.sendMail({
      from: 'john@customer.test',
      to: 'support@tiquete.test',
      subject: 'Backup',
      text: 'Here is the backup.',
      attachments: [{ filename: 'backup.zip', content: Buffer.alloc(Math.round(1.5 * MiB), 1) }],
    });
    await desk.processor.idle();
    const { messages } = await onlyTicket(t, admin);
    expect(messages[1]?.body).toContain('backup.zip (1.5 MB): larger than the 1 MB limit per file');
    const [notice] = await noticesQueued();
    expect(notice?.locale).toBe('en');
    expect(notice?.detail).toContain('could not save these files');
  });

  it('files beyond 20 a mail: the ticket names them and why, and inline images beyond the cap do not show broken', async () => {
    const { t, admin, desk } = await setUp();
    // 22 inline images (a signature with logos): the last two are beyond the cap.
    const images = Array.from({ length: 22 }, (_, i) => ({
      filename: `logo-${i + 1}.png`,
      content: Buffer.from(`png ${i + 1}`.padEnd(6, '.')),
      cid: `logo${i + 1}@cliente.test`,
    }));
    await desk.client.sendMail({
      from: 'ana@cliente.test',
      to: 'soporte@tiquete.test',
      subject: 'Firma con logos',
      text: 'Saludos.',
      html: `<p>Saludos.</p>${images.map((image, i) => `<img src="cid:${image.cid}" alt="Logo ${i + 1}">`).join('')}`,
      attachments: images,
    });
    await desk.processor.idle();
    const { messages } = await onlyTicket(t, admin);
    const [first, note] = messages;
    expect(first?.attachments.map((a) => a.filename)).toEqual(images.slice(0, 20).map((image) => image.filename));
    expect(first?.html).not.toContain('cid:');
    expect(first?.html).toContain('[Logo 21]');
    expect(note?.body).toContain('logo-21.png (6 B): el correo trae más de 20 archivos');
    expect(note?.body).toContain('logo-22.png (6 B): el correo trae más de 20 archivos');
  });

  it('a bounce for an English mailbox: the note on the ticket is in English', async () => {
    const { t, admin, desk } = await setUp();
    await t.as(admin, 'POST', '/api/v1/mailboxes', { address: 'support@tiquete.test', language: 'en' });
    await desk.client.sendMail({ from: 'john@customer.test', to: 'support@tiquete.test', subject: 'Hi', text: 'Hi' });
    await desk.processor.idle();
    const { ticketId } = await onlyTicket(t, admin);
    await t.services.inbound.recordOutgoing({ emailMessageId: 'tiquete.out9@tiquete.test', ticketId, messageId: null });
    const dsn = [
      'From: Mail Delivery System <MAILER-DAEMON@mx.customer.test>',
      'To: support@tiquete.test',
      'Subject: Undelivered Mail Returned to Sender',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"',
      '',
      '--b1',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.customer.test',
      '',
      'Final-Recipient: rfc822; john@customer.test',
      'Action: failed',
      'Status: 5.1.1',
      'Diagnostic-Code: smtp; 550 5.1.1 user unknown',
      '--b1',
      'Content-Type: text/rfc822-headers',
      '',
      'Message-ID: <tiquete.out9@tiquete.test>',
      '--b1--',
      '',
    ].join('\r\n');
    await desk.deliver(dsn, { from: '', to: 'support@tiquete.test' });
    await desk.processor.idle();
    const { messages } = await onlyTicket(t, admin);
    expect(messages.map((m) => m.body)).toContain('The mail could not be delivered: smtp; 550 5.1.1 user unknown');
  });
});

import { afterEach, expect, it } from 'vitest';
import { createAttachmentStore } from '../../core/conversation/attachment-storage.ts';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { startMailDesk } from './test-support.ts';

interface ApiMessage {
  id: string;
  kind: string;
  author: { kind: string };
  body: string;
  attachments: { id: string; filename: string; contentType: string; size: number }[];
}

const crlf = (lines: string[]) => lines.join('\r\n');

/** Real-world mail that bends the MIME rules (issue 14, "Mail that loses text"), and repeated mail. */
forEachDialect('mail that used to lose its text', (ctx) => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setUp() {
    const t: TestApp = await createTestApp(ctx);
    cleanups.push(() => t.close());
    const admin = await t.signedIn('admin');
    const store = createAttachmentStore({ kind: 'database', directory: '/nonexistent', limitBytes: 5_000_000 });
    const desk = await startMailDesk(t.services.inbound, { store });
    cleanups.push(() => desk.close());
    /** Delivers each mail over SMTP, waits for processing, and returns every ticket's messages (API). */
    async function receive(...mails: string[]) {
      for (const mail of mails) {
        expect(await desk.deliver(mail)).toMatch(/^250 /);
        await desk.processor.idle();
      }
      const tickets = await ctx.database.db.selectFrom('tickets').select('id').orderBy('number').execute();
      const out: ApiMessage[][] = [];
      for (const ticket of tickets) {
        const response = await t.as(admin, 'GET', `/api/v1/tickets/${ticket.id}/messages?limit=20`);
        out.push((response.json() as { items: ApiMessage[] }).items);
      }
      return out;
    }
    return { t, admin, receive };
  }

  it('a header block ending in a line of only spaces and tabs keeps the whole body', async () => {
    const { receive } = await setUp();
    const mail = crlf([
      'From: cliente@cliente.test',
      'To: soporte@tiquete.test',
      'Subject: Cierre de mes',
      ' \t ',
      'Primer párrafo: el cierre no cuadra.',
      '',
      'Segundo párrafo: adjunto detalle.',
      '',
    ]);
    const [[message] = []] = await receive(mail);
    expect(message?.body).toContain('Primer párrafo: el cierre no cuadra.');
    expect(message?.body).toContain('Segundo párrafo: adjunto detalle.');
  });

  it('boundaries followed by trailing spaces keep every part, and the closing boundary is not text', async () => {
    const { receive } = await setUp();
    const mail = crlf([
      'From: cliente@cliente.test',
      'To: soporte@tiquete.test',
      'Subject: Partes',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="limite"',
      '',
      '--limite   ',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Parte uno.',
      '--limite \t',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Parte dos.',
      '--limite--  ',
      '',
    ]);
    const [[message] = []] = await receive(mail);
    expect(message?.body).toContain('Parte uno.');
    expect(message?.body).toContain('Parte dos.');
    expect(message?.body).not.toContain('--limite');
  });

  it('a multipart whose boundary is never found shows its readable text and files, never raw MIME', async () => {
    const { receive } = await setUp();
    const pdf = Buffer.from('%PDF-1.4 factura de prueba').toString('base64');
    const mail = crlf([
      'From: cliente@cliente.test',
      'To: soporte@tiquete.test',
      'Subject: Factura',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="declarado"',
      '',
      '--usado',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Adjunto la factura de noviembre.',
      '--usado',
      'Content-Type: application/pdf; name="factura.pdf"',
      'Content-Disposition: attachment; filename="factura.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      pdf,
      '--usado--',
      '',
    ]);
    const [[message] = []] = await receive(mail);
    expect(message?.body).toBe('Adjunto la factura de noviembre.');
    expect(message?.attachments.map((a) => a.filename)).toEqual(['factura.pdf']);
  });

  it('a content type without a slash ("text plain") is read as text, not stored as a file', async () => {
    const { receive } = await setUp();
    const mail = crlf([
      'From: cliente@cliente.test',
      'To: soporte@tiquete.test',
      'Subject: Sin barra',
      'MIME-Version: 1.0',
      'Content-Type: text plain; charset=iso-8859-1',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'La conexi=F3n al sistema falla.',
      '',
    ]);
    const [[message] = []] = await receive(mail);
    expect(message?.body).toBe('La conexión al sistema falla.');
    expect(message?.attachments).toEqual([]);
  });

  it('a mail that only forwards another (base64 message/rfc822) shows its sender, subject and text, and keeps the .eml', async () => {
    const { receive } = await setUp();
    const inner = crlf([
      'From: Juan Pérez <juan@proveedor.test>',
      'To: cliente@cliente.test',
      'Subject: Factura de diciembre',
      'Date: Tue, 1 Dec 2026 10:00:00 -0600',
      '',
      'Adjunto la factura de diciembre.',
      '',
    ]);
    const mail = crlf([
      'From: cliente@cliente.test',
      'To: soporte@tiquete.test',
      'Subject: Fwd: Factura de diciembre',
      'MIME-Version: 1.0',
      'Content-Type: message/rfc822',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from(inner).toString('base64'),
      '',
    ]);
    const [[message] = []] = await receive(mail);
    expect(message?.body).toContain('Juan Pérez');
    expect(message?.body).toContain('juan@proveedor.test');
    expect(message?.body).toContain('Subject: Factura de diciembre');
    expect(message?.body).toContain('Adjunto la factura de diciembre.');
    expect(message?.attachments.map((a) => a.contentType)).toEqual(['message/rfc822']);
  });

  it('an x-uuencode file is stored decoded', async () => {
    const { t, admin, receive } = await setUp();
    const mail = crlf([
      'From: cliente@cliente.test',
      'To: soporte@tiquete.test',
      'Subject: Archivo viejo',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="B"',
      '',
      '--B',
      'Content-Type: text/plain',
      '',
      'Va el archivo.',
      '--B',
      'Content-Type: application/octet-stream; name="nota.txt"',
      'Content-Transfer-Encoding: x-uuencode',
      '',
      'begin 644 nota.txt',
      // "Hola, mundo! Factura adjunta.\n", uuencoded
      '>2&]L82P@;75N9&\\A($9A8W1U<F$@861J=6YT82X*',
      '`',
      'end',
      '--B--',
      '',
    ]);
    const [[message] = []] = await receive(mail);
    const file = message?.attachments[0];
    expect(file?.filename).toBe('nota.txt');
    const download = await t.as(admin, 'GET', `/api/v1/attachments/${file?.id}`);
    expect(download.body).toBe('Hola, mundo! Factura adjunta.\n');
  });

  const withId = (messageId: string, text: string) =>
    crlf([
      'From: cliente@cliente.test',
      'To: soporte@tiquete.test',
      'Subject: Pedido',
      'Date: Wed, 2 Dec 2026 09:00:00 -0600',
      ...(messageId ? [`Message-ID: <${messageId}>`] : []),
      '',
      text,
      '',
    ]);

  it('a Message-ID seen before: the same mail again is a duplicate, a different one is kept and marked', async () => {
    const { receive } = await setUp();
    const first = withId('pedido-1@cliente.test', 'Quiero 3 licencias.');
    const tickets = await receive(
      first,
      first.replace('Date:', 'Received: from relay2.cliente.test\r\nDate:'),
      withId('pedido-1@cliente.test', 'Cambio: quiero 5 licencias.'),
    );
    const bodies = tickets.map((messages) => messages.map((m) => m.body.trim()));
    expect(bodies).toHaveLength(2);
    expect(bodies[0]).toEqual(['Quiero 3 licencias.']);
    expect(bodies[1]?.[0]).toBe('Cambio: quiero 5 licencias.');
    expect(bodies[1]?.[1]).toContain('repite el Message-ID <pedido-1@cliente.test>');
  });

  it('mails without a Message-ID: the same mail twice is one, another Date is another mail', async () => {
    const { receive } = await setUp();
    const mail = withId('', 'Sin Message-ID.');
    const tickets = await receive(mail, mail, mail.replace('09:00:00', '11:30:00'));
    expect(tickets.map((messages) => messages.map((m) => m.body.trim()))).toEqual([
      ['Sin Message-ID.'],
      ['Sin Message-ID.'],
    ]);
  });
});

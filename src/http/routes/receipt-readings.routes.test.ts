import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { pdfWithoutText, pdfWithText, sinpeReceipt } from '../../core/payments/test-support.ts';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { postFile } from '../../testing/multipart.ts';
import { createTestApp, type Session, SYSTEM_ACTOR, type TestApp, unique } from '../../testing/test-app.ts';

forEachDialect('receipt readings API', (ctx) => {
  let t: TestApp;
  let dataDir: string;
  let agent: Session;
  let departmentId: string;

  beforeEach(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'tiquete-readings-'));
    t = await createTestApp(ctx, { DATA_DIR: dataDir });
    departmentId = (await t.services.departments.create(SYSTEM_ACTOR, { name: unique('Soporte '), kind: 'external' }))
      .id;
    agent = await t.login((await t.createAgent({ departmentIds: [departmentId], name: 'Ana Mora' })).email);
  });
  afterEach(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** A customer's ticket whose message carries `file`; returns the ticket and the file's attachment id. */
  async function ticketWith(file: { filename: string; contentType: string; data: Buffer }) {
    const contact = await t.services.contacts.create(SYSTEM_ACTOR, {
      name: 'María Fernanda Solís',
      emails: [{ email: `${unique('mf')}@elclavo.test` }],
    });
    const ticketId = await t.openTicket(contact.id, { subject: 'Comprobante de pago', departmentId });
    const message = await postFile(t.app, agent, ticketId, file);
    expect(message.statusCode, message.body).toBe(201);
    return { ticketId, attachmentId: message.json().attachments[0].id as string };
  }

  /** Asks for the reading and polls until it ends, as the payment form does. */
  async function read(ticketId: string, attachmentId: string) {
    const started = await t.as(agent, 'POST', `/api/v1/tickets/${ticketId}/receipt-readings`, { attachmentId });
    expect(started.statusCode, started.body).toBe(202);
    expect(started.json()).toMatchObject({ attachmentId, status: 'pending', fields: null, error: null });
    let reading = started.json();
    await expect
      .poll(
        async () => {
          reading = (await t.as(agent, 'GET', `/api/v1/tickets/${ticketId}/receipt-readings/${attachmentId}`)).json();
          return reading.status;
        },
        { timeout: 90_000, interval: 250 },
      )
      .not.toBe('pending');
    return reading;
  }

  it('reads a generated SINPE receipt photo by OCR off the request path; the fields record the payment', {
    timeout: 120_000,
  }, async () => {
    const receipt = sinpeReceipt(2);
    const { ticketId, attachmentId } = await ticketWith({
      filename: 'sinpe.png',
      contentType: 'image/png',
      data: receipt.png,
    });
    const reading = await read(ticketId, attachmentId);
    expect(reading).toEqual({ attachmentId, status: 'done', source: 'ocr', fields: receipt.expected, error: null });
    // Asked again (another agent, a reload): what was read, at once.
    const again = await t.as(agent, 'POST', `/api/v1/tickets/${ticketId}/receipt-readings`, { attachmentId });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(reading);
    const { amount, date, payerName, reference } = reading.fields;
    const payment = await t.as(agent, 'POST', `/api/v1/tickets/${ticketId}/payments`, {
      amount: amount.value,
      currency: amount.currency,
      date,
      payerName,
      reference,
      receiptAttachmentId: attachmentId,
    });
    expect(payment.statusCode, payment.body).toBe(201);
    expect(payment.json()).toMatchObject({ payerName: receipt.expected.payerName, paidOn: receipt.expected.date });
  });

  it("reads a PDF receipt's text layer, and says a scanned PDF is not read", { timeout: 60_000 }, async () => {
    const text = await ticketWith({
      filename: 'comprobante.pdf',
      contentType: 'application/pdf',
      data: pdfWithText([
        'Monto: CRC 22.826,00',
        'Fecha: 05/12/2026',
        'Motivo: ID 48213',
        'Emisor: Ferreteria El Clavo',
      ]),
    });
    expect(await read(text.ticketId, text.attachmentId)).toMatchObject({
      status: 'done',
      source: 'pdf_text',
      fields: {
        amount: { value: '22826.00', currency: 'CRC' },
        date: '2026-12-05',
        reference: 'ID 48213',
        payerName: 'Ferreteria El Clavo',
      },
    });
    const scanned = await ticketWith({ filename: 'scan.pdf', contentType: 'application/pdf', data: pdfWithoutText() });
    expect(await read(scanned.ticketId, scanned.attachmentId)).toEqual({
      attachmentId: scanned.attachmentId,
      status: 'failed',
      source: null,
      fields: null,
      error: {
        reason: 'scanned_pdf',
        message:
          'El PDF no tiene texto (es un escaneo) y los PDF escaneados no se leen por OCR: completa el pago a mano',
      },
    });
  });

  it('a corrupt image fails with a clear reason and a non-image is refused; the payment is still recorded by hand', async () => {
    const corrupt = await ticketWith({
      filename: 'foto.png',
      contentType: 'image/png',
      data: Buffer.from('these bytes are not a PNG'),
    });
    expect(await read(corrupt.ticketId, corrupt.attachmentId)).toMatchObject({
      status: 'failed',
      error: { reason: 'image_unreadable', message: expect.stringContaining('completa el pago a mano') },
    });
    const byHand = await t.as(agent, 'POST', `/api/v1/tickets/${corrupt.ticketId}/payments`, {
      amount: '22826.00',
      currency: 'CRC',
      date: '2026-12-05',
      payerName: 'María Fernanda Solís',
      receiptAttachmentId: corrupt.attachmentId,
    });
    expect(byHand.statusCode, byHand.body).toBe(201);

    const notes = await ticketWith({ filename: 'notas.txt', contentType: 'text/plain', data: Buffer.from('hola') });
    const refused = await t.as(agent, 'POST', `/api/v1/tickets/${notes.ticketId}/receipt-readings`, {
      attachmentId: notes.attachmentId,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({
      code: 'RECEIPT_UNREADABLE',
      message: 'El archivo no es una imagen ni un PDF y no se puede leer: completa el pago a mano',
    });
    expect(
      (await t.as(agent, 'GET', `/api/v1/tickets/${notes.ticketId}/receipt-readings/${notes.attachmentId}`)).statusCode,
    ).toBe(404);
  });

  it("another ticket's file, or a ticket the agent cannot see, is not found", async () => {
    const first = await ticketWith({ filename: 'a.pdf', contentType: 'application/pdf', data: pdfWithoutText() });
    const second = await ticketWith({ filename: 'b.pdf', contentType: 'application/pdf', data: pdfWithoutText() });
    const crossed = await t.as(agent, 'POST', `/api/v1/tickets/${second.ticketId}/receipt-readings`, {
      attachmentId: first.attachmentId,
    });
    expect(crossed.statusCode).toBe(404);
    const elsewhere = (await t.services.departments.create(SYSTEM_ACTOR, { name: unique('Ventas '), kind: 'external' }))
      .id;
    const outsider = await t.login((await t.createAgent({ departmentIds: [elsewhere] })).email);
    const hidden = await t.as(outsider, 'POST', `/api/v1/tickets/${first.ticketId}/receipt-readings`, {
      attachmentId: first.attachmentId,
    });
    expect(hidden.statusCode).toBe(404);
    expect(await ctx.database.db.selectFrom('receipt_readings').select('attachment_id').execute()).toEqual([]);
  });
});

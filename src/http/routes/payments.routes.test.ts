import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays, dateIn } from '../../core/contracts/contract-terms.ts';
import { DEFAULT_TIME_ZONE } from '../../core/shared/time-zone.ts';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { postFile } from '../../testing/multipart.ts';
import { createTestApp, type Session, SYSTEM_ACTOR, type TestApp, unique } from '../../testing/test-app.ts';

// A 1×1 PNG: what a phone photo of a SINPE receipt is, as far as the server cares.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

forEachDialect('payments API', (ctx) => {
  let t: TestApp;
  let dataDir: string;
  let agent: Session;
  let accountant: Session;
  let supportId: string;
  let accountingId: string;
  let today: string;

  beforeEach(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'tiquete-payments-'));
    t = await createTestApp(ctx, { DATA_DIR: dataDir });
    today = dateIn(t.clock.now(), DEFAULT_TIME_ZONE);
    supportId = (await t.services.departments.create(SYSTEM_ACTOR, { name: unique('Soporte '), kind: 'external' })).id;
    accountingId = (await t.services.departments.create(SYSTEM_ACTOR, { name: unique('Conta '), kind: 'internal' })).id;
    // Found by the setting, not by its name.
    await t.services.settings.update(
      SYSTEM_ACTOR,
      { accountingDepartmentId: accountingId, exchangeRates: { USD: 50_500 } },
      { attachmentLimitBytes: 25 * 1024 * 1024 },
    );
    agent = await t.login((await t.createAgent({ departmentIds: [supportId], name: 'Ana Mora' })).email);
    accountant = await t.login((await t.createAgent({ departmentIds: [accountingId], name: 'Carlos Conta' })).email);
  });
  afterEach(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Wolk's customer with a monthly contract of $40 + IVA, and a WhatsApp-like ticket with the receipt photo. */
  async function receiptTicket(opts: { endsOn?: string; code?: string; contentType?: string } = {}) {
    const organization = await t.services.organizations.create(SYSTEM_ACTOR, {
      name: unique('Ferretería El Clavo ').concat(' S.A.'),
      code: opts.code ?? `ID Wolk ${Math.floor(Math.random() * 90_000) + 10_000}`,
    });
    const contact = await t.services.contacts.create(SYSTEM_ACTOR, {
      name: 'María Fernanda Solís',
      emails: [{ email: `${unique('mf')}@elclavo.test` }],
      organizationId: organization.id,
    });
    const contract = await t.services.contracts.create(SYSTEM_ACTOR, organization.id, {
      planName: 'POS mensual',
      amountMinor: 4_000,
      currency: 'USD',
      period: 'monthly',
      startsOn: addDays(today, -100),
      endsOn: opts.endsOn ?? addDays(today, 5),
    });
    const ticketId = await t.openTicket(contact.id, { subject: 'Comprobante de pago', departmentId: supportId });
    // The customer's message: an agent's files would do too, but a receipt comes from the customer.
    const message = await postFile(t.app, agent, ticketId, {
      filename: 'sinpe.png',
      contentType: opts.contentType ?? 'image/png',
      data: PNG,
    });
    expect(message.statusCode, message.body).toBe(201);
    return { organization, contact, contract, ticketId, attachmentId: message.json().attachments[0].id as string };
  }

  function receipt(attachmentId: string, overrides: Record<string, unknown> = {}) {
    return {
      amount: '22826.00',
      currency: 'CRC',
      date: today,
      payerName: 'FERRETERIA EL CLAVO SOCIEDAD ANONIMA',
      reference: 'Pago mensualidad',
      receiptAttachmentId: attachmentId,
      ...overrides,
    };
  }

  it('records a receipt, suggests the contract by the customer code in the reference and shows the checks', async () => {
    const fixture = await receiptTicket({ code: 'ID Wolk 48213' });
    const other = await receiptTicket();
    // The reference names the customer: "ID 48213" finds the organization, whichever ticket it came on.
    const response = await t.as(agent, 'POST', `/api/v1/tickets/${other.ticketId}/payments`, {
      ...receipt(other.attachmentId),
      payerName: fixture.organization.name,
      reference: 'Pago id 48213 diciembre',
    });
    expect(response.statusCode, response.body).toBe(201);
    const payment = response.json();
    expect(payment).toMatchObject({
      state: 'recorded',
      organizationId: fixture.organization.id,
      contractId: fixture.contract.id,
      amountMinor: 2_282_600,
      currency: 'CRC',
      receipt: { filename: 'sinpe.png', contentType: 'image/png' },
      audit: { recordedBy: 'Ana Mora' },
    });
    expect(payment.checks.map((c: { key: string; ok: boolean }) => [c.key, c.ok])).toEqual([
      ['payer', true],
      ['date', true],
      ['reference', true],
      ['amount', true],
      ['contract', true],
    ]);
    expect(payment.script.key).toBe('payment.script1');
    expect(payment.script.body).toContain('¡Hola María, te saluda Ana Mora! 👋');
    expect((await t.as(agent, 'GET', `/api/v1/payments/${payment.id}`)).json().checks).toEqual(payment.checks);
  });

  it('without the customer ID in the reason offers SCRIPT #2 with "ID Wolk 1234", never "ID ID"', async () => {
    const { ticketId, attachmentId, organization } = await receiptTicket({ code: 'ID Wolk 73311' });
    const payment = (await t.as(agent, 'POST', `/api/v1/tickets/${ticketId}/payments`, receipt(attachmentId))).json();
    expect(payment.organizationId).toBe(organization.id);
    const reference = payment.checks.find((c: { key: string }) => c.key === 'reference');
    expect(reference).toMatchObject({ ok: false, reason: 'reference_without_code' });
    expect(reference.message).toBe('El motivo del pago no incluye el ID del cliente (ID Wolk 73311)');
    expect(payment.script.key).toBe('payment.script2');
    expect(payment.script.body).toContain('*ID Wolk 73311*');
    expect(payment.script.body).not.toMatch(/ID ID/i);
  });

  it('shows the difference due when the payment is short of the amount with IVA', async () => {
    const { ticketId, attachmentId } = await receiptTicket();
    const payment = (
      await t.as(agent, 'POST', `/api/v1/tickets/${ticketId}/payments`, receipt(attachmentId, { amount: 20000 }))
    ).json();
    const amount = payment.checks.find((c: { key: string }) => c.key === 'amount');
    expect(amount).toMatchObject({
      ok: false,
      reason: 'amount_short',
      params: { dueMinor: 2_282_600, shortMinor: 282_600, currency: 'CRC' },
    });
    expect(amount.message).toMatch(/^Faltan ₡2\s826,00: lo adeudado con impuesto es ₡22\s826,00$/);
  });

  describe('bad input is refused with a clear 422 and nothing is stored', () => {
    it('a negative, zero or non-numeric amount, an unknown currency, a bad date', async () => {
      const { ticketId, attachmentId } = await receiptTicket();
      const cases: [Record<string, unknown>, string][] = [
        [{ amount: '-100' }, 'amount'],
        [{ amount: 0 }, 'amount'],
        [{ amount: 'cien mil' }, 'amount'],
        [{ amount: '10.005' }, 'amount'],
        [{ currency: 'EUR' }, 'currency'],
        [{ date: '06/12/2026' }, 'date'],
        [{ payerName: '  ' }, 'payerName'],
      ];
      for (const [change, field] of cases) {
        const response = await t.as(
          agent,
          'POST',
          `/api/v1/tickets/${ticketId}/payments`,
          receipt(attachmentId, change),
        );
        expect(response.statusCode, JSON.stringify(change)).toBe(422);
        expect(response.json().error).toMatchObject({ code: 'PAYMENT_INVALID', details: { field } });
      }
      const amount = await t.as(
        agent,
        'POST',
        `/api/v1/tickets/${ticketId}/payments`,
        receipt(attachmentId, { amount: '-5' }),
      );
      expect(amount.json().error.message).toBe(
        'El monto «-5» no es válido: escribe un número mayor que cero con hasta 2 decimales (45200.00)',
      );
      expect(await ctx.database.db.selectFrom('payments').select('id').execute()).toEqual([]);
    });

    it("another ticket's attachment, or a file that is not an image or PDF", async () => {
      const first = await receiptTicket();
      const second = await receiptTicket();
      const stolen = await t.as(
        agent,
        'POST',
        `/api/v1/tickets/${first.ticketId}/payments`,
        receipt(second.attachmentId),
      );
      expect(stolen.statusCode).toBe(422);
      expect(stolen.json().error.details).toMatchObject({ field: 'receiptAttachmentId' });
      const text = await receiptTicket({ contentType: 'text/plain' });
      const notImage = await t.as(
        agent,
        'POST',
        `/api/v1/tickets/${text.ticketId}/payments`,
        receipt(text.attachmentId),
      );
      expect(notImage.statusCode).toBe(422);
      expect(await ctx.database.db.selectFrom('payments').select('id').execute()).toEqual([]);
    });
  });

  it('an agent who cannot see the ticket gets 404 for it and its payments', async () => {
    const { ticketId, attachmentId } = await receiptTicket();
    const payment = (await t.as(agent, 'POST', `/api/v1/tickets/${ticketId}/payments`, receipt(attachmentId))).json();
    const outsiderDept = (
      await t.services.departments.create(SYSTEM_ACTOR, { name: unique('Otro '), kind: 'internal' })
    ).id;
    const outsider = await t.login((await t.createAgent({ departmentIds: [outsiderDept] })).email);
    expect((await t.as(outsider, 'GET', `/api/v1/payments/${payment.id}`)).statusCode).toBe(404);
    expect((await t.as(outsider, 'GET', `/api/v1/tickets/${ticketId}/payments`)).statusCode).toBe(404);
    const sent = await t.as(outsider, 'POST', `/api/v1/payments/${payment.id}/send-to-accounting`);
    expect(sent.statusCode).toBe(404);
    const recorded = await t.as(outsider, 'POST', `/api/v1/tickets/${ticketId}/payments`, receipt(attachmentId));
    expect(recorded.statusCode).toBe(404);
  });

  it('goes to accounting as a linked ticket with the receipt, accounting verifies and applies it, and the contract moves one period', async () => {
    const { ticketId, attachmentId, contract } = await receiptTicket({ endsOn: addDays(today, -2) });
    const recorded = (await t.as(agent, 'POST', `/api/v1/tickets/${ticketId}/payments`, receipt(attachmentId))).json();
    expect(recorded.checks.find((c: { key: string }) => c.key === 'contract')).toMatchObject({
      ok: false,
      reason: 'contract_expired',
    });
    // Accounting cannot verify what was not sent to it; the agent cannot verify at all.
    expect((await t.as(accountant, 'POST', `/api/v1/payments/${recorded.id}/verify`)).statusCode).toBe(404);
    expect((await t.as(agent, 'POST', `/api/v1/payments/${recorded.id}/verify`)).statusCode).toBe(403);

    const sent = await t.as(agent, 'POST', `/api/v1/payments/${recorded.id}/send-to-accounting`);
    expect(sent.statusCode, sent.body).toBe(200);
    const payment = sent.json();
    expect(payment).toMatchObject({ state: 'sent_to_accounting', audit: { sentBy: 'Ana Mora' } });
    const accountingTicket = await t.services.tickets.get(SYSTEM_ACTOR, payment.accountingTicketId);
    expect(accountingTicket).toMatchObject({ departmentId: accountingId, priority: 'alta' });
    const link = await ctx.database.db
      .selectFrom('tickets')
      .select('follow_up_of_id')
      .where('id', '=', payment.accountingTicketId)
      .executeTakeFirstOrThrow();
    expect(link.follow_up_of_id).toBe(ticketId);
    // The ticket headers link both ways: accounting's back to the customer's, and the customer's to accounting's.
    const numberOf = async (id: string) => (await t.services.tickets.get(SYSTEM_ACTOR, id)).number;
    const back = (await t.as(accountant, 'GET', `/api/v1/tickets/${payment.accountingTicketId}/links`)).json();
    expect(back.followUpOf).toEqual({ id: ticketId, number: await numberOf(ticketId) });
    const forth = (await t.as(agent, 'GET', `/api/v1/tickets/${ticketId}/links`)).json();
    expect(forth.followUps).toEqual([
      { id: payment.accountingTicketId, number: await numberOf(payment.accountingTicketId) },
    ]);
    const messages = (await t.as(accountant, 'GET', `/api/v1/tickets/${payment.accountingTicketId}/messages`)).json();
    expect(messages.items[0].attachments).toMatchObject([{ filename: 'sinpe.png', contentType: 'image/png' }]);
    expect(messages.items[0].body).toContain('✗ El motivo del pago no incluye el ID del cliente');
    expect(messages.items[0].body).toContain(`/tickets/${recorded.ticketNumber}`);
    // Its agents are told through the notification matrix (new ticket in their department).
    const notices = (await t.as(accountant, 'GET', '/api/v1/notifications')).json().items;
    expect(notices.map((n: { ticketId: string }) => n.ticketId)).toContain(payment.accountingTicketId);

    // Sent again: the same ticket gets a note, no second ticket.
    const again = (await t.as(agent, 'POST', `/api/v1/payments/${recorded.id}/send-to-accounting`)).json();
    expect(again.accountingTicketId).toBe(payment.accountingTicketId);
    const after = (await t.as(accountant, 'GET', `/api/v1/tickets/${payment.accountingTicketId}/messages`)).json();
    expect(after.items).toHaveLength(2);

    // Accounting sees the payment from its own ticket, and may now verify, then apply.
    const fromAccounting = (
      await t.as(accountant, 'GET', `/api/v1/tickets/${payment.accountingTicketId}/payments`)
    ).json();
    expect(fromAccounting.items[0]).toMatchObject({ id: recorded.id, actions: ['send_to_accounting', 'verify'] });
    expect((await t.as(accountant, 'POST', `/api/v1/payments/${recorded.id}/apply`)).statusCode).toBe(409);
    const verified = await t.as(accountant, 'POST', `/api/v1/payments/${recorded.id}/verify`);
    expect(verified.json()).toMatchObject({ state: 'verified', audit: { verifiedBy: 'Carlos Conta' } });
    expect((await t.as(accountant, 'POST', `/api/v1/payments/${recorded.id}/verify`)).statusCode).toBe(409);
    const applied = (await t.as(accountant, 'POST', `/api/v1/payments/${recorded.id}/apply`)).json();
    expect(applied).toMatchObject({ state: 'applied', audit: { appliedBy: 'Carlos Conta' } });
    // Expired two days ago: the paid month starts today, so the contract is active again.
    const renewed = await t.services.contracts.get(SYSTEM_ACTOR, contract.id);
    expect(renewed.endsOn).toBe(addDays(addMonth(addDays(today, -1)), 0));
    expect(renewed.state).not.toBe('expired');
    expect(renewed.history.at(-1)).toMatchObject({
      action: 'extended',
      changes: { endsOn: { from: contract.endsOn, to: renewed.endsOn } },
      actor: { name: 'Carlos Conta' },
    });
    expect(renewed.history.at(-1)?.reason).toMatch(/^Pago aplicado: .*22.826,00.* \(ticket /);
    // The agent on the original ticket is offered SCRIPT #3 (the variant for a reference without the ID).
    const seen = (await t.as(agent, 'GET', `/api/v1/tickets/${ticketId}/payments`)).json().items[0];
    expect(seen).toMatchObject({ state: 'applied', actions: [], script: { key: 'payment.script3_no_id' } });
    expect(seen.script.body).toContain('ya el pago se encuentra aplicado');
    expect((await t.as(accountant, 'POST', `/api/v1/payments/${recorded.id}/send-to-accounting`)).statusCode).toBe(409);
  });

  it('a contract in force continues from its end: one monthly period later', async () => {
    const { ticketId, attachmentId, contract } = await receiptTicket({ endsOn: addDays(today, 5) });
    const id = (await t.as(agent, 'POST', `/api/v1/tickets/${ticketId}/payments`, receipt(attachmentId))).json().id;
    await t.as(agent, 'POST', `/api/v1/payments/${id}/send-to-accounting`);
    await t.as(accountant, 'POST', `/api/v1/payments/${id}/verify`);
    await t.as(accountant, 'POST', `/api/v1/payments/${id}/apply`);
    expect((await t.services.contracts.get(SYSTEM_ACTOR, contract.id)).endsOn).toBe(addMonth(contract.endsOn));
  });
});

function addMonth(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const next = new Date(Date.UTC(y, m, Math.min(d, last)));
  return next.toISOString().slice(0, 10);
}

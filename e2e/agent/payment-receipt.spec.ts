import { describe, expect, it } from 'vitest';
import type { Ticket } from '../fixtures/api.ts';
import { screenshot } from '../fixtures/browser.ts';
import { consoleJourney } from '../fixtures/console-journey.ts';
import { catalogs } from '../fixtures/i18n.ts';
import { TicketPage } from '../pages/TicketPage.ts';

const text = catalogs.es.payments;
// A 1×1 PNG standing in for the photo of a SINPE Móvil receipt.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const ACCOUNTANT = { name: 'Carlos Conta', email: 'carlos.conta@tiquete.test', password: 'Clave-de-carlos-2024' };

function addDays(date: string, days: number): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + days);
  return next.toISOString().slice(0, 10);
}

function addMonth(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(d, last))).toISOString().slice(0, 10);
}

describe('a receipt arrives, the agent records the payment, sends it to accounting and answers with SCRIPT #2; accounting applies it and the contract moves one month (seed 002)', () => {
  let original: Ticket;
  let contract: { id: string; endsOn: string };

  const spec = consoleJourney({
    viewport: { width: 1280, height: 900 },
    seed: async (journey) => {
      const admin = journey.admin;
      const accounting = await admin.post<{ id: string }>('/departments', {
        name: 'Contabilidad Wolk',
        kind: 'internal',
      });
      await admin.request('PUT', '/settings', {
        exchangeRates: { USD: 50_500 },
        accountingDepartmentId: accounting.id,
      });
      await admin.createAgent({ ...ACCOUNTANT, departmentIds: [accounting.id] });
      const organization = await admin.post<{ id: string }>('/organizations', {
        name: 'Ferretería El Clavo S.A.',
        code: 'ID Wolk 1234',
      });
      original = await admin.createTicket({
        subject: 'Comprobante de pago SINPE',
        body: 'Buenas, les comparto el comprobante del pago del mes.',
        requester: { name: 'María Fernanda Solís', email: 'mfsolis@elclavo.cr' },
        organization: { id: organization.id },
      });
      const today = new Date().toISOString().slice(0, 10);
      contract = await admin.post<{ id: string; endsOn: string }>(`/organizations/${organization.id}/contracts`, {
        planName: 'POS mensual',
        amountMinor: 4_000,
        currency: 'USD',
        period: 'monthly',
        startsOn: addDays(today, -60),
        endsOn: addDays(today, 4),
      });
      // The customer's photo of the receipt, as any channel stores it: a message with an image.
      await admin.postMessageWithFile(original.id, {
        kind: 'note',
        body: 'Comprobante que envió la clienta',
        file: { name: 'sinpe.png', type: 'image/png', data: PNG },
      });
    },
  });

  it('records the payment from the image: four checks pass and the one without the customer ID fails', async () => {
    const page = new TicketPage(spec.page);
    await page.goto(original.number);
    await spec.page.getByRole('button', { name: text.record.replace('{{name}}', 'sinpe.png') }).click();
    const dialog = spec.page.getByRole('dialog');
    // Prefilled from the contract: $45.20 (USD 40 + IVA 13 %) in the name of the organization.
    await expect.poll(() => dialog.getByLabel(text.form.amount).inputValue()).toBe('45.20');
    expect(await dialog.getByLabel(text.form.payer).inputValue()).toBe('Ferretería El Clavo S.A.');
    await dialog.getByLabel(text.form.reference).fill('Pago mensualidad diciembre');
    await dialog.getByRole('button', { name: text.form.save }).click();
    await dialog.waitFor({ state: 'detached' });

    const payment = spec.page.locator('[data-payment]');
    await payment.waitFor();
    const checks = payment.locator('[data-check]');
    expect(await checks.evaluateAll((items) => items.map((i) => [i.dataset.check, i.dataset.ok]))).toEqual([
      ['payer', 'true'],
      ['date', 'true'],
      ['reference', 'false'],
      ['amount', 'true'],
      ['contract', 'true'],
    ]);
    expect(await payment.locator('[data-check="reference"]').textContent()).toContain(
      'El motivo del pago no incluye el ID del cliente (ID Wolk 1234)',
    );
    await screenshot(spec.page, 'payment-recorded');
    expect(spec.session.pageErrors).toEqual([]);
  });

  it('sends it to accounting and answers with SCRIPT #2 filled in', async () => {
    const page = new TicketPage(spec.page);
    const payment = spec.page.locator('[data-payment]');
    await payment.getByRole('button', { name: text.actions.send_to_accounting }).click();
    await spec.page.locator('[data-payment-state="sent_to_accounting"]').waitFor();
    await payment.locator('[data-script="payment.script2"]').click();
    const box = page.textBox('reply');
    await expect.poll(() => box.inputValue()).toContain('*ID Wolk 1234*');
    const script = await box.inputValue();
    expect(script).toContain('¡Hola María, te saluda');
    expect(script).not.toMatch(/ID ID|XXX/);
    await page.sendButton('reply').click();
    await page.messages('reply').filter({ hasText: '*ID Wolk 1234*' }).waitFor();
    expect(spec.session.pageErrors).toEqual([]);
  });

  it('accounting verifies and applies it; the contract ends one month later and SCRIPT #3 is offered', async () => {
    const [listed] = (
      await spec.admin.get<{ items: Array<{ accountingTicketNumber: string }> }>(`/tickets/${original.id}/payments`)
    ).items;
    const accountant = await spec.signIn(ACCOUNTANT);
    const accountingPage = new TicketPage(accountant.page);
    await accountingPage.goto(listed?.accountingTicketNumber ?? '');
    const payment = accountant.page.locator('[data-payment]');
    await payment.getByRole('button', { name: text.actions.verify }).click();
    await accountant.page.locator('[data-payment-state="verified"]').waitFor();
    await payment.getByRole('button', { name: text.actions.apply }).click();
    await accountant.page.locator('[data-payment-state="applied"]').waitFor();
    await screenshot(accountant.page, 'payment-applied');
    expect(accountant.pageErrors).toEqual([]);

    const renewed = await spec.admin.get<{ endsOn: string; history: Array<{ reason: string }> }>(
      `/contracts/${contract.id}`,
    );
    expect(renewed.endsOn).toBe(addMonth(contract.endsOn));
    expect(renewed.history.at(-1)?.reason).toMatch(/^Pago aplicado/);

    await spec.page.reload();
    await spec.page.locator('[data-payment-state="applied"]').waitFor();
    expect(await spec.page.locator('[data-script^="payment.script3"]').count()).toBe(1);
  });
});

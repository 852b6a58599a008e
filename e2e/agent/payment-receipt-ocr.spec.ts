import { describe, expect, it } from 'vitest';
import { sinpeReceipt } from '../../src/core/payments/test-support.ts';
import type { Ticket } from '../fixtures/api.ts';
import { screenshot } from '../fixtures/browser.ts';
import { consoleJourney } from '../fixtures/console-journey.ts';
import { catalogs } from '../fixtures/i18n.ts';
import { TicketPage } from '../pages/TicketPage.ts';

const text = catalogs.es.payments;
// Generated, SINPE layout: ₡12.000,00 on 01/01/2026 from "Panadería La Espiga S.A." for "ID 1234 pago diciembre".
const receipt = sinpeReceipt(0);

describe('the payment form is prefilled from the receipt photo by OCR, each value marked until the agent confirms it (issue 16)', () => {
  let ticket: Ticket;
  let broken: Ticket;

  const spec = consoleJourney({
    viewport: { width: 1280, height: 900 },
    seed: async (journey) => {
      const admin = journey.admin;
      ticket = await admin.createTicket({
        subject: 'Comprobante SINPE',
        body: 'Buenas, les comparto el comprobante.',
        requester: { name: 'Teresa Solano', email: 'tsolano@espiga.cr' },
      });
      await admin.postMessageWithFile(ticket.id, {
        kind: 'note',
        body: 'Comprobante que envió la clienta',
        file: { name: 'sinpe.png', type: 'image/png', data: receipt.png },
      });
      broken = await admin.createTicket({
        subject: 'Comprobante dañado',
        body: 'Les mando la foto del pago.',
        requester: { name: 'Teresa Solano', email: 'tsolano@espiga.cr' },
      });
      await admin.postMessageWithFile(broken.id, {
        kind: 'note',
        body: 'Foto que no abre',
        file: { name: 'foto.png', type: 'image/png', data: Buffer.from('these bytes are not a PNG') },
      });
    },
  });

  it('fills amount, currency, date, payer and reason from the photo; the payment is recorded once each is confirmed or edited', {
    timeout: 120_000,
  }, async () => {
    const page = new TicketPage(spec.page);
    await page.goto(ticket.number);
    await spec.page.getByRole('button', { name: text.record.replace('{{name}}', 'sinpe.png') }).click();
    const dialog = spec.page.getByRole('dialog');
    const marks = dialog.locator('[data-from-receipt]');
    await expect.poll(() => marks.count(), { timeout: 90_000, interval: 500 }).toBe(5);
    expect(await dialog.getByLabel(text.form.amount).inputValue()).toBe('12000.00');
    expect(await dialog.getByLabel(text.form.payer).inputValue()).toBe('Panadería La Espiga S.A.');
    expect(await dialog.getByLabel(text.form.reference).inputValue()).toBe('ID 1234 pago diciembre');
    expect(await dialog.getByLabel(text.form.date).inputValue()).toBe('01/01/2026');
    expect(await marks.first().textContent()).toContain(text.form.fromReceipt);
    await screenshot(spec.page, 'payment-form-read-from-receipt');

    // Not before the agent has looked at each value.
    await dialog.getByRole('button', { name: text.form.save }).click();
    await dialog.getByText(text.form.confirmFirst).waitFor();
    for (const field of ['amount', 'currency', 'date', 'payerName']) {
      await dialog.locator(`[data-from-receipt="${field}"]`).getByRole('button', { name: text.form.confirm }).click();
    }
    // Editing a value confirms it too.
    await dialog.getByLabel(text.form.reference).fill('ID 1234 pago de diciembre');
    expect(await marks.count()).toBe(0);
    await dialog.getByRole('button', { name: text.form.save }).click();
    await dialog.waitFor({ state: 'detached' });
    await spec.page.locator('[data-payment]').waitFor();

    const [payment] = (
      await spec.admin.get<{ items: Array<Record<string, unknown>> }>(`/tickets/${ticket.id}/payments`)
    ).items;
    expect(payment).toMatchObject({
      amountMinor: 1_200_000,
      currency: 'CRC',
      paidOn: '2026-01-01',
      payerName: 'Panadería La Espiga S.A.',
      reference: 'ID 1234 pago de diciembre',
    });
    expect(spec.session.pageErrors).toEqual([]);
  });

  it('a photo that cannot be read says so, and the payment is filled in by hand', { timeout: 60_000 }, async () => {
    const page = new TicketPage(spec.page);
    await page.goto(broken.number);
    await spec.page.getByRole('button', { name: text.record.replace('{{name}}', 'foto.png') }).click();
    const dialog = spec.page.getByRole('dialog');
    await dialog.locator('[data-reading="failed"]').waitFor({ timeout: 30_000 });
    expect(await dialog.locator('[data-reading="failed"]').textContent()).toContain('completa el pago a mano');
    expect(await dialog.locator('[data-from-receipt]').count()).toBe(0);
    await dialog.getByLabel(text.form.amount).fill('22826');
    await dialog.getByLabel(text.form.payer).fill('Teresa Solano');
    await dialog.getByRole('button', { name: text.form.save }).click();
    await dialog.waitFor({ state: 'detached' });
    await spec.page.locator('[data-payment]').waitFor();
    expect(spec.session.pageErrors).toEqual([]);
  });
});

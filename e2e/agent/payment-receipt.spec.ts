import { afterAll, describe, expect, it } from 'vitest';
import { signBody } from '../../src/channels/whatsapp/signature.ts';
import { inboundPayload, statusPayload } from '../../src/channels/whatsapp/test-payloads.ts';
import { type FakeGraphApi, type GraphCall, startFakeGraphApi } from '../../src/testing/fake-graph-api.ts';
import type { Ticket } from '../fixtures/api.ts';
import { screenshot } from '../fixtures/browser.ts';
import { consoleJourney } from '../fixtures/console-journey.ts';
import { catalogs } from '../fixtures/i18n.ts';
import { fieldLabel, pickOption } from '../pages/controls.ts';
import { TicketPage } from '../pages/TicketPage.ts';

const es = catalogs.es;
const text = es.payments;
const words = es.whatsapp.composer;
// A 1×1 PNG standing in for the photo of a SINPE Móvil receipt.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const MEDIA_ID = '1234567890123';
const RECEIPT = `image-${MEDIA_ID}.png`;
const ACCOUNTANT = { name: 'Carlos Conta', email: 'carlos.conta@tiquete.test', password: 'Clave-de-carlos-2024' };
const PHONE_NUMBER_ID = '106540352242922';
const APP_SECRET = 'secreto-de-la-app-wolk';
const CUSTOMER = { waId: '50688881234', name: 'Mafer' };

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

describe('a receipt arrives by WhatsApp, the agent records the payment, sends it to accounting and answers with SCRIPT #2 by WhatsApp; accounting applies it and the contract moves one month (seed 002)', () => {
  let graph: FakeGraphApi;
  let original: Ticket;
  let contract: { id: string; endsOn: string };
  afterAll(() => graph?.close());

  const spec = consoleJourney({
    viewport: { width: 1280, height: 900 },
    seed: async (journey) => {
      graph = await startFakeGraphApi({ accessToken: 'EAAG-wolk' });
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
      await admin.post('/contacts', {
        name: 'María Fernanda Solís',
        organizationId: organization.id,
        phones: [{ phone: '+506 8888 1234', whatsapp: true }],
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
      await admin.post('/whatsapp/numbers', {
        phoneNumberId: PHONE_NUMBER_ID,
        businessAccountId: '102290129340398',
        displayNumber: '+506 4000 1234',
        accessToken: graph.accessToken,
        appSecret: APP_SECRET,
        verifyToken: 'token-de-verificacion',
        graphBaseUrl: graph.baseUrl,
        graphVersion: 'v23.0',
      });
    },
  });

  /** Meta's POST: the exact bytes, signed with the app secret (the server checks the signature). */
  async function webhook(body: string): Promise<void> {
    const response = await fetch(`${spec.journey.server.url}/webhooks/whatsapp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(Buffer.from(body), APP_SECRET) },
      body,
    });
    expect(response.status).toBe(200);
  }

  async function whatsappTicket(requester: string): Promise<Ticket> {
    let found: Ticket | undefined;
    await expect
      .poll(
        async () => {
          const { items } = await spec.admin.get<{ items: Array<Ticket & { requester: { name: string } }> }>(
            '/tickets?channel=whatsapp',
          );
          found = items.find((ticket) => ticket.requester.name === requester);
          return found !== undefined;
        },
        { timeout: 10_000 },
      )
      .toBe(true);
    return found as Ticket;
  }

  /** The next message Graph accepted after `before` calls, of the given type. */
  async function sentByGraph(before: number, type: string): Promise<GraphCall> {
    let call: GraphCall | undefined;
    await expect
      .poll(
        () => {
          call = graph
            .callsTo('messages')
            .slice(before)
            .find((c) => c.status === 200 && (c.body as { type?: string }).type === type);
          return call !== undefined;
        },
        { timeout: 15_000 },
      )
      .toBe(true);
    return call as GraphCall;
  }

  it('the photo of the receipt comes by WhatsApp (signed webhook, media fetched from Graph) and opens a ticket with the image', async () => {
    graph.addMedia({ id: MEDIA_ID, data: PNG, mimeType: 'image/png' });
    await webhook(
      inboundPayload(
        PHONE_NUMBER_ID,
        {
          id: 'wamid.HBgLNTA2ODg4ODEyMzQVAgASGBQzQUY3',
          type: 'image',
          image: {
            id: MEDIA_ID,
            mime_type: 'image/png',
            caption: 'Buenas, les comparto el comprobante del pago del mes.',
          },
        },
        CUSTOMER,
      ),
    );
    original = await whatsappTicket('María Fernanda Solís');
    const page = new TicketPage(spec.page);
    await page.goto(original.number);
    await page.messages('customer').filter({ hasText: 'comprobante del pago' }).waitFor();
    // The download runs in the outbox after the message is stored: the image shows once it is in.
    await expect
      .poll(
        async () => {
          await spec.page.reload();
          await page.conversation.waitFor();
          return spec.page.getByRole('button', { name: text.record.replace('{{name}}', RECEIPT) }).count();
        },
        { timeout: 15_000 },
      )
      .toBe(1);
    expect(graph.callsTo('download').filter((c) => c.status === 200)).toHaveLength(1);
    await page.messages('customer').locator('img').first().waitFor();
  });

  it('records the payment from the image: four checks pass and the one without the customer ID fails', async () => {
    await spec.page.getByRole('button', { name: text.record.replace('{{name}}', RECEIPT) }).click();
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

  it('sends it to accounting and answers with SCRIPT #2 by WhatsApp; the ticks follow the status webhooks live', async () => {
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

    // A WhatsApp ticket answers by WhatsApp, while the customer's window is open.
    const channel = page.composer.getByRole('radiogroup', { name: words.channel });
    expect(await channel.getByRole('radio', { name: words.whatsapp }).isChecked()).toBe(true);
    const window = page.composer.getByTestId('whatsapp-window');
    expect(await window.textContent()).toMatch(new RegExp(`^${words.windowOpen.split('{{')[0]}\\d{1,2}:\\d{2}`));

    const before = graph.callsTo('messages').length;
    await page.sendButton('reply').click();
    const reply = page.messages('reply').filter({ hasText: '*ID Wolk 1234*' });
    await reply.waitFor();
    const sent = await sentByGraph(before, 'text');
    expect(sent.path).toBe(`/v23.0/${PHONE_NUMBER_ID}/messages`);
    expect(sent.authorization).toBe('Bearer EAAG-wolk');
    expect(sent.body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: CUSTOMER.waId,
      type: 'text',
      text: { body: script.trim(), preview_url: false },
    });

    const tick = reply.getByTestId('delivery');
    await tick.getByText(es.delivery.state.sent, { exact: true }).waitFor({ timeout: 10_000 });
    await webhook(statusPayload(PHONE_NUMBER_ID, sent.wamid ?? '', 'delivered', CUSTOMER.waId));
    await tick.getByText(es.delivery.state.delivered, { exact: true }).waitFor({ timeout: 10_000 });
    await webhook(statusPayload(PHONE_NUMBER_ID, sent.wamid ?? '', 'read', CUSTOMER.waId));
    await tick.getByText(es.delivery.state.read, { exact: true }).waitFor({ timeout: 10_000 });
    await screenshot(spec.page, 'whatsapp-reply-read');
    expect(spec.session.pageErrors).toEqual([]);
  });

  it('accounting verifies and applies it; the contract ends one month later and SCRIPT #3 is offered', async () => {
    const [listed] = (
      await spec.admin.get<{ items: Array<{ accountingTicketNumber: string }> }>(`/tickets/${original.id}/payments`)
    ).items;
    const accountant = await spec.signIn(ACCOUNTANT);
    const accountingPage = new TicketPage(accountant.page);
    await accountingPage.goto(listed?.accountingTicketNumber ?? '');
    // Its header links back to the customer's ticket (follow_up_of), and the customer's links to it.
    const linksLabel = es.ticket.links;
    await accountant.page
      .getByRole('group', { name: linksLabel })
      .getByRole('link', { name: original.number, exact: true })
      .waitFor();
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
    await spec.page
      .getByRole('group', { name: es.ticket.links })
      .getByRole('link', { name: listed?.accountingTicketNumber ?? '', exact: true })
      .waitFor();
    expect(await spec.page.locator('[data-script^="payment.script3"]').count()).toBe(1);
  });

  it('a day after the customer wrote, the composer offers only an approved template and sends it with its parameters', async () => {
    const dayAgo = String(Math.floor(Date.now() / 1000) - 25 * 3600);
    await webhook(
      inboundPayload(
        PHONE_NUMBER_ID,
        { id: 'wamid.pedro-ayer', timestamp: dayAgo, type: 'text', text: { body: 'No me abre el sistema' } },
        { waId: '50677776666', name: 'Pedro Rojas' },
      ),
    );
    const ticket = await whatsappTicket('Pedro Rojas');
    const page = new TicketPage(spec.page);
    await page.goto(ticket.number);
    const window = page.composer.getByTestId('whatsapp-window');
    await window.getByText(words.windowClosed).waitFor();
    expect(await page.textBox('reply').count()).toBe(0);
    await pickOption(spec.page, page.composer.getByLabel(fieldLabel(words.template)), 'seguimiento_caso (es)');
    await page.composer.getByLabel(words.parameter.replace('{{n}}', '1')).fill('Pedro');
    await page.composer.getByLabel(words.parameter.replace('{{n}}', '2')).fill(ticket.number);
    const filled = `Hola Pedro, le escribimos sobre su caso ${ticket.number}. ¿Podemos ayudarle en algo más?`;
    expect(await page.composer.getByTestId('template-preview').textContent()).toBe(filled);

    const before = graph.callsTo('messages').length;
    await page.sendButton('reply').click();
    await page.messages('reply').filter({ hasText: filled }).waitFor();
    // Taken after sending: a screenshot resizes the page for a moment, and the phone layout remounts the composer.
    await screenshot(spec.page, 'whatsapp-composer-template');
    const sent = await sentByGraph(before, 'template');
    expect(sent.body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '50677776666',
      type: 'template',
      template: {
        name: 'seguimiento_caso',
        language: { code: 'es' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Pedro' },
              { type: 'text', text: ticket.number },
            ],
          },
        ],
      },
    });
    expect(spec.session.pageErrors).toEqual([]);
  });
});

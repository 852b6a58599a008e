import { describe, expect, it } from 'vitest';
import type { Ticket } from '../fixtures/api.ts';
import { type BrowserSession, screenshot } from '../fixtures/browser.ts';
import { consoleJourney } from '../fixtures/console-journey.ts';
import { catalogs } from '../fixtures/i18n.ts';
import { TicketPage } from '../pages/TicketPage.ts';

const text = catalogs.es.protocols;
const activityText = catalogs.es.activity;
// Seeded with the demo data (seed 002).
const PAYMENT = '¿Qué hago cuando recibimos un pago al WhatsApp de soporte?';
const PROTOCOL = '¿Qué hago cuando el cliente pide cambiar de plan?';
const AGENT = { name: 'Karla Rojas', email: 'karla.rojas@tiquete.test', password: 'Clave-de-karla-2024' };

describe('a protocol step that sets a ticket field, and the activity that links to the protocol applied', () => {
  let ticket: Ticket;
  let agent: BrowserSession;

  const spec = consoleJourney({
    viewport: { width: 1280, height: 900 },
    seed: async (journey) => {
      const soporte = await journey.admin.post<{ id: string }>('/departments', { name: 'Soporte' });
      await journey.admin.createAgent({ ...AGENT, departmentIds: [soporte.id] });
      await journey.admin.post('/protocols', {
        title: PROTOCOL,
        scenario: 'El cliente pide pasar del plan mensual al anual.',
        steps: [
          { text: 'Marcar el caso como Cambio', sets: { field: 'type', value: 'Cambio' } },
          { text: 'Subir la prioridad', sets: { field: 'priority', value: 'alta' } },
          { text: 'Confirmar al cliente el cambio de plan' },
        ],
      });
      ticket = await journey.admin.createTicket({
        departmentId: soporte.id,
        subject: 'Cambio de plan a anual',
        body: 'Buenas, queremos pasar al plan anual.',
        requester: { name: 'Jesús Adrián Rodríguez', email: 'jrodriguez@elclavo.example' },
      });
    },
  });

  it('shows each step’s change before the tick, and the ticket takes it when ticked', async () => {
    agent = await spec.signIn(AGENT);
    const page = new TicketPage(agent.page);
    await page.goto(ticket.number);
    const applied = await page.applyProtocol(PROTOCOL);
    const sets = applied.locator('[data-step-sets]');
    expect(await sets.allTextContents()).toEqual(['Al marcarlo: Tipo: Cambio', 'Al marcarlo: Prioridad: Alta']);

    const boxes = applied.getByRole('checkbox');
    for (const step of [0, 1]) {
      await boxes.nth(step).click();
      await expect.poll(() => boxes.nth(step).isChecked()).toBe(true);
    }
    const stored = await spec.admin.get<{ type: string | null; priority: string }>(`/tickets/${ticket.id}`);
    expect(stored).toMatchObject({ type: 'Cambio', priority: 'alta' });
    // The page shows the new priority without a reload.
    await agent.page.getByRole('main').getByText('Alta', { exact: true }).first().waitFor();
    await applied.scrollIntoViewIfNeeded();
    await screenshot(agent.page, 'protocol-step-sets');

    // Unticking keeps the priority the step set.
    await boxes.nth(1).click();
    await expect.poll(() => boxes.nth(1).isChecked()).toBe(false);
    expect((await spec.admin.get<{ priority: string }>(`/tickets/${ticket.id}`)).priority).toBe('alta');
    expect(agent.pageErrors).toEqual([]);
  });

  it('records an activity whose "protocolo aplicado" applies the payment protocol from the form and links to it', async () => {
    const page = new TicketPage(agent.page);
    await page.chooseMode('activity');
    await page.composerField(activityText.fields.reason).fill('El cliente envió el comprobante del pago anual');
    const field = page.composerField(activityText.fields.protocolApplied);
    // The one already applied is offered with its progress, the others to apply from here.
    await field.click();
    await agent.page
      .getByRole('option', {
        name: `${PROTOCOL} (${text.progress.replace('{{done}}', '1').replace('{{total}}', '3')})`,
      })
      .waitFor();
    await agent.page
      .getByRole('option', { name: activityText.protocol.applyNow.replace('{{title}}', PAYMENT) })
      .click();
    // Applying it adds its checklist to the ticket and chooses it in the form.
    const panel = page.protocolsPanel;
    await expect.poll(() => panel.locator('[data-applied-protocol]').count()).toBe(2);
    await expect.poll(() => field.inputValue()).toContain(PAYMENT);
    await page.textBox('activity').fill('Se validó el comprobante y se compartió con SINPEMOVIL WOLK.');
    await page.sendButton('activity').click();

    const activity = page.messages('activity').first();
    const link = activity.getByRole('link', { name: PAYMENT });
    await link.waitFor();
    const appliedId = await link.getAttribute('data-protocol-link');
    await link.click();
    const card = panel.locator(`[data-applied-protocol="${appliedId}"]`);
    await expect.poll(() => card.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await card.textContent()).toContain(PAYMENT);
    await activity.scrollIntoViewIfNeeded();
    await screenshot(agent.page, 'activity-protocol-link');

    const stored = await spec.admin.get<{
      items: Array<{
        kind: string;
        activity: { protocolAppliedId: string | null; protocolApplied: string | null } | null;
      }>;
    }>(`/tickets/${ticket.id}/messages`);
    expect(stored.items.find((m) => m.kind === 'activity')?.activity).toMatchObject({
      protocolAppliedId: appliedId,
      protocolApplied: PAYMENT,
    });
    expect(agent.pageErrors).toEqual([]);
  });
});

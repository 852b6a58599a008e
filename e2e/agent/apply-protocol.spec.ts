import { describe, expect, it } from 'vitest';
import type { Ticket } from '../fixtures/api.ts';
import type { BrowserSession } from '../fixtures/browser.ts';
import { screenshot } from '../fixtures/browser.ts';
import { consoleJourney } from '../fixtures/console-journey.ts';
import { catalogs } from '../fixtures/i18n.ts';
import { TicketPage } from '../pages/TicketPage.ts';

const text = catalogs.es.protocols;
// Seeded with the demo data (seed 002, in its Spanish).
const PAYMENT = '¿Qué hago cuando recibimos un pago al WhatsApp de soporte?';
const AGENT = { name: 'Karla Rojas', email: 'karla.rojas@tiquete.test', password: 'Clave-de-karla-2024' };

describe('an agent applies the payment protocol on a ticket and completes its steps, each tick in the history (seed 002)', () => {
  let ticket: Ticket;
  let agent: BrowserSession;

  const spec = consoleJourney({
    viewport: { width: 1280, height: 900 },
    seed: async (journey) => {
      // The agent works in the department the ticket is in (seed 002: Soporte receives the payments).
      const soporte = await journey.admin.post<{ id: string }>('/departments', { name: 'Soporte' });
      await journey.admin.createAgent({ ...AGENT, departmentIds: [soporte.id] });
      ticket = await journey.admin.createTicket({
        departmentId: soporte.id,
        subject: 'Comprobante de pago por WhatsApp',
        body: 'Buenas, les comparto el comprobante del pago del mes.',
        requester: { name: 'María Fernanda Solís', email: 'mfsolis@elclavo.cr' },
      });
    },
  });

  it('applies the protocol: its seven steps appear as a checklist', async () => {
    agent = await spec.signIn(AGENT);
    const page = new TicketPage(agent.page);
    await page.goto(ticket.number);
    const applied = await page.applyProtocol(PAYMENT);
    expect(await applied.getByRole('checkbox').count()).toBe(7);
    expect(await applied.textContent()).toContain(text.progress.replace('{{done}}', '0').replace('{{total}}', '7'));
    expect(agent.pageErrors).toEqual([]);
  });

  it("ticks every step, sends SCRIPT #1 from step 6, and the protocol reads 'Completado'", async () => {
    const page = new TicketPage(agent.page);
    const applied = agent.page.locator('[data-applied-protocol]');
    const boxes = applied.getByRole('checkbox');
    for (let step = 0; step < 7; step++) {
      const box = boxes.nth(step);
      // The box shows the stored state: it turns on once the server has recorded the tick.
      await box.click();
      await expect.poll(() => box.isChecked()).toBe(true);
      await applied
        .getByText(new RegExp(`^${AGENT.name}, `))
        .nth(step)
        .waitFor();
    }
    await applied.getByRole('button', { name: /^Insertar Pago recibido: SCRIPT #1/ }).click();
    const reply = page.textBox('reply');
    await expect.poll(() => reply.inputValue()).toContain('Te confirmamos el recibido del pago');
    expect(await reply.inputValue()).toContain('¡Hola María, te saluda Karla Rojas!');
    await applied.locator('[data-protocol-completed]').waitFor();
    await screenshot(agent.page, 'protocol-completed');
    expect(agent.pageErrors).toEqual([]);
  });

  it("keeps each tick in the ticket's history with who did it", async () => {
    const history = await spec.admin.get<{
      items: Array<{ field: string; actorName: string | null; to: string | null }>;
    }>(`/tickets/${ticket.id}/history`);
    const ticks = history.items.filter((entry) => entry.field === 'protocol_step');
    expect(ticks).toHaveLength(7);
    expect(new Set(ticks.map((entry) => entry.actorName))).toEqual(new Set([AGENT.name]));
    expect(history.items.find((entry) => entry.field === 'protocol_completed')?.to).toBe(PAYMENT);
  });

  it('Informes › Protocolos shows the protocol applied once and completed once', async () => {
    await agent.page.goto('/reports/protocols');
    const row = agent.page.getByRole('row').filter({ hasText: PAYMENT });
    await row.waitFor();
    // Protocol, applied, completed, % completed.
    expect((await row.getByRole('cell').allTextContents()).map((c) => c.trim())).toEqual([PAYMENT, '1', '1', '100 %']);
    await screenshot(agent.page, 'report-protocols');
    expect(agent.pageErrors).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import type { Ticket } from '../fixtures/api.ts';
import { screenshot } from '../fixtures/browser.ts';
import { consoleJourney } from '../fixtures/console-journey.ts';
import { catalogs } from '../fixtures/i18n.ts';
import { pickOption } from '../pages/controls.ts';
import { TicketPage } from '../pages/TicketPage.ts';

const text = catalogs.es.protocols;
const PROTOCOL = '¿Qué hago cuando el cliente pide cambiar de plan?';
const AGENT = { name: 'Karla Rojas', email: 'karla.rojas@tiquete.test', password: 'Clave-de-karla-2024' };

describe('a protocol step that sets a ticket field: the checklist says what it will set, and ticking it sets it', () => {
  let ticket: Ticket;

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
    const agent = await spec.signIn(AGENT);
    const page = new TicketPage(agent.page);
    await page.goto(ticket.number);
    const panel = agent.page.getByRole('region', { name: text.title });
    await pickOption(agent.page, panel.getByRole('textbox', { name: text.choose }), PROTOCOL);
    await panel.getByRole('button', { name: text.apply }).click();
    const applied = panel.locator('[data-applied-protocol]');
    await applied.waitFor();
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
});

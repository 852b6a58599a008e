import { describe, expect, it } from 'vitest';
import type { Ticket } from '../fixtures/api.ts';
import { consoleJourney } from '../fixtures/console-journey.ts';
import { TicketPage } from '../pages/TicketPage.ts';

type Target = { metric: string; policyName: string | null; state: string; dueAt: string | null };

describe('an agent reads each SLA target of a ticket in its side panel, and sees first reply met after answering', () => {
  let ticket: Ticket;
  let targets: Target[];

  const spec = consoleJourney({
    viewport: { width: 1440, height: 900 },
    seed: async (journey) => {
      ticket = await journey.admin.createTicket({
        subject: 'El punto de venta no imprime el tiquete',
        body: 'Desde hoy la impresora térmica no imprime los tiquetes de venta.',
        requester: { name: 'Marta Solano', email: 'msolano@pulperia-lucia.cr' },
      });
      targets = (await journey.admin.get<{ items: Target[] }>(`/tickets/${ticket.id}/sla`)).items;
      // The seeded policies give every mail a first reply and a resolution target.
      expect(targets.map((t) => t.metric)).toEqual(expect.arrayContaining(['first_reply', 'resolution']));
    },
  });

  it('lists every target with its state, time left and policy, and marks first reply met once answered', async () => {
    const page = new TicketPage(spec.page);
    await page.goto(ticket.number);
    const sla = spec.page.getByRole('list', { name: page.text.sla.panel.label });
    await sla.waitFor();
    const rows = sla.getByRole('listitem');
    expect(await rows.count()).toBe(targets.length);

    const first = sla.getByRole('listitem', { name: page.text.automation.sla.metrics.first_reply, exact: true });
    const badge = first.locator('[data-sla-state]');
    expect(await badge.getAttribute('data-sla-state')).toBe(targets.find((t) => t.metric === 'first_reply')?.state);
    // Time left in words beside the state, as on the queues: "SLA: 3 h 59 min (a tiempo)".
    expect(await badge.textContent()).toMatch(/^SLA: (\d+ d ?)?(\d+ h ?)?(\d+ min)? \((a tiempo|por vencer)\)$/);
    const policy = targets.find((t) => t.metric === 'first_reply')?.policyName ?? '';
    expect(await first.getByText(`Política: ${policy}`, { exact: false }).count()).toBe(1);
    expect(await first.getByText(/^vence /).count()).toBe(1);
    const resolution = sla.getByRole('listitem', { name: page.text.automation.sla.metrics.resolution, exact: true });
    expect(await resolution.locator('[data-sla-state]').count()).toBe(1);

    await spec.admin.post(`/tickets/${ticket.id}/messages`, {
      kind: 'reply',
      body: 'Buenas tardes, Marta: ¿la impresora enciende la luz verde?',
    });
    await page.goto(ticket.number);
    const met = spec.page
      .getByRole('list', { name: page.text.sla.panel.label })
      .getByRole('listitem', { name: page.text.automation.sla.metrics.first_reply, exact: true });
    await met.locator('[data-sla-state="met"]').waitFor();
    expect(await met.locator('[data-sla-state="met"]').textContent()).toBe(page.text.sla.short.met);
    expect(await met.getByText(/^cumplido /).count()).toBe(1);
    expect(spec.session.pageErrors).toEqual([]);
  });
});

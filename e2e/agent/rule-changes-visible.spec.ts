import { describe, expect, it } from 'vitest';
import type { Ticket } from '../fixtures/api.ts';
import { screenshot } from '../fixtures/browser.ts';
import { consoleJourney } from '../fixtures/console-journey.ts';
import { pickOption } from '../pages/controls.ts';
import { NewTicketPage } from '../pages/NewTicketPage.ts';
import { TicketPage } from '../pages/TicketPage.ts';

type Stored = Ticket & { priority: string };

const RULE_LINE = 'Regla «Prioridad Urgente para Problema y Configuración» cambió Prioridad: Normal → Urgente';

describe('an agent sees at once what a rule changed (issue 13)', () => {
  let ticket: Ticket;
  const spec = consoleJourney({
    seed: async (journey) => {
      ticket = await journey.admin.createTicket({
        subject: 'El módulo de calificaciones no guarda',
        body: 'Al guardar las notas aparece un error.',
        requester: { name: 'Mariana Solís', email: 'msolis@altos.edu.mx' },
      });
    },
  });

  it('shows the rule’s change in a toast and on the ticket page after changing the type', async () => {
    const page = new TicketPage(spec.page);
    await page.goto(ticket.number);
    await pickOption(spec.page, page.details.getByLabel('Tipo', { exact: true }), 'Problema');

    const toast = spec.page.locator('.mantine-Notification-root', { hasText: 'Las reglas cambiaron este ticket' });
    await toast.getByText(RULE_LINE).waitFor();
    const notice = spec.page.getByRole('status').filter({ hasText: 'Las reglas cambiaron este ticket' });
    await notice.getByText(RULE_LINE).waitFor();
    await screenshot(spec.page, 'rule-change-ticket-page');
    await expect.poll(async () => (await spec.admin.get<Stored>(`/tickets/${ticket.id}`)).priority).toBe('urgente');

    await notice.getByRole('button', { name: 'Entendido' }).click();
    await notice.waitFor({ state: 'hidden' });
    expect(spec.session.pageErrors).toEqual([]);
  });

  it('keeps the priority the agent picked when filing a ticket, and tells when the rule set one', async () => {
    const { page } = spec;
    for (const picked of ['Alta', null] as const) {
      await page.getByRole('banner').getByRole('link', { name: 'Nuevo ticket' }).click();
      const form = new NewTicketPage(page);
      await form.form.waitFor();
      await form.newCustomer({ name: 'Mariana Solís', email: 'msolis@altos.edu.mx' });
      await form.field('Asunto').fill(`La plataforma no abre (${picked ?? 'sin prioridad'})`);
      await form.field('Descripción').fill('Desde hoy no abre para nadie.');
      await form.choose('Tipo', 'Problema');
      if (picked) await form.choose('Prioridad', picked);
      await form.submit();

      const ticketPage = new TicketPage(page);
      await ticketPage.heading(`La plataforma no abre (${picked ?? 'sin prioridad'})`).waitFor();
      const number = new URL(page.url()).pathname.split('/').pop() ?? '';
      const stored = await spec.admin.get<Stored>(`/tickets/${number}`);
      const notice = page.getByRole('status').filter({ hasText: 'Las reglas cambiaron este ticket' });
      if (picked) {
        expect(stored.priority).toBe('alta');
        expect(await notice.count()).toBe(0);
      } else {
        expect(stored.priority).toBe('urgente');
        await notice.getByText(RULE_LINE).waitFor();
      }
    }
    expect(spec.session.pageErrors).toEqual([]);
  });
});

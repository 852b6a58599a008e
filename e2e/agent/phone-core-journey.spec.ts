import { describe, expect, it } from 'vitest';
import type { Ticket } from '../fixtures/api.ts';
import { consoleJourney } from '../fixtures/console-journey.ts';
import { pickOption } from '../pages/controls.ts';
import { QueuePage } from '../pages/QueuePage.ts';
import { TicketPage } from '../pages/TicketPage.ts';

type Stored = Ticket & { statusCategory: string };
const PHONE = { width: 390, height: 844 };

describe('the core journey on a phone-sized screen (390 px)', () => {
  let ticket: Ticket;

  const spec = consoleJourney({
    seed: async (journey) => {
      ticket = await journey.admin.createTicket({
        subject: 'Usuario bloqueado en la caja 2',
        body: 'La cajera no puede entrar desde las 8:00.',
        requester: { name: 'Jesús Adrián Rodríguez', email: 'jarodriguez@univa.mx' },
      });
    },
    viewport: PHONE,
  });

  it('picks a view, opens the ticket, takes it, replies and changes its status, all at 390 px', async () => {
    const { page } = spec;
    const queue = new QueuePage(page);
    // The navigation hides behind the menu button (and out of Tab's way); the view picker sits on the page.
    const menu = page.getByRole('button', { name: 'Abrir navegación' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('#main-navigation').getAttribute('inert')).not.toBeNull();
    await pickOption(page, page.getByRole('main').getByLabel('Vista'), 'Sin asignar (1)');
    await queue.heading('Sin asignar').waitFor();

    // Tickets are cards, not a table, and nothing scrolls sideways.
    expect(await page.getByRole('main').getByRole('table').count()).toBe(0);
    await queue.ticketLink(ticket.subject).click();

    const ticketPage = new TicketPage(page);
    await ticketPage.heading(ticket.subject).waitFor();
    await ticketPage.takeButton.click();
    await ticketPage.yoursButton.waitFor();

    await ticketPage.textBox('reply').fill('Hola Jesús, ya desbloqueamos el usuario. ¿Nos confirma si puede entrar?');
    await ticketPage.sendButton('reply').click();
    await ticketPage.messages('reply').first().waitFor();

    await ticketPage.tab('details').click();
    await pickOption(page, page.getByRole('tabpanel').getByLabel(/^Estado/), 'PENDIENTE');
    await expect
      .poll(async () => (await spec.admin.get<Stored>(`/tickets/${ticket.id}`)).statusCategory)
      .toBe('pending');
    const stored = await spec.admin.get<Stored>(`/tickets/${ticket.id}`);
    expect(stored.assigneeId).toBe(spec.admin.user.id);

    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(spec.session.pageErrors).toEqual([]);
  });
});

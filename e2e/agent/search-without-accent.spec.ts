import { describe, expect, it } from 'vitest';
import type { Ticket } from '../fixtures/api.ts';
import { consoleJourney } from '../fixtures/console-journey.ts';
import { TicketPage } from '../pages/TicketPage.ts';

describe('an agent finds a ticket typing a word without its accent', () => {
  let ticket: Ticket;

  const spec = consoleJourney({
    seed: async (journey) => {
      ticket = await journey.admin.createTicket({
        subject: 'Facturación electrónica rechazada por Hacienda',
        body: 'Todas las facturas de hoy vuelven con el código de rechazo 99.',
        requester: { name: 'Jorge Araya', email: 'jaraya@elclavo.cr' },
      });
      await journey.admin.createTicket({
        subject: 'Cambio de horario de la capacitación',
        body: 'Pasar la sesión al jueves.',
        requester: { name: 'Sofía Vargas', email: 'svargas@elclavo.cr' },
      });
    },
  });

  it('presses `/`, types "facturacion", and opens the ticket about "Facturación"', async () => {
    const { page } = spec;
    await page.locator('body').press('/');
    const box = page.getByRole('search', { name: 'Buscar' }).getByRole('searchbox', { name: 'Buscar' });
    expect(await box.evaluate((el) => el === document.activeElement)).toBe(true);
    await box.fill('facturacion');
    await box.press('Enter');

    const results = page.getByRole('main');
    await results.getByRole('heading', { name: 'Resultados para «facturacion»' }).waitFor();
    const link = results.getByRole('link', { name: 'Facturación electrónica rechazada por Hacienda' });
    await link.waitFor();
    expect(await results.getByRole('link', { name: 'Cambio de horario de la capacitación' }).count()).toBe(0);

    await link.click();
    await new TicketPage(page).heading(ticket.subject).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/tickets/${ticket.number}`);

    expect(spec.session.pageErrors).toEqual([]);
  });
});

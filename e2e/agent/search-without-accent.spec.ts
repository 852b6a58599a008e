import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../fixtures/api.ts';
import type { BrowserSession } from '../fixtures/browser.ts';
import { signedInSession } from '../fixtures/console.ts';
import { type Journey, startJourney } from '../fixtures/journey.ts';
import { TicketPage } from '../pages/TicketPage.ts';

describe('an agent finds a ticket typing a word without its accent', () => {
  let journey: Journey;
  let session: BrowserSession;
  let ticket: Ticket;

  beforeAll(async () => {
    journey = await startJourney();
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
    session = await signedInSession(journey.browser, {
      baseURL: journey.server.url,
      email: journey.server.admin.email,
      password: journey.server.admin.password,
    });
  }, 60_000);

  afterAll(async () => {
    await session?.context.close();
    await journey?.close();
  });

  it('presses `/`, types "facturacion", and opens the ticket about "Facturación"', async () => {
    const { page } = session;
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

    expect(session.pageErrors).toEqual([]);
  });
});

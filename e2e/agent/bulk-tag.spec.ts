import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../fixtures/api.ts';
import type { BrowserSession } from '../fixtures/browser.ts';
import { signedInSession } from '../fixtures/console.ts';
import { type Journey, startJourney } from '../fixtures/journey.ts';
import { QueuePage } from '../pages/QueuePage.ts';

describe('an agent tags several tickets at once from a queue', () => {
  let journey: Journey;
  let session: BrowserSession;
  let tickets: Ticket[];

  beforeAll(async () => {
    journey = await startJourney();
    const requester = { name: 'Patricia Gómez', email: 'pgomez@univa.mx' };
    tickets = [];
    for (const subject of [
      'Cierre de noviembre: diferencia en ventas',
      'Cierre de noviembre: notas de crédito duplicadas',
      'Cierre de noviembre: retenciones',
      'Cambio de contraseña del contador',
    ]) {
      tickets.push(await journey.admin.createTicket({ subject, body: `${subject}.`, requester }));
    }
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

  it('selects three tickets in "Todos abiertos" and adds a tag to exactly those three', async () => {
    const queue = new QueuePage(session.page);
    await queue.openView('Todos abiertos');
    const [a, b, c, untouched] = tickets as [Ticket, Ticket, Ticket, Ticket];
    for (const ticket of [a, b, c]) await queue.selectBox(ticket.number).check();
    await queue.bulkBar.getByText('3 seleccionados').waitFor();

    await queue.bulkAddTags(['cierre-noviembre'], 3);
    await session.page.getByText('3 tickets actualizados').waitFor();
    await queue.bulkBar.waitFor({ state: 'hidden' });

    for (const ticket of [a, b, c]) {
      expect((await journey.admin.get<Ticket>(`/tickets/${ticket.id}`)).tags).toContain('cierre-noviembre');
    }
    expect((await journey.admin.get<Ticket>(`/tickets/${untouched.id}`)).tags).not.toContain('cierre-noviembre');

    expect(session.pageErrors).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import type { Ticket } from '../fixtures/api.ts';
import { consoleJourney } from '../fixtures/console-journey.ts';
import { QueuePage } from '../pages/QueuePage.ts';

describe('an agent tags several tickets at once from a queue', () => {
  let tickets: Ticket[];

  const spec = consoleJourney({
    seed: async (journey) => {
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
    },
  });

  it('selects three tickets in "Todos abiertos" and adds a tag to exactly those three', async () => {
    const queue = new QueuePage(spec.page);
    await queue.openView('Todos abiertos');
    const [a, b, c, untouched] = tickets as [Ticket, Ticket, Ticket, Ticket];
    for (const ticket of [a, b, c]) await queue.selectBox(ticket.number).check();
    await queue.bulkBar.getByText('3 seleccionados').waitFor();

    await queue.bulkAddTags(['cierre-noviembre'], 3);
    await spec.page.getByText('3 tickets actualizados').waitFor();
    await queue.bulkBar.waitFor({ state: 'hidden' });

    for (const ticket of [a, b, c]) {
      expect((await spec.admin.get<Ticket>(`/tickets/${ticket.id}`)).tags).toContain('cierre-noviembre');
    }
    expect((await spec.admin.get<Ticket>(`/tickets/${untouched.id}`)).tags).not.toContain('cierre-noviembre');

    expect(spec.session.pageErrors).toEqual([]);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../fixtures/api.ts';
import type { BrowserSession } from '../fixtures/browser.ts';
import { consoleJourney } from '../fixtures/console-journey.ts';
import { TicketPage } from '../pages/TicketPage.ts';

describe('two agents on the same ticket see each other (agent collision)', () => {
  let ticket: Ticket;
  let colleague: BrowserSession;

  const spec = consoleJourney({
    seed: async (journey) => {
      await journey.admin.createAgent({
        name: 'Saray Méndez',
        email: 'saray@tiquete.test',
        password: 'Clave-de-saray-2024',
      });
      ticket = await journey.admin.createTicket({
        subject: 'Configurar el examen final para hoy a las 4:00 pm',
        body: 'Necesitamos el banco de preguntas y el tiempo límite.',
        requester: { name: 'Ricardo Torres', email: 'rtorres@altos.edu.mx' },
      });
    },
  });

  beforeAll(async () => {
    colleague = await spec.signIn({ email: 'saray@tiquete.test', password: 'Clave-de-saray-2024' });
  }, 30_000);

  it('shows "viewing" to the other agent, then "typing" while she writes, and clears when she leaves', async () => {
    const mine = new TicketPage(spec.page);
    const hers = new TicketPage(colleague.page);
    await mine.goto(ticket.number);
    await hers.goto(ticket.number);

    await mine.presence.getByText('Saray Méndez está viendo este ticket').waitFor();
    await hers.presence.getByText('Administrador está viendo este ticket').waitFor();

    await hers.textBox('reply').click();
    await hers.textBox('reply').pressSequentially('Hola Ricardo, ya lo estoy configurando');
    await mine.presence.getByText('Saray Méndez está escribiendo…').waitFor();

    await colleague.page.goto('/queues');
    await mine.presence.getByText(/Saray Méndez/).waitFor({ state: 'detached' });

    expect(spec.session.pageErrors).toEqual([]);
    expect(colleague.pageErrors).toEqual([]);
  });
});

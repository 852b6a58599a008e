import { describe, expect, it } from 'vitest';
import type { Ticket } from '../fixtures/api.ts';
import { consoleJourney } from '../fixtures/console-journey.ts';
import { TicketPage } from '../pages/TicketPage.ts';

type Links = { splitInto: Array<{ number: string }>; splitFrom: { number: string } | null };

describe('a second topic in the same ticket gets its own ticket (OpenPyme 003)', () => {
  let ticket: Ticket;

  const spec = consoleJourney({
    seed: async (journey) => {
      ticket = await journey.admin.createTicket({
        subject: 'Desbloqueo de usuario',
        body: 'El usuario de la cajera quedó bloqueado.',
        requester: { name: 'Jesús Adrián Rodríguez', email: 'jarodriguez@univa.mx' },
      });
      await journey.admin.post(`/tickets/${ticket.id}/messages`, {
        kind: 'note',
        body: 'El cliente también pregunta por el reporte de ventas por vendedor, que no cuadra con el cierre.',
      });
    },
  });

  it('moves the message about the other topic to a new linked ticket and opens it', async () => {
    const page = new TicketPage(spec.page);
    await page.goto(ticket.number);
    await page.messages('note').first().waitFor();

    await page.moreAction('Separar en un ticket nuevo');
    const dialog = page.dialog(`Separar ${ticket.number}`);
    await dialog.waitFor();
    await dialog.getByLabel(/^Asunto del ticket nuevo/).fill('Reporte de ventas por vendedor no cuadra');
    await dialog.getByRole('checkbox', { name: /reporte de ventas por vendedor/ }).check();
    await dialog.getByRole('button', { name: 'Crear ticket nuevo' }).click();

    await page.heading('Reporte de ventas por vendedor no cuadra').waitFor();
    const newNumber = new URL(spec.page.url()).pathname.split('/').pop() ?? '';
    expect(newNumber).not.toBe(ticket.number);
    await page.messages('note').first().waitFor();
    expect(await page.conversation.textContent()).toContain('no cuadra con el cierre');

    const links = await spec.admin.get<Links>(`/tickets/${ticket.id}/links`);
    expect(links.splitInto.map((l) => l.number)).toEqual([newNumber]);
    const back = await spec.admin.get<Links>(`/tickets/${newNumber}/links`);
    expect(back.splitFrom?.number).toBe(ticket.number);

    // The header names where it came from, with a link back; the original names the new one.
    await page.links.getByText('Separado de').waitFor();
    await page.links.getByRole('link', { name: ticket.number }).click();
    await page.heading(ticket.subject).waitFor();
    await page.links.getByRole('link', { name: newNumber }).waitFor();

    expect(spec.session.pageErrors).toEqual([]);
  });
});

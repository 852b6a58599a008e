import { describe, expect, it } from 'vitest';
import type { Ticket } from '../fixtures/api.ts';
import { consoleJourney } from '../fixtures/console-journey.ts';
import { TicketPage } from '../pages/TicketPage.ts';

type Stored = Ticket & { statusCategory: string };

describe('two tickets about the same problem become one', () => {
  let original: Ticket;
  let duplicate: Ticket;

  const spec = consoleJourney({
    seed: async (journey) => {
      const requester = { name: 'Jorge Araya', email: 'jaraya@elclavo.cr' };
      original = await journey.admin.createTicket({
        subject: 'No aparece el inventario completo al facturar en web',
        body: 'Solo salen 20 productos al facturar desde la web.',
        requester,
      });
      duplicate = await journey.admin.createTicket({
        subject: 'Otra vez el inventario incompleto',
        body: 'Sigue pasando lo del inventario; hoy tampoco aparece el cemento.',
        requester,
      });
    },
  });

  it('merges the duplicate into the original: its message moves over and it closes', async () => {
    const page = new TicketPage(spec.page);
    await page.goto(duplicate.number);

    await page.moreAction('Fusionar con otro ticket');
    const dialog = page.dialog(`Fusionar ${duplicate.number}`);
    await dialog.waitFor();
    await dialog.getByLabel('Ticket destino').fill(original.number);
    await dialog.getByRole('radio', { name: new RegExp(original.number) }).check();
    await dialog.getByText(`${duplicate.number} se cerrará y su conversación pasará a ${original.number}.`).waitFor();
    await dialog.getByRole('button', { name: `Fusionar en ${original.number}` }).click();

    await page.heading(original.subject).waitFor();
    expect(new URL(spec.page.url()).pathname).toBe(`/tickets/${original.number}`);
    await spec.page.getByText('hoy tampoco aparece el cemento').waitFor();

    const merged = await spec.admin.get<Stored>(`/tickets/${duplicate.id}`);
    expect(merged.mergedIntoId).toBe(original.id);
    expect(merged.statusCategory).toBe('closed');

    // The original's header lists what it received; the merged one points at it and runs no SLA clock.
    await page.links.getByRole('link', { name: duplicate.number }).waitFor();
    await page.slaBadge.first().waitFor();
    // Its conversation moved, so there is no message list to wait for: the title is enough.
    await spec.page.goto(`/tickets/${duplicate.number}`);
    await page.heading(duplicate.subject).waitFor();
    await page.links.getByText('Fusionado en').waitFor();
    await page.links.getByRole('link', { name: original.number }).waitFor();
    expect(await page.slaBadge.count()).toBe(0);

    expect(spec.session.pageErrors).toEqual([]);
  });
});

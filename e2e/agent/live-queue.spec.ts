import { describe, expect, it } from 'vitest';
import { consoleJourney } from '../fixtures/console-journey.ts';
import { QueuePage } from '../pages/QueuePage.ts';

describe('a ticket created elsewhere appears in the open queue without a reload', () => {
  const spec = consoleJourney();

  it('shows the new ticket and the new count in "Sin asignar" while the page stays loaded', async () => {
    const { page } = spec;
    const queue = new QueuePage(page);
    await queue.openView('Sin asignar');
    await page.getByText('No hay tickets en esta vista').waitFor();
    await page.getByRole('status').filter({ hasText: 'En vivo' }).waitFor();
    // A marker on the window: a reload would lose it.
    await page.evaluate(() => {
      (window as unknown as { stillHere: boolean }).stillHere = true;
    });

    // Another session (the API, as an integration or a colleague would) opens a ticket.
    const created = await spec.admin.createTicket({
      subject: 'El punto de venta no abre después de la actualización',
      body: 'Sale una pantalla en blanco al abrir la caja.',
      requester: { name: 'Andrés Quesada', phone: '+506 7011 2233' },
      channel: 'phone',
    });

    await queue.ticketLink('El punto de venta no abre después de la actualización').waitFor({ timeout: 10_000 });
    expect(await queue.row(created.number).count()).toBe(1);
    await queue.viewLink('Sin asignar').filter({ hasText: '1' }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);

    expect(spec.session.pageErrors).toEqual([]);
  });
});

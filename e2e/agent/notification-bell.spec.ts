import { beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, type Ticket } from '../fixtures/api.ts';
import type { BrowserSession } from '../fixtures/browser.ts';
import { consoleJourney } from '../fixtures/console-journey.ts';
import { NotificationBellPage } from '../pages/NotificationBellPage.ts';

const LUCERO = { name: 'Lucero Ramírez', email: 'lucero@tiquete.test', password: 'Clave-de-lucero-2024' };
const SARAY = { name: 'Saray Quintana', email: 'saray.q@tiquete.test', password: 'Clave-de-saray-2024' };

describe('an agent hears of a ticket assigned to her at once (the bell)', () => {
  let ticket: Ticket;
  let saray: BrowserSession;
  let sarayId: string;
  let lucero: ApiClient;

  const spec = consoleJourney({
    seed: async (journey) => {
      await journey.admin.createAgent(LUCERO);
      sarayId = (await journey.admin.createAgent(SARAY)).id;
      ticket = await journey.admin.createTicket({
        subject: 'Alta de la maestra Carmen en el curso de Matemáticas',
        body: 'Nombre, apellidos, rol y grupo en el mensaje.',
        requester: { name: 'Ricardo Torres', email: 'rtorres@altos.edu.mx' },
      });
      lucero = await ApiClient.signIn(journey.server.url, LUCERO.email, LUCERO.password);
    },
  });

  beforeAll(async () => {
    saray = await spec.signIn({ email: SARAY.email, password: SARAY.password });
  }, 30_000);

  it('shows the unread count rise when a colleague assigns her a ticket, without a reload, and opens it', async () => {
    const bell = new NotificationBellPage(saray.page);
    await saray.page.getByRole('status').filter({ hasText: 'En vivo' }).waitFor();
    await bell.withUnread(0).waitFor();
    await saray.page.evaluate(() => {
      (window as unknown as { stillHere: boolean }).stillHere = true;
    });

    // Lucero dispatches the ticket to Saray from her own session.
    await lucero.request('PATCH', `/tickets/${ticket.id}`, { assigneeId: sarayId });

    await bell.withUnread(1).waitFor({ timeout: 10_000 });
    expect(await saray.page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);

    await bell.open();
    await bell.item('ticket_assigned', ticket.subject).click();
    await saray.page.waitForURL(new RegExp(`/tickets/${ticket.id}$`));
    await bell.withUnread(0).waitFor();

    expect(saray.pageErrors).toEqual([]);
  });
});

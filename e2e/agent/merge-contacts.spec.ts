import { describe, expect, it } from 'vitest';
import type { Ticket } from '../fixtures/api.ts';
import { consoleJourney } from '../fixtures/console-journey.ts';
import { ContactPage } from '../pages/ContactPage.ts';

type StoredContact = {
  id: string;
  name: string;
  mergedIntoId: string | null;
  emails: Array<{ email: string }>;
  phones: Array<{ phone: string; whatsapp: boolean }>;
};

describe('the same customer entered twice (by email and by WhatsApp) becomes one contact', () => {
  let byEmail: StoredContact;
  let byWhatsapp: StoredContact;
  const tickets: Ticket[] = [];

  const spec = consoleJourney({
    seed: async ({ admin }) => {
      byEmail = await admin.post<StoredContact>('/contacts', {
        name: 'Jorge Araya',
        emails: [{ email: 'jaraya@elclavo.cr' }],
      });
      byWhatsapp = await admin.post<StoredContact>('/contacts', {
        name: 'Jorge Araya Solís',
        phones: [{ phone: '+506 8814 2271', whatsapp: true }],
      });
      tickets.push(
        await admin.createTicket({
          subject: 'No aparece el inventario completo al facturar',
          body: 'Solo salen 20 productos.',
          requester: { id: byEmail.id },
        }),
        await admin.createTicket({
          subject: 'Factura rechazada por Hacienda',
          body: 'Me escribió por WhatsApp con el código 99.',
          requester: { id: byWhatsapp.id },
          channel: 'whatsapp',
        }),
      );
    },
  });

  it('picks the contact to keep, says what moves, merges and opens the kept contact with all the tickets', async () => {
    const page = new ContactPage(spec.page);
    await page.goto(byWhatsapp.id);
    await page.heading('Jorge Araya Solís').waitFor();

    const dialog = await page.openMerge('Jorge Araya Solís');
    await dialog.pickKept('jaraya', 'Jorge Araya');
    await dialog.summary.waitFor();
    expect(await dialog.summary.textContent()).toContain(
      'Pasarán a Jorge Araya: 1 ticket, 0 correos y 1 teléfono de Jorge Araya Solís. No se puede deshacer.',
    );
    await dialog.confirm('Jorge Araya');

    await page.heading('Jorge Araya').waitFor();
    expect(new URL(spec.page.url()).pathname).toBe(`/contacts/${byEmail.id}`);
    for (const ticket of tickets) await page.tickets.getByText(ticket.number).waitFor();

    const source = await spec.admin.get<StoredContact>(`/contacts/${byWhatsapp.id}`);
    expect(source.mergedIntoId).toBe(byEmail.id);
    const kept = await spec.admin.get<StoredContact>(`/contacts/${byEmail.id}`);
    expect(kept.emails.map((e) => e.email)).toEqual(['jaraya@elclavo.cr']);
    expect(kept.phones).toEqual([expect.objectContaining({ whatsapp: true })]);
    // The WhatsApp number now shows on the kept contact's page.
    await spec.page.getByRole('link', { name: kept.phones[0]?.phone }).waitFor();
    const moved = await spec.admin.get<Ticket>(`/tickets/${tickets[1]?.id}`);
    expect(moved.requesterId).toBe(byEmail.id);

    // An old link to the merged contact says where it went.
    await page.goto(byWhatsapp.id);
    await spec.page.getByRole('link', { name: page.text.contacts.merge.openKept }).click();
    await page.heading('Jorge Araya').waitFor();
    expect(new URL(spec.page.url()).pathname).toBe(`/contacts/${byEmail.id}`);

    expect(spec.session.pageErrors).toEqual([]);
  });
});

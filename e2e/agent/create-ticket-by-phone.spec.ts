import { describe, expect, it } from 'vitest';
import { consoleJourney } from '../fixtures/console-journey.ts';
import { NewTicketPage } from '../pages/NewTicketPage.ts';
import { TicketPage } from '../pages/TicketPage.ts';

type StoredTicket = {
  id: string;
  channel: string;
  priority: string;
  tags: string[];
  requesterId: string;
  organizationId: string | null;
  assigneeId: string | null;
};
type StoredContact = { name: string; phones: Array<{ phone: string }>; organizationName: string | null };

describe('an agent files a ticket for a customer who called (001 "as user/phone")', () => {
  const spec = consoleJourney();

  it('creates the ticket by phone for a new customer and lands on it, unassigned, with the body as the customer wrote it', async () => {
    const { page } = spec;
    await page.getByRole('banner').getByRole('link', { name: 'Nuevo ticket' }).click();
    const form = new NewTicketPage(page);
    await form.form.waitFor();

    await form.newCustomer({
      name: 'Ernesto Jiménez Mora',
      phone: '+506 8890 1122',
      organization: 'Panadería La Espiga',
    });
    await form.field('Asunto').fill('No imprime la factura electrónica');
    await form
      .field('Descripción')
      .fill('Desde esta mañana la impresora térmica no imprime las facturas. Ya reinicié la caja.');
    await form.choose('Tipo', 'Soporte');
    await form.choose('Prioridad', 'Alta');
    const tags = form.form.getByRole('textbox', { name: 'Etiquetas' });
    await tags.fill('impresora');
    await tags.press('Enter');
    // The channel starts as "Teléfono" and the assignee empty (weknow: unassigned when unclear).
    expect(await form.field('Canal').inputValue()).toBe('Teléfono');
    expect(await form.field('Responsable').inputValue()).toBe('');
    await form.submit();

    const ticketPage = new TicketPage(page);
    await ticketPage.heading('No imprime la factura electrónica').waitFor();
    const number = new URL(page.url()).pathname.split('/').pop() ?? '';
    expect(number).toMatch(/^OP\d+$/);
    await ticketPage.messages('customer').first().waitFor();
    expect(await ticketPage.messages('customer').first().textContent()).toContain('la impresora térmica no imprime');

    const ticket = await spec.admin.get<StoredTicket>(`/tickets/${number}`);
    expect(ticket).toMatchObject({ channel: 'phone', priority: 'alta', tags: ['impresora'], assigneeId: null });
    const contact = await spec.admin.get<StoredContact>(`/contacts/${ticket.requesterId}`);
    expect(contact.name).toBe('Ernesto Jiménez Mora');
    expect(contact.phones[0]?.phone).toContain('88901122');
    expect(contact.organizationName).toBe('Panadería La Espiga');

    expect(spec.session.pageErrors).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import type { Ticket } from '../fixtures/api.ts';
import { consoleJourney } from '../fixtures/console-journey.ts';
import { TicketPage } from '../pages/TicketPage.ts';

type Message = { kind: string; body: string; attachments: Array<{ filename: string; size: number }> };

describe('an agent answers with a canned script whose placeholders are filled, and a file dropped on the reply', () => {
  let ticket: Ticket;

  const spec = consoleJourney({
    seed: async (journey) => {
      await journey.admin.post('/organizations', { name: 'Ferretería El Clavo S.A.', code: '1234' });
      ticket = await journey.admin.createTicket({
        subject: 'Comprobante de pago de diciembre',
        body: 'Les comparto el comprobante del SINPE de diciembre.',
        requester: { name: 'Jesús Adrián Rodríguez', email: 'jesus@elclavo.cr' },
        organization: { name: 'Ferretería El Clavo S.A.' },
        channel: 'whatsapp',
      });
    },
  });

  it('previews Wolk’s SCRIPT #2 with the first name, the agent and the customer ID, inserts it and sends it with the receipt', async () => {
    const page = new TicketPage(spec.page);
    await page.goto(ticket.number);

    await page.pickMacro(
      'Pago recibido: SCRIPT #2 (confirmación del recibido del pago + recordatorio nota de ID)',
      'SCRIPT #2',
    );
    const preview = page.macroPreview;
    await preview.waitFor();
    const previewText = (await preview.getByTestId('macro-preview-text').textContent()) ?? '';
    expect(previewText).toContain('¡Hola Jesús, te saluda Administrador!');
    expect(previewText).toContain('*ID 1234*');
    expect(previewText).not.toContain('{{');
    // Each placeholder is listed with the value it took for this ticket.
    expect(await preview.textContent()).toContain('{{contact.first_name}} → Jesús');

    await preview.getByRole('button', { name: 'Insertar en la respuesta' }).click();
    const box = page.textBox('reply');
    expect(await box.inputValue()).toContain('¡Hola Jesús, te saluda Administrador!');

    // The payment receipt goes along, dragged onto the composer.
    await page.dropFiles([{ name: 'comprobante-sinpe.txt', type: 'text/plain', content: 'SINPE 02/12 ₡45 200' }]);
    await page.composer.getByRole('listitem').filter({ hasText: 'comprobante-sinpe.txt' }).waitFor();
    await page.sendButton('reply').click();

    const reply = page.messages('reply');
    await reply.first().waitFor();
    expect(await reply.first().textContent()).toContain('¡Hola Jesús, te saluda Administrador!');
    await reply.first().getByRole('link', { name: 'Descargar comprobante-sinpe.txt' }).waitFor();
    expect(await box.inputValue()).toBe('');

    const { items } = await spec.admin.get<{ items: Message[] }>(`/tickets/${ticket.id}/messages`);
    const sent = items.find((m) => m.kind === 'reply' && m.body.includes('te saluda'));
    expect(sent?.body).toContain('*ID 1234*');
    expect(sent?.body).not.toContain('{{');
    expect(sent?.attachments.map((a) => a.filename)).toEqual(['comprobante-sinpe.txt']);

    expect(spec.session.pageErrors).toEqual([]);
  });
});

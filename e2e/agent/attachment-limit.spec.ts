import { describe, expect, it } from 'vitest';
import type { Ticket } from '../fixtures/api.ts';
import { consoleJourney } from '../fixtures/console-journey.ts';
import { AttachmentsAdminPage } from '../pages/AttachmentsAdminPage.ts';
import { TicketPage } from '../pages/TicketPage.ts';

type Message = { kind: string; body: string; attachments: Array<{ filename: string; size: number }> };
const MB = 1_048_576;

describe('an admin lowers the attachment limit and a larger file is refused, in Spanish', () => {
  let ticket: Ticket;

  const spec = consoleJourney({
    seed: async ({ admin }) => {
      ticket = await admin.createTicket({
        subject: 'Respaldo de la base de datos de noviembre',
        body: 'Les envío el respaldo para que lo revisen.',
        requester: { name: 'Patricia Gómez', email: 'pgomez@univa.mx' },
      });
    },
  });

  it('sets 1 MB in Administración → Adjuntos, then a 1.5 MB file on a note is refused and nothing is sent', async () => {
    const admin = new AttachmentsAdminPage(spec.page);
    await admin.goto();
    expect(await admin.navLink.getAttribute('aria-current')).toBe('page');
    await admin.setLimitMb(1);
    await expect
      .poll(async () => (await spec.admin.get<{ attachmentLimitBytes: number }>('/settings')).attachmentLimitBytes)
      .toBe(MB);

    const page = new TicketPage(spec.page);
    await page.goto(ticket.number);
    await page.chooseMode('note');
    await page.textBox('note').fill('Adjunto el respaldo completo.');
    await page.dropFiles([{ name: 'respaldo.sql', type: 'text/plain', content: 'x'.repeat(Math.round(1.5 * MB)) }]);
    await page.composer.getByText('respaldo.sql').waitFor();
    await page.sendButton('note').click();

    await spec.page.getByRole('alert').filter({ hasText: 'Un archivo supera el límite de 1 MB.' }).waitFor();
    const { items } = await spec.admin.get<{ items: Message[] }>(`/tickets/${ticket.id}/messages`);
    expect(items.filter((m) => m.kind === 'note')).toEqual([]);

    // Under the limit, the same note goes through with its file.
    await page.dropFiles([{ name: 'resumen.txt', type: 'text/plain', content: 'x'.repeat(MB / 2) }]);
    const remove = page.text.composer.removeFile.replace('{{name}}', 'respaldo.sql');
    await page.composer.getByRole('button', { name: remove, exact: true }).click();
    await page.sendButton('note').click();
    await page.messages('note').first().waitFor();
    const after = await spec.admin.get<{ items: Message[] }>(`/tickets/${ticket.id}/messages`);
    expect(after.items.find((m) => m.kind === 'note')?.attachments).toEqual([
      expect.objectContaining({ filename: 'resumen.txt', size: MB / 2 }),
    ]);

    // The one refusal the journey provokes is Chromium's only complaint.
    expect(spec.session.pageErrors).toEqual([
      'console: Failed to load resource: the server responded with a status of 413 (Payload Too Large)',
    ]);
  });
});

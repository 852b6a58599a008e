import { describe, expect, it } from 'vitest';
import { customerClient, deliveryReport, freePort, startSink } from '../../src/channels/email/test-support.ts';
import type { Ticket } from '../fixtures/api.ts';
import { screenshot } from '../fixtures/browser.ts';
import { consoleJourney } from '../fixtures/console-journey.ts';
import { inboundSmtpEnv, MAIL_DOMAIN } from '../fixtures/mail.ts';
import { TicketPage } from '../pages/TicketPage.ts';

// Issue 13: "Respuesta enviada" when nothing was sent. Each reply shows where its mail is.
describe('without outbound mail, the console warns and replies show as queued', () => {
  let ticket: Ticket;
  let phoneOnly: Ticket;
  const spec = consoleJourney({
    seed: async (journey) => {
      ticket = await journey.admin.createTicket({
        subject: 'No llega la factura de noviembre',
        body: 'No me llegó la factura.',
        requester: { name: 'Mariana Solís', email: 'msolis@altos.edu.mx' },
      });
      const contact = await journey.admin.post<{ id: string }>('/contacts', {
        name: 'Ernesto Jiménez',
        phones: [{ phone: '+506 8890 1122', whatsapp: true }],
      });
      phoneOnly = await journey.admin.createTicket({
        subject: 'Llamó por la clave',
        body: 'No puede entrar.',
        channel: 'phone',
        requester: { id: contact.id },
      });
    },
  });

  it('warns on the ticket page and shows the reply in the queue, not as sent', async () => {
    const page = new TicketPage(spec.page);
    await page.goto(ticket.number);
    await spec.page.getByRole('alert').filter({ hasText: 'El correo saliente no está listo' }).waitFor();

    await page.textBox('reply').fill('Te la reenviamos hoy mismo.');
    await page.sendButton('reply').click();
    await spec.page.getByText('Respuesta en cola: su estado de envío se ve en la conversación').waitFor();
    const reply = page.messages('reply').first();
    await reply.getByText('En cola', { exact: true }).waitFor();
    await screenshot(spec.page, 'reply-queued-no-outbound');
    expect(spec.session.pageErrors).toEqual([]);
  });

  it('refuses an email reply to a customer without an address and offers the channels they have', async () => {
    const page = new TicketPage(spec.page);
    await page.goto(phoneOnly.number);
    await page.textBox('reply').fill('Ya te restablecimos la clave.');
    await page.sendButton('reply').click();
    const refused = page.composer.getByRole('alert').filter({ hasText: 'No se puede responder por correo' });
    await refused.waitFor();
    await refused.getByRole('button', { name: 'Registrar por WhatsApp' }).click();
    expect(await page.composerField('Medio').inputValue()).toBe('WhatsApp');
    expect(await page.textBox('activity').inputValue()).toBe('Ya te restablecimos la clave.');
    expect(await page.messages('reply').count()).toBe(0);
  });

  it('warns on the mailboxes screen that mail cannot leave nor be answered', async () => {
    await spec.page.goto('/admin/mailboxes');
    const warning = spec.page.getByRole('alert').filter({ hasText: 'El correo saliente no está listo' });
    await warning.getByText(/soporte@localhost/).waitFor();
    await warning.getByText(/No hay correo saliente configurado/).waitFor();
    await screenshot(spec.page, 'mailboxes-outbound-warning');
  });
});

describe('a reply whose mail server is down shows the failure with its reason, and is retried', () => {
  let ticket: Ticket;
  let port = 0;
  let inboundPort = 0;
  const spec = consoleJourney({
    env: async () => {
      port = await freePort();
      const inbound = await inboundSmtpEnv();
      inboundPort = Number(inbound.INBOUND_SMTP_PORT);
      return { ...inbound, OUTBOUND_SMTP_URL: `smtp://127.0.0.1:${port}` };
    },
    seed: async (journey) => {
      ticket = await journey.admin.createTicket({
        subject: 'Cambio de contraseña',
        body: 'Necesito cambiar mi contraseña.',
        channel: 'internal',
        requester: { name: 'Mariana Solís', email: 'msolis@altos.edu.mx' },
      });
    },
  });

  it('shows "falló" with the server’s reason, "enviado" after the agent retries once the server is up, then "entregado" when the customer’s server reports it', async () => {
    const page = new TicketPage(spec.page);
    await page.goto(ticket.number);
    await page.textBox('reply').fill('Listo, ya puedes entrar con la nueva.');
    await page.sendButton('reply').click();
    const reply = page.messages('reply').first();
    await reply.getByText('Falló, se reintentará', { exact: true }).waitFor({ timeout: 60_000 });
    await reply.getByText(/Motivo: .*(ECONNREFUSED|connect)/).waitFor();
    await screenshot(spec.page, 'reply-delivery-failed');

    const sink = await startSink(port);
    try {
      await reply.getByRole('button', { name: 'Reintentar' }).click();
      await reply.getByText('Enviado', { exact: true }).waitFor({ timeout: 60_000 });
      expect(sink.mails.map((m) => m.text ?? '').join('\n')).toContain('Listo, ya puedes entrar con la nueva.');

      // The customer's server reports the delivery (RFC 3464): the open page shows it live.
      const sent = sink.mails.find((m) => (m.text ?? '').includes('Listo, ya puedes entrar'));
      const client = customerClient(inboundPort);
      try {
        await client.sendMail({
          envelope: { from: '', to: [`soporte@${MAIL_DOMAIN}`] },
          raw: deliveryReport(sent?.messageId as string, 'delivered', '250 2.0.0 Ok', 'msolis@altos.edu.mx'),
        });
      } finally {
        client.close();
      }
      const state = async () =>
        (
          await spec.admin.get<{ items: { body: string; delivery: { state: string } | null }[] }>(
            `/tickets/${ticket.id}/messages`,
          )
        ).items.find((m) => m.body.includes('Listo, ya puedes entrar'))?.delivery?.state;
      await expect.poll(state, { timeout: 15_000 }).toBe('delivered');
      await reply.getByText('Entregado', { exact: true }).waitFor({ timeout: 10_000 });
      await screenshot(spec.page, 'reply-delivery-delivered');
    } finally {
      await sink.close();
    }
    expect(spec.session.pageErrors).toEqual([]);
  });
});

import { afterAll, describe, expect, it } from 'vitest';
import { freePort, startSink } from '../../src/channels/email/test-support.ts';
import type { Ticket } from '../fixtures/api.ts';
import { openSession, screenshot } from '../fixtures/browser.ts';
import { consoleJourney } from '../fixtures/console-journey.ts';
import { TicketPage } from '../pages/TicketPage.ts';

// Issue 15 (004: solved tickets ask "¿Cómo calificaría el soporte que recibió?"): the customer
// answers from the solved mail's link without signing in, and the agent sees the answer.
describe('satisfaction survey from the solved mail', () => {
  let sink: Awaited<ReturnType<typeof startSink>> | undefined;
  let ticket: Ticket;
  const spec = consoleJourney({
    env: async () => {
      const port = await freePort();
      sink = await startSink(port);
      return { OUTBOUND_SMTP_URL: `smtp://127.0.0.1:${port}` };
    },
    seed: async (journey) => {
      ticket = await journey.admin.createTicket({
        subject: 'No puedo timbrar facturas',
        body: 'Sale un error al timbrar.',
        requester: { name: 'Mariana Solís', email: 'msolis@altos.edu.mx' },
      });
      await journey.admin.patch(`/tickets/${ticket.id}`, { status: 'RESUELTO' });
    },
  });

  afterAll(async () => {
    await sink?.close();
  });

  /** The solved mail's "Malo" link, once the server has sent it. */
  async function badLinkFromMail(): Promise<string> {
    const until = Date.now() + 30_000;
    while (Date.now() < until) {
      const mail = sink?.mails.find((m) => m.subject?.includes(ticket.number) && m.text?.includes('/satisfaction/'));
      const link = mail?.text?.match(/Malo, no estoy satisfecho: (\S+)/)?.[1];
      if (link) return link;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error('the solved mail with the survey did not arrive within 30 s');
  }

  it('the customer opens the "Malo" link, comments, submits and is thanked; the agent sees the rating', async () => {
    const link = new URL(await badLinkFromMail());
    expect(link.pathname).toMatch(/^\/satisfaction\/[\w-]+$/);
    expect(link.searchParams.get('rating')).toBe('bad');

    // A phone, with no session: the link alone opens the survey.
    const customer = await openSession(spec.journey.browser, {
      baseURL: spec.journey.server.url,
      viewport: { width: 390, height: 844 },
    });
    try {
      const page = customer.page;
      await page.goto(`${link.pathname}${link.search}`);
      await page.getByText(`Solicitud ${ticket.number}`).waitFor();
      await page.getByText('No puedo timbrar facturas').waitFor();
      const bad = page.getByRole('radio', { name: 'Malo, no estoy satisfecho' });
      expect(await bad.isChecked()).toBe(true); // preselected by the link
      await page.getByRole('radio', { name: 'Bueno, estoy satisfecho' }).click();
      await bad.click();
      await page.getByLabel('Comentario (opcional)').fill('Tardaron tres días en responder.');
      // Phone-friendly: nothing scrolls sideways at 390 px.
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(
        0,
      );
      await screenshot(page, 'satisfaction-survey-phone');
      await page.getByRole('button', { name: 'Enviar calificación' }).click();
      await page.getByText('¡Gracias por su calificación!').waitFor();
      await page.getByText('Su calificación: Malo').waitFor();
      await screenshot(page, 'satisfaction-thanks-phone');

      // English on the same page.
      await page.getByRole('button', { name: 'Cambiar mi calificación' }).click();
      await page.getByText('EN', { exact: true }).click();
      await page.getByText('How would you rate the support you received?').waitFor();
      expect(customer.pageErrors).toEqual([]);
    } finally {
      await customer.context.close();
    }

    const agent = new TicketPage(spec.page);
    await agent.goto(ticket.number);
    const panel = spec.page.locator('[data-satisfaction="bad"]');
    await panel.getByText('Malo', { exact: true }).waitFor();
    await panel.getByText('Tardaron tres días en responder.').waitFor();
    await screenshot(spec.page, 'satisfaction-on-ticket');
    expect(spec.session.pageErrors).toEqual([]);
  });
});

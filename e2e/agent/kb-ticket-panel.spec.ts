import { afterAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../fixtures/api.ts';
import type { BrowserSession } from '../fixtures/browser.ts';
import { screenshot, sideways } from '../fixtures/browser.ts';
import { signedInSession } from '../fixtures/console.ts';
import { consoleJourney } from '../fixtures/console-journey.ts';
import { catalogs } from '../fixtures/i18n.ts';
import { fieldLabel } from '../pages/controls.ts';
import { TicketPage } from '../pages/TicketPage.ts';

const es = catalogs.es;
const kb = es.kb;
const AGENT = { name: 'Laura Méndez', email: 'laura.mendez@tiquete.test', password: 'Clave-de-laura-2024' };
const PHONE = { width: 390, height: 844 };
const ARTICLE = 'Cómo descargar la factura electrónica en PDF';
const SLUG = 'descargar-factura-pdf';
const SUBJECT = 'No encuentro cómo bajar la factura de noviembre';

type Article = { id: string; title: string; body: string; visibility: string; revision: number };

describe('an agent on a ticket finds an article, puts its link and its text into the reply, sends it, and turns the solution into an article', () => {
  let ticket: Ticket;
  let agent: BrowserSession;
  let phone: BrowserSession | undefined;

  const spec = consoleJourney({
    viewport: { width: 1280, height: 900 },
    seed: async (journey) => {
      const soporte = await journey.admin.post<{ id: string }>('/departments', { name: 'Soporte' });
      await journey.admin.createAgent({ ...AGENT, departmentIds: [soporte.id] });
      await journey.admin.post('/kb/articles', {
        title: ARTICLE,
        slug: SLUG,
        visibility: 'public',
        body: 'En **Facturación › Documentos** abra la factura y pulse «Descargar PDF».',
      });
      await journey.admin.post('/kb/articles', {
        title: 'Facturas con nota de crédito (interno)',
        visibility: 'internal',
        body: 'Solo para agentes: revisar la nota de crédito antes de reenviar la factura.',
      });
      ticket = await journey.admin.createTicket({
        departmentId: soporte.id,
        subject: SUBJECT,
        body: 'Buenas, no logro descargar la factura del mes pasado.',
        requester: { name: 'Andrea Solano', email: 'asolano@ferreteriaelsol.cr' },
      });
    },
  });

  afterAll(async () => {
    await phone?.context.close();
  });

  const panelOf = (session: BrowserSession) => session.page.getByRole('region', { name: kb.panel.title });

  /** Searches without the accent and opens the public article from the results. */
  async function openArticle(session: BrowserSession) {
    const panel = panelOf(session);
    await panel.getByRole('searchbox', { name: kb.panel.search }).fill('facturacion pdf');
    const results = panel.getByRole('list', { name: kb.panel.results });
    await results.getByRole('button', { name: new RegExp(`^${ARTICLE}`) }).click();
    await panel.getByRole('article', { name: ARTICLE }).getByText('Descargar PDF', { exact: false }).waitFor();
    return panel;
  }

  it('searches the knowledge base beside the ticket and inserts the article’s help-centre link and its text', async () => {
    agent = await spec.signIn(AGENT);
    const page = new TicketPage(agent.page);
    await page.goto(ticket.number);
    const panel = await openArticle(agent);
    const reply = page.textBox('reply');

    await panel.getByRole('button', { name: kb.panel.insertLink }).click();
    const link = `${spec.journey.server.url}/help/articles/${SLUG}`;
    await expect.poll(() => reply.inputValue()).toBe(`${ARTICLE}: ${link}`);
    await panel.getByRole('button', { name: kb.panel.insertText }).click();
    await expect
      .poll(() => reply.inputValue())
      .toBe(`${ARTICLE}: ${link}\n\nEn Facturación › Documentos abra la factura y pulse «Descargar PDF».`);
    await screenshot(agent.page, 'kb-ticket-panel-desktop');

    // The link opens the public article for anyone, without signing in.
    const visitor = await fetch(`${spec.journey.server.url}/api/v1/help/articles/${SLUG}`);
    expect(visitor.status).toBe(200);
    expect(agent.pageErrors).toEqual([]);
  });

  it('sends the reply with the article in it', async () => {
    const page = new TicketPage(agent.page);
    await page.sendButton('reply').click();
    const sent = page.messages('reply').filter({ hasText: `/help/articles/${SLUG}` });
    await sent.waitFor();
    expect(await sent.textContent()).toContain('pulse «Descargar PDF»');
    expect(agent.pageErrors).toEqual([]);
  });

  it('"Crear artículo desde la solución" opens the editor with the subject and the last reply, and saves it internal', async () => {
    const page = agent.page;
    await panelOf(agent).getByRole('button', { name: kb.panel.fromSolution }).click();
    await page.getByText(kb.editor.fromTicket.replace('{{number}}', ticket.number).split(':')[0] ?? '').waitFor();
    const title = page.getByLabel(fieldLabel(kb.fields.title));
    expect(await title.inputValue()).toBe(SUBJECT);
    const body = page.getByRole('textbox', { name: kb.fields.body });
    expect(await body.inputValue()).toContain(`/help/articles/${SLUG}`);
    expect(await body.inputValue()).toContain('pulse «Descargar PDF»');
    const visibility = page.getByRole('radiogroup', { name: kb.fields.visibility });
    expect(await visibility.getByRole('radio', { name: kb.visibility.internal }).isChecked()).toBe(true);
    await screenshot(page, 'kb-article-from-solution');

    await page.getByRole('button', { name: kb.editor.create, exact: true }).click();
    await page.getByText(kb.editor.revision.replace('{{revision}}', '1'), { exact: true }).waitFor();
    const id = page.url().split('/kb/articles/')[1] ?? '';
    const saved = await spec.admin.get<Article>(`/kb/articles/${id}`);
    expect(saved).toMatchObject({ title: SUBJECT, visibility: 'internal', revision: 1 });
    expect(saved.body).toContain('pulse «Descargar PDF»');
    expect(agent.pageErrors).toEqual([]);
  });

  it('on a 390 px phone the panel sits under Detalles, and inserting goes back to the conversation', async () => {
    phone = await signedInSession(spec.journey.browser, {
      baseURL: spec.journey.server.url,
      email: AGENT.email,
      password: AGENT.password,
      viewport: PHONE,
    });
    const page = new TicketPage(phone.page);
    await page.goto(ticket.number);
    await phone.page.getByRole('tab', { name: es.ticket.tabs.details }).click();
    const panel = await openArticle(phone);
    await panel.scrollIntoViewIfNeeded();
    await screenshot(phone.page, 'kb-ticket-panel-phone');
    expect(await sideways(phone.page)).toBe(0);

    await panel.getByRole('button', { name: kb.panel.insertText }).click();
    await expect
      .poll(() => phone?.page.getByRole('tab', { name: es.ticket.tabs.conversation }).getAttribute('aria-selected'))
      .toBe('true');
    await expect.poll(() => page.textBox('reply').inputValue()).toContain('pulse «Descargar PDF»');
    await screenshot(phone.page, 'kb-ticket-panel-phone-inserted');
    expect(phone.pageErrors).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { screenshot, sideways } from '../fixtures/browser.ts';
import { PHONE, portalJourney, setPasswordFromMail } from '../fixtures/portal.ts';
import { PortalPage } from '../pages/PortalPage.ts';

const CONTACT = { name: 'Laura Solís', email: 'lsolis@cimatic.test', password: 'Clave de Laura 77' };
const TYPE = 'Soporte del sistema';
const MEGABYTE = 1024 * 1024;

// 004: a customer opens, follows, answers, solves, rates and reopens their request in the portal.
describe('portal tickets: Mis actividades, Nuevo ticket and the ticket page', () => {
  const spec = portalJourney(async (journey, sink) => {
    // An admin offers a type to customers; an agent invites the contact, who sets a password from the mail.
    await journey.admin.post('/ticket-settings/types', { name: TYPE, customerVisible: true });
    const organization = await journey.admin.post<{ id: string }>('/organizations', { name: 'Cimatic' });
    const contact = await journey.admin.post<{ id: string }>('/contacts', {
      name: CONTACT.name,
      emails: [{ email: CONTACT.email }],
      organizationId: organization.id,
      organizationRole: 'member',
    });
    await journey.admin.post(`/contacts/${contact.id}/invite`);
    await setPasswordFromMail(journey, sink, CONTACT.email, CONTACT.password);
  });
  const journey = () => spec.journey;

  /** Fills "Nuevo ticket" and sends it; returns the new ticket's number from its page's address. */
  async function createTicket(portal: PortalPage, subject: string, file?: { name: string; size: number }) {
    const { page, text } = portal;
    await portal.openNav(text.portal.nav.newTicket);
    await portal.heading(text.portal.newTicket.title).waitFor();
    await page.getByRole('textbox', { name: text.portal.newTicket.subject }).fill(subject);
    await page
      .getByRole('textbox', { name: text.portal.newTicket.description })
      .fill('Al timbrar la factura el sistema muestra "Error 301" desde esta mañana.');
    await page.getByRole('textbox', { name: text.ticket.fields.priority, exact: true }).click();
    await page.getByRole('option', { name: text.ticket.priority.alta, exact: true }).click();
    await page.getByRole('textbox', { name: text.ticket.fields.type, exact: true }).click();
    await page.getByRole('option', { name: TYPE }).click();
    if (file) {
      await page.locator('input[type="file"]').setInputFiles({
        name: file.name,
        mimeType: 'application/pdf',
        buffer: Buffer.alloc(file.size, 7),
      });
    }
    await portal.button(text.portal.newTicket.submit).click();
    await page.waitForURL(/\/portal\/tickets\/\w*\d+$/);
    await portal.heading(subject).waitFor();
    return new URL(page.url()).pathname.split('/').pop() ?? '';
  }

  /** Replies with "Considere esta solicitud como resuelta" checked, and waits for the solved panel. */
  async function replySolved(portal: PortalPage, body: string) {
    const { page, text } = portal;
    await page.getByRole('textbox', { name: text.portal.ticket.reply }).fill(body);
    await page.getByRole('checkbox', { name: text.portal.ticket.markSolved }).check();
    await portal.button(text.portal.ticket.send).click();
    await page.getByText(body).waitFor();
    await page.getByText(text.portal.ticket.solvedTitle).waitFor();
  }

  async function ticketJson(number: string) {
    return journey().admin.get<{
      statusCategory: string;
      satisfaction?: { rating: string | null; comment: string | null } | null;
    }>(`/tickets/${number}`);
  }

  it('creates a ticket with a 1 MB file, finds it in Mis actividades, replies, solves it, rates it "Malo" and reopens it', async () => {
    const session = await spec.open();
    const portal = new PortalPage(session.page);
    const { page, text } = portal;
    await portal.signIn(CONTACT.email, CONTACT.password);
    await portal.landing().waitFor();
    await page.getByText(text.portal.tickets.empty).waitFor();

    const subject = 'No puedo timbrar facturas';
    const number = await createTicket(portal, subject, { name: 'error-301.pdf', size: MEGABYTE });
    // The file went with the ticket and downloads whole.
    const download = page.getByRole('link', { name: /error-301\.pdf/ });
    const href = await download.getAttribute('href');
    const file = await page.request.get(href ?? '');
    expect(file.status()).toBe(200);
    expect((await file.body()).length).toBe(MEGABYTE);

    await portal.openNav(text.portal.nav.tickets);
    await portal.landing().waitFor();
    const list = page.getByRole('list', { name: text.portal.tickets.listLabel });
    await list.getByRole('link', { name: `#${number} · ${subject}` }).click();
    await portal.heading(subject).waitFor();
    await screenshot(page, 'portal-ticket-page');

    await replySolved(portal, 'Ya funciona, muchas gracias.');
    expect((await ticketJson(number)).statusCategory).toBe('solved');
    await page.getByRole('link', { name: text.portal.ticket.rate }).click();
    await page.getByRole('radio', { name: text.satisfaction.page.bad }).click();
    await page.getByLabel(text.satisfaction.page.comment).fill('Tardaron en responder.');
    await page.getByRole('button', { name: text.satisfaction.page.submit }).click();
    await page.getByText(text.satisfaction.page.thanks).waitFor();
    expect((await ticketJson(number)).satisfaction).toMatchObject({ rating: 'bad', comment: 'Tardaron en responder.' });

    await page.goBack();
    await portal.heading(subject).waitFor();
    await portal.button(text.portal.ticket.reopen).click();
    await page.getByRole('checkbox', { name: text.portal.ticket.markSolved }).waitFor();
    expect(await portal.button(text.portal.ticket.reopen).count()).toBe(0);
    expect((await ticketJson(number)).statusCategory).toBe('open');
    expect(session.pageErrors).toEqual([]);
  });

  it('an admin turns on "Visible para clientes" for a category in the console; "Nuevo ticket" then offers it', async () => {
    const category = 'Facturación electrónica';
    await journey().admin.post('/ticket-settings/categories', { name: category });
    const agent = await spec.console();
    const customer = await spec.open();
    const portal = new PortalPage(customer.page);
    const { text } = portal;
    await portal.signIn(CONTACT.email, CONTACT.password);
    await portal.landing().waitFor();
    await portal.openNav(text.portal.nav.newTicket);
    // No category is offered yet, so the form has no category field.
    await portal.heading(text.portal.newTicket.title).waitFor();
    expect(await customer.page.getByRole('textbox', { name: text.ticket.fields.category, exact: true }).count()).toBe(
      0,
    );

    await agent.page.goto('/admin/categories');
    const visible = agent.page.getByRole('switch', {
      name: text.admin.customerVisibleOf.replace('{{name}}', category),
    });
    // The switch shows the stored value: it turns on once the server has saved it.
    await visible.click();
    await expect.poll(() => visible.isChecked()).toBe(true);
    await agent.page.getByText(text.admin.saved).first().waitFor();
    const categories = (
      await journey().admin.get<{ categories: { name: string; customerVisible: boolean }[] }>('/ticket-settings')
    ).categories;
    expect(categories.find((c) => c.name === category)?.customerVisible).toBe(true);

    await customer.page.reload();
    await customer.page.getByRole('textbox', { name: text.ticket.fields.category, exact: true }).click();
    await customer.page.getByRole('option', { name: category }).waitFor();
    expect(customer.pageErrors).toEqual([]);
  });

  it('the same core on a 390 px phone: no page scrolls sideways', async () => {
    const phone = await spec.open(PHONE);
    const portal = new PortalPage(phone.page);
    const { page, text } = portal;
    await portal.signIn(CONTACT.email, CONTACT.password);
    await portal.landing().waitFor();
    expect(await sideways(page)).toBe(0);

    const subject = 'El módulo de planillas no calcula las horas extra de la segunda quincena';
    const number = await createTicket(portal, subject, { name: 'planilla.pdf', size: 20_000 });
    expect(await sideways(page)).toBe(0);
    await portal.openNav(text.portal.nav.tickets);
    await page.getByRole('link', { name: `#${number} · ${subject}` }).waitFor();
    expect(await sideways(page)).toBe(0);
    await screenshot(page, 'portal-tickets-phone');
    await page.getByRole('link', { name: `#${number} · ${subject}` }).click();
    await replySolved(portal, 'Listo, ya calcula bien.');
    await page.getByRole('link', { name: text.portal.ticket.rate }).waitFor();
    expect(await sideways(page)).toBe(0);
    await screenshot(page, 'portal-ticket-solved-phone');
    await portal.button(text.portal.ticket.reopen).click();
    await page.getByRole('checkbox', { name: text.portal.ticket.markSolved }).waitFor();
    expect((await ticketJson(number)).statusCategory).toBe('open');
    expect(phone.pageErrors).toEqual([]);
  });

  it('Mis actividades hides closed tickets until "Mostrar cerrados", and finds a ticket by its number', async () => {
    const closed = await journey().admin.createTicket({
      subject: 'Cambio de contraseña ya atendido',
      body: 'Gracias.',
      requester: { email: CONTACT.email },
    });
    await journey().admin.patch(`/tickets/${closed.id}`, { status: 'CERRADO' });
    const customer = await spec.open();
    const portal = new PortalPage(customer.page);
    const { page, text } = portal;
    await portal.signIn(CONTACT.email, CONTACT.password);
    await portal.landing().waitFor();
    const list = page.getByRole('list', { name: text.portal.tickets.listLabel });
    const row = list.getByRole('link', { name: `#${closed.number} · Cambio de contraseña ya atendido` });
    // Loaded: the open tickets (other tests' ones) or the empty state when this test runs alone.
    await list.getByRole('listitem').or(page.getByText(text.portal.tickets.empty)).first().waitFor();
    expect(await row.count()).toBe(0);

    await page.getByRole('switch', { name: text.portal.tickets.showClosed }).click();
    await row.waitFor();
    await page.getByRole('searchbox', { name: text.portal.tickets.search }).fill(closed.number);
    await expect.poll(() => list.getByRole('listitem').count()).toBe(1);
    await row.waitFor();
    await page.getByRole('searchbox', { name: text.portal.tickets.search }).fill('zzpalabraquenoexiste');
    await page.getByText(text.portal.tickets.noMatch).waitFor();
    expect(customer.pageErrors).toEqual([]);
  });

  it('"Nuevo ticket" names a file above the limit before sending, and explains the refusal without a contract', async () => {
    await journey().admin.request('PUT', '/settings', { attachmentLimitBytes: 2 * MEGABYTE });
    try {
      const customer = await spec.open();
      const portal = new PortalPage(customer.page);
      const { page, text } = portal;
      await portal.signIn(CONTACT.email, CONTACT.password);
      await portal.landing().waitFor();
      await portal.openNav(text.portal.nav.newTicket);
      const fill = async () => {
        await page.getByRole('textbox', { name: text.portal.newTicket.subject }).fill('Respaldo de la base');
        await page.getByRole('textbox', { name: text.portal.newTicket.description }).fill('Adjunto el respaldo.');
      };
      await fill();
      await page.locator('input[type="file"]').setInputFiles({
        name: 'respaldo.zip',
        mimeType: 'application/zip',
        buffer: Buffer.alloc(3 * MEGABYTE, 1),
      });
      const tooLarge = text.portal.attachments.tooLarge
        .replace('{{names}}', 'respaldo.zip')
        .replace('{{limitMb}}', '2');
      await page.getByText(tooLarge).waitFor();
      const posts: string[] = [];
      page.on('request', (request) => {
        if (request.method() === 'POST') posts.push(request.url());
      });
      await portal.button(text.portal.newTicket.submit).click();
      await page.getByText(tooLarge).waitFor();
      expect(posts).toEqual([]);
      expect(new URL(page.url()).pathname).toBe('/portal/tickets/new');

      // Under contract_required an organization without a contract in force is told why and how to renew.
      await journey().admin.request('PUT', '/settings', { entitlement: 'contract_required' });
      await page.reload();
      await fill();
      await portal.button(text.portal.newTicket.submit).click();
      await page.getByRole('alert').filter({ hasText: text.errors.codes.CONTRACT_REQUIRED }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/portal/tickets/new');
    } finally {
      await journey().admin.request('PUT', '/settings', { attachmentLimitBytes: null, entitlement: 'open' });
    }
  });
});

import { describe, expect, it } from 'vitest';
import { screenshot, sideways } from '../fixtures/browser.ts';
import { linkMailedTo, PHONE, portalJourney, setPasswordFromMail } from '../fixtures/portal.ts';
import { PortalPage } from '../pages/PortalPage.ts';
import { TicketPage } from '../pages/TicketPage.ts';

const MAIN = { name: 'Ana Castro', email: 'acastro@cimatic.test', password: 'Clave del portal 1' };
const COLLEAGUE = { name: 'Diego Mora', email: 'dmora@cimatic.test', password: 'Clave de Diego 22' };
const TYPE = 'Soporte del sistema';
const MEGABYTE = 1024 * 1024;

/** Fills "Nuevo ticket" and sends it; returns the new ticket's number from its page's address. */
async function createTicket(portal: PortalPage, subject: string, file: { name: string; size: number }) {
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
  await page.locator('input[type="file"]').setInputFiles({
    name: file.name,
    mimeType: 'application/pdf',
    buffer: Buffer.alloc(file.size, 7),
  });
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

// Issue 15's journey (004: the main contact manages the company's users; a customer opens,
// follows, answers, solves, rates and reopens their request in the portal).
describe('portal journey: invite a colleague, who opens, answers, solves, rates and reopens a ticket', () => {
  const spec = portalJourney(async (journey, sink) => {
    // An admin offers a type to customers; an agent invites the main contact from the console's
    // contact page, whose password is set from that mail through the API.
    await journey.admin.post('/ticket-settings/types', { name: TYPE, customerVisible: true });
    const organization = await journey.admin.post<{ id: string }>('/organizations', { name: 'Cimatic' });
    const main = await journey.admin.post<{ id: string }>('/contacts', {
      name: MAIN.name,
      emails: [{ email: MAIN.email }],
      organizationId: organization.id,
      organizationRole: 'main_contact',
    });
    const agent = await spec.console();
    await agent.page.goto(`/contacts/${main.id}`);
    await agent.page.getByRole('button', { name: 'Invitar al portal' }).click();
    await agent.page.getByText(`Enviamos a ${MAIN.email} el enlace`).waitFor();
    await setPasswordFromMail(journey, sink, MAIN.email, MAIN.password);
  });

  async function ticketJson(number: string) {
    return spec.journey.admin.get<{
      statusCategory: string;
      satisfaction?: { rating: string | null; comment: string | null } | null;
    }>(`/tickets/${number}`);
  }

  it('the main contact invites a colleague, who sets a password from the mail, opens a ticket with 1 MB, answers, solves, rates it "Malo" and reopens it', async () => {
    // The main contact invites a colleague from "Usuarios".
    const mainSession = await spec.open();
    const main = new PortalPage(mainSession.page);
    const { text } = main;
    await main.signIn(MAIN.email, MAIN.password);
    await main.landing().waitFor();
    await main.openNav(text.portal.nav.users);
    await main.heading(text.portal.users.title).waitFor();
    await main.field(text.portal.users.name).fill(COLLEAGUE.name);
    await main.field(text.portal.login.email).fill(COLLEAGUE.email);
    await main.button(text.portal.users.invite).click();
    await main.userRow(COLLEAGUE.name).getByText(text.portal.users.status.invited, { exact: true }).waitFor();
    await screenshot(mainSession.page, 'portal-users-invited');

    // The colleague follows the mailed link, sets a password (the link then stops working) and signs in.
    const link = await linkMailedTo(spec.sink, COLLEAGUE.email);
    expect(link.startsWith(`${spec.journey.server.url}/portal/set-password?token=`)).toBe(true);
    const session = await spec.open();
    const portal = new PortalPage(session.page);
    const { page } = portal;
    await portal.setPassword(link, COLLEAGUE.password);
    // Someone who gets hold of the used link (another browser) is told it was used, and nothing changes.
    const intruder = await spec.open();
    const reused = new PortalPage(intruder.page);
    await intruder.page.goto(link);
    await reused.field(text.portal.setPassword.password).fill('Otra clave 333');
    await reused.field(text.portal.setPassword.confirm).fill('Otra clave 333');
    await reused.button(text.portal.setPassword.submit).click();
    await intruder.page.getByRole('alert').filter({ hasText: text.portal.errors.codes.PORTAL_TOKEN_USED }).waitFor();
    // The refused request is the only thing the browser logs there.
    expect(intruder.pageErrors).toEqual([expect.stringContaining('status of 410')]);
    await portal.signIn(COLLEAGUE.email, COLLEAGUE.password);
    await portal.landing().waitFor();
    await page.getByText(text.portal.tickets.empty).waitFor();
    // A member sees no "Usuarios": only the main contact manages users.
    const nav = page.getByRole('navigation', { name: text.portal.nav.label });
    await nav.getByRole('link', { name: text.portal.nav.password }).waitFor();
    expect(await nav.getByRole('link', { name: text.portal.nav.users }).count()).toBe(0);

    // A ticket with a 1 MB file; the file downloads whole.
    const subject = 'No puedo timbrar facturas';
    const number = await createTicket(portal, subject, { name: 'error-301.pdf', size: MEGABYTE });
    const href = await page.getByRole('link', { name: /error-301\.pdf/ }).getAttribute('href');
    const file = await page.request.get(href ?? '');
    expect(file.status()).toBe(200);
    expect((await file.body()).length).toBe(MEGABYTE);

    // It is in Mis actividades.
    await portal.openNav(text.portal.nav.tickets);
    await portal.landing().waitFor();
    const list = page.getByRole('list', { name: text.portal.tickets.listLabel });
    await list.getByRole('link', { name: `#${number} · ${subject}` }).click();
    await portal.heading(subject).waitFor();
    await screenshot(page, 'portal-ticket-page');

    // An agent has the ticket open in the console while the customer answers and rates it.
    const agent = await spec.console();
    await new TicketPage(agent.page).goto(number);
    const rating = agent.page.locator('[data-satisfaction="bad"]');
    expect(await rating.count()).toBe(0);

    await replySolved(portal, 'Ya funciona, muchas gracias.');
    expect((await ticketJson(number)).statusCategory).toBe('solved');
    await page.getByRole('link', { name: text.portal.ticket.rate }).click();
    await page.getByRole('radio', { name: text.satisfaction.page.bad }).click();
    await page.getByLabel(text.satisfaction.page.comment).fill('Tardaron en responder.');
    await page.getByRole('button', { name: text.satisfaction.page.submit }).click();
    await page.getByText(text.satisfaction.page.thanks).waitFor();
    expect((await ticketJson(number)).satisfaction).toMatchObject({ rating: 'bad', comment: 'Tardaron en responder.' });

    // The rating reaches the agent's open page over the live socket, without a reload.
    await rating.getByText('Malo', { exact: true }).waitFor();
    await rating.getByText('Tardaron en responder.').waitFor();
    await screenshot(agent.page, 'portal-rating-live-on-ticket');

    // The main contact sees the solved ticket but is not the requester: no survey, and no
    // request for one (it would fail with 403 and log an error).
    await mainSession.page.goto(`/portal/tickets/${number}`);
    await main.heading(subject).waitFor();
    await mainSession.page.getByText(text.portal.ticket.solvedTitle).waitFor();
    await main.button(text.portal.ticket.reopen).waitFor();
    expect(await mainSession.page.getByRole('link', { name: text.portal.ticket.rate }).count()).toBe(0);

    // The colleague goes back to the ticket and reopens it.
    await page.goBack();
    await portal.heading(subject).waitFor();
    await portal.button(text.portal.ticket.reopen).click();
    await page.getByRole('checkbox', { name: text.portal.ticket.markSolved }).waitFor();
    expect(await portal.button(text.portal.ticket.reopen).count()).toBe(0);
    expect((await ticketJson(number)).statusCategory).toBe('open');

    // Back on "Usuarios", the colleague now counts as active.
    await main.openNav(text.portal.nav.users);
    await main.userRow(COLLEAGUE.name).getByText(text.portal.users.status.active, { exact: true }).waitFor();
    expect(session.pageErrors).toEqual([]);
    expect(mainSession.pageErrors).toEqual([]);
    expect(agent.pageErrors).toEqual([]);
  });

  it('the same core on a 390 px phone: every page fits the screen, the menu opens the pages', async () => {
    const phone = await spec.open(PHONE);
    const portal = new PortalPage(phone.page);
    const { page, text } = portal;
    for (const [path, title] of [
      ['/portal/forgot-password', text.portal.forgot.title],
      ['/portal/set-password?token=x', text.portal.setPassword.title],
    ] as const) {
      await page.goto(path);
      await portal.heading(title).waitFor();
      expect(await sideways(page), path).toBe(0);
    }
    // The main contact (whose password the seed set), so this test needs nothing from the first.
    await portal.signIn(MAIN.email, MAIN.password);
    await portal.landing().waitFor();
    expect(await sideways(page)).toBe(0);

    const subject = 'El módulo de planillas no calcula las horas extra de la segunda quincena';
    const number = await createTicket(portal, subject, { name: 'planilla.pdf', size: 20_000 });
    expect(await sideways(page)).toBe(0);
    await portal.openNav(text.portal.nav.tickets);
    const row = page.getByRole('link', { name: `#${number} · ${subject}` });
    await row.waitFor();
    expect(await sideways(page)).toBe(0);
    await screenshot(page, 'portal-tickets-phone');
    await row.click();
    await replySolved(portal, 'Listo, ya calcula bien.');
    await page.getByRole('link', { name: text.portal.ticket.rate }).waitFor();
    expect(await sideways(page)).toBe(0);
    await screenshot(page, 'portal-ticket-solved-phone');
    await portal.button(text.portal.ticket.reopen).click();
    await page.getByRole('checkbox', { name: text.portal.ticket.markSolved }).waitFor();
    expect((await ticketJson(number)).statusCategory).toBe('open');
    for (const title of [text.portal.nav.password, text.portal.users.title]) {
      await portal.openNav(title);
      await portal.heading(title).waitFor();
      expect(await sideways(page), title).toBe(0);
    }
    await screenshot(page, 'portal-users-phone');
    // Signing out is in the menu on a phone (the header has no room for it).
    await portal.openNav(text.portal.signOut);
    await portal.heading(text.portal.login.title).waitFor();
    expect(phone.pageErrors).toEqual([]);
  });

  it('an agent deactivates one contact’s portal access from the contact page; the contact is signed out, then let back in', async () => {
    const person = { name: 'Rosa Vargas', email: 'rvargas@cimatic.test', password: 'Clave de Rosa 555' };
    const contact = await spec.journey.admin.post<{ id: string }>('/contacts', {
      name: person.name,
      emails: [{ email: person.email }],
    });
    await spec.journey.admin.post(`/contacts/${contact.id}/invite`);
    await setPasswordFromMail(spec.journey, spec.sink, person.email, person.password);
    const customer = await spec.open();
    const portal = new PortalPage(customer.page);
    const { text } = portal;
    await portal.signIn(person.email, person.password);
    await portal.landing().waitFor();

    const agent = await spec.console();
    await agent.page.goto(`/contacts/${contact.id}`);
    await agent.page.getByText(text.contacts.portal.status.active, { exact: true }).waitFor();
    await agent.page.getByRole('button', { name: text.contacts.portal.deactivate }).click();
    await agent.page.getByText(text.contacts.portal.status.inactive, { exact: true }).waitFor();
    // Turned off is re-activated, not invited again: the invitation is not offered meanwhile.
    expect(await agent.page.getByRole('button', { name: text.contacts.portal.invite }).count()).toBe(0);
    await screenshot(agent.page, 'contact-portal-deactivated');
    // Their open portal session ended: the next page asks them to sign in, and signing in fails.
    await customer.page.reload();
    await portal.heading(text.portal.login.title).waitFor();
    await portal.signIn(person.email, person.password);
    await customer.page.getByRole('alert').waitFor();
    expect(await portal.landing().count()).toBe(0);

    await agent.page.getByRole('button', { name: text.contacts.portal.reactivate }).click();
    await agent.page.getByText(text.contacts.portal.status.active, { exact: true }).waitFor();
    await agent.page.getByRole('button', { name: text.contacts.portal.invite }).waitFor();
    await portal.signIn(person.email, person.password);
    await portal.landing().waitFor();
    expect(agent.pageErrors).toEqual([]);
  });
});

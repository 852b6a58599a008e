import { describe, expect, it } from 'vitest';
import { screenshot } from '../fixtures/browser.ts';
import { portalJourney, setPasswordFromMail } from '../fixtures/portal.ts';
import { PortalPage } from '../pages/PortalPage.ts';

const CONTACT = { name: 'Laura Solís', email: 'lsolis@cimatic.test', password: 'Clave de Laura 77' };
const TYPE = 'Soporte del sistema';
const MEGABYTE = 1024 * 1024;

// What the journey (portal-journey.spec.ts) does not walk through: the category an admin offers,
// Mis actividades' filters, and the refusals of "Nuevo ticket".
describe('portal tickets: Mis actividades filters, Nuevo ticket offers and refusals', () => {
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

  it('a date field of the chosen type is typed as the portal writes dates (dd/mm/aaaa), whatever the browser’s locale', async () => {
    const types = (await journey().admin.get<{ types: { id: string; name: string }[] }>('/ticket-settings')).types;
    const type = types.find((t) => t.name === TYPE);
    await journey().admin.post(`/ticket-settings/types/${type?.id}/fields`, {
      key: 'fecha_error',
      label: 'Fecha del error',
      kind: 'date',
    });
    const customer = await spec.open();
    const portal = new PortalPage(customer.page);
    const { page, text } = portal;
    await portal.signIn(CONTACT.email, CONTACT.password);
    await portal.landing().waitFor();
    await portal.openNav(text.portal.nav.newTicket);
    await page.getByRole('textbox', { name: text.portal.newTicket.subject }).fill('Error al cerrar el mes');
    await page.getByRole('textbox', { name: text.portal.newTicket.description }).fill('El cierre del mes falla.');
    await page.getByRole('textbox', { name: text.ticket.fields.type, exact: true }).click();
    await page.getByRole('option', { name: TYPE }).click();
    const date = page.getByRole('textbox', { name: 'Fecha del error' });
    expect(await date.getAttribute('placeholder')).toBe(text.dates.datePlaceholder);
    await date.fill('05/03/2026');
    await date.blur();
    expect(await date.inputValue()).toBe('05/03/2026');
    await screenshot(page, 'portal-new-ticket-date-field');
    await portal.button(text.portal.newTicket.submit).click();
    await page.waitForURL(/\/portal\/tickets\/\w*\d+$/);
    const number = new URL(page.url()).pathname.split('/').pop() ?? '';
    const ticket = await journey().admin.get<{ customFields: Record<string, unknown> }>(`/tickets/${number}`);
    // The fifth of March, not the third of May an English browser's native input would read.
    expect(ticket.customFields).toEqual({ fecha_error: '2026-03-05' });
    expect(customer.pageErrors).toEqual([]);
  });

  it('Mis actividades hides closed tickets until "Mostrar cerrados", finds one by number, and keeps its filters in the address', async () => {
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
    const showClosed = page.getByRole('switch', { name: text.portal.tickets.showClosed });
    const search = page.getByRole('searchbox', { name: text.portal.tickets.search });
    // Loaded: the open tickets (other tests' ones) or the empty state when this test runs alone.
    await list.getByRole('listitem').or(page.getByText(text.portal.tickets.empty)).first().waitFor();
    expect(await row.count()).toBe(0);

    await showClosed.click();
    await row.waitFor();
    await search.fill(closed.number);
    // The search reaches the address once typing pauses (it replaces the "Mostrar cerrados" entry).
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(closed.number);
    await expect.poll(() => list.getByRole('listitem').count()).toBe(1);
    await row.waitFor();
    await page.getByRole('textbox', { name: text.portal.tickets.sort }).click();
    await page.getByRole('option', { name: text.portal.tickets.sorts.number }).click();
    await expect
      .poll(() => Object.fromEntries(new URL(page.url()).searchParams))
      .toEqual({ closed: 'true', q: closed.number, sort: 'number' });

    // A reload keeps every filter.
    await page.reload();
    await row.waitFor();
    expect(await showClosed.isChecked()).toBe(true);
    expect(await search.inputValue()).toBe(closed.number);
    expect(await page.getByRole('textbox', { name: text.portal.tickets.sort }).inputValue()).toBe(
      text.portal.tickets.sorts.number,
    );
    // Back undoes the sort; back again both the search and the closed toggle (one history entry).
    await page.goBack();
    await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe(null);
    await row.waitFor();
    await page.goBack();
    await expect.poll(() => showClosed.isChecked()).toBe(false);
    await expect.poll(() => search.inputValue()).toBe('');
    expect(await row.count()).toBe(0);
    // Forward brings the search back into the box.
    await page.goForward();
    await row.waitFor();
    // The row shows with "Mostrar cerrados" alone, so wait for the box rather than read it at once.
    await expect.poll(() => search.inputValue()).toBe(closed.number);
    await expect.poll(() => list.getByRole('listitem').count()).toBe(1);

    await search.fill('zzpalabraquenoexiste');
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
      await page.getByRole('alert').filter({ hasText: text.portal.errors.codes.CONTRACT_REQUIRED }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/portal/tickets/new');
    } finally {
      await journey().admin.request('PUT', '/settings', { attachmentLimitBytes: null, entitlement: 'open' });
    }
  });
});

import { describe, expect, it } from 'vitest';
import { screenshot, sideways } from '../fixtures/browser.ts';
import { linkMailedTo, PHONE, portalJourney, setPasswordFromMail } from '../fixtures/portal.ts';
import { PortalPage } from '../pages/PortalPage.ts';

const MAIN = { name: 'Ana Castro', email: 'acastro@cimatic.test', password: 'Clave del portal 1' };
const COLLEAGUE = { name: 'Diego Mora', email: 'dmora@cimatic.test', password: 'Clave de Diego 22' };

// 004: the main contact manages the company's users; a colleague joins from the mail's link.
describe('portal accounts: a main contact invites a colleague, who sets a password from the mail and signs in', () => {
  const spec = portalJourney(async (journey, sink) => {
    // An agent invites the main contact from the console's contact page; the password is set from
    // that mail through the API (the colleague's journey below does it in the browser).
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

  it('the main contact invites a colleague from "Usuarios"; the colleague opens the mailed link, sets a password and signs in', async () => {
    const mainSession = await spec.open();
    const portal = new PortalPage(mainSession.page);
    await portal.signIn(MAIN.email, MAIN.password);
    await portal.landing().waitFor();

    await portal.openNav(portal.text.portal.nav.users);
    await portal.heading(portal.text.portal.users.title).waitFor();
    await portal.field(portal.text.portal.users.name).fill(COLLEAGUE.name);
    await portal.field(portal.text.portal.login.email).fill(COLLEAGUE.email);
    await portal.button(portal.text.portal.users.invite).click();
    const row = portal.userRow(COLLEAGUE.name);
    await row.getByText(portal.text.portal.users.status.invited, { exact: true }).waitFor();
    await screenshot(mainSession.page, 'portal-users-invited');

    const link = await linkMailedTo(spec.sink, COLLEAGUE.email);
    expect(link.startsWith(`${spec.journey.server.url}/portal/set-password?token=`)).toBe(true);
    const colleagueSession = await spec.open();
    const colleague = new PortalPage(colleagueSession.page);
    await colleague.setPassword(link, COLLEAGUE.password);
    await colleague.signIn(COLLEAGUE.email, COLLEAGUE.password);
    await colleague.landing().waitFor();
    // A member sees no "Usuarios" in the navigation: only the main contact manages users.
    const nav = colleagueSession.page.getByRole('navigation', { name: colleague.text.portal.nav.label });
    await nav.getByRole('link', { name: colleague.text.portal.nav.password }).waitFor();
    expect(await nav.getByRole('link', { name: colleague.text.portal.nav.users }).count()).toBe(0);

    // The same link does not work twice.
    await colleagueSession.page.goto(link);
    await colleague.field(colleague.text.portal.setPassword.password).fill('Otra clave 333');
    await colleague.field(colleague.text.portal.setPassword.confirm).fill('Otra clave 333');
    await colleague.button(colleague.text.portal.setPassword.submit).click();
    await colleagueSession.page
      .getByRole('alert')
      .filter({ hasText: colleague.text.errors.codes.PORTAL_TOKEN_USED })
      .waitFor();

    // Back on the main contact's page, the colleague now counts as active.
    await mainSession.page.reload();
    await portal.userRow(COLLEAGUE.name).getByText(portal.text.portal.users.status.active, { exact: true }).waitFor();
    expect(mainSession.pageErrors).toEqual([]);
  });

  it('signs in on a 390 px phone: every portal page fits the screen, the menu opens the pages', async () => {
    const phone = await spec.open(PHONE);
    const portal = new PortalPage(phone.page);
    for (const [path, title] of [
      ['/portal/forgot-password', portal.text.portal.forgot.title],
      ['/portal/set-password?token=x', portal.text.portal.setPassword.title],
    ] as const) {
      await phone.page.goto(path);
      await portal.heading(title).waitFor();
      expect(await sideways(phone.page), path).toBe(0);
    }
    await portal.signIn(MAIN.email, MAIN.password);
    await portal.landing().waitFor();
    expect(await sideways(phone.page)).toBe(0);
    await portal.openNav(portal.text.portal.nav.password);
    await portal.heading(portal.text.portal.nav.password).waitFor();
    expect(await sideways(phone.page)).toBe(0);
    await portal.openNav(portal.text.portal.nav.users);
    await portal.heading(portal.text.portal.users.title).waitFor();
    expect(await sideways(phone.page)).toBe(0);
    await screenshot(phone.page, 'portal-users-phone');
    // Signing out is in the menu on a phone (the header has no room for it).
    await portal.openNav(portal.text.portal.signOut);
    await portal.heading(portal.text.portal.login.title).waitFor();
    expect(phone.pageErrors).toEqual([]);
  });
});

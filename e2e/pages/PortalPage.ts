import type { Locator, Page } from 'playwright-core';
import { type Catalog, catalogs, type UiLocale } from '../fixtures/i18n.ts';

/** The customer portal's pages, located by role and label in the language they show. */
export class PortalPage {
  readonly text: Catalog;

  constructor(
    readonly page: Page,
    readonly locale: UiLocale = 'es',
  ) {
    this.text = catalogs[locale];
  }

  field(label: string): Locator {
    return this.page.getByLabel(label, { exact: true });
  }

  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  heading(name: string): Locator {
    return this.page.getByRole('heading', { level: 1, name });
  }

  async signIn(email: string, password: string): Promise<void> {
    await this.page.goto('/portal/login');
    await this.heading(this.text.portal.login.title).waitFor();
    await this.field(this.text.portal.login.email).fill(email);
    await this.field(this.text.portal.login.password).fill(password);
    await this.button(this.text.portal.login.submit).click();
  }

  /** "Mis actividades", the page a contact lands on once signed in (/portal/tickets). */
  landing(): Locator {
    return this.heading(this.text.portal.tickets.title);
  }

  /** Follows an item of the portal's navigation (on a phone, through the menu button). */
  async openNav(label: string): Promise<void> {
    const burger = this.page.getByRole('button', { name: this.text.nav.open });
    if (await burger.isVisible()) await burger.click();
    const nav = this.page.getByRole('navigation', { name: this.text.portal.nav.label });
    await nav
      .getByRole('link', { name: label })
      .or(nav.getByRole('button', { name: label }))
      .click();
  }

  userRow(name: string): Locator {
    return this.page.getByRole('listitem', { name });
  }

  async setPassword(link: string, password: string): Promise<void> {
    await this.page.goto(link);
    await this.heading(this.text.portal.setPassword.title).waitFor();
    await this.field(this.text.portal.setPassword.password).fill(password);
    await this.field(this.text.portal.setPassword.confirm).fill(password);
    await this.button(this.text.portal.setPassword.submit).click();
    await this.page.getByRole('status').filter({ hasText: this.text.portal.setPassword.done }).waitFor();
  }
}

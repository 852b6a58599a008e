import type { Locator, Page } from 'playwright-core';
import { type Catalog, catalogs, type UiLocale } from '../fixtures/i18n.ts';

export type AdminSectionName = keyof Catalog['admin']['sections'];

/** Administration's frame (issue 13): the grouped side navigation and the screen it shows. */
export class AdminPage {
  readonly text: Catalog;

  constructor(
    readonly page: Page,
    readonly locale: UiLocale = 'es',
  ) {
    this.text = catalogs[locale];
  }

  get navigation(): Locator {
    return this.page.getByRole('navigation', { name: this.text.admin.nav.label });
  }

  link(section: AdminSectionName): Locator {
    return this.navigation.getByRole('link', { name: this.text.admin.sections[section], exact: true });
  }

  /** The screen on show, named after its section. */
  screen(section: AdminSectionName): Locator {
    return this.page.getByRole('region', { name: this.text.admin.sections[section], exact: true });
  }

  /** Opens a section from the side navigation, as a person would. */
  async open(section: AdminSectionName): Promise<Locator> {
    if (!this.page.url().includes('/admin/')) await this.page.goto('/admin/statuses');
    await this.link(section).click();
    await this.screen(section).waitFor();
    return this.screen(section);
  }
}

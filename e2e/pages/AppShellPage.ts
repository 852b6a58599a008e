import type { Locator, Page, Response } from 'playwright-core';
import { type Catalog, catalogs, type UiLocale } from '../fixtures/i18n.ts';

type Section = 'queues' | 'contacts' | 'organizations' | 'reports' | 'admin';

/** The signed-in console frame: header, main navigation and the current section. */
export class AppShellPage {
  readonly text: Catalog;

  constructor(
    readonly page: Page,
    readonly locale: UiLocale = 'es',
  ) {
    this.text = catalogs[locale];
  }

  /** The same page read in another language, after switching. */
  in(locale: UiLocale): AppShellPage {
    return new AppShellPage(this.page, locale);
  }

  get header(): Locator {
    return this.page.getByRole('banner');
  }

  /** The signed-in agent's name in the header (plain text, so a test id rather than a role). */
  get currentUserName(): Locator {
    return this.header.getByTestId('current-user-name');
  }

  get navigation(): Locator {
    return this.page.getByRole('navigation', { name: this.text.nav.label });
  }

  navLink(section: Section): Locator {
    return this.navigation.getByRole('link', { name: this.text.nav[section], exact: true });
  }

  /** The page heading of a section; the queues open on the agent's first view, "Mis tickets". */
  sectionHeading(section: Section): Locator {
    const name = section === 'queues' ? this.text.queue.defaultViews.mine : this.text.sections[section].title;
    return this.page.getByRole('main').getByRole('heading', { level: 1, name });
  }

  get languageSwitch(): Locator {
    return this.header.getByRole('radiogroup', { name: this.text.language.label });
  }

  languageOption(locale: UiLocale): Locator {
    return this.languageSwitch.getByRole('radio', { name: this.text.language[locale], exact: true });
  }

  get signOutButton(): Locator {
    return this.header.getByRole('button', { name: this.text.auth.signOut, exact: true });
  }

  async waitUntilShown(section: Section = 'queues'): Promise<void> {
    await this.sectionHeading(section).waitFor({ state: 'visible' });
  }

  async open(section: Section): Promise<void> {
    await this.navLink(section).click();
    await this.waitUntilShown(section);
  }

  /** Picks a language and waits until the server has stored it on the agent. */
  async switchLanguage(locale: UiLocale): Promise<Response> {
    const saved = this.page.waitForResponse(
      (response) => response.url().endsWith('/api/v1/auth/me') && response.request().method() === 'PATCH',
    );
    // The radio itself is visually hidden behind its label (Mantine SegmentedControl); click
    // what a person clicks.
    const id = await this.languageOption(locale).getAttribute('id');
    await this.languageSwitch.locator(`label[for="${id}"]`).click();
    return saved;
  }

  async signOut(): Promise<void> {
    await this.signOutButton.click();
  }
}

import type { Locator, Page } from 'playwright-core';
import { type Catalog, catalogs, type UiLocale } from '../fixtures/i18n.ts';

/** The sign-in screen, located by role and label in the language it is showing. */
export class LoginPage {
  readonly text: Catalog;

  constructor(
    readonly page: Page,
    readonly locale: UiLocale = 'es',
  ) {
    this.text = catalogs[locale];
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: this.text.auth.login.title });
  }

  get emailInput(): Locator {
    return this.page.getByLabel(this.text.auth.login.email, { exact: true });
  }

  get passwordInput(): Locator {
    return this.page.getByLabel(this.text.auth.login.password, { exact: true });
  }

  get submitButton(): Locator {
    return this.page.getByRole('button', { name: this.text.auth.login.submit, exact: true });
  }

  get errorAlert(): Locator {
    return this.page.getByRole('alert').filter({ hasText: this.text.auth.login.errorTitle });
  }

  async goto(): Promise<void> {
    await this.page.goto('/login');
    await this.waitUntilShown();
  }

  async waitUntilShown(): Promise<void> {
    await this.heading.waitFor({ state: 'visible' });
  }

  async signIn(email: string, password: string): Promise<void> {
    await this.emailInput.fill(email);
    await this.passwordInput.fill(password);
    await this.submitButton.click();
  }
}

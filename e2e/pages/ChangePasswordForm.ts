import type { Locator, Page } from 'playwright-core';
import { type Catalog, catalogs, type UiLocale } from '../fixtures/i18n.ts';

/** The "change my password" form on the agent's own preferences page. */
export class ChangePasswordForm {
  readonly text: Catalog;

  constructor(
    readonly page: Page,
    readonly locale: UiLocale = 'es',
  ) {
    this.text = catalogs[locale];
  }

  async open(): Promise<void> {
    await this.page.goto('/notifications/preferences');
    await this.form.waitFor();
  }

  get form(): Locator {
    return this.page.getByRole('form', { name: this.text.auth.password.title });
  }

  field(name: 'current' | 'new' | 'confirm'): Locator {
    return this.form.getByLabel(this.text.auth.password[name], { exact: true });
  }

  /** Fills the three fields and presses the button. */
  async change(current: string, next: string, confirm = next): Promise<void> {
    await this.field('current').fill(current);
    await this.field('new').fill(next);
    await this.field('confirm').fill(confirm);
    await this.form.getByRole('button', { name: this.text.auth.password.submit }).click();
  }

  toast(text: string): Locator {
    return this.page.getByRole('alert').filter({ hasText: text });
  }
}

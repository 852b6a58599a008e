import type { Locator, Page } from 'playwright-core';
import { type Catalog, catalogs, type UiLocale } from '../fixtures/i18n.ts';
import { AdminPage } from './AdminPage.ts';
import { fieldLabel } from './controls.ts';

/** Administración → Adjuntos: the largest attachment, in MB. */
export class AttachmentsAdminPage {
  readonly text: Catalog;

  constructor(
    readonly page: Page,
    readonly locale: UiLocale = 'es',
  ) {
    this.text = catalogs[locale];
  }

  async goto(): Promise<void> {
    await this.page.goto('/admin/attachments');
    await this.limitField.waitFor();
  }

  /** The section's link in the side navigation. */
  get navLink(): Locator {
    return new AdminPage(this.page, this.locale).link('attachments');
  }

  get screen(): Locator {
    return new AdminPage(this.page, this.locale).screen('attachments');
  }

  get limitField(): Locator {
    return this.screen.getByLabel(fieldLabel(this.text.admin.attachments.limit));
  }

  async setLimitMb(megabytes: number): Promise<void> {
    await this.limitField.fill(String(megabytes));
    await this.screen.getByRole('button', { name: this.text.common.save, exact: true }).click();
    await this.page.getByText(this.text.admin.saved).waitFor();
  }
}

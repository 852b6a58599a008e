import type { Locator, Page } from 'playwright-core';
import { type Catalog, catalogs, type UiLocale } from '../fixtures/i18n.ts';
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

  get tab(): Locator {
    return this.page.getByRole('tab', { name: this.text.admin.sections.attachments });
  }

  get limitField(): Locator {
    return this.page.getByRole('tabpanel').getByLabel(fieldLabel(this.text.admin.attachments.limit));
  }

  async setLimitMb(megabytes: number): Promise<void> {
    await this.limitField.fill(String(megabytes));
    await this.page.getByRole('tabpanel').getByRole('button', { name: this.text.common.save, exact: true }).click();
    await this.page.getByText(this.text.admin.saved).waitFor();
  }
}

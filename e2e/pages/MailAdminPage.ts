import type { Locator, Page } from 'playwright-core';
import { type Catalog, catalogs, type UiLocale } from '../fixtures/i18n.ts';
import { chooseSegment, fieldLabel, pickOption } from './controls.ts';

/** Administración → Buzones, Correo fallido and Plantillas de correo. */
export class MailAdminPage {
  readonly text: Catalog;

  constructor(
    readonly page: Page,
    readonly locale: UiLocale = 'es',
  ) {
    this.text = catalogs[locale];
  }

  /** The administration screen on show (mailboxes, failed mail or templates). */
  get panel(): Locator {
    return this.page.locator('[data-admin-screen]');
  }

  async gotoMailboxes(): Promise<void> {
    await this.page.goto('/admin/mailboxes');
    await this.panel.getByRole('button', { name: this.text.mail.mailboxes.new }).waitFor();
  }

  get mailboxTable(): Locator {
    return this.panel.getByRole('table', { name: this.text.admin.sections.mailboxes });
  }

  mailboxRow(address: string): Locator {
    return this.mailboxTable.getByRole('row').filter({ hasText: address });
  }

  dialog(name: string): Locator {
    return this.page.getByRole('dialog', { name });
  }

  field(dialog: Locator, label: string): Locator {
    return dialog.getByLabel(fieldLabel(label));
  }

  /** Adds a mailbox through the dialog: address, department, and optionally its own SMTP URL. */
  async addMailbox(input: { address: string; department: string; smtpUrl?: string }): Promise<void> {
    const words = this.text.mail.mailboxes;
    await this.panel.getByRole('button', { name: words.new }).click();
    const dialog = this.dialog(words.new);
    await this.field(dialog, words.address).fill(input.address);
    await pickOption(this.page, this.field(dialog, words.department), input.department);
    if (input.smtpUrl) await this.field(dialog, words.smtpUrl).fill(input.smtpUrl);
    await dialog.getByRole('button', { name: this.text.common.save, exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
  }

  async editMailbox(address: string): Promise<Locator> {
    await this.panel
      .getByRole('button', { name: this.text.mail.mailboxes.edit.replace('{{address}}', address) })
      .click();
    const dialog = this.dialog(address);
    await dialog.waitFor();
    return dialog;
  }

  async gotoFailedMail(): Promise<void> {
    await this.page.goto('/admin/failed-mail');
    await this.panel.getByRole('region', { name: this.text.mail.failed.inboundTitle }).waitFor();
  }

  async gotoTemplates(): Promise<void> {
    await this.page.goto('/admin/email-templates');
    await this.panel.getByLabel(fieldLabel(this.text.mail.templates.subject)).waitFor();
  }

  async chooseTemplate(name: string, language: 'es' | 'en'): Promise<void> {
    await pickOption(this.page, this.panel.getByLabel(fieldLabel(this.text.mail.templates.template)), name);
    await chooseSegment(
      this.panel.getByRole('radiogroup', { name: this.text.language.label }),
      this.text.language[language],
    );
  }

  get preview(): Locator {
    return this.panel.getByRole('region', { name: this.text.mail.templates.previewTitle });
  }
}

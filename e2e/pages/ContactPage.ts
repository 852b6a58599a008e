import type { Locator, Page } from 'playwright-core';
import { type Catalog, catalogs, type UiLocale } from '../fixtures/i18n.ts';
import { fieldLabel } from './controls.ts';

/** One customer's page: who they are, how to reach them, their tickets, and "Merge with…". */
export class ContactPage {
  readonly text: Catalog;

  constructor(
    readonly page: Page,
    readonly locale: UiLocale = 'es',
  ) {
    this.text = catalogs[locale];
  }

  async goto(contactId: string): Promise<void> {
    await this.page.goto(`/contacts/${contactId}`);
    await this.heading().waitFor();
  }

  heading(name?: string): Locator {
    return this.page.getByRole('main').getByRole('heading', { level: 1, ...(name ? { name, exact: true } : {}) });
  }

  /** The contact's tickets, as the table below lists them. */
  get tickets(): Locator {
    return this.page.getByRole('main').getByRole('table', { name: this.text.contacts.tickets });
  }

  /** Opens "Merge with…" and returns its dialog. */
  async openMerge(contactName: string): Promise<MergeContactDialog> {
    await this.page.getByRole('button', { name: this.text.contacts.merge.action }).click();
    const title = this.text.contacts.merge.title.replace('{{name}}', contactName);
    const dialog = new MergeContactDialog(this.page.getByRole('dialog', { name: title }), this.text);
    await dialog.root.waitFor();
    return dialog;
  }
}

export class MergeContactDialog {
  constructor(
    readonly root: Locator,
    private readonly text: Catalog,
  ) {}

  /** Types in the search box and picks the contact to keep among the answers. */
  async pickKept(search: string, name: string): Promise<void> {
    await this.root.getByLabel(fieldLabel(this.text.contacts.merge.find)).fill(search);
    await this.root.getByRole('radio', { name }).check();
  }

  /** The warning that says what will move, shown once a contact is picked. */
  get summary(): Locator {
    return this.root.getByRole('alert').first();
  }

  async confirm(keptName: string): Promise<void> {
    const label = this.text.contacts.merge.submitInto.replace('{{name}}', keptName);
    await this.root.getByRole('button', { name: label, exact: true }).click();
  }
}

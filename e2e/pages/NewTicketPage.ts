import type { Locator, Page } from 'playwright-core';
import { type Catalog, catalogs, type UiLocale } from '../fixtures/i18n.ts';
import { chooseSegment, fieldLabel, pickOption } from './controls.ts';

/** "Nuevo ticket": an agent files a ticket on behalf of a customer who called (001 "as user/phone"). */
export class NewTicketPage {
  readonly text: Catalog;

  constructor(
    readonly page: Page,
    readonly locale: UiLocale = 'es',
  ) {
    this.text = catalogs[locale];
  }

  get form(): Locator {
    return this.page.getByRole('form', { name: this.text.ticket.new.title });
  }

  field(label: string): Locator {
    return this.form.getByLabel(fieldLabel(label));
  }

  async newCustomer(input: { name: string; phone?: string; email?: string; organization?: string }): Promise<void> {
    await chooseSegment(
      this.form.getByRole('radiogroup', { name: this.text.ticket.new.customer }),
      this.text.ticket.new.newCustomer,
    );
    await this.field(this.text.ticket.new.name).fill(input.name);
    if (input.phone) await this.field(this.text.ticket.new.phone).fill(input.phone);
    if (input.email) await this.field(this.text.ticket.new.email).fill(input.email);
    if (input.organization) await this.field(this.text.ticket.new.organization).fill(input.organization);
  }

  async choose(label: string, option: string): Promise<void> {
    await pickOption(this.page, this.field(label), option);
  }

  async submit(): Promise<void> {
    await this.form.getByRole('button', { name: this.text.ticket.new.submit }).click();
  }
}

import type { Locator, Page } from 'playwright-core';
import { type Catalog, catalogs, type UiLocale } from '../fixtures/i18n.ts';

/** A saved view's ticket list, with its selection and bulk actions. */
export class QueuePage {
  readonly text: Catalog;

  constructor(
    readonly page: Page,
    readonly locale: UiLocale = 'es',
  ) {
    this.text = catalogs[locale];
  }

  get navigation(): Locator {
    return this.page.getByRole('navigation', { name: this.text.nav.label });
  }

  /** A view in the main navigation; its accessible name also carries the ticket count. */
  viewLink(name: string): Locator {
    return this.navigation.getByRole('link', { name: new RegExp(`^${name}`) });
  }

  heading(name: string): Locator {
    return this.page.getByRole('main').getByRole('heading', { level: 1, name });
  }

  async openView(name: string): Promise<void> {
    await this.viewLink(name).click();
    await this.heading(name).waitFor();
  }

  /** On a phone the views are a picker at the top of the page ("Todos abiertos (8)"). */
  async openViewOnPhone(name: string): Promise<void> {
    await this.page.getByRole('main').getByLabel(this.text.queue.pickView).click();
    await this.page.getByRole('option', { name: new RegExp(`^${name} \\(\\d+\\)$`) }).click();
    await this.heading(name).waitFor();
  }

  /** A ticket's row (table on wide screens, card on a phone), found by its number. */
  row(number: string): Locator {
    return this.page.getByRole('main').locator(`[data-ticket-number="${number}"]`);
  }

  ticketLink(subject: string): Locator {
    return this.page.getByRole('main').getByRole('link', { name: subject, exact: true });
  }

  selectBox(number: string): Locator {
    return this.page.getByRole('checkbox', { name: this.text.queue.selectTicket.replace('{{number}}', number) });
  }

  get bulkBar(): Locator {
    return this.page.getByRole('region', { name: this.text.queue.bulk.label });
  }

  /** Adds tags to every selected ticket through the bulk bar. */
  async bulkAddTags(tags: string[], count: number): Promise<void> {
    await this.bulkBar.getByRole('button', { name: this.text.queue.bulk.addTags }).click();
    const input = this.page.getByRole('textbox', { name: this.text.queue.bulk.tagsToAdd });
    for (const tag of tags) {
      await input.fill(tag);
      await input.press('Enter');
    }
    const apply = (count === 1 ? this.text.queue.bulk.applyTags_one : this.text.queue.bulk.applyTags_other).replace(
      '{{count}}',
      String(count),
    );
    await this.page.getByRole('button', { name: apply }).click();
  }

  /** The table's column headers, in order (issue 13: each agent chooses them per view). */
  async columnHeaders(): Promise<string[]> {
    const headers = this.page.getByRole('main').getByRole('table').locator('thead th[data-column]');
    return headers.allInnerTexts();
  }

  get columnsButton(): Locator {
    return this.page.getByRole('main').getByRole('button', { name: this.text.queue.columns.button });
  }

  get columnsMenu(): Locator {
    return this.page.getByRole('group', { name: this.text.queue.columns.title });
  }

  /**
   * Ticks or clears a column in the open columns menu. The box is controlled by the saved layout,
   * which follows the click a moment later (optimistically, before the server answers), so this
   * waits for the box to settle rather than asserting it flipped within the click.
   */
  async showColumn(column: string, show: boolean): Promise<void> {
    const box = this.columnsMenu.getByRole('checkbox', {
      name: this.columnLabel(this.text.queue.columns.show, column),
    });
    if ((await box.isChecked()) !== show) await box.click();
    await box.and(this.page.locator(show ? ':checked' : ':not(:checked)')).waitFor();
  }

  /** "{{column}}" filled in, as the console does. */
  columnLabel(template: string, column: string): string {
    return template.replace('{{column}}', column);
  }
}

import type { Locator, Page } from 'playwright-core';
import { type Catalog, catalogs, type UiLocale } from '../fixtures/i18n.ts';

/** The bell in the console's header: its unread count (in its accessible name) and its list. */
export class NotificationBellPage {
  readonly text: Catalog;

  constructor(
    readonly page: Page,
    readonly locale: UiLocale = 'es',
  ) {
    this.text = catalogs[locale];
  }

  /** The bell's button; its name says how many are unread ("Avisos: 2 sin leer"). */
  get button(): Locator {
    return this.page.getByRole('banner').getByRole('button', { name: new RegExp(`^${this.text.notifications.bell}`) });
  }

  /** The bell once it reads `count` unread (0: the plain name, nothing unread). */
  withUnread(count: number): Locator {
    const unread = this.text.notifications.bellUnread_other.replace('{{count}}', String(count));
    const name = count === 0 ? this.text.notifications.bell : unread;
    return this.page.getByRole('banner').getByRole('button', { name, exact: true });
  }

  get list(): Locator {
    return this.page.getByRole('dialog', { name: this.text.notifications.title });
  }

  /** One notification in the open list, found by the words of its event and the ticket's subject. */
  item(event: keyof Catalog['notifications']['events'], subject: string): Locator {
    return this.list.getByRole('button', { name: new RegExp(`${this.text.notifications.events[event]}.*${subject}`) });
  }

  async open(): Promise<void> {
    await this.button.click();
    await this.list.waitFor();
  }
}

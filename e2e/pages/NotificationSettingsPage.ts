import type { Locator, Page } from 'playwright-core';
import { type Catalog, catalogs, type UiLocale } from '../fixtures/i18n.ts';
import { chooseSegment, fieldLabel, pickOption } from './controls.ts';

type Events = Catalog['notifications']['events'];
type Recipients = Catalog['notifications']['recipients'];

/** The admin's notification matrix (Administración › Avisos). */
export class NotificationMatrixPage {
  readonly text: Catalog;

  constructor(
    readonly page: Page,
    readonly locale: UiLocale = 'es',
  ) {
    this.text = catalogs[locale];
  }

  async open(): Promise<void> {
    await this.page.goto('/admin/notifications');
    await this.department.waitFor();
  }

  get department(): Locator {
    return this.page.getByRole('textbox', { name: this.text.notifications.matrix.department, exact: true });
  }

  async chooseDepartment(name: string): Promise<void> {
    await pickOption(this.page, this.department, name);
  }

  badge(kind: 'own' | 'inherited'): Locator {
    return this.page.getByText(this.text.notifications.matrix[kind], { exact: true });
  }

  /** The checkbox "tell <recipient> of <event>". */
  cell(event: keyof Events, recipient: Exclude<keyof Recipients, 'agent'>): Locator {
    const name = this.text.notifications.matrix.cellLabel
      .replace('{{recipient}}', this.text.notifications.recipients[recipient])
      .replace('{{event}}', this.text.notifications.events[event]);
    return this.page.getByRole('checkbox', { name, exact: true });
  }

  /** The named people of an event's row (a multi-select: its chosen people show as pills). */
  namedPeople(event: keyof Events): Locator {
    const name = this.text.notifications.matrix.namedFor.replace('{{event}}', this.text.notifications.events[event]);
    return this.page.getByRole('row', { name: new RegExp(`^${this.text.notifications.events[event]}`) }).filter({
      has: this.page.getByRole('textbox', { name, exact: true }),
    });
  }

  /** Issue 12: business minutes before a due date when its assignee is told. */
  get dueLead(): Locator {
    return this.page.getByLabel(fieldLabel(this.text.notifications.dueLead.label));
  }

  get dueLeadSave(): Locator {
    return this.page.getByRole('button', { name: this.text.notifications.dueLead.save, exact: true });
  }

  get saveButton(): Locator {
    return this.page.getByRole('button', { name: this.text.common.save, exact: true });
  }
}

/** An agent's own page: how they hear of each event. */
export class NotificationPreferencesPage {
  readonly text: Catalog;

  constructor(
    readonly page: Page,
    readonly locale: UiLocale = 'es',
  ) {
    this.text = catalogs[locale];
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: this.text.notifications.preferences.title });
  }

  choice(event: keyof Events): Locator {
    return this.page.getByRole('radiogroup', { name: this.text.notifications.events[event], exact: true });
  }

  async choose(event: keyof Events, channels: keyof Catalog['notifications']['channels']): Promise<void> {
    await chooseSegment(this.choice(event), this.text.notifications.channels[channels]);
  }

  get saveButton(): Locator {
    return this.page.getByRole('button', { name: this.text.common.save, exact: true });
  }
}

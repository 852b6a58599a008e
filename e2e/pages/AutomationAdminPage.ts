import type { Locator, Page } from 'playwright-core';
import { type Catalog, catalogs, type UiLocale } from '../fixtures/i18n.ts';
import { AdminPage } from './AdminPage.ts';
import { escapeRegExp, fieldLabel, pickOption } from './controls.ts';

type Section = 'calendars' | 'sla' | 'triggers' | 'time-rules' | 'keywords';

/** `{{day}}: desde (tramo {{n}})` with its values filled in, as the console does. */
function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(values[key] ?? ''));
}

/** Administration of issue 7: business hours, SLA policies, triggers, time rules and Anexo A. */
export class AutomationAdminPage {
  readonly text: Catalog;

  constructor(
    readonly page: Page,
    readonly locale: UiLocale = 'es',
  ) {
    this.text = catalogs[locale];
  }

  get auto() {
    return this.text.automation;
  }

  async open(section: Section): Promise<void> {
    await this.page.goto('/admin/statuses');
    await new AdminPage(this.page, this.locale).open(section);
  }

  dialog(name: string): Locator {
    return this.page.getByRole('dialog', { name });
  }

  edit(name: string): Locator {
    return this.page.getByRole('button', { name: fill(this.auto.editNamed, { name }), exact: true });
  }

  /** The "desde"/"hasta" inputs of one range of a weekday in the calendar editor. */
  rangeInput(dialog: Locator, which: 'from' | 'to', day: string, n: number): Locator {
    return dialog.getByRole('textbox', { name: fill(this.auto.calendars[which], { day, n }), exact: true });
  }

  addRange(dialog: Locator, day: string): Locator {
    return dialog.getByRole('button', { name: fill(this.auto.calendars.addRange, { day }) });
  }

  /** The message Mantine ties to an input (its aria-describedby), e.g. an inline server error. */
  async errorOf(input: Locator): Promise<string> {
    const ids = (await input.getAttribute('aria-describedby')) ?? '';
    const texts = await Promise.all(
      ids
        .split(/\s+/)
        .filter(Boolean)
        .map((id) => this.page.locator(`[id="${id}"]`).textContent()),
    );
    return texts.join(' ').trim();
  }

  /** A Mantine switch: its input is hidden behind the track, which is the input's label. */
  async flip(toggle: Locator): Promise<void> {
    const id = await toggle.getAttribute('id');
    await this.page.locator(`label[for="${id}"]`).click();
  }

  save(dialog: Locator): Promise<void> {
    return dialog.getByRole('button', { name: this.auto.save, exact: true }).click();
  }

  /** A select in the rule editors, found by its label, set to the option with that name. */
  async choose(field: Locator, option: string): Promise<void> {
    await pickOption(this.page, field, option);
  }

  fieldOf(dialog: Locator, label: string): Locator {
    return dialog.getByLabel(fieldLabel(label));
  }

  conditionField(dialog: Locator, part: 'field' | 'operator' | 'value', n: number, group: 'all' | 'any'): Locator {
    return dialog.getByRole('textbox', {
      name: fill(this.auto.conditions[part], { n, group: this.auto.conditions[group] }),
      exact: true,
    });
  }

  actionField(dialog: Locator, label: keyof Catalog['automation']['actions'], n: number): Locator {
    return dialog.getByRole('textbox', { name: fill(this.auto.actions[label] as string, { n }), exact: true });
  }

  /** The keyword table's CSV import: picks the file as a person would, through the file chooser. */
  async importCsv(name: string, content: string): Promise<Locator> {
    const chooser = this.page.waitForEvent('filechooser');
    await this.page.getByRole('button', { name: this.auto.keywords.import }).click();
    await (await chooser).setFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content, 'utf8') });
    const region = this.page.getByRole('region', { name: fill(this.auto.keywords.previewOf, { file: name }) });
    await region.waitFor();
    return region;
  }

  previewLine(region: Locator, line: number): Locator {
    return region.locator(`tr[data-line="${line}"]`);
  }

  importButton(region: Locator, count: number): Locator {
    const template = count === 1 ? this.auto.keywords.importCount_one : this.auto.keywords.importCount_other;
    return region.getByRole('button', { name: new RegExp(`^${escapeRegExp(fill(template, { count }))}$`) });
  }
}

import type { Locator, Page } from 'playwright-core';
import { type Catalog, catalogs, type UiLocale } from '../fixtures/i18n.ts';
import { chooseSegment, escapeRegExp, fieldLabel, pickOption } from './controls.ts';

type Mode = 'reply' | 'note' | 'activity';

/** One ticket: header actions, the conversation, the composer and the side panel. */
export class TicketPage {
  readonly text: Catalog;

  constructor(
    readonly page: Page,
    readonly locale: UiLocale = 'es',
  ) {
    this.text = catalogs[locale];
  }

  async goto(number: string): Promise<void> {
    await this.page.goto(`/tickets/${number}`);
    await this.conversation.waitFor();
  }

  /** The protocols section of the side panel. */
  get protocolsPanel(): Locator {
    return this.page.getByRole('region', { name: this.text.protocols.title });
  }

  /** Applies a protocol to a ticket that has none yet; returns its checklist once it shows. */
  async applyProtocol(title: string): Promise<Locator> {
    const panel = this.protocolsPanel;
    await pickOption(this.page, panel.getByRole('textbox', { name: this.text.protocols.choose }), title);
    await panel.getByRole('button', { name: this.text.protocols.apply }).click();
    const applied = panel.locator('[data-applied-protocol]');
    await applied.waitFor();
    return applied;
  }

  heading(subject?: string): Locator {
    return this.page
      .getByRole('main')
      .getByRole('heading', { level: 1, ...(subject ? { name: subject, exact: true } : {}) });
  }

  get takeButton(): Locator {
    return this.page.getByRole('button', { name: this.text.ticket.actions.take, exact: true });
  }

  get yoursButton(): Locator {
    return this.page.getByRole('button', { name: this.text.ticket.actions.yours, exact: true });
  }

  get dispatchButton(): Locator {
    return this.page.getByRole('button', { name: this.text.ticket.actions.dispatch, exact: true });
  }

  async setFlag(flag: 'orange' | 'blue' | 'green'): Promise<void> {
    await this.page.getByRole('button', { name: this.text.ticket.actions.flag, exact: true }).click();
    await this.page.getByRole('menuitem', { name: new RegExp(`^${this.text.ticket.flag[flag]}`) }).click();
  }

  async moreAction(name: string): Promise<void> {
    await this.page.getByRole('button', { name: this.text.ticket.actions.more }).click();
    await this.page.getByRole('menuitem', { name }).click();
  }

  dialog(name: string): Locator {
    return this.page.getByRole('dialog', { name });
  }

  get conversation(): Locator {
    return this.page.getByRole('list', { name: this.text.conversation.label });
  }

  /** Messages of one kind, each an article named "<kind> · <author>". */
  messages(kind: 'reply' | 'note' | 'activity' | 'customer'): Locator {
    return this.conversation.getByRole('article', { name: new RegExp(`^${this.text.conversation.kind[kind]} · `) });
  }

  get composer(): Locator {
    return this.page.getByRole('region', { name: this.text.composer.label });
  }

  async chooseMode(mode: Mode): Promise<void> {
    await chooseSegment(
      this.composer.getByRole('radiogroup', { name: this.text.composer.modeLabel }),
      this.text.composer.mode[mode],
    );
  }

  /** The composer's message box; its label says who reads it ("Respuesta para Jesús…", "Nota interna…"). */
  textBox(mode: Mode): Locator {
    const label = this.text.composer.body[mode];
    const prefix = label.split('{{')[0] ?? label;
    return this.composer.getByRole('textbox', { name: new RegExp(`^${escapeRegExp(prefix)}`) });
  }

  sendButton(mode: Mode): Locator {
    return this.composer.getByRole('button', { name: this.text.composer.send[mode], exact: true });
  }

  async pickMacro(name: string, search: string): Promise<void> {
    await pickOption(this.page, this.composer.getByLabel(this.text.macros.pick), name, search);
  }

  /** Drops files on the composer the way a file manager does (a real drag-and-drop event). */
  async dropFiles(files: Array<{ name: string; type: string; content: string }>): Promise<void> {
    const transfer = await this.page.evaluateHandle((list) => {
      const data = new DataTransfer();
      for (const file of list) data.items.add(new File([file.content], file.name, { type: file.type }));
      return data;
    }, files);
    await this.composer.dispatchEvent('dragenter', { dataTransfer: transfer });
    await this.composer.dispatchEvent('dragover', { dataTransfer: transfer });
    await this.composer.dispatchEvent('drop', { dataTransfer: transfer });
  }

  get macroPreview(): Locator {
    return this.page.getByRole('region', { name: this.text.macros.preview.label });
  }

  composerField(label: string): Locator {
    return this.composer.getByLabel(fieldLabel(label));
  }

  /** Who else is on the ticket ("Ana está viendo este ticket"). */
  get presence(): Locator {
    return this.page.getByTestId('presence');
  }

  /** Merged into / from, split from / into, under the title. */
  get links(): Locator {
    return this.page.getByRole('group', { name: this.text.ticket.links });
  }

  /** The running SLA clock badge of the header, if any. */
  get slaBadge(): Locator {
    return this.page.getByRole('main').locator('[data-sla-state]');
  }

  get details(): Locator {
    return this.page.getByRole('complementary', { name: this.text.ticket.sections.label });
  }

  tab(name: 'conversation' | 'details'): Locator {
    return this.page.getByRole('tab', { name: this.text.ticket.tabs[name] });
  }
}

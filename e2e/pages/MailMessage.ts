import type { Locator } from 'playwright-core';
import { type Catalog, catalogs, type UiLocale } from '../fixtures/i18n.ts';

/** One message of the conversation as a mail reader sees it: its text and its folded quote. */
export class MailMessage {
  readonly text: Catalog;

  constructor(
    readonly article: Locator,
    locale: UiLocale = 'es',
  ) {
    this.text = catalogs[locale];
  }

  /** The "…" toggle, named for what it does next. */
  get showQuoted(): Locator {
    return this.article.getByRole('button', { name: this.text.conversation.showQuoted, exact: true });
  }

  get hideQuoted(): Locator {
    return this.article.getByRole('button', { name: this.text.conversation.hideQuoted, exact: true });
  }

  /** Visible text of the message containing `words`. */
  said(words: string | RegExp): Locator {
    return this.article.getByText(words);
  }

  /** Links in the message. */
  get links(): Locator {
    return this.article.getByRole('link');
  }
}

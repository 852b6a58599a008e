import { createHash } from 'node:crypto';
import type { Channel } from '../../db/database.ts';
import { translate } from '../../i18n/translate.ts';
import type { Locale } from '../shared/actor.ts';
import type { UnitOfWork } from '../shared/core-deps.ts';
import { newId } from '../shared/ids.ts';
import { sha256Of } from './attachment-storage.ts';
import type { InboundMessage } from './inbound.service.ts';
import { insertIndexedMessage } from './message.commands.ts';

/** A file of a mail that was not stored, and why. */
export interface DroppedFile {
  filename: string;
  size: number;
  reason: 'too_large' | 'too_many';
}

/** "26 MB", "1,5 kB": sizes as people read them, in their language. */
export function readableSize(bytes: number, locale: Locale): string {
  const units = ['B', 'kB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value);
  return `${number} ${units[unit]}`;
}

/** One line per file that was not stored: its name, size and why. */
export function droppedFilesList(
  dropped: DroppedFile[],
  locale: Locale,
  limits: { limitBytes: number; maxFiles: number },
): string {
  return dropped
    .map((file) =>
      translate(locale, file.reason === 'too_large' ? 'mail.dropped_too_large' : 'mail.dropped_too_many', {
        name: file.filename,
        size: readableSize(file.size, locale),
        limit: readableSize(limits.limitBytes, locale),
        max: limits.maxFiles,
      }),
    )
    .map((line) => `- ${line}`)
    .join('\n');
}

/**
 * What a mail says, whoever delivered it: sender, Date, subject, text and files. Two copies of one
 * mail (a retry, a second route) hash alike; a different mail reusing a Message-ID does not.
 */
export function contentHashOf(msg: InboundMessage): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        msg.from?.address.toLowerCase() ?? null,
        msg.date ?? null,
        msg.subject,
        msg.text,
        msg.attachments.map((a) => sha256Of(a.data)),
      ]),
    )
    .digest('hex');
}

/** A note of the system on the ticket, visible to agents (never mailed). */
export async function addSystemNote(
  uow: UnitOfWork,
  ticket: { id: string; organizationId: string | null },
  body: string,
  channel: Channel = 'email',
): Promise<void> {
  await insertIndexedMessage(uow.trx, ticket, {
    id: newId(),
    ticketId: ticket.id,
    kind: 'note',
    authorKind: 'system',
    authorAgentId: null,
    authorContactId: null,
    channel,
    body,
    html: null,
    activity: null,
    createdAt: uow.now,
  });
}

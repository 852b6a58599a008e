import type { Db } from '../../db/database.ts';
import type { TicketHooks } from '../automation/ticket-hooks.ts';
import { searchIndexRepository } from '../search/search-index.repository.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import type { UnitOfWork } from '../shared/core-deps.ts';
import { newId } from '../shared/ids.ts';
import { activitySearchText } from './activity.ts';
import { attachmentRepository } from './attachment.repository.ts';
import { cleanContentType, cleanFilename, megabytes } from './attachment-files.ts';
import { type AttachmentStore, sha256Of, storeBlob } from './attachment-storage.ts';
import { type MessageKind, messageRepository, type NewMessageRow } from './message.repository.ts';

export const MAX_ATTACHMENTS = 20;

export interface NewAttachment {
  filename: string;
  contentType: string;
  data: Buffer;
}

/** Refuses more than MAX_ATTACHMENTS files, or one over the store's size limit (413). */
export function checkFiles(files: NewAttachment[], store: AttachmentStore | undefined): void {
  if (files.length > MAX_ATTACHMENTS) {
    throw new AppError('VALIDATION_FAILED', `At most ${MAX_ATTACHMENTS} attachments per message`, {
      field: 'attachments',
    });
  }
  if (files.length > 0 && !store) throw new Error('attachments need an AttachmentStore');
  for (const file of files) {
    if (store && file.data.length > store.limitBytes) {
      const limitMb = megabytes(store.limitBytes);
      throw new AppError('ATTACHMENT_TOO_LARGE', `The attachment is larger than the limit of ${limitMb} MB`, {
        limitMb,
        limitBytes: store.limitBytes,
        filename: file.filename,
      });
    }
  }
}

/** Files as they are stored: a safe name and type, and their hash. */
export function preparedFiles(files: NewAttachment[]) {
  return files.map((file) => ({
    filename: cleanFilename(file.filename),
    contentType: cleanContentType(file.contentType),
    data: file.data,
    sha256: sha256Of(file.data),
  }));
}

/**
 * An HTML body posted through the API, made harmless before it is stored (and later mailed to
 * customers): the sanitizer is loaded on the first HTML body, not at start.
 */
export async function safeHtml(html: string | null | undefined): Promise<string | null> {
  if (!html?.trim()) return null;
  const { sanitizeBodyHtml } = await import('./html-sanitize.ts');
  return sanitizeBodyHtml(html);
}

/**
 * Writes a message and its search entry in the caller's transaction. Every path that adds a
 * message (the conversation, a new ticket's first words, a dispatch note) goes through here.
 */
export async function insertIndexedMessage(
  trx: Db,
  ticket: { id: string; organizationId: string | null },
  row: NewMessageRow,
): Promise<void> {
  await messageRepository(trx).insert(row);
  await searchIndexRepository(trx).insert({
    kind: 'message',
    ref_id: row.id,
    ticket_id: ticket.id,
    organization_id: ticket.organizationId,
    visibility: row.kind === 'reply' ? 'public' : 'internal',
    title: '',
    body: row.activity ? `${row.body}\n${activitySearchText(row.activity)}` : row.body,
  });
}

/** Moves messages (all, or the listed ones) and their search entries to another ticket (merge, split). */
export async function moveMessages(trx: Db, fromTicketId: string, toTicketId: string, messageIds?: string[]) {
  const moved = await messageRepository(trx).move(fromTicketId, toTicketId, messageIds);
  const search = searchIndexRepository(trx);
  if (messageIds) await search.moveMessages(messageIds, toTicketId);
  else await search.moveTicket(fromTicketId, toTicketId);
  return moved;
}

export async function messageIdsOf(db: Db, ticketId: string): Promise<string[]> {
  return messageRepository(db).idsOf(ticketId);
}

/** Each distinct file is stored once (by SHA-256); every message gets its own name for it. */
export async function storeFiles(
  trx: Db,
  store: AttachmentStore,
  messageId: string,
  files: { filename: string; contentType: string; data: Buffer; sha256: string }[],
  now: string,
): Promise<void> {
  const attachments = attachmentRepository(trx);
  for (const file of files) {
    const stored = await storeBlob(trx, store, file, now);
    await attachments.link({
      id: newId(),
      messageId,
      attachmentId: stored.id,
      filename: file.filename,
      contentType: file.contentType,
    });
  }
}

/**
 * A message joined a ticket: open consoles hear of it once the transaction commits, and rules and
 * notices run for it (the customer's: by the portal, by mail, by WhatsApp; or an agent's).
 */
export async function announceMessage(
  uow: UnitOfWork,
  hooks: TicketHooks | undefined,
  input: {
    ticket: { id: string; organizationId: string | null };
    actor: Actor;
    messageId: string;
    kind: MessageKind;
    fromCustomer: boolean;
  },
): Promise<void> {
  const { ticket, actor, messageId } = input;
  uow.emit({
    type: 'message.added',
    ticketId: ticket.id,
    organizationId: ticket.organizationId,
    actor,
    data: { ticketId: ticket.id, messageId, kind: input.kind },
  });
  await hooks?.afterTicketWrite(uow, {
    kind: input.fromCustomer ? 'message_from_customer' : 'message_from_agent',
    ticketId: ticket.id,
    actor,
    changes: [],
    messageId,
  });
}

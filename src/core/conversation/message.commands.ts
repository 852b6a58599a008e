import type { Db } from '../../db/database.ts';
import { searchIndexRepository } from '../search/search-index.repository.ts';
import { activitySearchText } from './activity.ts';
import { messageRepository, type NewMessageRow } from './message.repository.ts';

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
  await searchIndexRepository(trx).upsert({
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

import type { Channel, Db, MessagesTable } from '../../db/database.ts';
import { insertRows } from '../../db/prepared-query.ts';
import type { ActivityFields } from './activity.ts';

export type MessageKind = MessagesTable['kind'];

/** Kinds a customer may read; notes and activities are internal everywhere. */
export const PUBLIC_KINDS: readonly MessageKind[] = ['reply'];

export interface MessageAuthor {
  kind: 'agent' | 'contact' | 'system';
  id: string | null;
  name: string;
  /** The agent's initials (time entries, the timeline); null for contacts and Tiquete itself. */
  initials: string | null;
}

/** A message as stored, with its author's name; attachments and sessions are added by the service. */
export interface MessageRecord {
  id: string;
  ticketId: string;
  kind: MessageKind;
  channel: Channel;
  author: MessageAuthor;
  body: string;
  html: string | null;
  activity: ActivityFields | null;
  /** Where the quoted earlier conversation sits in `body` (mail), folded away for display. */
  quote: QuoteRange | null;
  createdAt: string;
}

/** Character offsets [start, end) into a message's body. */
export interface QuoteRange {
  start: number;
  end: number;
}

export interface NewMessageRow {
  id: string;
  ticketId: string;
  kind: MessageKind;
  authorKind: MessageAuthor['kind'];
  authorAgentId: string | null;
  authorContactId: string | null;
  channel: Channel;
  body: string;
  html: string | null;
  activity: ActivityFields | null;
  quote?: QuoteRange | null;
  createdAt: string;
}

/** Activities written before the protocol link existed have no protocolAppliedId. */
const withDefaults = (stored: Partial<ActivityFields>): ActivityFields =>
  ({ protocolAppliedId: null, ...stored }) as ActivityFields;

export function messageRepository(db: Db) {
  const base = () =>
    db
      .selectFrom('messages')
      .leftJoin('agents', 'agents.id', 'messages.author_agent_id')
      .leftJoin('contacts', 'contacts.id', 'messages.author_contact_id')
      .selectAll('messages')
      .select(['agents.name as agent_name', 'agents.initials as agent_initials', 'contacts.name as contact_name']);

  type Row = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;

  function toRecord(row: Row): MessageRecord {
    const author: MessageAuthor =
      row.author_kind === 'agent'
        ? { kind: 'agent', id: row.author_agent_id, name: row.agent_name ?? '', initials: row.agent_initials }
        : row.author_kind === 'contact'
          ? { kind: 'contact', id: row.author_contact_id, name: row.contact_name ?? '', initials: null }
          : { kind: 'system', id: null, name: 'Tiquete', initials: null };
    return {
      id: row.id,
      ticketId: row.ticket_id,
      kind: row.kind,
      channel: row.channel,
      author,
      body: row.body_text,
      html: row.body_html,
      activity: row.activity ? withDefaults(JSON.parse(row.activity) as Partial<ActivityFields>) : null,
      quote:
        row.quote_start !== null && row.quote_end !== null
          ? { start: Number(row.quote_start), end: Number(row.quote_end) }
          : null,
      createdAt: row.created_at,
    };
  }

  return {
    async insert(message: NewMessageRow): Promise<void> {
      await insertRows(db, 'messages', [
        {
          id: message.id,
          ticket_id: message.ticketId,
          kind: message.kind,
          author_kind: message.authorKind,
          author_agent_id: message.authorAgentId,
          author_contact_id: message.authorContactId,
          channel: message.channel,
          body_text: message.body,
          body_html: message.html,
          activity: message.activity ? JSON.stringify(message.activity) : null,
          quote_start: message.quote?.start ?? null,
          quote_end: message.quote?.end ?? null,
          created_at: message.createdAt,
        },
      ]);
    },

    async idsOf(ticketId: string): Promise<string[]> {
      const rows = await db.selectFrom('messages').select('id').where('ticket_id', '=', ticketId).execute();
      return rows.map((r) => r.id);
    },

    /** Moves messages (all, or the listed ones) to another ticket; returns how many moved. */
    async move(fromTicketId: string, toTicketId: string, messageIds?: string[]): Promise<number> {
      let query = db.updateTable('messages').set({ ticket_id: toTicketId }).where('ticket_id', '=', fromTicketId);
      if (messageIds) query = query.where('id', 'in', messageIds);
      const result = await query.executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    /** Forgets what the recipient's server reported (the reply is being sent again). */
    async clearDeliveryReport(id: string): Promise<void> {
      await db
        .updateTable('messages')
        .set({ delivery_status: null, delivery_detail: null, delivery_reported_at: null })
        .where('id', '=', id)
        .execute();
    },

    async find(id: string): Promise<MessageRecord | undefined> {
      const row = await base().where('messages.id', '=', id).executeTakeFirst();
      return row && toRecord(row);
    },

    /** A ticket's messages oldest first, after the cursor position (created_at, id). */
    async list(
      ticketId: string,
      opts: { kinds: readonly MessageKind[]; after?: { createdAt: string; id: string }; limit: number },
    ): Promise<MessageRecord[]> {
      let query = base()
        .where('messages.ticket_id', '=', ticketId)
        .where('messages.kind', 'in', [...opts.kinds])
        .orderBy('messages.created_at')
        .orderBy('messages.id')
        .limit(opts.limit);
      const after = opts.after;
      if (after) {
        query = query.where((eb) =>
          eb.or([
            eb('messages.created_at', '>', after.createdAt),
            eb.and([eb('messages.created_at', '=', after.createdAt), eb('messages.id', '>', after.id)]),
          ]),
        );
      }
      return (await query.execute()).map(toRecord);
    },

    /** The first agent reply answers the ticket: its time is the first response, set once. */
    async markFirstResponse(ticketId: string, at: string): Promise<boolean> {
      const result = await db
        .updateTable('tickets')
        .set({ first_response_at: at })
        .where('id', '=', ticketId)
        .where('first_response_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}

import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { newId } from '../shared/ids.ts';

export interface StoredWebhook {
  id: string;
  status: 'pending' | 'processed' | 'failed';
  attempts: number;
  error: string | null;
  receivedAt: string;
}

export interface WhatsappThread {
  ticketId: string;
  numberId: string;
  contactId: string;
  waId: string;
  lastInboundAt: string | null;
}

export interface PendingMedia {
  id: string;
  messageId: string;
  numberId: string;
  mediaId: string;
  kind: string;
  mimeType: string | null;
  filename: string | null;
  storedAt: string | null;
}

/** The WhatsApp channel's own tables (0024): raw webhooks, wamids, threads and media. */
export function whatsappInboundRepository(db: Db) {
  return {
    async storeWebhook(raw: Buffer, now: string): Promise<string> {
      const id = newId();
      await db
        .insertInto('whatsapp_webhooks')
        .values({
          id,
          raw,
          status: 'pending',
          error: null,
          received_at: now,
          processed_at: null,
          next_attempt_at: null,
        })
        .execute();
      return id;
    },

    /** Pending bodies due now (new, or whose wait after a failed attempt is over), oldest first. */
    async pendingWebhooks(limit: number, now: string): Promise<StoredWebhook[]> {
      const rows = await db
        .selectFrom('whatsapp_webhooks')
        .select(['id', 'status', 'attempts', 'error', 'received_at'])
        .where('status', '=', 'pending')
        .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', now)]))
        .orderBy('received_at')
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(toStoredWebhook);
    },

    /** Bodies given up on, newest first, for the admins. */
    async failedWebhooks(limit: number): Promise<StoredWebhook[]> {
      const rows = await db
        .selectFrom('whatsapp_webhooks')
        .select(['id', 'status', 'attempts', 'error', 'received_at'])
        .where('status', '=', 'failed')
        .orderBy('received_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toStoredWebhook);
    },

    async webhookRaw(id: string): Promise<Buffer | undefined> {
      const row = await db.selectFrom('whatsapp_webhooks').select('raw').where('id', '=', id).executeTakeFirst();
      return row ? Buffer.from(row.raw) : undefined;
    },

    /** Counts a start of processing; undefined when the webhook is no longer pending. */
    async startWebhook(id: string): Promise<number | undefined> {
      const row = await db
        .updateTable('whatsapp_webhooks')
        .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .returning('attempts')
        .executeTakeFirst();
      return row ? Number(row.attempts) : undefined;
    },

    async finishWebhook(id: string, status: 'processed' | 'failed', now: string, error: string | null = null) {
      await db
        .updateTable('whatsapp_webhooks')
        .set({ status, processed_at: now, error, next_attempt_at: null })
        .where('id', '=', id)
        .execute();
    },

    /** A failed attempt that will be repeated: stays pending, not taken again before `at`. */
    async retryWebhookAt(id: string, at: string, error: string) {
      await db
        .updateTable('whatsapp_webhooks')
        .set({ next_attempt_at: at, error })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .execute();
    },

    /** Puts failed bodies (all, or the named ones) back in line with a fresh count of attempts. */
    async requeueWebhooks(ids?: string[]): Promise<number> {
      let query = db
        .updateTable('whatsapp_webhooks')
        .set({ status: 'pending', attempts: 0, next_attempt_at: null, processed_at: null })
        .where('status', '=', 'failed');
      if (ids && ids.length > 0) query = query.where('id', 'in', ids);
      const result = await query.executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    /** Claims a wamid for this transaction; false when it was taken already (a webhook delivered again). */
    async claimWamid(input: {
      wamid: string;
      direction: 'in' | 'out';
      ticketId: string | null;
      messageId: string | null;
      now: string;
    }): Promise<boolean> {
      const row = await db
        .insertInto('whatsapp_messages')
        .values({
          wamid: input.wamid,
          direction: input.direction,
          ticket_id: input.ticketId,
          message_id: input.messageId,
          status: input.direction === 'out' ? 'sent' : null,
          created_at: input.now,
        })
        .onConflict((oc) => oc.column('wamid').doNothing())
        .returning('wamid')
        .executeTakeFirst();
      return row !== undefined;
    },

    async knownWamid(wamid: string): Promise<boolean> {
      const row = await db
        .selectFrom('whatsapp_messages')
        .select('wamid')
        .where('wamid', '=', wamid)
        .executeTakeFirst();
      return row !== undefined;
    },

    async wamidMessage(wamid: string) {
      const row = await db
        .selectFrom('whatsapp_messages')
        .leftJoin('messages', 'messages.id', 'whatsapp_messages.message_id')
        .select([
          'whatsapp_messages.direction',
          'whatsapp_messages.message_id',
          'whatsapp_messages.ticket_id',
          'whatsapp_messages.status',
          'messages.body_text',
        ])
        .where('whatsapp_messages.wamid', '=', wamid)
        .executeTakeFirst();
      return (
        row && {
          direction: row.direction,
          messageId: row.message_id,
          ticketId: row.ticket_id,
          status: row.status,
          body: row.body_text ?? null,
        }
      );
    },

    /** The wamids Meta gave for a reply of ours (its text, its files). */
    async sentWamidsOf(messageId: string): Promise<string[]> {
      const rows = await db
        .selectFrom('whatsapp_messages')
        .select('wamid')
        .where('message_id', '=', messageId)
        .where('direction', '=', 'out')
        .execute();
      return rows.map((r) => r.wamid);
    },

    async setWamidStatus(wamid: string, status: string): Promise<void> {
      await db.updateTable('whatsapp_messages').set({ status }).where('wamid', '=', wamid).execute();
    },

    /** The customer's latest WhatsApp ticket with this number that is not closed. */
    async openThreadOf(contactId: string, numberId: string): Promise<WhatsappThread | undefined> {
      const row = await db
        .selectFrom('whatsapp_threads')
        .innerJoin('tickets', 'tickets.id', 'whatsapp_threads.ticket_id')
        .selectAll('whatsapp_threads')
        .where('whatsapp_threads.contact_id', '=', contactId)
        .where('whatsapp_threads.number_id', '=', numberId)
        .where('tickets.status_category', '!=', 'closed')
        .where('tickets.merged_into_id', 'is', null)
        .orderBy('tickets.created_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row && toThread(row);
    },

    async threadOf(ticketId: string): Promise<WhatsappThread | undefined> {
      const row = await db
        .selectFrom('whatsapp_threads')
        .selectAll()
        .where('ticket_id', '=', ticketId)
        .executeTakeFirst();
      return row && toThread(row);
    },

    /** The contact a customer without a phone number (only a business-scoped id) wrote as before. */
    async contactOfWaId(waId: string): Promise<string | undefined> {
      const row = await db
        .selectFrom('whatsapp_threads')
        .select('contact_id')
        .where('wa_id', '=', waId)
        .orderBy('last_inbound_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row?.contact_id;
    },

    /** Records the conversation of a ticket and moves its 24-hour window to `at` (never back). */
    async touchThread(thread: Omit<WhatsappThread, 'lastInboundAt'>, at: string): Promise<void> {
      await db
        .insertInto('whatsapp_threads')
        .values({
          ticket_id: thread.ticketId,
          number_id: thread.numberId,
          contact_id: thread.contactId,
          wa_id: thread.waId,
          last_inbound_at: at,
        })
        .onConflict((oc) =>
          oc.column('ticket_id').doUpdateSet({
            last_inbound_at: sql`case when whatsapp_threads.last_inbound_at is null or whatsapp_threads.last_inbound_at < excluded.last_inbound_at then excluded.last_inbound_at else whatsapp_threads.last_inbound_at end`,
          }),
        )
        .execute();
    },

    async addMedia(media: Omit<PendingMedia, 'id' | 'storedAt'>, now: string): Promise<string> {
      const id = newId();
      await db
        .insertInto('whatsapp_media')
        .values({
          id,
          message_id: media.messageId,
          number_id: media.numberId,
          media_id: media.mediaId,
          kind: media.kind,
          mime_type: media.mimeType,
          filename: media.filename,
          stored_at: null,
          created_at: now,
        })
        .execute();
      return id;
    },

    async findMedia(id: string): Promise<PendingMedia | undefined> {
      const row = await db.selectFrom('whatsapp_media').selectAll().where('id', '=', id).executeTakeFirst();
      return (
        row && {
          id: row.id,
          messageId: row.message_id,
          numberId: row.number_id,
          mediaId: row.media_id,
          kind: row.kind,
          mimeType: row.mime_type,
          filename: row.filename,
          storedAt: row.stored_at,
        }
      );
    },

    /** Marks the media stored; false when another worker did it first. */
    async markMediaStored(id: string, now: string): Promise<boolean> {
      const result = await db
        .updateTable('whatsapp_media')
        .set({ stored_at: now })
        .where('id', '=', id)
        .where('stored_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}

function toStoredWebhook(row: {
  id: string;
  status: StoredWebhook['status'];
  attempts: number;
  error: string | null;
  received_at: string;
}): StoredWebhook {
  return {
    id: row.id,
    status: row.status,
    attempts: Number(row.attempts),
    error: row.error,
    receivedAt: row.received_at,
  };
}

function toThread(row: {
  ticket_id: string;
  number_id: string;
  contact_id: string;
  wa_id: string;
  last_inbound_at: string | null;
}): WhatsappThread {
  return {
    ticketId: row.ticket_id,
    numberId: row.number_id,
    contactId: row.contact_id,
    waId: row.wa_id,
    lastInboundAt: row.last_inbound_at,
  };
}

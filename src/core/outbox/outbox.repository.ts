import type { Selectable } from 'kysely';
import type { Db, OutboxTable } from '../../db/database.ts';
import { insertRows } from '../../db/prepared-query.ts';
import { newId } from '../shared/ids.ts';

export interface OutboxItem {
  id: string;
  type: string;
  payload: Record<string, unknown>;
  ticketId: string | null;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  availableAt: string;
  lastError: string | null;
  createdAt: string;
  /** When it was sent or given up on. */
  processedAt: string | null;
}

/**
 * A payload field listing other payload fields that hold a secret (a set-password link): they are
 * removed from the stored row once the item is sent or given up, so no secret stays at rest.
 */
export const FORGET_WHEN_DONE = 'forgetWhenDone';

/** The payload as it stays after delivery: without the fields it asked to forget. */
export function payloadAfterDone(payload: Record<string, unknown>): Record<string, unknown> | null {
  const forget = payload[FORGET_WHEN_DONE];
  if (!Array.isArray(forget) || forget.length === 0) return null;
  return Object.fromEntries(Object.entries(payload).filter(([key]) => !forget.includes(key)));
}

export function toOutboxItem(row: Selectable<OutboxTable>): OutboxItem {
  return {
    id: row.id,
    type: row.type,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
    ticketId: row.ticket_id,
    status: row.status,
    attempts: Number(row.attempts),
    availableAt: row.available_at,
    lastError: row.last_error,
    createdAt: row.created_at,
    processedAt: row.processed_at,
  };
}

/** Work for after the commit (mail, invitations, webhooks), written in the caller's transaction. */
export function outboxRepository(db: Db) {
  return {
    /** Several items in one statement (a notice to a whole department); returns their ids. */
    async addMany(
      items: { type: string; payload: Record<string, unknown>; ticketId?: string | null; now: string }[],
    ): Promise<string[]> {
      if (items.length === 0) return [];
      const rows = items.map((item) => ({
        id: newId(),
        type: item.type,
        payload: JSON.stringify(item.payload),
        ticket_id: item.ticketId ?? null,
        status: 'pending' as const,
        attempts: 0,
        available_at: item.now,
        last_error: null,
        created_at: item.now,
        processed_at: null,
      }));
      await insertRows(db, 'outbox', rows);
      return rows.map((r) => r.id);
    },

    async add(item: { type: string; payload: Record<string, unknown>; ticketId?: string | null; now: string }) {
      const [id] = await this.addMany([item]);
      return id as string;
    },

    /** Items given up on (after 48 h of retries), newest first, for admins. */
    async listFailed(limit: number): Promise<OutboxItem[]> {
      const rows = await db
        .selectFrom('outbox')
        .selectAll()
        .where('status', '=', 'failed')
        .orderBy('created_at', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toOutboxItem);
    },

    /**
     * Puts failed items (all, or the named ones) back in line, due now; returns how many. The 48 h
     * of retries count from the first queueing, so each gets one more attempt before failing again.
     */
    async requeueFailed(ids: string[] | undefined, now: string): Promise<number> {
      let query = db
        .updateTable('outbox')
        .set({ status: 'pending', available_at: now, processed_at: null })
        .where('status', '=', 'failed');
      if (ids && ids.length > 0) query = query.where('id', 'in', ids);
      const result = await query.executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    /** The outbox items of one type on a ticket, by the message they carry (`payload.messageId`). */
    async byMessage(ticketId: string, type: string): Promise<Map<string, OutboxItem>> {
      const rows = await db
        .selectFrom('outbox')
        .selectAll()
        .where('ticket_id', '=', ticketId)
        .where('type', '=', type)
        .execute();
      const items = new Map<string, OutboxItem>();
      for (const item of rows.map(toOutboxItem)) {
        if (typeof item.payload.messageId === 'string') items.set(item.payload.messageId, item);
      }
      return items;
    },

    /**
     * Puts one item back in line, due now, whether it failed or waits for its next attempt; one
     * that was sent only when asked (a bounced reply sent again).
     */
    async retryNow(id: string, now: string, opts: { evenIfSent?: boolean } = {}): Promise<void> {
      await db
        .updateTable('outbox')
        .set({ status: 'pending', available_at: now, processed_at: null })
        .where('id', '=', id)
        .$if(!opts.evenIfSent, (q) => q.where('status', '!=', 'sent'))
        .execute();
    },

    async listForTicket(ticketId: string): Promise<OutboxItem[]> {
      const rows = await db
        .selectFrom('outbox')
        .selectAll()
        .where('ticket_id', '=', ticketId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toOutboxItem);
    },
  };
}

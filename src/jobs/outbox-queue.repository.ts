import { type Selectable, sql } from 'kysely';
import { type OutboxItem, toOutboxItem } from '../core/outbox/outbox.repository.ts';
import { dialectOf } from '../db/create-db.ts';
import type { Db, OutboxTable } from '../db/database.ts';

/** The outbox as the worker sees it: claim due rows with a lease, then settle each. */
export function outboxQueueRepository(db: Db) {
  const postgres = dialectOf(db) === 'postgres';

  return {
    /**
     * Claims up to `limit` due rows of the given types and pushes their `available_at` out by the
     * lease, so a crashed worker's rows come back by themselves. Only the oldest pending row of
     * each ticket is due, so a ticket's mail leaves in order even across retries; rows of types
     * that cannot go now (mail with no SMTP server configured) do not hold back the others (a
     * WhatsApp reply waited forever behind an agent's new-ticket notice).
     */
    async claim(opts: { now: string; leaseUntil: string; types: string[]; limit: number }): Promise<OutboxItem[]> {
      if (opts.types.length === 0) return [];
      return db.transaction().execute(async (trx) => {
        const rows = await sql<Selectable<OutboxTable>>`
          select * from outbox
          where status = 'pending' and available_at <= ${opts.now} and type in (${sql.join(opts.types)})
            and (ticket_id is null or not exists (
              select 1 from outbox earlier
              where earlier.ticket_id = outbox.ticket_id and earlier.status = 'pending'
                and earlier.type in (${sql.join(opts.types)})
                and (earlier.created_at < outbox.created_at
                  or (earlier.created_at = outbox.created_at and earlier.id < outbox.id))))
          order by created_at, id
          limit ${opts.limit}
          ${postgres ? sql`for update skip locked` : sql``}`.execute(trx);
        if (rows.rows.length === 0) return [];
        await trx
          .updateTable('outbox')
          .set((eb) => ({ available_at: opts.leaseUntil, attempts: eb('attempts', '+', 1) }))
          .where(
            'id',
            'in',
            rows.rows.map((r) => r.id),
          )
          .execute();
        return rows.rows.map((row) => ({ ...toOutboxItem(row), attempts: Number(row.attempts) + 1 }));
      });
    },

    /** Pushes the lease of rows still being sent further out, so no other worker takes them meanwhile. */
    async extendLease(ids: string[], leaseUntil: string): Promise<void> {
      if (ids.length === 0) return;
      await db
        .updateTable('outbox')
        .set({ available_at: leaseUntil })
        .where('id', 'in', ids)
        .where('status', '=', 'pending')
        .execute();
    },

    /** `keptPayload`: what stays of the payload once sent (its secrets forgotten); unchanged if null. */
    async markSent(id: string, now: string, keptPayload: Record<string, unknown> | null = null): Promise<void> {
      await db
        .updateTable('outbox')
        .set({
          status: 'sent',
          processed_at: now,
          last_error: null,
          ...(keptPayload && { payload: JSON.stringify(keptPayload) }),
        })
        .where('id', '=', id)
        .execute();
    },

    async retryLater(id: string, availableAt: string, error: string): Promise<void> {
      await db
        .updateTable('outbox')
        .set({ available_at: availableAt, last_error: error })
        .where('id', '=', id)
        .execute();
    },

    async markFailed(
      id: string,
      now: string,
      error: string,
      keptPayload: Record<string, unknown> | null = null,
    ): Promise<void> {
      await db
        .updateTable('outbox')
        .set({
          status: 'failed',
          processed_at: now,
          last_error: error,
          ...(keptPayload && { payload: JSON.stringify(keptPayload) }),
        })
        .where('id', '=', id)
        .execute();
    },

    async countPending(): Promise<number> {
      const row = await db
        .selectFrom('outbox')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
  };
}

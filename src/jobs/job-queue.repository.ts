import { sql } from 'kysely';
import { newId } from '../core/shared/ids.ts';
import { dialectOf } from '../db/create-db.ts';
import type { Db } from '../db/database.ts';

export interface Job {
  id: string;
  name: string;
  payload: Record<string, unknown>;
  runAt: string;
  attempts: number;
}

export function jobQueueRepository(db: Db) {
  const postgres = dialectOf(db) === 'postgres';

  return {
    /** Queues a job; with a `dedupeKey` a second enqueue of the same work is ignored. */
    async enqueue(job: {
      name: string;
      runAt: string;
      payload?: Record<string, unknown>;
      dedupeKey?: string;
      now: string;
    }) {
      await db
        .insertInto('jobs')
        .values({
          id: newId(),
          name: job.name,
          payload: JSON.stringify(job.payload ?? {}),
          run_at: job.runAt,
          status: 'pending',
          attempts: 0,
          last_error: null,
          dedupe_key: job.dedupeKey ?? null,
          created_at: job.now,
          finished_at: null,
        })
        .onConflict((oc) => oc.column('dedupe_key').doNothing())
        .execute();
    },

    /**
     * Locks the oldest due job of the given names for the rest of the caller's transaction; other
     * instances skip it (PostgreSQL SKIP LOCKED; SQLite has one writer).
     */
    async claim(names: string[], now: string): Promise<Job | undefined> {
      if (names.length === 0) return undefined;
      const rows = await sql<{ id: string; name: string; payload: string; run_at: string; attempts: number }>`
        select id, name, payload, run_at, attempts from jobs
        where status = 'pending' and run_at <= ${now} and name in (${sql.join(names)})
        order by run_at, id
        limit 1
        ${postgres ? sql`for update skip locked` : sql``}`.execute(db);
      const row = rows.rows[0];
      return (
        row && {
          id: row.id,
          name: row.name,
          payload: JSON.parse(row.payload) as Record<string, unknown>,
          runAt: row.run_at,
          attempts: Number(row.attempts),
        }
      );
    },

    async complete(id: string, now: string): Promise<void> {
      await db.updateTable('jobs').set({ status: 'done', finished_at: now }).where('id', '=', id).execute();
    },

    async fail(id: string, opts: { now: string; error: string; retryAt: string | null }): Promise<void> {
      await db
        .updateTable('jobs')
        .set((eb) => ({
          attempts: eb('attempts', '+', 1),
          last_error: opts.error,
          ...(opts.retryAt ? { run_at: opts.retryAt } : { status: 'failed' as const, finished_at: opts.now }),
        }))
        .where('id', '=', id)
        // Another instance may have run it meanwhile; a finished job stays finished.
        .where('status', '=', 'pending')
        .execute();
    },

    async countPending(): Promise<number> {
      const row = await db
        .selectFrom('jobs')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
  };
}

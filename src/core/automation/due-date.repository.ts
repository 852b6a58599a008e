import type { Db } from '../../db/database.ts';
import { statusCategoryIn } from '../tickets/ticket.repository.ts';

export type DueStage = 'soon' | 'passed';

/** Where each ticket's due date stands for its notices (issue 12, weknow "Fecha límite"). */
export function dueDateRepository(db: Db) {
  return {
    async watch(ticketId: string): Promise<{ warnAt: string | null; notice: DueStage | null } | undefined> {
      const row = await db
        .selectFrom('tickets')
        .select(['due_warn_at', 'due_notice'])
        .where('id', '=', ticketId)
        .executeTakeFirst();
      return row && { warnAt: row.due_warn_at, notice: row.due_notice };
    },

    /** A new warning time; `reset` forgets the thresholds told (the due date itself changed). */
    async setWarnAt(ticketId: string, warnAt: string | null, reset: boolean): Promise<void> {
      await db
        .updateTable('tickets')
        .set({ due_warn_at: warnAt, ...(reset && { due_notice: null }) })
        .where('id', '=', ticketId)
        .execute();
    },

    /** Once the due date has passed there is nothing left to tell: the ticket leaves the scan's index range. */
    async markTold(ticketId: string, stage: DueStage): Promise<void> {
      await db
        .updateTable('tickets')
        .set({ due_notice: stage, ...(stage === 'passed' && { due_warn_at: null }) })
        .where('id', '=', ticketId)
        .execute();
    },

    /** Open tickets with a due date whose approach has not been told yet. */
    async untold(): Promise<{ id: string; dueAt: string; departmentId: string | null }[]> {
      const rows = await db
        .selectFrom('tickets')
        .select(['id', 'due_at', 'department_id'])
        .where('due_at', 'is not', null)
        .where('due_notice', 'is', null)
        .where('merged_into_id', 'is', null)
        .where(statusCategoryIn(['new', 'open', 'pending', 'on_hold']))
        .execute();
      return rows.map((r) => ({ id: r.id, dueAt: r.due_at as string, departmentId: r.department_id }));
    },

    /** Open tickets whose due date just came near or passed, with the threshold not told yet. */
    async crossed(now: string, limit: number): Promise<{ id: string; dueAt: string; stage: DueStage }[]> {
      const rows = await db
        .selectFrom('tickets')
        .select(['id', 'due_at'])
        .where('due_warn_at', '<=', now)
        .where('due_at', 'is not', null)
        .where('merged_into_id', 'is', null)
        .where(statusCategoryIn(['new', 'open', 'pending', 'on_hold']))
        .where((eb) =>
          eb.or([eb('due_notice', 'is', null), eb.and([eb('due_notice', '=', 'soon'), eb('due_at', '<=', now)])]),
        )
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        dueAt: new Date(r.due_at as string).toISOString(),
        stage: new Date(r.due_at as string).toISOString() <= now ? 'passed' : 'soon',
      }));
    },
  };
}

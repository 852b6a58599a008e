import type { Selectable } from 'kysely';
import type { Db, ReportSubscriptionsTable } from '../../db/database.ts';

export type Frequency = 'daily' | 'weekly' | 'monthly';
export type SummaryAttachment = 'none' | 'csv' | 'xlsx';

export interface ReportSubscription {
  id: string;
  agentId: string;
  frequency: Frequency;
  attachment: SummaryAttachment;
  /** Empty: every department the subscriber sees. */
  departmentIds: string[];
  createdAt: string;
  updatedAt: string;
}

function toSubscription(row: Selectable<ReportSubscriptionsTable>): ReportSubscription {
  return {
    id: row.id,
    agentId: row.agent_id,
    frequency: row.frequency,
    attachment: row.attachment,
    departmentIds: JSON.parse(row.department_ids) as string[],
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** Report subscriptions and the periods mailed for them (0051). */
export function reportSubscriptionRepository(db: Db) {
  return {
    async listFor(agentId: string): Promise<ReportSubscription[]> {
      const rows = await db
        .selectFrom('report_subscriptions')
        .selectAll()
        .where('agent_id', '=', agentId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toSubscription);
    },

    async find(id: string): Promise<ReportSubscription | undefined> {
      const row = await db.selectFrom('report_subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toSubscription(row);
    },

    async insert(s: ReportSubscription): Promise<void> {
      await db
        .insertInto('report_subscriptions')
        .values({
          id: s.id,
          agent_id: s.agentId,
          frequency: s.frequency,
          attachment: s.attachment,
          department_ids: JSON.stringify(s.departmentIds),
          created_at: s.createdAt,
          updated_at: s.updatedAt,
        })
        .execute();
    },

    async update(s: ReportSubscription): Promise<void> {
      await db
        .updateTable('report_subscriptions')
        .set({
          frequency: s.frequency,
          attachment: s.attachment,
          department_ids: JSON.stringify(s.departmentIds),
          updated_at: s.updatedAt,
        })
        .where('id', '=', s.id)
        .execute();
    },

    async remove(id: string): Promise<void> {
      await db.deleteFrom('report_subscriptions').where('id', '=', id).execute();
    },

    /** Every subscription of an active agent, with the zone their days end in. */
    async active(): Promise<(ReportSubscription & { timeZone: string })[]> {
      const rows = await db
        .selectFrom('report_subscriptions')
        .innerJoin('agents', 'agents.id', 'report_subscriptions.agent_id')
        .selectAll('report_subscriptions')
        .select('agents.time_zone')
        .where('agents.active', '=', 1)
        .execute();
      return rows.map((r) => ({ ...toSubscription(r), timeZone: r.time_zone }));
    },

    async wasSent(subscriptionId: string, periodFrom: string): Promise<boolean> {
      const row = await db
        .selectFrom('report_subscription_sends')
        .select('subscription_id')
        .where('subscription_id', '=', subscriptionId)
        .where('period_from', '=', periodFrom)
        .executeTakeFirst();
      return row !== undefined;
    },

    /** Its key (subscription, period) refuses a second row for the same period. */
    async recordSend(send: { subscriptionId: string; from: string; to: string; outboxId: string; now: string }) {
      await db
        .insertInto('report_subscription_sends')
        .values({
          subscription_id: send.subscriptionId,
          period_from: send.from,
          period_to: send.to,
          outbox_id: send.outboxId,
          created_at: send.now,
        })
        .execute();
    },

    async departmentNames(ids: string[]): Promise<{ id: string; name: string }[]> {
      if (ids.length === 0) return [];
      return db.selectFrom('departments').select(['id', 'name']).where('id', 'in', ids).orderBy('name').execute();
    },
  };
}

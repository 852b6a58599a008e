import type { Db } from '../../db/database.ts';
import { insertRows } from '../../db/prepared-query.ts';

export interface Notification {
  id: string;
  agentId: string;
  ticketId: string | null;
  kind: string;
  title: string;
  data: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

export function notificationRepository(db: Db) {
  return {
    async insert(n: Notification): Promise<void> {
      await this.insertMany([n]);
    },

    /** One statement for all of them: a new ticket may tell a whole department. */
    async insertMany(notifications: Notification[]): Promise<void> {
      if (notifications.length === 0) return;
      await insertRows(
        db,
        'notifications',
        notifications.map((n) => ({
          id: n.id,
          agent_id: n.agentId,
          ticket_id: n.ticketId,
          kind: n.kind,
          title: n.title,
          data: JSON.stringify(n.data),
          created_at: n.createdAt,
          read_at: n.readAt,
        })),
      );
    },

    async list(
      agentId: string,
      opts: { unreadOnly?: boolean; before?: string; limit: number },
    ): Promise<Notification[]> {
      let query = db.selectFrom('notifications').selectAll().where('agent_id', '=', agentId);
      if (opts.unreadOnly) query = query.where('read_at', 'is', null);
      if (opts.before) query = query.where('created_at', '<', opts.before);
      const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(opts.limit).execute();
      return rows.map((row) => ({
        id: row.id,
        agentId: row.agent_id,
        ticketId: row.ticket_id,
        kind: row.kind,
        title: row.title,
        data: JSON.parse(row.data) as Record<string, unknown>,
        createdAt: row.created_at,
        readAt: row.read_at,
      }));
    },

    async unreadCount(agentId: string): Promise<number> {
      const row = await db
        .selectFrom('notifications')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('agent_id', '=', agentId)
        .where('read_at', 'is', null)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },

    /** Marks the given notifications (or all) of an agent read; returns how many changed. */
    async markRead(agentId: string, ids: string[] | 'all', now: string): Promise<number> {
      let query = db
        .updateTable('notifications')
        .set({ read_at: now })
        .where('agent_id', '=', agentId)
        .where('read_at', 'is', null);
      if (ids !== 'all') {
        if (ids.length === 0) return 0;
        query = query.where('id', 'in', ids);
      }
      const result = await query.executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
}

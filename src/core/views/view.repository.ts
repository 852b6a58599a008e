import type { Db } from '../../db/database.ts';
import type { TicketSort } from '../tickets/ticket.repository.ts';
import type { TicketQuery } from '../tickets/ticket-query.ts';

export interface SavedView {
  id: string;
  /** The stable name of a default view (`mine`, `unassigned`…), null for views people made. */
  key: string | null;
  name: string;
  ownerAgentId: string | null;
  query: TicketQuery;
  sort: TicketSort;
  position: number;
}

export function viewRepository(db: Db) {
  const toView = (row: {
    id: string;
    key: string | null;
    name: string;
    owner_agent_id: string | null;
    filters: string;
    sort: string;
    position: number;
  }): SavedView => ({
    id: row.id,
    key: row.key,
    name: row.name,
    ownerAgentId: row.owner_agent_id,
    query: JSON.parse(row.filters) as TicketQuery,
    sort: row.sort as TicketSort,
    position: row.position,
  });

  return {
    async listFor(agentId: string | null): Promise<SavedView[]> {
      let query = db.selectFrom('saved_views').selectAll().orderBy('position').orderBy('name');
      query = agentId
        ? query.where((eb) => eb.or([eb('owner_agent_id', 'is', null), eb('owner_agent_id', '=', agentId)]))
        : query.where('owner_agent_id', 'is', null);
      return (await query.execute()).map(toView);
    },

    async find(id: string): Promise<SavedView | undefined> {
      const row = await db.selectFrom('saved_views').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toView(row);
    },

    async countShared(): Promise<number> {
      const row = await db
        .selectFrom('saved_views')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('owner_agent_id', 'is', null)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },

    async insert(view: SavedView, now: string): Promise<void> {
      await db
        .insertInto('saved_views')
        .values({
          id: view.id,
          key: view.key,
          name: view.name,
          owner_agent_id: view.ownerAgentId,
          filters: JSON.stringify(view.query),
          sort: view.sort,
          position: view.position,
          created_at: now,
          updated_at: now,
        })
        .execute();
    },

    async update(id: string, changes: Partial<Pick<SavedView, 'name' | 'query' | 'sort' | 'position'>>, now: string) {
      await db
        .updateTable('saved_views')
        .set({
          ...(changes.name !== undefined && { name: changes.name }),
          ...(changes.query !== undefined && { filters: JSON.stringify(changes.query) }),
          ...(changes.sort !== undefined && { sort: changes.sort }),
          ...(changes.position !== undefined && { position: changes.position }),
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
    },

    async delete(id: string): Promise<void> {
      await db.deleteFrom('saved_views').where('id', '=', id).execute();
    },
  };
}

import type { Db } from '../../db/database.ts';
import type { ViewColumn, ViewDensity } from './view-layout.ts';

export function viewLayoutRepository(db: Db) {
  return {
    async find(agentId: string, viewId: string): Promise<{ columns: ViewColumn[]; density: ViewDensity } | undefined> {
      const row = await db
        .selectFrom('agent_view_layouts')
        .select(['columns', 'density'])
        .where('agent_id', '=', agentId)
        .where('view_id', '=', viewId)
        .executeTakeFirst();
      return row && { columns: JSON.parse(row.columns) as ViewColumn[], density: row.density as ViewDensity };
    },

    async save(
      agentId: string,
      viewId: string,
      layout: { columns: ViewColumn[]; density: ViewDensity },
      now: string,
    ): Promise<void> {
      const values = { columns: JSON.stringify(layout.columns), density: layout.density, updated_at: now };
      await db
        .insertInto('agent_view_layouts')
        .values({ agent_id: agentId, view_id: viewId, ...values })
        .onConflict((oc) => oc.columns(['agent_id', 'view_id']).doUpdateSet(values))
        .execute();
    },

    async delete(agentId: string, viewId: string): Promise<void> {
      await db.deleteFrom('agent_view_layouts').where('agent_id', '=', agentId).where('view_id', '=', viewId).execute();
    },
  };
}

import { assertCan } from '../accounts/access.policy.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import { type CoreDeps, inTransaction } from '../shared/core-deps.ts';
import { findVisibleView } from './view.service.ts';
import { viewLayoutRepository } from './view-layout.repository.ts';
import {
  columnProblems,
  DEFAULT_VIEW_LAYOUT,
  VIEW_COLUMNS,
  type ViewColumn,
  type ViewDensity,
  type ViewLayout,
} from './view-layout.ts';

/** Issue 13: the columns and density each agent chose for each view they can see. */
export function createViewLayoutService(deps: CoreDeps) {
  async function agentView(actor: Actor, viewId: string): Promise<string> {
    assertCan(actor, 'tickets.read');
    if (actor.kind !== 'agent') throw new AppError('FORBIDDEN', 'Only agents choose view columns');
    await findVisibleView(deps.db, actor, viewId);
    return actor.id;
  }

  return {
    async get(actor: Actor, viewId: string): Promise<ViewLayout> {
      const agentId = await agentView(actor, viewId);
      const stored = await viewLayoutRepository(deps.db).find(agentId, viewId);
      if (!stored) return DEFAULT_VIEW_LAYOUT;
      // A column this version no longer has (stored by an older one) is left out.
      const columns = stored.columns.filter((column) => (VIEW_COLUMNS as readonly string[]).includes(column));
      return { columns, density: stored.density, custom: true };
    },

    async save(
      actor: Actor,
      viewId: string,
      input: { columns: ViewColumn[]; density: ViewDensity },
    ): Promise<ViewLayout> {
      const agentId = await agentView(actor, viewId);
      const problems = columnProblems(input.columns);
      if (problems.length > 0) {
        throw new AppError('VIEW_COLUMNS_INVALID', `Invalid columns: ${problems.join(', ')}`, {
          columns: input.columns.join(', '),
          problems,
        });
      }
      await inTransaction(deps, ({ trx, now }) => viewLayoutRepository(trx).save(agentId, viewId, input, now));
      return { ...input, custom: true };
    },

    /** Back to the default columns and density. */
    async reset(actor: Actor, viewId: string): Promise<ViewLayout> {
      const agentId = await agentView(actor, viewId);
      await inTransaction(deps, ({ trx }) => viewLayoutRepository(trx).delete(agentId, viewId));
      return DEFAULT_VIEW_LAYOUT;
    },
  };
}

export type ViewLayoutService = ReturnType<typeof createViewLayoutService>;

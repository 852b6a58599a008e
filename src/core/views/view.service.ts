import type { Db } from '../../db/database.ts';
import { assertCan } from '../accounts/access.policy.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import { type CoreDeps, inTransaction } from '../shared/core-deps.ts';
import { newId } from '../shared/ids.ts';
import type { TicketSort } from '../tickets/ticket.repository.ts';
import type { TicketService } from '../tickets/ticket.service.ts';
import { resolveTicketQuery, type TicketQuery } from '../tickets/ticket-query.ts';
import { UNSOLVED_CATEGORIES } from '../tickets/ticket-vocabulary.ts';
import { type SavedView, viewRepository } from './view.repository.ts';

export type { SavedView } from './view.repository.ts';

const OPEN_WORK = [...UNSOLVED_CATEGORIES];

/**
 * The shared views every install starts with (weknow's green flag = ready for review and closing).
 * `key` is their stable identity: the console names them by it in the reader's language, and
 * seeding finds them by it, so a renamed default view is not seeded twice.
 */
export const DEFAULT_VIEWS: { key: string; name: string; query: TicketQuery; sort: TicketSort }[] = [
  { key: 'mine', name: 'Mis tickets', query: { assigneeId: ['me'], statusCategory: OPEN_WORK }, sort: 'updated' },
  {
    key: 'unassigned',
    name: 'Sin asignar',
    query: { assigneeId: ['none'], statusCategory: OPEN_WORK },
    sort: 'priority',
  },
  {
    key: 'department',
    name: 'Mi departamento',
    query: { departmentId: ['mine'], statusCategory: OPEN_WORK },
    sort: 'updated',
  },
  {
    key: 'review',
    name: 'Pendientes de revisión',
    query: { flag: ['green'], statusCategory: OPEN_WORK },
    sort: 'updated',
  },
  { key: 'all_open', name: 'Todos abiertos', query: { statusCategory: OPEN_WORK }, sort: 'updated' },
  {
    key: 'sla_risk',
    name: 'Incumplen SLA pronto',
    query: { slaState: ['warning', 'breached'], statusCategory: OPEN_WORK },
    sort: 'priority',
  },
  // 003: 24 h without a mail or note turns a ticket red.
  { key: 'stale', name: 'Sin noticias 24 h', query: { stale: true, statusCategory: OPEN_WORK }, sort: 'updated' },
];

export async function ensureDefaultViews(db: Db, now: string): Promise<void> {
  const views = viewRepository(db);
  // By key, so installs made before a default view existed get it too.
  const present = new Set((await views.listFor(null)).map((v) => v.key));
  for (const [position, view] of DEFAULT_VIEWS.entries()) {
    if (present.has(view.key)) continue;
    await views.insert({ id: newId(), ownerAgentId: null, position, ...view }, now);
  }
}

/** A shared view, or one of the actor's own; anyone else's personal view does not exist for them. */
export async function findVisibleView(db: Db, actor: Actor, id: string): Promise<SavedView> {
  const view = await viewRepository(db).find(id);
  const mine = actor.kind === 'agent' && view?.ownerAgentId === actor.id;
  if (!view || (view.ownerAgentId !== null && !mine)) throw new AppError('NOT_FOUND', 'View not found', { id });
  return view;
}

export function createViewService(deps: CoreDeps & { tickets: TicketService }) {
  const visibleView = (actor: Actor, id: string) => findVisibleView(deps.db, actor, id);

  function assertMayChange(actor: Actor, view: { ownerAgentId: string | null }) {
    if (view.ownerAgentId === null) assertCan(actor, 'views.manage_shared');
  }

  return {
    /** My views and the shared ones, each with how many tickets it holds for me. */
    async list(actor: Actor): Promise<(SavedView & { count: number; countCapped: boolean; shared: boolean })[]> {
      assertCan(actor, 'tickets.read');
      const views = await viewRepository(deps.db).listFor(actor.kind === 'agent' ? actor.id : null);
      return Promise.all(
        views.map(async (view) => {
          const { count, capped } = await deps.tickets.count(actor, view.query);
          return { ...view, shared: view.ownerAgentId === null, count, countCapped: capped };
        }),
      );
    },

    async tickets(actor: Actor, id: string, opts: { cursor?: string; limit: number }) {
      const view = await visibleView(actor, id);
      return deps.tickets.list(actor, { query: view.query, sort: view.sort, ...opts, withTotal: true });
    },

    async create(
      actor: Actor,
      input: { name: string; query: TicketQuery; sort?: TicketSort; shared?: boolean; position?: number },
    ): Promise<SavedView> {
      assertCan(actor, 'tickets.read');
      if (input.shared) assertCan(actor, 'views.manage_shared');
      if (!input.shared && actor.kind !== 'agent') throw new AppError('FORBIDDEN', 'Only agents own personal views');
      resolveTicketQuery(input.query, actor);
      const view: SavedView = {
        id: newId(),
        key: null,
        name: input.name.trim(),
        ownerAgentId: input.shared || actor.kind !== 'agent' ? null : actor.id,
        query: input.query,
        sort: input.sort ?? 'updated',
        position: input.position ?? 100,
      };
      await inTransaction(deps, ({ trx, now }) => viewRepository(trx).insert(view, now));
      return view;
    },

    async update(
      actor: Actor,
      id: string,
      changes: Partial<Pick<SavedView, 'name' | 'query' | 'sort' | 'position'>>,
    ): Promise<SavedView> {
      const view = await visibleView(actor, id);
      assertMayChange(actor, view);
      if (changes.query) resolveTicketQuery(changes.query, actor);
      await inTransaction(deps, ({ trx, now }) => viewRepository(trx).update(id, changes, now));
      return visibleView(actor, id);
    },

    async remove(actor: Actor, id: string): Promise<void> {
      const view = await visibleView(actor, id);
      assertMayChange(actor, view);
      await inTransaction(deps, ({ trx }) => viewRepository(trx).delete(id));
    },
  };
}

export type ViewService = ReturnType<typeof createViewService>;

import type { Db } from '../../db/database.ts';
import { assertCan } from '../accounts/access.policy.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import { type CoreDeps, inSettingsTransaction, type UnitOfWork } from '../shared/core-deps.ts';
import { newId } from '../shared/ids.ts';
import { type Notification, notificationRepository } from './notification.repository.ts';
import {
  DEFAULT_CHANNELS,
  DEFAULT_MATRIX,
  DEFAULT_SCOPE,
  type MatrixEntry,
  NOTICE_EVENTS,
  type NoticeEvent,
  type NotificationMatrix,
  validateMatrix,
  WEKNOW_MATRICES,
  weknowMatrix,
} from './notification-matrix.ts';
import { type NoticeChannels, notificationSettingsRepository } from './notification-settings.repository.ts';

const CHANNELS: readonly NoticeChannels[] = ['console', 'email', 'both', 'none'];

export interface NoticePreference {
  event: NoticeEvent;
  channels: NoticeChannels;
}

/** The default matrix on an install that has none yet; idempotent. */
export async function ensureDefaultMatrix(db: Db, now: string): Promise<void> {
  const repo = notificationSettingsRepository(db);
  if (!(await repo.hasScope(DEFAULT_SCOPE))) await repo.replace(DEFAULT_SCOPE, DEFAULT_MATRIX, now);
}

/**
 * 001 (weknow): the "Correos y Avisos" matrices of the departments the seed names, for each such
 * department that exists and has no matrix of its own yet. Returns how many it seeded.
 */
export async function seedWeknowMatrices(db: Db, now: string): Promise<number> {
  const repo = notificationSettingsRepository(db);
  let seeded = 0;
  for (const matrix of WEKNOW_MATRICES) {
    const departmentId = await repo.departmentIdByName(matrix.department);
    if (!departmentId || (await repo.hasScope(departmentId))) continue;
    const ids = await repo.agentIdsByName([...matrix.created, ...matrix.flagged.named, ...matrix.closed]);
    const resolve = (names: string[]) => names.flatMap((name) => (ids.has(name) ? [ids.get(name) as string] : []));
    await repo.replace(
      departmentId,
      weknowMatrix({
        created: resolve(matrix.created),
        flagged: { supervisors: matrix.flagged.supervisors, named: resolve(matrix.flagged.named) },
        closed: resolve(matrix.closed),
      }),
      now,
    );
    seeded++;
  }
  return seeded;
}

/**
 * Writes one console notification per agent in the caller's transaction; the
 * `notification.created` event (with the agent id) lets the live socket push it after the commit.
 */
export async function notifyAgents(
  uow: UnitOfWork,
  input: { agentIds: string[]; ticketId: string | null; kind: string; title: string; data?: Record<string, unknown> },
): Promise<void> {
  await writeNotifications(
    uow,
    [...new Set(input.agentIds)].map((agentId) => ({ ...input, agentId })),
  );
}

/** Several notifications, each with its own words, in one statement; one live event each. */
export async function writeNotifications(
  uow: UnitOfWork,
  items: { agentId: string; ticketId: string | null; kind: string; title: string; data?: Record<string, unknown> }[],
): Promise<void> {
  const notifications: Notification[] = items.map((item) => ({
    id: newId(),
    agentId: item.agentId,
    ticketId: item.ticketId,
    kind: item.kind,
    title: item.title,
    data: item.data ?? {},
    createdAt: uow.now,
    readAt: null,
  }));
  await notificationRepository(uow.trx).insertMany(notifications);
  for (const n of notifications) {
    uow.emit({
      type: 'notification.created',
      ...(n.ticketId ? { ticketId: n.ticketId } : {}),
      actor: { kind: 'system', reason: 'notification' },
      data: { agentId: n.agentId, notificationId: n.id, kind: n.kind, title: n.title, ...n.data },
    });
  }
}

export function createNotificationService(deps: CoreDeps) {
  function me(actor: Actor): string {
    assertCan(actor, 'notifications.own');
    if (actor.kind !== 'agent') throw new AppError('FORBIDDEN', 'Notifications are for agents');
    return actor.id;
  }

  async function scopeOf(db: Db, departmentId: string): Promise<string> {
    if (departmentId === DEFAULT_SCOPE) return DEFAULT_SCOPE;
    if (!(await notificationSettingsRepository(db).departmentExists(departmentId))) {
      throw new AppError('DEPARTMENT_NOT_FOUND', 'Department not found', { id: departmentId });
    }
    return departmentId;
  }

  async function matrixOf(db: Db, scope: string): Promise<NotificationMatrix> {
    const repo = notificationSettingsRepository(db);
    const own = await repo.hasScope(scope);
    return {
      scope,
      inherited: !own,
      entries: await repo.entries(own ? scope : DEFAULT_SCOPE),
    };
  }

  return {
    /** A department's matrix (or the default one, with `default` as the id). */
    async matrix(actor: Actor, departmentId: string): Promise<NotificationMatrix> {
      assertCan(actor, 'notifications.matrix');
      return matrixOf(deps.db, await scopeOf(deps.db, departmentId));
    },

    /** Replaces a department's matrix; every entry is checked and the bad one named. */
    async saveMatrix(actor: Actor, departmentId: string, entries: MatrixEntry[]): Promise<NotificationMatrix> {
      assertCan(actor, 'notifications.matrix');
      return inSettingsTransaction(deps, async (uow) => {
        const scope = await scopeOf(uow.trx, departmentId);
        const repo = notificationSettingsRepository(uow.trx);
        const clean = validateMatrix(entries, await repo.activeAgentIds());
        await repo.replace(scope, clean, uow.now);
        return matrixOf(uow.trx, scope);
      });
    },

    /** A department goes back to following the default matrix. */
    async inheritMatrix(actor: Actor, departmentId: string): Promise<NotificationMatrix> {
      assertCan(actor, 'notifications.matrix');
      return inSettingsTransaction(deps, async (uow) => {
        const scope = await scopeOf(uow.trx, departmentId);
        if (scope === DEFAULT_SCOPE) {
          throw new AppError('VALIDATION_FAILED', 'The default matrix has nothing to inherit from', { field: 'id' });
        }
        await notificationSettingsRepository(uow.trx).removeScope(scope);
        return matrixOf(uow.trx, scope);
      });
    },

    /** weknow's per-department matrices (demo data): see `seedWeknowMatrices`. */
    async seedWeknowMatrices(actor: Actor): Promise<number> {
      assertCan(actor, 'notifications.matrix');
      return inSettingsTransaction(deps, (uow) => seedWeknowMatrices(uow.trx, uow.now));
    },

    /** My choice per event (console, email, both, none); events I never chose show the default. */
    async preferences(actor: Actor): Promise<NoticePreference[]> {
      const agentId = me(actor);
      const saved = await notificationSettingsRepository(deps.db).preferences(agentId);
      return NOTICE_EVENTS.map((event) => ({ event, channels: saved.get(event) ?? DEFAULT_CHANNELS }));
    },

    async savePreferences(actor: Actor, choices: NoticePreference[]): Promise<NoticePreference[]> {
      const agentId = me(actor);
      for (const [i, choice] of choices.entries()) {
        if (!NOTICE_EVENTS.includes(choice.event)) {
          throw new AppError('VALIDATION_FAILED', `items[${i}].event: "${choice.event}" is not an event`, {
            field: `items[${i}].event`,
          });
        }
        if (!CHANNELS.includes(choice.channels)) {
          throw new AppError('VALIDATION_FAILED', `items[${i}].channels: "${choice.channels}" is not a choice`, {
            field: `items[${i}].channels`,
          });
        }
      }
      // Notices read every agent's choices from the settings cache.
      await inSettingsTransaction(deps, async (uow) => {
        const repo = notificationSettingsRepository(uow.trx);
        const merged = new Map(await repo.preferences(agentId));
        for (const choice of choices) merged.set(choice.event, choice.channels);
        await repo.savePreferences(
          agentId,
          [...merged].map(([event, channels]) => ({ event, channels })),
        );
      });
      return this.preferences(actor);
    },

    async list(actor: Actor, opts: { unreadOnly?: boolean; before?: string; limit: number }) {
      const agentId = me(actor);
      const repo = notificationRepository(deps.db);
      const [items, unread] = await Promise.all([repo.list(agentId, opts), repo.unreadCount(agentId)]);
      return { items, unread };
    },

    async unreadCount(actor: Actor): Promise<number> {
      return notificationRepository(deps.db).unreadCount(me(actor));
    },

    async markRead(actor: Actor, ids: string[] | 'all'): Promise<{ updated: number; unread: number }> {
      const agentId = me(actor);
      const repo = notificationRepository(deps.db);
      const updated = await repo.markRead(agentId, ids, deps.clock.now().toISOString());
      return { updated, unread: await repo.unreadCount(agentId) };
    },
  };
}

export type NotificationService = ReturnType<typeof createNotificationService>;

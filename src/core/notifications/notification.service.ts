import { assertCan } from '../accounts/access.policy.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import type { CoreDeps, UnitOfWork } from '../shared/core-deps.ts';
import { newId } from '../shared/ids.ts';
import { type Notification, notificationRepository } from './notification.repository.ts';

/**
 * Writes one console notification per agent in the caller's transaction; the
 * `notification.created` event (with the agent id) lets the live socket push it after the commit.
 */
export async function notifyAgents(
  uow: UnitOfWork,
  input: { agentIds: string[]; ticketId: string | null; kind: string; title: string; data?: Record<string, unknown> },
): Promise<void> {
  const repo = notificationRepository(uow.trx);
  for (const agentId of new Set(input.agentIds)) {
    const notification: Notification = {
      id: newId(),
      agentId,
      ticketId: input.ticketId,
      kind: input.kind,
      title: input.title,
      data: input.data ?? {},
      createdAt: uow.now,
      readAt: null,
    };
    await repo.insert(notification);
    uow.emit({
      type: 'notification.created',
      ...(input.ticketId ? { ticketId: input.ticketId } : {}),
      actor: { kind: 'system', reason: 'notification' },
      data: { agentId, notificationId: notification.id, kind: input.kind, title: input.title, ...input.data },
    });
  }
}

export function createNotificationService(deps: CoreDeps) {
  function me(actor: Actor): string {
    assertCan(actor, 'notifications.own');
    if (actor.kind !== 'agent') throw new AppError('FORBIDDEN', 'Notifications are for agents');
    return actor.id;
  }

  return {
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

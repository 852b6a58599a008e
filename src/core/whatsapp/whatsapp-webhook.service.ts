import { assertCan } from '../accounts/access.policy.ts';
import type { Actor } from '../shared/actor.ts';
import type { CoreDeps } from '../shared/core-deps.ts';
import { type StoredWebhook, whatsappInboundRepository } from './whatsapp-inbound.repository.ts';

/**
 * The stored webhook bodies as a queue: kept before Meta's 200, taken when due, retried with a
 * growing wait when processing throws, given up on (kept, shown to admins) after a few attempts,
 * and put back in line by an admin.
 */
export function createWhatsappWebhookService(deps: CoreDeps) {
  const repo = () => whatsappInboundRepository(deps.db);
  const now = () => deps.clock.now().toISOString();
  return {
    /** Commits the raw body; the webhook answers 200 only after this returns. */
    store: (raw: Buffer) => repo().storeWebhook(raw, now()),
    pending: (limit = 50) => repo().pendingWebhooks(limit, now()),
    raw: (id: string) => repo().webhookRaw(id),
    start: (id: string) => repo().startWebhook(id),
    finish: (id: string, outcome: 'processed' | 'failed', error?: string) =>
      repo().finishWebhook(id, outcome, now(), error ?? null),
    /** A failed attempt to repeat after `waitMs`. */
    retryLater: (id: string, waitMs: number, error: string) =>
      repo().retryWebhookAt(id, new Date(deps.clock.now().getTime() + waitMs).toISOString(), error),

    async listFailed(actor: Actor, limit = 100): Promise<StoredWebhook[]> {
      assertCan(actor, 'whatsapp.manage');
      return repo().failedWebhooks(limit);
    },

    /** Puts failed bodies (all, or the named ones) back in line; the processor takes them next. */
    async retryFailed(actor: Actor, ids?: string[]): Promise<number> {
      assertCan(actor, 'whatsapp.manage');
      return repo().requeueWebhooks(ids);
    },
  };
}

export type WhatsappWebhookService = ReturnType<typeof createWhatsappWebhookService>;

import { type OutboxItem, payloadAfterDone } from '../core/outbox/outbox.repository.ts';
import type { Clock } from '../core/shared/clock.ts';
import type { EventBus } from '../core/shared/domain-events.ts';
import type { Db } from '../db/database.ts';
import { outboxQueueRepository } from './outbox-queue.repository.ts';
import { createPollLoop } from './poll-loop.ts';

/** Sends one outbox item (a mail, an invitation, a webhook). Throwing means "try again later". */
export type OutboxHandler = (item: OutboxItem) => Promise<void>;

export interface OutboxWorkerOptions {
  db: Db;
  clock: Clock;
  handlers: Record<string, OutboxHandler>;
  /**
   * Of the handled types, those that can be delivered right now (email with no SMTP server
   * configured cannot): the others stay queued untouched, with no attempt counted.
   */
  deliverable?: (types: string[]) => Promise<string[]>;
  onError?: (error: unknown, item: OutboxItem) => void;
  /** Where a reply's new delivery state is announced (`message.updated`) after each attempt. */
  events?: EventBus;
  /**
   * How long a claimed item is hidden from other workers; renewed while it is being sent, so it
   * only runs out when the worker died (the item is then sent by another after at most this long).
   */
  leaseMs?: number;
  /** How often the lease of the items in hand is renewed (default a third of the lease). */
  renewEveryMs?: number;
  /** After this long since it was queued, an item that still fails is marked failed for admins. */
  giveUpAfterMs?: number;
  batchSize?: number;
  /**
   * How many items of a batch are sent at once (default 4). A batch holds at most one item per
   * ticket (only a ticket's oldest pending item is due), so each ticket's mail still leaves in order.
   */
  parallel?: number;
}

const MINUTE = 60_000;
const OUTBOX_ACTOR = { kind: 'system', reason: 'outbox' } as const;

/** 1 min, 2, 4 … capped at 1 h: a remote outage is retried often at first, then patiently. */
export function backoffMs(attempts: number): number {
  return Math.min(MINUTE * 2 ** Math.max(0, attempts - 1), 60 * MINUTE);
}

/**
 * Delivers outbox rows after their transaction committed. At least once: each item is marked sent
 * in its own commit right after the remote accepted it (SMTP 250), so only a crash in the
 * milliseconds between the two re-sends it — with the same identity (a mail's Message-ID is fixed
 * when the row is written), which lets receivers, Tiquete's own inbound included, drop the copy.
 */
export function createOutboxWorker(options: OutboxWorkerOptions) {
  const leaseMs = options.leaseMs ?? 30_000;
  const renewEveryMs = options.renewEveryMs ?? leaseMs / 3;
  const giveUpAfterMs = options.giveUpAfterMs ?? 48 * 60 * MINUTE;
  const queue = outboxQueueRepository(options.db);
  const batchSize = options.batchSize ?? 20;
  const parallel = Math.max(1, options.parallel ?? 4);

  async function runOnce(): Promise<number> {
    const now = options.clock.now();
    const handled = Object.keys(options.handlers);
    const types = options.deliverable ? await options.deliverable(handled) : handled;
    if (types.length === 0) return 0;
    const items = await queue.claim({
      now: now.toISOString(),
      leaseUntil: new Date(now.getTime() + leaseMs).toISOString(),
      types,
      limit: batchSize,
    });
    const inHand = new Set(items.map((item) => item.id));
    const renewal = setInterval(() => {
      const until = new Date(options.clock.now().getTime() + leaseMs).toISOString();
      queue.extendLease([...inHand], until).catch(() => {}); // a missed renewal only shortens the lease
    }, renewEveryMs);
    try {
      // `parallel` senders, each taking the next item in the batch's order (oldest first).
      let next = 0;
      const sender = async () => {
        while (next < items.length) {
          const item = items[next++] as OutboxItem;
          await deliver(item);
          inHand.delete(item.id);
        }
      };
      const senders = await Promise.allSettled(Array.from({ length: Math.min(parallel, items.length) }, sender));
      const failed = senders.find((result) => result.status === 'rejected');
      if (failed) throw failed.reason;
    } finally {
      clearInterval(renewal);
    }
    return items.length;
  }

  async function deliver(item: OutboxItem): Promise<void> {
    const handler = options.handlers[item.type] as OutboxHandler;
    try {
      await handler(item);
    } catch (error) {
      options.onError?.(error, item);
      const message = error instanceof Error ? error.message : String(error);
      const at = options.clock.now();
      if (at.getTime() - Date.parse(item.createdAt) >= giveUpAfterMs) {
        await queue.markFailed(item.id, at.toISOString(), message, payloadAfterDone(item.payload));
        announce(item, 'failed');
      } else {
        await queue.retryLater(item.id, new Date(at.getTime() + backoffMs(item.attempts)).toISOString(), message);
        announce(item, 'retrying');
      }
      return;
    }
    // Right after the remote accepted it, in its own commit: this gap is the at-least-once window.
    await queue.markSent(item.id, options.clock.now().toISOString(), payloadAfterDone(item.payload));
    announce(item, 'sent');
  }

  /** Open ticket pages show a reply's new state at once, not at their next poll. */
  function announce(item: OutboxItem, delivery: 'sent' | 'retrying' | 'failed') {
    const messageId = item.payload.messageId;
    if (!options.events || !item.ticketId || typeof messageId !== 'string') return;
    options.events.publish({
      type: 'message.updated',
      ticketId: item.ticketId,
      organizationId: null,
      actor: OUTBOX_ACTOR,
      at: options.clock.now().toISOString(),
      data: { ticketId: item.ticketId, messageId, delivery },
    });
  }

  // A full batch means more is due: the next one is claimed at once, not after the poll interval.
  const loop = createPollLoop(runOnce, (handled) => handled >= batchSize);

  return {
    /** Delivers what is due now; returns how many items it handled. */
    runOnce: loop.run,

    /** Handles due items until none is left (tests, and after a wake-up). */
    async drain(maxRounds = 100): Promise<number> {
      let total = 0;
      for (let round = 0; round < maxRounds; round++) {
        const handled = await this.runOnce();
        total += handled;
        if (handled === 0) break;
      }
      return total;
    },

    start: (intervalMs = 1000) => loop.start(intervalMs),
    stop: loop.stop,
  };
}

export type OutboxWorker = ReturnType<typeof createOutboxWorker>;

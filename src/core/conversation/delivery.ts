import type { Db } from '../../db/database.ts';
import { type OutboxItem, outboxRepository } from '../outbox/outbox.repository.ts';
import type { MessageRecord } from './message.repository.ts';

/**
 * Where an outgoing reply is (issue 13: "Respuesta enviada" must not be said of mail that never
 * left): waiting its first attempt, failed and to be tried again, handed to the SMTP server, or
 * given up on after 48 h of retries.
 */
export type DeliveryState = 'queued' | 'retrying' | 'sent' | 'failed';

export interface Delivery {
  state: DeliveryState;
  /** The last error of the SMTP server or of Tiquete ("No SMTP server…"), while not sent. */
  error: string | null;
  attempts: number;
  /** When the next attempt is due (queued or retrying). */
  nextAttemptAt: string | null;
  /** When it was handed over (sent) or given up on (failed). */
  settledAt: string | null;
}

export function deliveryOf(item: OutboxItem): Delivery {
  const state: DeliveryState =
    item.status === 'sent'
      ? 'sent'
      : item.status === 'failed'
        ? 'failed'
        : item.lastError !== null
          ? 'retrying'
          : 'queued';
  return {
    state,
    error: state === 'sent' ? null : item.lastError,
    attempts: item.attempts,
    nextAttemptAt: item.status === 'pending' ? item.availableAt : null,
    settledAt: item.status === 'pending' ? null : item.processedAt,
  };
}

/** The delivery of each reply among `records` that was queued to go out, by message id. */
export async function deliveriesOf(db: Db, records: MessageRecord[], type: string): Promise<Map<string, Delivery>> {
  const deliveries = new Map<string, Delivery>();
  const tickets = new Set(
    records.filter((r) => r.kind === 'reply' && r.author.kind !== 'contact').map((r) => r.ticketId),
  );
  for (const ticketId of tickets) {
    for (const [messageId, item] of await outboxRepository(db).byMessage(ticketId, type)) {
      deliveries.set(messageId, deliveryOf(item));
    }
  }
  return deliveries;
}

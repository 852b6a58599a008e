import type { Db } from '../../db/database.ts';
import { type OutboxItem, outboxRepository } from '../outbox/outbox.repository.ts';
import type { MessageRecord } from './message.repository.ts';

/**
 * Where an outgoing reply is (issue 13: "Respuesta enviada" must not be said of mail that never
 * left): waiting its first attempt, failed and to be tried again, handed to the SMTP server,
 * delivered (the recipient's server said so in a delivery report), or failed: given up on after
 * 48 h of retries, or bounced by the recipient's server.
 */
export type DeliveryState = 'queued' | 'retrying' | 'sent' | 'delivered' | 'read' | 'failed';

/** What the recipient's server reported on a reply's mail (messages.delivery_status, 0023). */
export interface DeliveryReport {
  /** 'read' is reported by WhatsApp only. */
  status: 'delivered' | 'read' | 'failed';
  detail: string | null;
  reportedAt: string | null;
}

export interface Delivery {
  state: DeliveryState;
  /** The last error of the SMTP server or of Tiquete ("No SMTP server…"), while not sent. */
  error: string | null;
  attempts: number;
  /** When the next attempt is due (queued or retrying). */
  nextAttemptAt: string | null;
  /** When it was handed over (sent), reported (delivered, bounced) or given up on (failed). */
  settledAt: string | null;
  /** Failed because the recipient's server bounced it (not for lack of a server to hand it to). */
  bounced: boolean;
}

export function deliveryOf(item: OutboxItem, report?: DeliveryReport): Delivery {
  // A report can only come for mail that left.
  if (item.status === 'sent' && report) {
    return {
      state: report.status,
      error: report.status === 'failed' ? report.detail : null,
      attempts: item.attempts,
      nextAttemptAt: null,
      settledAt: report.reportedAt ?? item.processedAt,
      bounced: report.status === 'failed',
    };
  }
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
    bounced: false,
  };
}

/** The delivery of each reply among `records` that was queued to go out, by message id. */
export async function deliveriesOf(db: Db, records: MessageRecord[], type: string): Promise<Map<string, Delivery>> {
  const deliveries = new Map<string, Delivery>();
  const tickets = new Set(
    records.filter((r) => r.kind === 'reply' && r.author.kind !== 'contact').map((r) => r.ticketId),
  );
  for (const ticketId of tickets) {
    const items = await outboxRepository(db).byMessage(ticketId, type);
    const reports = await reportsOf(db, [...items.keys()]);
    for (const [messageId, item] of items) deliveries.set(messageId, deliveryOf(item, reports.get(messageId)));
  }
  return deliveries;
}

/** The delivery reports received for these messages, by message id. */
export async function reportsOf(db: Db, messageIds: string[]): Promise<Map<string, DeliveryReport>> {
  if (messageIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('messages')
    .select(['id', 'delivery_status', 'delivery_detail', 'delivery_reported_at'])
    .where('id', 'in', messageIds)
    .where('delivery_status', 'in', ['delivered', 'read', 'failed'])
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        status: r.delivery_status as DeliveryReport['status'],
        detail: r.delivery_detail,
        reportedAt: r.delivery_reported_at,
      },
    ]),
  );
}

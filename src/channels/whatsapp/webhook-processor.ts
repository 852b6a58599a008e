import type { Services } from '../../core/services.ts';
import { backoffMs } from '../../jobs/outbox-worker.ts';
import { createPendingDrainer } from '../../jobs/pending-drainer.ts';
import { readWebhook } from './webhook-payload.ts';

/**
 * Attempts at processing one webhook (starts, ended by an error or never ended because the
 * process died) before it is given up on: with waits of 1, 2, 4, 8 and 16 minutes between them,
 * a database refusing for half an hour is waited out; a body that fails every time is kept and
 * shown to admins, who can put it back in line.
 */
export const MAX_WEBHOOK_ATTEMPTS = 6;

export interface WebhookProcessorOptions {
  services: Pick<Services, 'whatsapp' | 'whatsappNumbers' | 'whatsappWebhookQueue'>;
  log: { warn(obj: unknown, msg?: string): void; error(obj: unknown, msg?: string): void };
}

/**
 * Turns stored webhook bodies into messages and delivery ticks. Runs after each webhook is stored,
 * once at start and every little while (server.ts), so a body stored just before a crash, or one
 * whose processing threw, is processed later; each message is taken once (by its wamid), however
 * often Meta, a retry or a restart delivers it again.
 */
export function createWebhookProcessor(options: WebhookProcessorOptions) {
  const { whatsapp, whatsappNumbers, whatsappWebhookQueue: queue } = options.services;

  async function processOne(id: string): Promise<void> {
    const attempt = await queue.start(id);
    if (attempt === undefined) return;
    if (attempt > MAX_WEBHOOK_ATTEMPTS) {
      await queue.finish(id, 'failed', `processing began ${MAX_WEBHOOK_ATTEMPTS} times and never succeeded`);
      options.log.error({ webhookId: id }, 'WhatsApp webhook given up on (kept in whatsapp_webhooks)');
      return;
    }
    const raw = await queue.raw(id);
    if (!raw) return;
    try {
      const numbers = await whatsappNumbers.all();
      const batches = readWebhook(JSON.parse(raw.toString('utf8')), new Date().toISOString());
      for (const batch of batches) {
        const number = numbers.find((n) => n.phoneNumberId === batch.phoneNumberId);
        for (const status of batch.statuses) await whatsapp.applyStatus(status);
        if (!number) {
          // Signed by one of our apps but for a number not configured (any more): kept, said.
          if (batch.messages.length > 0) {
            options.log.warn(
              { webhookId: id, phoneNumberId: batch.phoneNumberId },
              'WhatsApp messages for a number that is not configured',
            );
          }
          continue;
        }
        for (const message of batch.messages) {
          if (message.unknown) {
            options.log.warn(
              { webhookId: id, wamid: message.wamid, type: message.type },
              'WhatsApp message of an unknown shape, kept as it came',
            );
          }
          await whatsapp.receive(number, message);
        }
      }
      await queue.finish(id, 'processed');
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      if (attempt >= MAX_WEBHOOK_ATTEMPTS) {
        options.log.error({ err: error, webhookId: id }, 'WhatsApp webhook failed for good');
        await queue.finish(id, 'failed', message);
        return;
      }
      // The messages it took before the error stay taken: the next attempt skips them by wamid.
      options.log.warn({ err: error, webhookId: id, attempt }, 'WhatsApp webhook failed, will be retried');
      await queue.retryLater(id, backoffMs(attempt), message);
    }
  }

  return createPendingDrainer({ pending: (limit) => queue.pending(limit), processOne });
}

export type WebhookProcessor = ReturnType<typeof createWebhookProcessor>;

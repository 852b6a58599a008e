import type { Services } from '../../core/services.ts';
import { createPendingDrainer } from '../../jobs/pending-drainer.ts';
import { readWebhook } from './webhook-payload.ts';

/** Starts of processing one webhook that never ended (the process died): then it is given up on, kept. */
export const MAX_WEBHOOK_STARTS = 3;

export interface WebhookProcessorOptions {
  services: Pick<Services, 'whatsapp' | 'whatsappNumbers'>;
  log: { warn(obj: unknown, msg?: string): void; error(obj: unknown, msg?: string): void };
}

/**
 * Turns stored webhook bodies into messages and delivery ticks. Runs after each webhook is stored
 * and once at start, so a body stored just before a crash is processed on the next start; each
 * message is taken once (by its wamid), however often Meta or a restart delivers it again.
 */
export function createWebhookProcessor(options: WebhookProcessorOptions) {
  const { whatsapp, whatsappNumbers } = options.services;

  async function processOne(id: string): Promise<void> {
    const starts = await whatsapp.startWebhook(id);
    if (starts === undefined) return;
    if (starts > MAX_WEBHOOK_STARTS) {
      await whatsapp.finishWebhook(id, 'failed', `processing began ${MAX_WEBHOOK_STARTS} times and never ended`);
      options.log.error({ webhookId: id }, 'WhatsApp webhook given up on (kept in whatsapp_webhooks)');
      return;
    }
    const raw = await whatsapp.webhookRaw(id);
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
      await whatsapp.finishWebhook(id, 'processed');
    } catch (error) {
      options.log.error({ err: error, webhookId: id }, 'WhatsApp webhook failed');
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      await whatsapp.finishWebhook(id, 'failed', message);
    }
  }

  return createPendingDrainer({ pending: (limit) => whatsapp.pendingWebhooks(limit), processOne });
}

export type WebhookProcessor = ReturnType<typeof createWebhookProcessor>;

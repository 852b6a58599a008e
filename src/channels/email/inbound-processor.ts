import type { AttachmentStore } from '../../core/conversation/attachment-storage.ts';
import type { InboundService } from '../../core/conversation/inbound.service.ts';
import { createPendingDrainer } from '../../jobs/pending-drainer.ts';
import { MailParseError, parseMailOffThread } from './mail-parser-pool.ts';

/** Starts of parsing one mail that never ended (the process died): then it is given up on. */
export const MAX_PARSE_STARTS = 3;

export interface InboundProcessorOptions {
  inbound: InboundService;
  store?: AttachmentStore;
  /** The attachment limit in force now (admins change it at runtime); else the store's own. */
  attachmentLimitBytes?: () => Promise<number>;
  autoAnswersPerHour?: number;
  /** Tests inject a crash between store and parse here. */
  beforeParse?: (inboundId: string) => Promise<void> | void;
  onError?: (error: unknown, inboundId: string) => void;
  /** How long parsing one mail may take before it is given up on (kept raw, listed as failed). */
  parseTimeoutMs?: number;
}

/**
 * Turns stored raw mails into tickets and messages. Runs after each SMTP/IMAP commit and once at
 * start, so a mail stored just before a crash is processed on the next start, exactly once.
 */
export function createInboundProcessor(options: InboundProcessorOptions) {
  async function processOne(id: string): Promise<void> {
    await options.beforeParse?.(id);
    // Counted before parsing, so a mail that takes the whole process down is not parsed at every start.
    const starts = await options.inbound.startParse(id);
    if (starts === undefined) return;
    if (starts > MAX_PARSE_STARTS) {
      const error = new MailParseError('crashed', `parsing began ${MAX_PARSE_STARTS} times and never ended`);
      options.onError?.(error, id);
      await options.inbound.markFailed(id, error);
      return;
    }
    const raw = await options.inbound.raw(id);
    if (!raw) return;
    const ownAddresses = new Set((await options.inbound.mailboxes.list()).map((m) => m.address));
    try {
      // Off the event loop and bounded in time: one mail never stops the API, the console or SMTP.
      const message = await parseMailOffThread(raw, ownAddresses, options.parseTimeoutMs);
      const limitBytes = options.store && (await options.attachmentLimitBytes?.());
      await options.inbound.receive(id, message, {
        store: options.store && limitBytes ? { ...options.store, limitBytes } : options.store,
        autoAnswersPerHour: options.autoAnswersPerHour,
      });
    } catch (error) {
      options.onError?.(error, id);
      await options.inbound.markFailed(id, error);
    }
  }

  return createPendingDrainer({ pending: (limit) => options.inbound.pending(limit), processOne });
}

export type InboundProcessor = ReturnType<typeof createInboundProcessor>;

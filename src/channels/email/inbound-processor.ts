import type { AttachmentStore } from '../../core/conversation/attachment-storage.ts';
import type { InboundService } from '../../core/conversation/inbound.service.ts';
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
  let running: Promise<number> | null = null;
  let again = false;

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

  async function drainPending(): Promise<number> {
    let total = 0;
    for (;;) {
      const batch = await options.inbound.pending(50);
      if (batch.length === 0) return total;
      for (const row of batch) {
        await processOne(row.id);
        total++;
      }
    }
  }

  return {
    /** Processes every pending mail; concurrent calls share one run (and trigger one more pass). */
    drain(): Promise<number> {
      if (running) {
        again = true;
        return running;
      }
      running = (async () => {
        let total = 0;
        do {
          again = false;
          total += await drainPending();
        } while (again);
        return total;
      })().finally(() => {
        running = null;
      });
      return running;
    },
    async idle(): Promise<void> {
      await running;
    },
  };
}

export type InboundProcessor = ReturnType<typeof createInboundProcessor>;

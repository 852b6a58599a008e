import { translate } from '../../i18n/translate.ts';
import { assertCan } from '../accounts/access.policy.ts';
import type { AttachmentLink } from '../conversation/attachment.repository.ts';
import { attachmentRepository } from '../conversation/attachment.repository.ts';
import type { AttachmentStore } from '../conversation/attachment-storage.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import type { CoreDeps } from '../shared/core-deps.ts';
import { loadVisibleTicket } from '../tickets/ticket.access.ts';
import { createReceiptReader, type ReceiptReader, ReceiptUnreadable, type UnreadableReason } from './receipt-reader.ts';
import { type ReceiptReadingRow as Reading, receiptReadingRepository } from './receipt-reading.repository.ts';
import { parseReceiptText, type ReceiptFields } from './receipt-text.ts';

/** What the payment form is prefilled with: each field for the agent to confirm (issue 16). */
export interface ReceiptReading {
  attachmentId: string;
  status: 'pending' | 'done' | 'failed';
  source: 'ocr' | 'pdf_text' | null;
  fields: ReceiptFields | null;
  /** Why nothing was read, in the reader's language; the form is filled by hand then. */
  error: { reason: UnreadableReason | 'failed'; message: string } | null;
}

/** A read still pending after this long was lost with the process that ran it; the next poll starts it again. */
const STALE_MS = 2 * 60_000;

/**
 * Reads a ticket's receipt file off the request path: `start` stores a pending reading and answers
 * at once; the reader (OCR in Tesseract's worker thread, or a PDF's text layer) fills it in later,
 * and the console polls `get`. One reading per file: asking again returns what was read.
 */
/** Where the file's bytes are, and who hears of a read that failed for a reason other than the file. */
export interface ReadingIo {
  store: AttachmentStore;
  onError?: (error: unknown) => void;
}

export function createReceiptReadingService(deps: CoreDeps & { reader?: ReceiptReader }) {
  const reader = deps.reader ?? createReceiptReader();
  const running = new Set<string>();
  const readings = () => receiptReadingRepository(deps.db);

  async function receiptOf(actor: Actor, ticketIdOrNumber: string, attachmentId: string): Promise<AttachmentLink> {
    const ticket = await loadVisibleTicket(deps.db, actor, ticketIdOrNumber);
    const link = await attachmentRepository(deps.db).findLink(attachmentId);
    if (!link || link.ticketId !== ticket.id) {
      throw new AppError('ATTACHMENT_NOT_FOUND', 'Attachment not found', { id: attachmentId });
    }
    return link;
  }

  function present(actor: Actor, row: Reading): ReceiptReading {
    const reason = row.reason as UnreadableReason | 'failed' | null;
    const locale = actor.kind === 'system' ? 'es' : actor.locale;
    return {
      attachmentId: row.attachment_id,
      status: row.status,
      source: row.source,
      fields: row.fields ? (JSON.parse(row.fields) as ReceiptFields) : null,
      error: reason ? { reason, message: translate(locale, `payments.reading.${reason}`) } : null,
    };
  }

  /** The read itself, after the answer went out; every outcome ends in the row, never in a thrown error. */
  async function run(link: AttachmentLink, { store, onError }: ReadingIo): Promise<void> {
    if (running.has(link.id)) return;
    running.add(link.id);
    try {
      const bytes = await store.storage(link.storage, deps.db).get(link.sha256);
      if (!bytes) throw new ReceiptUnreadable('image_unreadable');
      const { source, text } = await reader.read(bytes, link.contentType);
      const fields = JSON.stringify(parseReceiptText(text, { ocr: source === 'ocr' }));
      await readings().finish(link.id, { status: 'done', source, fields }, deps.clock.now().toISOString());
    } catch (error) {
      if (!(error instanceof ReceiptUnreadable)) onError?.(error);
      const reason = error instanceof ReceiptUnreadable ? error.reason : 'failed';
      await readings()
        .finish(link.id, { status: 'failed', reason }, deps.clock.now().toISOString())
        .catch((e: unknown) => onError?.(e));
    } finally {
      running.delete(link.id);
    }
  }

  function isStale(row: Reading): boolean {
    return (
      row.status === 'pending' &&
      !running.has(row.attachment_id) &&
      deps.clock.now().getTime() - new Date(row.updated_at).getTime() > STALE_MS
    );
  }

  return {
    /** Starts reading a receipt of the ticket (or returns the reading already made); answers before the read ends. */
    async start(actor: Actor, ticketIdOrNumber: string, attachmentId: string, io: ReadingIo) {
      assertCan(actor, 'tickets.write');
      const link = await receiptOf(actor, ticketIdOrNumber, attachmentId);
      if (!/^(image\/|application\/pdf$)/i.test(link.contentType)) {
        const message = translate(actor.kind === 'system' ? 'es' : actor.locale, 'payments.reading.not_an_image');
        throw new AppError('RECEIPT_UNREADABLE', message, { reason: 'not_an_image', problem: message });
      }
      const created = await readings().insertPending(link.id, link.ticketId, deps.clock.now().toISOString());
      const row = (await readings().find(link.id)) as Reading;
      if (created || isStale(row)) void run(link, io);
      return present(actor, row);
    },

    async get(actor: Actor, ticketIdOrNumber: string, attachmentId: string, io: ReadingIo) {
      assertCan(actor, 'tickets.read');
      const link = await receiptOf(actor, ticketIdOrNumber, attachmentId);
      const row = await readings().find(link.id);
      if (!row) throw new AppError('NOT_FOUND', 'This file has not been read yet', { id: attachmentId });
      if (isStale(row)) void run(link, io);
      return present(actor, row);
    },

    /** Ends the OCR worker (server shutdown). */
    close: () => reader.close(),
  };
}

export type ReceiptReadingService = ReturnType<typeof createReceiptReadingService>;

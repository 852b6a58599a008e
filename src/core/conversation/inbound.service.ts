import { translate } from '../../i18n/translate.ts';
import { assertCan } from '../accounts/access.policy.ts';
import { findOrCreateContact } from '../contacts/contact.commands.ts';
import { NO_CONTRACT_STATUS_KEY } from '../contracts/contract-defaults.ts';
import { entitlementOf } from '../contracts/entitlement.ts';
import { departmentRepository } from '../departments/department.repository.ts';
import { NOTICE_EMAIL_JOB } from '../notifications/notice.ts';
import { customerLocale, notificationSettingsRepository } from '../notifications/notification-settings.repository.ts';
import { outboxRepository } from '../outbox/outbox.repository.ts';
import type { Actor, Locale } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import { type CoreDeps, inTransaction, type UnitOfWork } from '../shared/core-deps.ts';
import { newId } from '../shared/ids.ts';
import type { SecretBox } from '../shared/secret-box.ts';
import type { TicketService } from '../tickets/ticket.service.ts';
import { ticketHistoryRepository } from '../tickets/ticket-history.repository.ts';
import { type TicketRef, ticketRefRepository } from '../tickets/ticket-ref.repository.ts';
import type { TicketSettingsService } from '../tickets/ticket-settings.service.ts';
import { PRIORITIES, type Priority } from '../tickets/ticket-vocabulary.ts';
import { cleanContentType, cleanFilename } from './attachment-files.ts';
import { type AttachmentStore, sha256Of } from './attachment-storage.ts';
import {
  type ImapSettings,
  inboundRepository,
  type Mailbox,
  mailboxRepository,
  type StoredInbound,
} from './inbound.repository.ts';
import { addSystemNote, contentHashOf, type DroppedFile, droppedFilesList } from './inbound-notes.ts';
import { announceMessage, insertIndexedMessage, storeFiles } from './message.commands.ts';
import type { QuoteRange } from './message.repository.ts';
import { MAX_ATTACHMENTS, MAX_BODY_LENGTH, type NewAttachment } from './message.service.ts';

export type { ImapSettings, Mailbox, StoredInbound } from './inbound.repository.ts';

export const ACKNOWLEDGEMENT_JOB = 'email.acknowledgement@1';
/** The automatic answer to a customer without a contract in force (instead of the acknowledgement). */
export const NO_CONTRACT_JOB = 'email.no_contract@1';
/** Automatic answers (acknowledgements) to one address per hour, unless the caller says otherwise. */
export const DEFAULT_AUTO_ANSWERS_PER_HOUR = 3;

const EMAIL_ACTOR: Actor = { kind: 'system', reason: 'email' };
const UNKNOWN_SENDER: MailAddress = { address: 'remitente-desconocido@tiquete.invalid', name: 'Remitente desconocido' };
const HOUR_MS = 3_600_000;
/** Mails without a Message-ID saying the same (sender, Date, text, files) within this time are one mail. */
export const DEDUPE_WINDOW_MS = 7 * 24 * HOUR_MS;

export interface MailAddress {
  address: string;
  name: string;
}

/** A file of a mail; inline images carry the Content-ID their HTML names them by (`cid:`). */
export interface InboundAttachment extends NewAttachment {
  contentId?: string | null;
}

/** Where the console fetches an attachment; inline images in mail HTML point here. */
const ATTACHMENT_URL = '/api/v1/attachments/';

/** A mail as every channel hands it to the domain: parsed, sanitized, classified by the inbound filters. */
export interface InboundMessage {
  /** The Message-ID without angle brackets; null when the mail has none. */
  messageId: string | null;
  inReplyTo: string[];
  references: string[];
  from: MailAddress | null;
  to: MailAddress[];
  cc: MailAddress[];
  subject: string;
  /** The Date header as sent (a retried copy carries the same), or null. */
  date?: string | null;
  /** Whether the receiving MTA found the From aligned with SPF or DKIM (Authentication-Results). */
  senderAuth?: 'pass' | 'fail' | 'none';
  /** The full text (quotes kept). */
  text: string;
  /** Where in `text` the quoted earlier conversation sits; the console folds it away. */
  quote?: QuoteRange | null;
  /** Sanitized HTML, or null. */
  html: string | null;
  attachments: InboundAttachment[];
  /** Auto-Submitted, bulk, out-of-office…: never answered automatically. */
  noAutoAnswer: boolean;
  /** Sent by Tiquete itself (a loop): dropped. */
  fromOurselves: boolean;
  /**
   * A delivery report (RFC 3464) or a classic bounce: the Message-IDs of the mail it is about, what
   * happened to it (`relayed`: handed to a server that reports nothing more) and the server's words.
   */
  bounce: {
    originalMessageIds: string[];
    reason: string;
    action: 'failed' | 'delayed' | 'delivered' | 'relayed';
  } | null;
}

export interface NewMailbox {
  address: string;
  departmentId?: string | null;
  defaultTypeId?: string | null;
  defaultPriority?: string | null;
  language?: 'es' | 'en';
  imap?: Omit<ImapSettings, 'folder' | 'lastUid' | 'uidValidity'> & { folder?: string };
  smtpUrl?: string | null;
  requireSenderAuth?: boolean;
}

/** A mailbox edit: absent fields stay; an IMAP password left out keeps the stored one. */
export interface MailboxChanges extends Partial<Omit<NewMailbox, 'imap'>> {
  imap?:
    | (Omit<ImapSettings, 'folder' | 'lastUid' | 'uidValidity' | 'password'> & {
        folder?: string;
        password?: string;
      })
    | null;
}

const MASK = '****';

/** The SMTP URL as the API shows it: the password replaced by ****, so it never leaves the server. */
export function maskSmtpUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = MASK;
    return parsed.toString();
  } catch {
    return `${url.split('//')[0]}//${MASK}`;
  }
}

function checkSmtpUrl(url: string): string {
  const value = url.trim();
  let parsed: URL | undefined;
  try {
    parsed = new URL(value);
  } catch {
    parsed = undefined;
  }
  if (!parsed || !/^smtps?:$/.test(parsed.protocol) || !parsed.hostname) {
    throw new AppError('VALIDATION_FAILED', 'The SMTP URL must look like smtp://user:password@host:587', {
      field: 'smtpUrl',
    });
  }
  return value;
}

export type InboundOutcome =
  | { kind: 'created'; ticketId: string; followUpOf: string | null }
  | { kind: 'threaded'; ticketId: string; reopened: boolean }
  | { kind: 'bounce'; ticketId: string }
  | { kind: 'ignored'; reason: string }
  | { kind: 'already-done' };

export interface ReceiveOptions {
  store?: AttachmentStore;
  autoAnswersPerHour?: number;
}

const NUMBER_IN_SUBJECT = /(?:\[|#)([A-Za-z]{0,10}\d+)\]?/g;

/** Ticket numbers a subject names as `[OP10044]` or `#OP10044`, in order. */
export function ticketNumbersInSubject(subject: string): string[] {
  return [...subject.matchAll(NUMBER_IN_SUBJECT)].map((m) => (m[1] ?? '').toUpperCase());
}

function addressKey(address: string): string {
  return address.trim().toLowerCase();
}

export function createInboundService(
  deps: CoreDeps & { tickets: TicketService; settings: TicketSettingsService; secrets: SecretBox },
) {
  async function followMerges(
    db: UnitOfWork['trx'] | CoreDeps['db'],
    ticketId: string,
  ): Promise<TicketRef | undefined> {
    const refs = ticketRefRepository(db);
    let ticket = await refs.find(ticketId);
    for (let hops = 0; ticket?.mergedIntoId && hops < 20; hops++) ticket = await refs.find(ticket.mergedIntoId);
    return ticket;
  }

  /** The ticket the mail answers: by our Message-IDs first, then by a number in the subject from a participant. */
  async function findThread(
    uow: UnitOfWork,
    msg: InboundMessage,
    senderId: string | null,
  ): Promise<TicketRef | undefined> {
    const inbound = inboundRepository(uow.trx);
    const named = [...msg.inReplyTo, ...[...msg.references].reverse()];
    for (const thread of await inbound.threadsOf(named)) {
      const ticket = await followMerges(uow.trx, thread.ticketId);
      if (ticket) return ticket;
    }
    if (!senderId) return undefined;
    for (const number of ticketNumbersInSubject(msg.subject)) {
      const ticket = await ticketRefRepository(uow.trx).find(number);
      if (!ticket) continue;
      // A number alone is guessable; only the ticket's requester or CCs may join it by subject.
      if (ticket.requesterId === senderId || (ticket.ccContactIds ?? []).includes(senderId)) {
        return (await followMerges(uow.trx, ticket.id)) ?? ticket;
      }
    }
    return undefined;
  }

  /** The files to store, and those that are not (too large, beyond the per-mail count): the ticket says which. */
  function cleanFiles(files: InboundAttachment[], store: AttachmentStore | undefined) {
    const kept: (NewAttachment & { sha256: string; contentId: string | null })[] = [];
    const dropped: DroppedFile[] = [];
    if (!store) return { kept, dropped };
    for (const file of files) {
      const filename = cleanFilename(file.filename || 'adjunto');
      if (file.data.length > store.limitBytes) dropped.push({ filename, size: file.data.length, reason: 'too_large' });
      else if (kept.length >= MAX_ATTACHMENTS) dropped.push({ filename, size: file.data.length, reason: 'too_many' });
      else {
        kept.push({
          filename,
          contentType: cleanContentType(file.contentType),
          data: file.data,
          sha256: sha256Of(file.data),
          contentId: file.contentId ?? null,
        });
      }
    }
    return { kept, dropped };
  }

  /** Stores the files and points the HTML's `cid:` images at them. */
  async function attachFiles(
    uow: UnitOfWork,
    store: AttachmentStore,
    messageId: string,
    files: ReturnType<typeof cleanFiles>['kept'],
    html: string | null,
  ) {
    if (files.length > 0) await storeFiles(uow.trx, store, messageId, files, uow.now);
    if (!html?.includes('cid:')) return;
    const inbound = inboundRepository(uow.trx);
    let rewritten = html;
    for (const file of files) {
      if (!file.contentId) continue;
      const linkId = await inbound.markInline(messageId, file.filename, file.contentId);
      if (linkId) rewritten = rewritten.split(`"cid:${file.contentId}"`).join(`"${ATTACHMENT_URL}${linkId}"`);
    }
    // Inline images that were not stored (the ticket's note names them) would show broken: their alt text stays.
    rewritten = rewritten.replace(/<img\b[^>]*\bsrc="cid:[^"]*"[^>]*>/gi, (tag) => {
      const alt = /\balt="([^"]*)"/i.exec(tag)?.[1];
      return alt ? `[${alt}]` : '';
    });
    if (rewritten !== html) await inbound.setMessageHtml(messageId, rewritten);
  }

  /** The language the team reads a mailbox's notes in. */
  function teamLocale(mailbox: Mailbox | undefined): Locale {
    return mailbox?.language === 'en' ? 'en' : 'es';
  }

  /**
   * What the ticket must say about a mail beyond its text: files not stored (and the sender told,
   * in their language), a Message-ID reused with other content, a reopening refused for SPF/DKIM.
   */
  async function noteMail(
    uow: UnitOfWork,
    ticket: { id: string; organizationId: string | null },
    mail: {
      msg: InboundMessage;
      sender: MailAddress;
      senderId: string | null;
      mailbox: Mailbox | undefined;
      limitBytes: number;
      autoAnswersPerHour: number;
    } & MailMarks,
  ) {
    const team = teamLocale(mail.mailbox);
    if (mail.dropped.length > 0) {
      const limits = { limitBytes: mail.limitBytes, maxFiles: MAX_ATTACHMENTS };
      const files = droppedFilesList(mail.dropped, team, limits);
      await addSystemNote(uow, ticket, translate(team, 'mail.dropped_files_note', { files }));
      if (
        mail.senderId &&
        !mail.msg.noAutoAnswer &&
        (await mayAnswer(uow, mail.sender.address, mail.autoAnswersPerHour))
      ) {
        const contactLocale = (await notificationSettingsRepository(uow.trx).contactMailTarget(mail.senderId))?.locale;
        const locale = customerLocale(contactLocale, mail.mailbox?.language);
        await outboxRepository(uow.trx).add({
          type: NOTICE_EMAIL_JOB,
          ticketId: ticket.id,
          now: uow.now,
          payload: {
            ticketId: ticket.id,
            template: 'ticket_updated',
            to: [mail.sender.address],
            locale,
            detail: translate(locale, 'mail.dropped_files_customer', {
              files: droppedFilesList(mail.dropped, locale, limits),
            }),
          },
        });
      }
    }
    if (mail.reusedMessageId && mail.msg.messageId) {
      await addSystemNote(
        uow,
        ticket,
        translate(team, 'mail.reused_message_id_note', { messageId: mail.msg.messageId }),
      );
    }
    if (mail.notReopened) {
      await addSystemNote(
        uow,
        ticket,
        translate(team, 'mail.sender_auth_note', { from: mail.sender.address, mailbox: mail.mailbox?.address ?? '' }),
      );
    }
  }

  function bodyOf(msg: InboundMessage): string {
    const text = msg.text.trim() ? msg.text : '(sin texto)';
    return text.length > MAX_BODY_LENGTH ? text.slice(0, MAX_BODY_LENGTH) : text;
  }

  /** The quote's range within the stored body (which may have been cut at MAX_BODY_LENGTH). */
  function quoteOf(msg: InboundMessage): QuoteRange | null {
    const length = bodyOf(msg).length;
    if (!msg.quote || !msg.text.trim() || msg.quote.start >= length) return null;
    return { start: msg.quote.start, end: Math.min(msg.quote.end, length) };
  }

  async function contactsFor(uow: UnitOfWork, people: MailAddress[], except: string | null): Promise<string[]> {
    const ids: string[] = [];
    for (const person of people) {
      try {
        const { contact } = await findOrCreateContact(
          uow.trx,
          uow.now,
          { email: person.address, name: person.name || undefined },
          uow.emit,
          EMAIL_ACTOR,
        );
        if (contact.id !== except && !ids.includes(contact.id)) ids.push(contact.id);
      } catch (error) {
        // A malformed CC address is skipped; the mail itself is still taken.
        if (!(error instanceof AppError)) throw error;
      }
    }
    return ids;
  }

  async function mailboxFor(
    msg: InboundMessage,
    mailboxId: string | null,
    envelopeTo: string[],
  ): Promise<Mailbox | undefined> {
    const mailboxes = mailboxRepository(deps.db, deps.secrets);
    if (mailboxId) {
      const mailbox = await mailboxes.find(mailboxId);
      if (mailbox) return mailbox;
    }
    for (const address of [...envelopeTo, ...msg.to.map((a) => a.address), ...msg.cc.map((a) => a.address)]) {
      const mailbox = await mailboxes.findByAddress(addressKey(address));
      if (mailbox) return mailbox;
    }
    return undefined;
  }

  /**
   * Queues the acknowledgement (or, for a customer without a contract in force, the answer that
   * says why and how to renew) unless the loop guards say no; in the ticket's transaction.
   */
  async function acknowledge(
    uow: UnitOfWork,
    ticketId: string,
    to: string,
    msg: InboundMessage,
    limit: number,
    job = ACKNOWLEDGEMENT_JOB,
  ) {
    if (msg.noAutoAnswer) return;
    if (!(await mayAnswer(uow, to, limit))) return;
    await outboxRepository(uow.trx).add({
      type: job,
      ticketId,
      now: uow.now,
      payload: { ticketId, to, inReplyTo: msg.messageId },
    });
  }

  /** Whether one more automatic answer to `to` stays within the hourly limit; counts it when so. */
  async function mayAnswer(uow: UnitOfWork, to: string, limit: number): Promise<boolean> {
    const inbound = inboundRepository(uow.trx);
    const since = new Date(Date.parse(uow.now) - HOUR_MS).toISOString();
    if ((await inbound.countAutoAnswers(addressKey(to), since)) >= limit) return false;
    await inbound.recordAutoAnswer(addressKey(to), uow.now);
    return true;
  }

  /** Validates a mailbox's address, department and priority; returns the address normalized. */
  async function checkMailbox(input: Pick<NewMailbox, 'address' | 'departmentId' | 'defaultPriority'>) {
    const address = addressKey(input.address);
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address)) {
      throw new AppError('VALIDATION_FAILED', 'The address is not an email address', { field: 'address' });
    }
    if (input.departmentId && !(await departmentRepository(deps.db).find(input.departmentId))) {
      throw new AppError('REFERENCE_NOT_FOUND', `departmentId refers to ${input.departmentId}, which does not exist`, {
        field: 'departmentId',
        id: input.departmentId,
      });
    }
    if (input.defaultPriority && !PRIORITIES.includes(input.defaultPriority as Priority)) {
      throw new AppError('VALIDATION_FAILED', 'Unknown priority', { field: 'defaultPriority' });
    }
    return address;
  }

  async function reopenStatusId(): Promise<{ id: string; category: 'open' } | undefined> {
    const vocabulary = await deps.settings.vocabulary();
    const status = vocabulary.statuses.find((s) => s.active && s.category === 'open');
    return status ? { id: status.id, category: 'open' } : undefined;
  }

  async function finish(uow: UnitOfWork, row: StoredInbound, outcome: FinishOutcome) {
    const done = await inboundRepository(uow.trx).finish(row.id, outcome, uow.now);
    // Someone else processed it meanwhile: roll everything back (exactly one message per mail).
    if (!done) throw new AlreadyDone();
  }

  async function openTicket(
    row: StoredInbound,
    msg: InboundMessage,
    sender: MailAddress,
    opts: ReceiveOptions & { autoAnswersPerHour: number },
    followUpOf: TicketRef | null,
    context: { mailbox: Mailbox | undefined; contentHash: string; reusedMessageId: boolean },
  ): Promise<InboundOutcome> {
    const { mailbox, contentHash } = context;
    const departmentId =
      mailbox?.departmentId && (await departmentRepository(deps.db).find(mailbox.departmentId))
        ? mailbox.departmentId
        : null;
    const priority = PRIORITIES.includes(mailbox?.defaultPriority as Priority)
      ? (mailbox?.defaultPriority as Priority)
      : undefined;
    const { kept: files, dropped } = cleanFiles(msg.attachments, opts.store);
    const limit = opts.autoAnswersPerHour;
    // Mail is never refused: without a contract in force it waits in "Sin contrato" for triage.
    let withoutContract = false;
    const ticket = await deps.tickets.create(
      EMAIL_ACTOR,
      {
        subject: msg.subject.trim() || '(sin asunto)',
        body: bodyOf(msg),
        bodyHtml: msg.html ?? undefined,
        requester: { email: sender.address, name: sender.name || undefined },
        channel: 'email',
        departmentId: departmentId ?? undefined,
        priority,
        type: mailbox?.defaultTypeId ?? undefined,
      },
      {
        acknowledge: false,
        statusFor: async (trx, requester) => {
          const decision = await entitlementOf(trx, deps.clock.now(), requester.organizationId, departmentId);
          if (decision.entitled) return undefined;
          withoutContract = true;
          const vocabulary = await deps.settings.vocabulary();
          return vocabulary.statuses.find((s) => s.active && s.key === NO_CONTRACT_STATUS_KEY)?.id;
        },
        within: async (uow, created) => {
          const inbound = inboundRepository(uow.trx);
          await finish(uow, row, {
            status: 'processed',
            ticketId: created.id,
            emailMessageId: msg.messageId,
            contentHash,
          });
          const messageId = await inbound.firstMessageOf(created.id);
          const quote = quoteOf(msg);
          if (messageId && quote) await inbound.setMessageQuote(messageId, quote);
          if (messageId && opts.store) await attachFiles(uow, opts.store, messageId, files, msg.html);
          if (msg.messageId) {
            await inbound.recordMessageId({
              emailMessageId: msg.messageId,
              ticketId: created.id,
              messageId: messageId ?? null,
              direction: 'in',
              now: uow.now,
            });
          }
          if (followUpOf) {
            await inbound.setFollowUpOf(created.id, followUpOf.id);
            await ticketHistoryRepository(uow.trx).record({
              ticketId: created.id,
              actor: EMAIL_ACTOR,
              via: 'email',
              now: uow.now,
              changes: [{ field: 'follow_up_of', from: null, to: followUpOf.number }],
            });
          }
          const ccs = await contactsFor(uow, msg.cc, created.requesterId);
          if (ccs.length > 0) await inbound.addCcs(created.id, ccs);
          await acknowledge(
            uow,
            created.id,
            sender.address,
            msg,
            limit,
            withoutContract ? NO_CONTRACT_JOB : ACKNOWLEDGEMENT_JOB,
          );
          await noteMail(uow, created, {
            msg,
            sender,
            senderId: created.requesterId,
            mailbox,
            limitBytes: opts.store?.limitBytes ?? 0,
            autoAnswersPerHour: limit,
            dropped,
            reusedMessageId: context.reusedMessageId,
            notReopened: false,
          });
        },
      },
    );
    return { kind: 'created', ticketId: ticket.id, followUpOf: followUpOf?.id ?? null };
  }

  async function receive(inboundId: string, input: InboundMessage, opts: ReceiveOptions = {}): Promise<InboundOutcome> {
    const msg = withoutNul(input);
    const row = await inboundRepository(deps.db).find(inboundId);
    if (!row) throw new AppError('NOT_FOUND', 'No such inbound mail', { id: inboundId });
    if (row.status === 'processed' || row.status === 'ignored') return { kind: 'already-done' };
    try {
      return await receiveRow(row, msg, opts);
    } catch (error) {
      if (error instanceof AlreadyDone) return { kind: 'already-done' };
      throw error;
    }
  }

  async function ignore(
    row: StoredInbound,
    msg: InboundMessage,
    reason: string,
    contentHash: string,
  ): Promise<InboundOutcome> {
    await inTransaction(deps, (uow) =>
      finish(uow, row, {
        status: 'ignored',
        ticketId: null,
        emailMessageId: msg.messageId,
        note: reason,
        contentHash,
      }),
    );
    return { kind: 'ignored', reason };
  }

  /**
   * A copy of a mail already taken (same Message-ID and the same content, or without Message-ID
   * the same content within the window) is a duplicate; a Message-ID reused by a different mail is not.
   */
  async function duplicateCheck(
    row: StoredInbound,
    msg: InboundMessage,
    contentHash: string,
  ): Promise<'duplicate' | 'reused-id' | 'new'> {
    const inbound = inboundRepository(deps.db);
    if (msg.messageId) {
      if (!(await inbound.knownMessageId(msg.messageId))) return 'new';
      const earlier = await inbound.contentHashesOf(msg.messageId, row.id);
      // One of our own Message-IDs, or mail kept before content was hashed: taken as a copy, as always.
      if (earlier.length === 0 || earlier.some((hash) => hash === null || hash === contentHash)) return 'duplicate';
      return 'reused-id';
    }
    // Without a Date either, equal texts may well be separate mails (an alarm repeating itself).
    if (!msg.date) return 'new';
    const since = new Date(Date.parse(row.receivedAt) - DEDUPE_WINDOW_MS).toISOString();
    return (await inbound.seenContent(contentHash, since, row.id)) ? 'duplicate' : 'new';
  }

  async function receiveRow(row: StoredInbound, msg: InboundMessage, opts: ReceiveOptions): Promise<InboundOutcome> {
    const inbound = inboundRepository(deps.db);
    const contentHash = contentHashOf(msg);
    const seen = await duplicateCheck(row, msg, contentHash);
    if (seen === 'duplicate') return ignore(row, msg, 'duplicate', contentHash);
    if (msg.fromOurselves) return ignore(row, msg, 'own mail', contentHash);
    // Read before any transaction: on SQLite its one connection is busy inside it.
    const mailbox = await mailboxFor(msg, row.mailboxId, row.envelopeTo);

    if (msg.bounce) {
      const threads = await inbound.threadsOf(msg.bounce.originalMessageIds);
      const thread = threads[0];
      if (!thread) return ignore(row, msg, 'bounce for an unknown mail', contentHash);
      const ticket = await followMerges(deps.db, thread.ticketId);
      if (!ticket) return ignore(row, msg, 'bounce for an unknown mail', contentHash);
      const team = teamLocale(mailbox);
      const { action, reason } = msg.bounce;
      await inTransaction(deps, async (uow) => {
        await finish(uow, row, {
          status: 'processed',
          ticketId: ticket.id,
          emailMessageId: msg.messageId,
          contentHash,
        });
        // Only a failure needs the agents; "delivered" shows on the reply, "delayed" is followed by another report.
        if (action === 'delivered' && thread.messageId) {
          await inboundRepository(uow.trx).markDelivered(thread.messageId, uow.now);
        }
        if (action === 'failed') {
          const detail = reason || translate(team, 'mail.bounce_no_detail');
          if (thread.messageId) await inboundRepository(uow.trx).markDeliveryFailed(thread.messageId, detail, uow.now);
          await addSystemNote(uow, ticket, translate(team, 'mail.bounce_note', { reason: detail }));
        }
        // Open ticket pages show the report on the reply at once, as WhatsApp's ticks do.
        if (thread.messageId && (action === 'delivered' || action === 'failed')) {
          uow.emit({
            type: 'message.updated',
            ticketId: ticket.id,
            organizationId: ticket.organizationId,
            actor: EMAIL_ACTOR,
            data: { ticketId: ticket.id, messageId: thread.messageId, delivery: action },
          });
        }
      });
      return { kind: 'bounce', ticketId: ticket.id };
    }

    let sender = msg.from ?? UNKNOWN_SENDER;
    const limit = opts.autoAnswersPerHour ?? DEFAULT_AUTO_ANSWERS_PER_HOUR;
    const reopen = await reopenStatusId();
    const { kept: files, dropped } = cleanFiles(msg.attachments, opts.store);

    type Step = InboundOutcome | { kind: 'follow-up'; of: TicketRef } | { kind: 'new' };
    const step: Step = await inTransaction(deps, async (uow): Promise<Step> => {
      let senderId: string | null = null;
      try {
        senderId = (
          await findOrCreateContact(
            uow.trx,
            uow.now,
            { email: sender.address, name: sender.name || undefined },
            uow.emit,
            EMAIL_ACTOR,
          )
        ).contact.id;
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        // "root@localhost", "MAILER-DAEMON": the mail is still taken, from an unknown sender.
        sender = {
          ...UNKNOWN_SENDER,
          name: [sender.name, sender.address].filter(Boolean).join(' ') || UNKNOWN_SENDER.name,
        };
      }
      const ticket = await findThread(uow, msg, senderId);
      if (!ticket) return { kind: 'new' };
      if (ticket.statusCategory === 'closed') return { kind: 'follow-up', of: ticket };
      await finish(uow, row, { status: 'processed', ticketId: ticket.id, emailMessageId: msg.messageId, contentHash });
      const messageId = newId();
      await insertIndexedMessage(uow.trx, ticket, {
        id: messageId,
        ticketId: ticket.id,
        kind: 'reply',
        authorKind: senderId ? 'contact' : 'system',
        authorAgentId: null,
        authorContactId: senderId,
        channel: 'email',
        body: bodyOf(msg),
        html: msg.html,
        activity: null,
        quote: quoteOf(msg),
        createdAt: uow.now,
      });
      if (opts.store) await attachFiles(uow, opts.store, messageId, files, msg.html);
      const inboundTx = inboundRepository(uow.trx);
      if (msg.messageId) {
        await inboundTx.recordMessageId({
          emailMessageId: msg.messageId,
          ticketId: ticket.id,
          messageId,
          direction: 'in',
          now: uow.now,
        });
      }
      const ccs = await contactsFor(uow, msg.cc, ticket.requesterId);
      const newCcs = ccs.filter((id) => !(ticket.ccContactIds ?? []).includes(id));
      if (newCcs.length > 0) await inboundTx.addCcs(ticket.id, newCcs);
      const history = ticketHistoryRepository(uow.trx);
      await history.record({
        ticketId: ticket.id,
        actor: EMAIL_ACTOR,
        via: 'email',
        now: uow.now,
        changes: [{ field: 'message', from: null, to: 'reply' }],
      });
      await ticketRefRepository(uow.trx).touch(ticket.id, uow.now);
      // A customer answering a solved ticket means it is not solved; the change goes through the
      // ticket service so its history, event, rules and SLA clocks follow.
      // Unless its mailbox trusts only a sender who passed SPF/DKIM, and this one did not.
      const notReopened =
        ticket.statusCategory === 'solved' && mailbox?.requireSenderAuth === true && msg.senderAuth !== 'pass';
      const reopened = ticket.statusCategory === 'solved' && reopen !== undefined && !notReopened;
      if (reopened) await deps.tickets.changeWithin(uow, EMAIL_ACTOR, ticket.id, { status: reopen.id });
      await noteMail(uow, ticket, {
        msg,
        sender,
        senderId,
        mailbox,
        limitBytes: opts.store?.limitBytes ?? 0,
        autoAnswersPerHour: limit,
        dropped,
        reusedMessageId: seen === 'reused-id',
        notReopened,
      });
      await announceMessage(uow, deps.hooks, {
        ticket,
        actor: EMAIL_ACTOR,
        messageId,
        kind: 'reply',
        fromCustomer: true,
      });
      return { kind: 'threaded', ticketId: ticket.id, reopened };
    });
    const context = { mailbox, contentHash, reusedMessageId: seen === 'reused-id' };
    const ticketOpts = { ...opts, autoAnswersPerHour: limit };
    if (step.kind === 'new') return openTicket(row, msg, sender, ticketOpts, null, context);
    if (step.kind === 'follow-up') return openTicket(row, msg, sender, ticketOpts, step.of, context);
    return step;
  }

  return {
    /** Commits the raw mail; the SMTP 250 (or IMAP \Seen) follows only after this returns. */
    async store(input: {
      source: string;
      mailboxId?: string | null;
      envelopeFrom: string | null;
      envelopeTo: string[];
      raw: Buffer;
    }) {
      return inboundRepository(deps.db).store({
        source: input.source,
        mailboxId: input.mailboxId ?? null,
        envelopeFrom: input.envelopeFrom,
        envelopeTo: input.envelopeTo,
        raw: input.raw,
        now: deps.clock.now().toISOString(),
      });
    },

    receive,

    async markFailed(inboundId: string, error: unknown): Promise<void> {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      await inboundRepository(deps.db).markFailed(inboundId, message, deps.clock.now().toISOString());
    },

    /** Counts a start of parsing; undefined when the mail is no longer pending. */
    startParse(inboundId: string) {
      return inboundRepository(deps.db).startParse(inboundId);
    },

    /** Mails waiting to be parsed (after a crash, or new), oldest first. */
    pending(limit = 50) {
      return inboundRepository(deps.db).list({ statuses: ['pending'], limit });
    },

    raw(inboundId: string) {
      return inboundRepository(deps.db).raw(inboundId);
    },

    async listFailed(actor: Actor, limit = 100): Promise<StoredInbound[]> {
      assertCan(actor, 'mail.manage');
      return inboundRepository(deps.db).list({ statuses: ['failed'], limit });
    },

    /** Outgoing mail (and other outbox items) given up on after 48 h of retries. */
    async listFailedOutbox(actor: Actor, limit = 100) {
      assertCan(actor, 'mail.manage');
      return outboxRepository(deps.db).listFailed(limit);
    },

    /** Gives failed outgoing mail (all, or the named items) one more attempt, now. */
    async resendFailedOutbox(actor: Actor, ids?: string[]): Promise<number> {
      assertCan(actor, 'mail.manage');
      return outboxRepository(deps.db).requeueFailed(ids, deps.clock.now().toISOString());
    },

    /** Puts failed mails back in line (all, or the named ones). */
    async requeueFailed(actor: Actor, ids?: string[]): Promise<number> {
      assertCan(actor, 'mail.manage');
      return inboundRepository(deps.db).requeue(ids);
    },

    /** Remembers the Message-ID of a mail we send, before sending it, so answers thread. */
    async recordOutgoing(input: { emailMessageId: string; ticketId: string; messageId: string | null }) {
      await inboundRepository(deps.db).recordMessageId({
        ...input,
        direction: 'out',
        now: deps.clock.now().toISOString(),
      });
    },

    mailboxes: {
      list: () => mailboxRepository(deps.db, deps.secrets).list(),
      async listFor(actor: Actor): Promise<Mailbox[]> {
        assertCan(actor, 'mail.manage');
        return mailboxRepository(deps.db, deps.secrets).list();
      },
      async create(actor: Actor, input: NewMailbox): Promise<Mailbox> {
        assertCan(actor, 'mail.manage');
        const address = await checkMailbox(input);
        const smtpUrl = input.smtpUrl ? checkSmtpUrl(input.smtpUrl) : null;
        return inTransaction(deps, async ({ trx, now }) => {
          const mailboxes = mailboxRepository(trx, deps.secrets);
          if (await mailboxes.findByAddress(address)) {
            throw new AppError('CONFLICT', `The mailbox ${address} exists already`, { field: 'address' });
          }
          const mailbox: Mailbox = {
            id: newId(),
            address,
            departmentId: input.departmentId ?? null,
            defaultTypeId: input.defaultTypeId ?? null,
            defaultPriority: input.defaultPriority ?? null,
            language: input.language ?? 'es',
            imap: input.imap ? { folder: 'INBOX', ...input.imap } : null,
            smtpUrl,
            requireSenderAuth: input.requireSenderAuth ?? false,
            secretsUnreadable: false,
            createdAt: now,
          };
          await mailboxes.insert(mailbox);
          return mailbox;
        });
      },
      async update(actor: Actor, id: string, changes: MailboxChanges): Promise<Mailbox> {
        assertCan(actor, 'mail.manage');
        const found = await mailboxRepository(deps.db, deps.secrets).find(id);
        if (!found) throw new AppError('NOT_FOUND', 'No such mailbox', { id });
        // Checked before the transaction: on SQLite its one connection is busy inside it.
        const address = await checkMailbox({
          address: changes.address ?? found.address,
          departmentId: changes.departmentId,
          defaultPriority: changes.defaultPriority,
        });
        return inTransaction(deps, async ({ trx }) => {
          const mailboxes = mailboxRepository(trx, deps.secrets);
          const current = await mailboxes.find(id);
          if (!current) throw new AppError('NOT_FOUND', 'No such mailbox', { id });
          const other = address === current.address ? undefined : await mailboxes.findByAddress(address);
          if (other) throw new AppError('CONFLICT', `The mailbox ${address} exists already`, { field: 'address' });
          const next: Mailbox = {
            ...current,
            address,
            departmentId: changes.departmentId === undefined ? current.departmentId : changes.departmentId,
            defaultTypeId: changes.defaultTypeId === undefined ? current.defaultTypeId : changes.defaultTypeId,
            defaultPriority: changes.defaultPriority === undefined ? current.defaultPriority : changes.defaultPriority,
            language: changes.language ?? current.language,
            imap: nextImap(current.imap, changes.imap),
            smtpUrl: nextSmtpUrl(current.smtpUrl, changes.smtpUrl),
            requireSenderAuth: changes.requireSenderAuth ?? current.requireSenderAuth,
            secretsUnreadable:
              current.secretsUnreadable && (changes.imap === undefined || changes.smtpUrl === undefined),
          };
          // Secrets sealed with another key stay as stored unless the admin typed them again.
          await mailboxes.update(next, {
            imap: current.secretsUnreadable && changes.imap === undefined,
            smtpUrl: current.secretsUnreadable && changes.smtpUrl === undefined,
          });
          return next;
        });
      },
      /** The SMTP URL for mail from `fromAddress` about `ticketId`; undefined = OUTBOUND_SMTP_URL. */
      anyWithSmtp: () => mailboxRepository(deps.db, deps.secrets).anyWithSmtp(),
      smtpUrlFor: (fromAddress: string, ticketId: string | null) =>
        mailboxRepository(deps.db, deps.secrets).smtpUrlFor(fromAddress, ticketId),
      findByAddress: (address: string) => mailboxRepository(deps.db, deps.secrets).findByAddress(address),
      saveImapState: (id: string, imap: ImapSettings) =>
        mailboxRepository(deps.db, deps.secrets).saveImapState(id, imap),
      sealPlainSecrets: () => mailboxRepository(deps.db, deps.secrets).sealPlainSecrets(),
    },
  };
}

class AlreadyDone extends Error {}

type FinishOutcome = Parameters<ReturnType<typeof inboundRepository>['finish']>[1];

/** What the ticket must be told about a mail (see noteMail). */
interface MailMarks {
  dropped: DroppedFile[];
  reusedMessageId: boolean;
  notReopened: boolean;
}

function nextImap(current: ImapSettings | null, change: MailboxChanges['imap']): ImapSettings | null {
  if (change === undefined) return current;
  if (change === null) return null;
  const password = change.password ?? current?.password;
  if (!password) throw new AppError('VALIDATION_FAILED', 'The IMAP password is required', { field: 'imap.password' });
  const next: ImapSettings = { ...change, folder: change.folder ?? 'INBOX', password };
  // Same server, account and folder: keep the UID position so nothing is imported twice.
  const same = current && current.host === next.host && current.user === next.user && current.folder === next.folder;
  return same ? { ...next, lastUid: current.lastUid, uidValidity: current.uidValidity } : next;
}

function nextSmtpUrl(current: string | null, change: string | null | undefined): string | null {
  if (change === undefined) return current;
  if (change === null || change.trim() === '') return null;
  // The masked URL sent back unchanged (an edit form) keeps the stored password.
  if (current && change.trim() === maskSmtpUrl(current)) return current;
  return checkSmtpUrl(change);
}

/** PostgreSQL text cannot hold U+0000, which broken mails do contain. */
function withoutNul(msg: InboundMessage): InboundMessage {
  const clean = (text: string) => text.replaceAll('\u0000', '');
  const person = (p: MailAddress) => ({ address: clean(p.address), name: clean(p.name) });
  // The quote's offsets move back by the NULs removed before them.
  const shift = (offset: number) => offset - (msg.text.slice(0, offset).split('\u0000').length - 1);
  return {
    ...msg,
    messageId: msg.messageId ? clean(msg.messageId) : null,
    inReplyTo: msg.inReplyTo.map(clean),
    references: msg.references.map(clean),
    from: msg.from ? person(msg.from) : null,
    to: msg.to.map(person),
    cc: msg.cc.map(person),
    subject: clean(msg.subject),
    text: clean(msg.text),
    quote: msg.quote ? { start: shift(msg.quote.start), end: shift(msg.quote.end) } : null,
    html: msg.html ? clean(msg.html) : null,
    attachments: msg.attachments.map((a) => ({ ...a, filename: clean(a.filename), contentType: clean(a.contentType) })),
  };
}

export type InboundService = ReturnType<typeof createInboundService>;

import type { Channel, Db } from '../../db/database.ts';
import { assertCan } from '../accounts/access.policy.ts';
import { contactRepository } from '../contacts/contact.repository.ts';
import { outboxRepository } from '../outbox/outbox.repository.ts';
import { protocolRepository } from '../protocols/protocol.repository.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import { type CoreDeps, inTransaction, type UnitOfWork } from '../shared/core-deps.ts';
import { newId } from '../shared/ids.ts';
import { decodeCursor, encodeCursor, type Page } from '../shared/pagination.ts';
import { loadVisibleTicket } from '../tickets/ticket.access.ts';
import { canSeeInternal } from '../tickets/ticket.policy.ts';
import { ticketHistoryRepository } from '../tickets/ticket-history.repository.ts';
import { ticketRefRepository } from '../tickets/ticket-ref.repository.ts';
import { whatsappInboundRepository } from '../whatsapp/whatsapp-inbound.repository.ts';
import {
  type ActivityFields,
  type ActivityInput,
  channelOfMedium,
  customerNamed,
  normalizeActivity,
} from './activity.ts';
import { type AttachmentInfo, attachmentRepository } from './attachment.repository.ts';
import type { AttachmentStore } from './attachment-storage.ts';
import { type Delivery, deliveriesOf, reportsOf } from './delivery.ts';
import {
  announceMessage,
  checkFiles,
  insertIndexedMessage,
  type NewAttachment,
  preparedFiles,
  safeHtml,
  storeFiles,
} from './message.commands.ts';
import { type MessageKind, type MessageRecord, messageRepository, PUBLIC_KINDS } from './message.repository.ts';
import { participantsRepository } from './participants.repository.ts';
import { scheduledSessionRepository } from './scheduled-session.repository.ts';
import { type ScheduledSession, scheduleSession, sessionTimes } from './scheduled-session.service.ts';

export type { AttachmentInfo } from './attachment.repository.ts';
export { MAX_ATTACHMENTS, type NewAttachment } from './message.commands.ts';
export type { MessageAuthor, MessageKind } from './message.repository.ts';

export const MAX_BODY_LENGTH = 100_000;
/** The job the email issue delivers: a public reply to the customer. */
export const REPLY_EMAIL_JOB = 'email.reply@1';
/** A public reply sent by WhatsApp (text, files by media upload, or an approved template). */
export const REPLY_WHATSAPP_JOB = 'whatsapp.reply@1';
/** The customer-service window: free-form WhatsApp replies only this long after the customer's last message. */
export const WHATSAPP_WINDOW_MS = 24 * 3_600_000;
const ALL_KINDS: readonly MessageKind[] = ['reply', 'note', 'activity'];
/**
 * The channels an agent's reply can reach the customer through today (REPLY_EMAIL_JOB,
 * REPLY_WHATSAPP_JOB). A reply for another one is refused, never sent silently through a different one.
 */
const DELIVERING_CHANNELS: readonly Channel[] = ['email', 'whatsapp'];

/** An approved WhatsApp message template: outside the 24-hour window the only thing that may be sent. */
export interface WhatsappTemplate {
  name: string;
  /** Its language code as approved (es, es_MX, en_US…). */
  language: string;
  /** The values of its body's {{1}}, {{2}}… in order. */
  parameters: string[];
}

export interface NewMessage {
  kind: MessageKind;
  body: string;
  html?: string | null;
  /** Where the message came from or goes; by default the activity's medium, email for replies, internal for notes. */
  channel?: Channel;
  activity?: ActivityInput;
  attachments?: NewAttachment[];
  /** How the change reached Tiquete, for the ticket history (`api`, `email`, `whatsapp`…). */
  via?: string;
  /** A WhatsApp reply sent as this approved template (the body is what agents read on the ticket). */
  template?: WhatsappTemplate;
}

export interface Message extends Omit<MessageRecord, 'activity'> {
  activity: (ActivityFields & { scheduledSession: ScheduledSession | null }) | null;
  attachments: AttachmentInfo[];
  /** An outgoing reply's way to the customer; null for what is not sent (notes, customers' words). */
  delivery: Delivery | null;
}

export interface AttachmentContent {
  filename: string;
  contentType: string;
  size: number;
  bytes: Buffer;
}

/** Contacts read through the ticket's visibility; staff also need the permission. */
function assertCanRead(actor: Actor): void {
  if (actor.kind !== 'contact') assertCan(actor, 'messages.read');
}

/** What the actor may read of a ticket: contacts only its public replies, on every path. */
function readableKinds(actor: Actor): readonly MessageKind[] {
  return canSeeInternal(actor) ? ALL_KINDS : PUBLIC_KINDS;
}

async function withDetails(db: Db, records: MessageRecord[]): Promise<Message[]> {
  const ids = records.map((m) => m.id);
  const activityIds = records.filter((m) => m.kind === 'activity').map((m) => m.id);
  const [attachments, sessions, deliveries] = await Promise.all([
    attachmentRepository(db).listForMessages(ids),
    scheduledSessionRepository(db).listForMessages(activityIds),
    Promise.all([deliveriesOf(db, records, REPLY_EMAIL_JOB), deliveriesOf(db, records, REPLY_WHATSAPP_JOB)]).then(
      ([email, whatsapp]) => new Map([...email, ...whatsapp]),
    ),
  ]);
  return records.map((record) => ({
    ...record,
    activity: record.activity
      ? {
          ...record.activity,
          contactId: record.activity.contactId ?? null,
          scheduledSession: sessions.get(record.id) ?? null,
        }
      : null,
    attachments: attachments.get(record.id) ?? [],
    delivery: deliveries.get(record.id) ?? null,
  }));
}

function validate(actor: Actor, input: NewMessage, store: AttachmentStore | undefined): void {
  if (actor.kind === 'contact') {
    // Customers write public replies only (portal, email); notes and activities are staff work.
    if (input.kind !== 'reply') throw new AppError('FORBIDDEN', 'Customers can only reply');
  } else {
    assertCan(actor, 'messages.write');
  }
  if (!input.body.trim()) throw new AppError('VALIDATION_FAILED', 'The message needs a text', { field: 'body' });
  if (input.body.length > MAX_BODY_LENGTH) {
    throw new AppError('VALIDATION_FAILED', `The text is longer than ${MAX_BODY_LENGTH} characters`, {
      field: 'body',
    });
  }
  if (
    input.kind === 'reply' &&
    actor.kind !== 'contact' &&
    input.channel !== undefined &&
    !DELIVERING_CHANNELS.includes(input.channel)
  ) {
    throw new AppError('CHANNEL_CANNOT_DELIVER', `A reply cannot be sent through ${input.channel} yet`, {
      field: 'channel',
      channel: input.channel,
    });
  }
  if (input.kind === 'activity' && !input.activity) {
    throw new AppError('VALIDATION_FAILED', 'An activity needs its fields', { field: 'activity' });
  }
  if (input.kind !== 'activity' && input.activity) {
    throw new AppError('VALIDATION_FAILED', 'Only activities carry activity fields', { field: 'activity' });
  }
  if (input.activity) {
    for (const field of ['contactPerson', 'reason'] as const) {
      if (!input.activity[field].trim()) {
        throw new AppError('VALIDATION_FAILED', `${field} must not be empty`, { field: `activity.${field}` });
      }
    }
    if (input.activity.scheduledSession) sessionTimes(input.activity.scheduledSession);
  }
  checkFiles(input.attachments ?? [], store);
}

function defaultChannel(actor: Actor, input: NewMessage, activity: ActivityFields | null): Channel {
  if (input.channel) return input.channel;
  if (activity) return channelOfMedium(activity.medium);
  if (actor.kind === 'contact') return 'portal';
  return input.kind === 'reply' ? 'email' : 'internal';
}

export function createMessageService(deps: CoreDeps) {
  return {
    /** A ticket's conversation oldest first; contacts get only public replies. */
    async list(
      actor: Actor,
      ticketIdOrNumber: string,
      opts: { limit: number; cursor?: string },
    ): Promise<Page<Message>> {
      assertCanRead(actor);
      const ticket = await loadVisibleTicket(deps.db, actor, ticketIdOrNumber);
      const after = decodeMessageCursor(opts.cursor);
      const records = await messageRepository(deps.db).list(ticket.id, {
        kinds: readableKinds(actor),
        after,
        limit: opts.limit + 1,
      });
      const page = records.slice(0, opts.limit);
      const last = page.at(-1);
      return {
        items: await withDetails(deps.db, page),
        nextCursor: records.length > opts.limit && last ? encodeCursor(`${last.createdAt}|${last.id}`) : null,
      };
    },

    /** One message of a ticket; a note or activity answers 404 to a contact, as if it did not exist. */
    async get(actor: Actor, ticketIdOrNumber: string, messageId: string): Promise<Message> {
      assertCanRead(actor);
      const ticket = await loadVisibleTicket(deps.db, actor, ticketIdOrNumber);
      const record = await messageRepository(deps.db).find(messageId);
      if (!record || record.ticketId !== ticket.id || !readableKinds(actor).includes(record.kind)) {
        throw new AppError('MESSAGE_NOT_FOUND', 'Message not found', { id: messageId });
      }
      const [message] = await withDetails(deps.db, [record]);
      return message as Message;
    },

    /**
     * Adds a reply, note or activity with its attachments, in one transaction with its history
     * row, search entry, events and outbox rows (the reply email, a session's invitation).
     */
    async add(
      actor: Actor,
      ticketIdOrNumber: string,
      input: NewMessage,
      opts: { store?: AttachmentStore } = {},
    ): Promise<Message> {
      return inTransaction(deps, (uow) => this.addWithin(uow, actor, ticketIdOrNumber, input, opts));
    },

    /** `add` inside the caller's transaction (a portal reply that also marks its ticket solved). */
    async addWithin(
      uow: UnitOfWork,
      actor: Actor,
      ticketIdOrNumber: string,
      input: NewMessage,
      opts: { store?: AttachmentStore } = {},
    ): Promise<Message> {
      validate(actor, input, opts.store);
      const files = preparedFiles(input.attachments ?? []);
      const activity = input.activity ? normalizeActivity(input.activity) : null;
      const { trx, now } = uow;
      const ticket = await loadVisibleTicket(trx, actor, ticketIdOrNumber);
      const channel = defaultChannel(actor, input, activity);
      if (input.kind === 'reply' && actor.kind !== 'contact' && channel === 'email') {
        await assertReachableByEmail(trx, ticket.requesterId);
      }
      if (input.kind === 'reply' && actor.kind !== 'contact' && channel === 'whatsapp') {
        await assertWhatsappAllowed(trx, ticket.id, ticket.requesterId, now, input.template);
      }
      const messages = messageRepository(trx);
      const id = newId();
      if (activity?.protocolAppliedId) {
        const applied = await protocolRepository(trx).findApplied(ticket.id, activity.protocolAppliedId);
        if (!applied) {
          throw new AppError('REFERENCE_NOT_FOUND', 'That protocol is not applied on this ticket', {
            field: 'activity.protocolAppliedId',
            id: activity.protocolAppliedId,
          });
        }
        activity.protocolApplied ??= applied.title;
      }
      if (activity) {
        activity.contactId = customerNamed(
          activity.contactPerson,
          await participantsRepository(trx).customerPeople(ticket),
        );
      }
      await insertIndexedMessage(trx, ticket, {
        id,
        ticketId: ticket.id,
        kind: input.kind,
        authorKind: actor.kind,
        authorAgentId: actor.kind === 'agent' ? actor.id : null,
        authorContactId: actor.kind === 'contact' ? actor.id : null,
        channel,
        body: input.body,
        html: await safeHtml(input.html),
        activity,
        createdAt: now,
      });
      if (files.length > 0 && opts.store) await storeFiles(trx, opts.store, id, files, now);
      // 000/003: a call or session with the customer is news for them, as much as a mail.
      if (actor.kind === 'agent' && (input.kind === 'reply' || activity?.contactId))
        await messages.markFirstResponse(ticket.id, now);
      await ticketRefRepository(trx).touch(ticket.id, now);
      await ticketHistoryRepository(trx).record({
        ticketId: ticket.id,
        actor,
        via: input.via ?? 'api',
        now,
        changes: [{ field: 'message', from: null, to: input.kind }],
      });
      if (input.kind === 'reply' && actor.kind !== 'contact') {
        await outboxRepository(trx).add({
          type: channel === 'whatsapp' ? REPLY_WHATSAPP_JOB : REPLY_EMAIL_JOB,
          ticketId: ticket.id,
          now,
          payload: {
            ticketId: ticket.id,
            messageId: id,
            ...(channel === 'whatsapp' && input.template && { template: input.template }),
          },
        });
      }
      if (activity && input.activity?.scheduledSession) {
        await scheduleSession(uow, {
          actor,
          ticket,
          messageId: id,
          session: input.activity.scheduledSession,
        });
      }
      await announceMessage(uow, deps.hooks, {
        ticket,
        actor,
        messageId: id,
        kind: input.kind,
        fromCustomer: actor.kind === 'contact',
      });
      const [message] = await withDetails(trx, [(await messages.find(id)) as MessageRecord]);
      return message as Message;
    },

    /** Sends a reply's mail again now: after it failed, or without waiting for its next attempt. */
    async retryDelivery(actor: Actor, ticketIdOrNumber: string, messageId: string): Promise<Message> {
      assertCan(actor, 'messages.write');
      const ticket = await loadVisibleTicket(deps.db, actor, ticketIdOrNumber);
      const outbox = outboxRepository(deps.db);
      const item =
        (await outbox.byMessage(ticket.id, REPLY_EMAIL_JOB)).get(messageId) ??
        (await outbox.byMessage(ticket.id, REPLY_WHATSAPP_JOB)).get(messageId);
      if (!item) throw new AppError('MESSAGE_NOT_FOUND', 'Message not found', { id: messageId });
      const bounced = (await reportsOf(deps.db, [messageId])).get(messageId)?.status === 'failed';
      if (item.status === 'sent' && !bounced) {
        throw new AppError('NOTHING_TO_RETRY', 'The reply was already sent', { id: messageId });
      }
      // A bounced reply is sent again (after the customer's address was corrected, say).
      await inTransaction(deps, async ({ trx, now }) => {
        if (bounced) await messageRepository(trx).clearDeliveryReport(messageId);
        await outboxRepository(trx).retryNow(item.id, now, { evenIfSent: bounced });
      });
      return this.get(actor, ticket.id, messageId);
    },

    /**
     * The bytes of an attachment for someone who may read its message. A contact asking for a
     * note's or activity's file gets 404, exactly like for a file that does not exist.
     */
    async openAttachment(actor: Actor, attachmentId: string, store: AttachmentStore): Promise<AttachmentContent> {
      assertCanRead(actor);
      const notFound = () => new AppError('ATTACHMENT_NOT_FOUND', 'Attachment not found', { id: attachmentId });
      const link = await attachmentRepository(deps.db).findLink(attachmentId);
      if (!link || !readableKinds(actor).includes(link.messageKind)) throw notFound();
      try {
        await loadVisibleTicket(deps.db, actor, link.ticketId);
      } catch (error) {
        if (error instanceof AppError && error.code === 'TICKET_NOT_FOUND') throw notFound();
        throw error;
      }
      const bytes = await store.storage(link.storage, deps.db).get(link.sha256);
      if (!bytes) throw new Error(`the bytes of attachment ${link.id} (${link.sha256}) are missing from storage`);
      return { filename: link.filename, contentType: link.contentType, size: link.size, bytes };
    },
  };
}

export type MessageService = ReturnType<typeof createMessageService>;

/**
 * Issue 13: a reply by email to a customer without an address would wait forever as "sent". It is
 * refused, naming the channels the customer can be reached on (`details.channels`).
 */
async function assertReachableByEmail(db: Db, contactId: string): Promise<void> {
  const contact = await contactRepository(db).find(contactId);
  if (!contact || contact.emails.length > 0) return;
  const channels: Channel[] = [];
  if (contact.phones.some((p) => p.whatsapp)) channels.push('whatsapp');
  if (contact.phones.length > 0) channels.push('phone');
  throw new AppError('CONTACT_HAS_NO_EMAIL', `${contact.name} has no email address`, {
    field: 'channel',
    name: contact.name,
    channels,
    phones: contact.phones.map((p) => p.phone),
  });
}

/**
 * A WhatsApp reply needs a customer reachable on WhatsApp (a conversation on this ticket, or a
 * WhatsApp number on the requester) and, outside the 24-hour customer-service window that follows
 * the customer's last message, an approved template: Meta refuses free text there.
 */
async function assertWhatsappAllowed(
  db: Db,
  ticketId: string,
  requesterId: string,
  now: string,
  template: WhatsappTemplate | undefined,
): Promise<void> {
  const thread = await whatsappInboundRepository(db).threadOf(ticketId);
  if (!thread) {
    const contact = await contactRepository(db).find(requesterId);
    if (!contact?.phones.some((p) => p.whatsapp)) {
      throw new AppError('CHANNEL_CANNOT_DELIVER', 'The requester has no WhatsApp number', {
        field: 'channel',
        channel: 'whatsapp',
      });
    }
  }
  if (template) {
    if (!template.name.trim() || !template.language.trim()) {
      throw new AppError('VALIDATION_FAILED', 'A template needs its name and language', { field: 'template' });
    }
    return;
  }
  const last = thread?.lastInboundAt ? Date.parse(thread.lastInboundAt) : null;
  if (last === null || Date.parse(now) - last >= WHATSAPP_WINDOW_MS) {
    throw new AppError(
      'WHATSAPP_WINDOW_CLOSED',
      'More than 24 hours have passed since the customer last wrote on WhatsApp: only an approved template can be sent',
      { field: 'template', lastInboundAt: thread?.lastInboundAt ?? null },
    );
  }
}

function decodeMessageCursor(cursor: string | undefined): { createdAt: string; id: string } | undefined {
  const key = decodeCursor(cursor);
  if (key === undefined) return undefined;
  const separator = key.lastIndexOf('|');
  if (separator <= 0) throw new AppError('VALIDATION_FAILED', 'The cursor is not valid', { field: 'cursor' });
  return { createdAt: key.slice(0, separator), id: key.slice(separator + 1) };
}

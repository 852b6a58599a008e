import { translate } from '../../i18n/translate.ts';
import { assertCan } from '../accounts/access.policy.ts';
import { createContact, findOrCreateContact } from '../contacts/contact.commands.ts';
import { contactRepository } from '../contacts/contact.repository.ts';
import { DEFAULT_PHONE_COUNTRY, normalizePhone } from '../contacts/phone.ts';
import { attachmentRepository } from '../conversation/attachment.repository.ts';
import { cleanContentType, cleanFilename } from '../conversation/attachment-files.ts';
import { type AttachmentStore, sha256Of } from '../conversation/attachment-storage.ts';
import { inboundRepository } from '../conversation/inbound.repository.ts';
import { addSystemNote } from '../conversation/inbound-notes.ts';
import { announceMessage, insertIndexedMessage, storeFiles } from '../conversation/message.commands.ts';
import { messageRepository } from '../conversation/message.repository.ts';
import { MAX_BODY_LENGTH, WHATSAPP_WINDOW_MS } from '../conversation/message.service.ts';
import { departmentRepository } from '../departments/department.repository.ts';
import { outboxRepository } from '../outbox/outbox.repository.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import { type CoreDeps, inTransaction, type UnitOfWork } from '../shared/core-deps.ts';
import { newId } from '../shared/ids.ts';
import type { SecretBox } from '../shared/secret-box.ts';
import { loadVisibleTicket } from '../tickets/ticket.access.ts';
import type { TicketService } from '../tickets/ticket.service.ts';
import { ticketHistoryRepository } from '../tickets/ticket-history.repository.ts';
import { type TicketRef, ticketRefRepository } from '../tickets/ticket-ref.repository.ts';
import type { TicketSettingsService } from '../tickets/ticket-settings.service.ts';
import { whatsappInboundRepository } from './whatsapp-inbound.repository.ts';
import type { WhatsappInbound, WhatsappStatus } from './whatsapp-message.ts';
import { STATUS_RANK } from './whatsapp-message.ts';
import type { WhatsappNumber } from './whatsapp-number.repository.ts';
import { whatsappNumberRepository } from './whatsapp-number.repository.ts';
import { whatsappReplyPartsRepository } from './whatsapp-reply-parts.repository.ts';

export const WHATSAPP_ACTOR: Actor = { kind: 'system', reason: 'whatsapp' };
/** Fetches one media file of a message through the Graph API and attaches it; retried by the outbox. */
export const MEDIA_DOWNLOAD_JOB = 'whatsapp.media_download@1';

const SUBJECT_LENGTH = 80;
const QUOTE_LENGTH = 80;
const TEAM = 'es';

export type WhatsappOutcome =
  | { kind: 'created'; ticketId: string; messageId: string }
  | { kind: 'threaded'; ticketId: string; messageId: string }
  | { kind: 'duplicate' };

class AlreadyTaken extends Error {}

function shorten(text: string, length: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > length ? `${line.slice(0, length - 1)}…` : line;
}

/** The customer's number in E.164, or null when Meta withheld it or it is not a phone number. */
function phoneOf(waId: string | null): string | null {
  if (!waId) return null;
  try {
    return normalizePhone(`+${waId}`);
  } catch (error) {
    if (error instanceof AppError) return null;
    throw error;
  }
}

/**
 * The domain side of the WhatsApp channel: raw webhooks kept before Meta's 200, messages turned
 * into tickets (one per wamid), delivery statuses on our replies, media attached as they arrive.
 */
export function createWhatsappInboundService(
  deps: CoreDeps & { tickets: TicketService; settings: TicketSettingsService; secrets: SecretBox },
) {
  const repo = (db = deps.db) => whatsappInboundRepository(db);

  /** The message's text as the ticket shows it; a reaction names the message it refers to. */
  async function bodyOf(msg: WhatsappInbound): Promise<string> {
    let text = msg.text;
    if (msg.reaction) {
      const target = await repo().wamidMessage(msg.reaction.wamid);
      const quoted = target?.body
        ? shorten(target.body, QUOTE_LENGTH)
        : translate(TEAM, 'whatsapp.reaction_unknown_message');
      text = msg.reaction.emoji
        ? translate(TEAM, 'whatsapp.reaction', { emoji: msg.reaction.emoji, quoted })
        : translate(TEAM, 'whatsapp.unreaction', { quoted });
    }
    const body = text.trim() ? text : `[${msg.type}]`;
    return body.length > MAX_BODY_LENGTH ? body.slice(0, MAX_BODY_LENGTH) : body;
  }

  /** In the message's transaction: its wamid, its place in the thread (24 h window) and its media downloads. */
  async function recordMessage(
    uow: UnitOfWork,
    number: WhatsappNumber,
    msg: WhatsappInbound,
    ticket: { id: string; requesterId: string },
    messageId: string,
  ) {
    const whatsapp = repo(uow.trx);
    const claimed = await whatsapp.claimWamid({
      wamid: msg.wamid,
      direction: 'in',
      ticketId: ticket.id,
      messageId,
      now: uow.now,
    });
    if (!claimed) throw new AlreadyTaken();
    await whatsapp.touchThread(
      { ticketId: ticket.id, numberId: number.id, contactId: ticket.requesterId, waId: msg.waId ?? msg.userId ?? '' },
      msg.sentAt,
    );
    for (const media of msg.media) {
      const mediaRowId = await whatsapp.addMedia({ messageId, numberId: number.id, ...media }, uow.now);
      await outboxRepository(uow.trx).add({
        type: MEDIA_DOWNLOAD_JOB,
        ticketId: ticket.id,
        now: uow.now,
        payload: { mediaRowId },
      });
    }
  }

  /** The contact who wrote: by phone in E.164 (created with the profile name), else by an earlier thread. */
  async function senderOf(uow: UnitOfWork, msg: WhatsappInbound): Promise<string | null> {
    const phone = phoneOf(msg.waId);
    if (phone) {
      const { contact } = await findOrCreateContact(
        uow.trx,
        uow.now,
        { phone, name: msg.profileName ?? undefined },
        uow.emit,
        WHATSAPP_ACTOR,
      );
      await contactRepository(uow.trx).markWhatsappPhone(contact.id, phone);
      return contact.id;
    }
    const known = msg.userId ? await repo(uow.trx).contactOfWaId(msg.userId) : undefined;
    return known ?? null;
  }

  async function reopenStatusId(): Promise<string | undefined> {
    const vocabulary = await deps.settings.vocabulary();
    return vocabulary.statuses.find((s) => s.active && s.category === 'open')?.id;
  }

  async function addToThread(
    uow: UnitOfWork,
    number: WhatsappNumber,
    msg: WhatsappInbound,
    ticket: TicketRef,
    body: string,
    reopen: string | undefined,
  ): Promise<string> {
    const messageId = newId();
    await insertIndexedMessage(uow.trx, ticket, {
      id: messageId,
      ticketId: ticket.id,
      kind: 'reply',
      authorKind: 'contact',
      authorAgentId: null,
      authorContactId: ticket.requesterId,
      channel: 'whatsapp',
      body,
      html: null,
      activity: null,
      createdAt: uow.now,
    });
    await recordMessage(uow, number, msg, ticket, messageId);
    await ticketHistoryRepository(uow.trx).record({
      ticketId: ticket.id,
      actor: WHATSAPP_ACTOR,
      via: 'whatsapp',
      now: uow.now,
      changes: [{ field: 'message', from: null, to: 'reply' }],
    });
    await ticketRefRepository(uow.trx).touch(ticket.id, uow.now);
    // A customer writing on a solved ticket means it is not solved (as with email).
    if (ticket.statusCategory === 'solved' && reopen) {
      await deps.tickets.changeWithin(uow, WHATSAPP_ACTOR, ticket.id, { status: reopen });
    }
    await announceMessage(uow, deps.hooks, {
      ticket,
      actor: WHATSAPP_ACTOR,
      messageId,
      kind: 'reply',
      fromCustomer: true,
    });
    return messageId;
  }

  async function openTicket(
    number: WhatsappNumber,
    msg: WhatsappInbound,
    body: string,
    senderId: string | null,
  ): Promise<WhatsappOutcome> {
    const phone = phoneOf(msg.waId);
    const name = msg.profileName ?? phone ?? msg.userId ?? 'WhatsApp';
    // Without a phone number (Meta's business-scoped ids) the contact is known by name and that id only.
    const requesterId =
      senderId ??
      (phone
        ? null
        : (
            await inTransaction(deps, (uow) =>
              createContact(uow.trx, uow.now, { name }, uow.emit, WHATSAPP_ACTOR, DEFAULT_PHONE_COUNTRY),
            )
          ).id);
    const departmentId =
      number.departmentId && (await departmentRepository(deps.db).find(number.departmentId))
        ? number.departmentId
        : undefined;
    const subject =
      msg.unknown || msg.reaction || msg.media.length > 0
        ? translate(TEAM, 'whatsapp.subject', { name })
        : shorten(body, SUBJECT_LENGTH);
    let messageId = '';
    const ticket = await deps.tickets.create(
      WHATSAPP_ACTOR,
      {
        subject: subject || translate(TEAM, 'whatsapp.subject', { name }),
        body,
        requester: requesterId
          ? { id: requesterId }
          : { phone: phone ?? undefined, name: msg.profileName ?? undefined },
        channel: 'whatsapp',
        departmentId,
      },
      {
        acknowledge: false,
        within: async (uow, created) => {
          if (phone) await contactRepository(uow.trx).markWhatsappPhone(created.requesterId, phone);
          messageId = (await inboundRepository(uow.trx).firstMessageOf(created.id)) ?? '';
          await recordMessage(uow, number, msg, created, messageId);
        },
      },
    );
    return { kind: 'created', ticketId: ticket.id, messageId };
  }

  /** One customer message: joins their open WhatsApp ticket with this number, or opens one. */
  async function receive(number: WhatsappNumber, msg: WhatsappInbound): Promise<WhatsappOutcome> {
    if (await repo().knownWamid(msg.wamid)) return { kind: 'duplicate' };
    const body = await bodyOf(msg);
    const reopen = await reopenStatusId();
    try {
      type Step = WhatsappOutcome | { kind: 'new'; senderId: string | null };
      const step = await inTransaction(deps, async (uow): Promise<Step> => {
        const senderId = await senderOf(uow, msg);
        const thread = senderId ? await repo(uow.trx).openThreadOf(senderId, number.id) : undefined;
        const ticket = thread ? await ticketRefRepository(uow.trx).find(thread.ticketId) : undefined;
        if (!ticket) return { kind: 'new', senderId };
        const messageId = await addToThread(uow, number, msg, ticket, body, reopen);
        return { kind: 'threaded', ticketId: ticket.id, messageId };
      });
      if (step.kind !== 'new') return step;
      return await openTicket(number, msg, body, step.senderId);
    } catch (error) {
      // Another instance took the same wamid meanwhile: everything of this attempt rolled back.
      if (error instanceof AlreadyTaken) return { kind: 'duplicate' };
      throw error;
    }
  }

  /** A status of a message we sent: moves its delivery forward (never back) on the reply. */
  async function applyStatus(status: WhatsappStatus): Promise<boolean> {
    return inTransaction(deps, async (uow) => {
      const whatsapp = repo(uow.trx);
      const sent = await whatsapp.wamidMessage(status.wamid);
      if (sent?.direction !== 'out') return false;
      const before =
        sent.status && sent.status in STATUS_RANK ? STATUS_RANK[sent.status as keyof typeof STATUS_RANK] : 0;
      if (STATUS_RANK[status.status] <= before) return false;
      await whatsapp.setWamidStatus(status.wamid, status.status);
      if (!sent.messageId) return true;
      const messages = inboundRepository(uow.trx);
      if (status.status === 'delivered') await messages.markDelivered(sent.messageId, status.at);
      if (status.status === 'read' || status.status === 'played') await messages.markRead(sent.messageId, status.at);
      if (status.status === 'failed') {
        const detail = status.detail ?? 'WhatsApp';
        await messages.markDeliveryFailed(sent.messageId, detail, status.at);
        const ticket = sent.ticketId ? await ticketRefRepository(uow.trx).find(sent.ticketId) : undefined;
        if (ticket)
          await addSystemNote(uow, ticket, translate(TEAM, 'mail.bounce_note', { reason: detail }), 'whatsapp');
      }
      uow.emit({
        type: 'message.updated',
        ticketId: sent.ticketId ?? undefined,
        organizationId: null,
        actor: WHATSAPP_ACTOR,
        data: { ticketId: sent.ticketId, messageId: sent.messageId, delivery: status.status },
      });
      return true;
    });
  }

  /**
   * Which of our numbers a reply on the ticket goes from, and to whom: the ticket's conversation,
   * else the requester's WhatsApp number from the department's number (or the first one).
   */
  async function replyRoute(ticketId: string): Promise<{ numberId: string | null; to: string | null }> {
    const thread = await repo().threadOf(ticketId);
    if (thread) return { numberId: thread.numberId, to: thread.waId || null };
    const ticket = await ticketRefRepository(deps.db).find(ticketId);
    const contact = ticket ? await contactRepository(deps.db).find(ticket.requesterId) : undefined;
    const to = contact?.phones.find((p) => p.whatsapp)?.phone.replace(/^\+/, '') ?? null;
    const numbers = await whatsappNumberRepository(deps.db, deps.secrets).list();
    const numberId = (numbers.find((n) => n.departmentId === ticket?.departmentId) ?? numbers[0])?.id ?? null;
    return { numberId, to };
  }

  return {
    receive,
    applyStatus,

    /** What the media download needs: the media and the number (with its token) it came to. */
    mediaToFetch: (mediaRowId: string) => repo().findMedia(mediaRowId),

    /** Attaches a downloaded file to its message, once (a second download of the same media changes nothing). */
    async storeMedia(
      mediaRowId: string,
      file: { data: Buffer; mimeType: string },
      store: AttachmentStore,
    ): Promise<boolean> {
      return inTransaction(deps, async (uow) => {
        const whatsapp = repo(uow.trx);
        const media = await whatsapp.findMedia(mediaRowId);
        if (!media || !(await whatsapp.markMediaStored(mediaRowId, uow.now))) return false;
        const extension = (media.mimeType ?? file.mimeType).split('/')[1]?.split(/[;+]/)[0] ?? 'bin';
        const filename = cleanFilename(media.filename ?? `${media.kind}-${media.mediaId}.${extension}`);
        await storeFiles(
          uow.trx,
          store,
          media.messageId,
          [{ filename, contentType: cleanContentType(file.mimeType), data: file.data, sha256: sha256Of(file.data) }],
          uow.now,
        );
        return true;
      });
    },

    /** A file Tiquete will not keep (over the attachment limit): the ticket says so, the download stops. */
    async skipMedia(mediaRowId: string): Promise<void> {
      await inTransaction(deps, async (uow) => {
        const whatsapp = repo(uow.trx);
        const media = await whatsapp.findMedia(mediaRowId);
        if (!media || !(await whatsapp.markMediaStored(mediaRowId, uow.now))) return;
        const message = await messageRepository(uow.trx).find(media.messageId);
        const ticket = message ? await ticketRefRepository(uow.trx).find(message.ticketId) : undefined;
        const filename = media.filename ?? `${media.kind} ${media.mediaId}`;
        if (ticket) {
          await addSystemNote(uow, ticket, translate(TEAM, 'whatsapp.media_too_large_note', { filename }), 'whatsapp');
        }
      });
    },

    /**
     * What a WhatsApp reply sends, read at send time: from which number to whom (the ticket's
     * conversation, else the requester's WhatsApp number from the department's number), its text
     * and files, and how far an earlier attempt got (`parts`: the outbox delivers at least once).
     */
    async replyToSend(ticketId: string, messageId: string, store: AttachmentStore) {
      const message = await messageRepository(deps.db).find(messageId);
      if (!message || message.ticketId !== ticketId) return null;
      const parts = await whatsappReplyPartsRepository(deps.db).partsOf(messageId);
      // Sent before its parts were recorded (0050): Meta took the whole of it then.
      const alreadySent = parts.size === 0 && (await repo().sentWamidsOf(messageId)).length > 0;
      const { numberId, to } = await replyRoute(ticketId);
      const attachments = attachmentRepository(deps.db);
      const files: { id: string; filename: string; contentType: string; data: Buffer }[] = [];
      for (const info of (await attachments.listForMessages([messageId])).get(messageId) ?? []) {
        const link = await attachments.findLink(info.id);
        const data = link && (await store.storage(link.storage, deps.db).get(link.sha256));
        if (!data) throw new Error(`The bytes of attachment ${info.id} are missing from storage`);
        files.push({ id: info.id, filename: info.filename, contentType: info.contentType, data });
      }
      return { numberId, to, body: message.body, files, alreadySent, parts };
    },

    /** Remembers the media id Meta gave a reply's file, before the send that names it. */
    recordUpload: (messageId: string, part: string, mediaId: string) =>
      whatsappReplyPartsRepository(deps.db).recordUpload(messageId, part, mediaId, deps.clock.now().toISOString()),

    /** Remembers a wamid Meta gave for a part of a reply of ours: its statuses find the reply by it. */
    async recordSent(ticketId: string, messageId: string, part: string, wamid: string): Promise<void> {
      await inTransaction(deps, async (uow) => {
        await repo(uow.trx).claimWamid({ wamid, direction: 'out', ticketId, messageId, now: uow.now });
        await whatsappReplyPartsRepository(uow.trx).recordSent(messageId, part, wamid, uow.now);
      });
    },

    /**
     * What the composer needs on a ticket: whether a reply can go by WhatsApp (a conversation, or
     * a WhatsApp number on the requester), and whether the 24-hour window is open (else: a template).
     */
    async composerState(actor: Actor, ticketIdOrNumber: string) {
      assertCan(actor, 'messages.read');
      const ticket = await loadVisibleTicket(deps.db, actor, ticketIdOrNumber);
      const thread = await repo().threadOf(ticket.id);
      const contact = await contactRepository(deps.db).find(ticket.requesterId);
      const phone = contact?.phones.find((p) => p.whatsapp)?.phone ?? (thread?.waId ? `+${thread.waId}` : null);
      const lastInboundAt = thread?.lastInboundAt ?? null;
      const closesAt = lastInboundAt ? new Date(Date.parse(lastInboundAt) + WHATSAPP_WINDOW_MS).toISOString() : null;
      return {
        available: thread !== undefined || phone !== null,
        phone,
        lastInboundAt,
        closesAt,
        windowOpen: closesAt !== null && Date.parse(closesAt) > deps.clock.now().getTime(),
      };
    },

    /** The id of the number a reply on a ticket the actor sees would go from (its templates are offered). */
    async replyNumberOf(actor: Actor, ticketIdOrNumber: string): Promise<string | null> {
      assertCan(actor, 'messages.read');
      const ticket = await loadVisibleTicket(deps.db, actor, ticketIdOrNumber);
      return (await replyRoute(ticket.id)).numberId;
    },

    /** The WhatsApp conversation of a ticket and whether its 24-hour window is open now. */
    async windowOf(ticketId: string) {
      const thread = await repo().threadOf(ticketId);
      if (!thread) return null;
      const closesAt = thread.lastInboundAt
        ? new Date(Date.parse(thread.lastInboundAt) + WHATSAPP_WINDOW_MS).toISOString()
        : null;
      return { ...thread, closesAt, open: closesAt !== null && Date.parse(closesAt) > deps.clock.now().getTime() };
    },
  };
}

export type WhatsappInboundService = ReturnType<typeof createWhatsappInboundService>;

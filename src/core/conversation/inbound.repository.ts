import { type Selectable, sql } from 'kysely';
import type { Db, InboundMessagesTable, MailboxesTable } from '../../db/database.ts';
import { newId } from '../shared/ids.ts';
import { type SecretBox, UnreadableSecretError } from '../shared/secret-box.ts';

export type InboundStatus = InboundMessagesTable['status'];

export interface StoredInbound {
  id: string;
  source: string;
  mailboxId: string | null;
  envelopeFrom: string | null;
  envelopeTo: string[];
  size: number;
  status: InboundStatus;
  attempts: number;
  error: string | null;
  emailMessageId: string | null;
  ticketId: string | null;
  receivedAt: string;
  processedAt: string | null;
}

export interface Mailbox {
  id: string;
  address: string;
  departmentId: string | null;
  defaultTypeId: string | null;
  defaultPriority: string | null;
  language: string;
  imap: ImapSettings | null;
  /** The mailbox's own outbound SMTP server (smtp://user:pass@host:587); null = OUTBOUND_SMTP_URL. */
  smtpUrl: string | null;
  /** Mail whose From fails SPF/DKIM alignment reopens no ticket by itself. */
  requireSenderAuth: boolean;
  /** The stored IMAP password or SMTP URL was sealed with another SESSION_SECRET: enter it again. */
  secretsUnreadable: boolean;
  createdAt: string;
}

export interface ImapSettings {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  password: string;
  folder: string;
  /** The highest UID imported and the folder's UIDVALIDITY it belongs to (restarts do not import twice). */
  lastUid?: number;
  uidValidity?: string;
}

type Row = Omit<Selectable<InboundMessagesTable>, 'raw' | 'content_hash' | 'parse_starts'>;

function toStored(row: Row): StoredInbound {
  return {
    id: row.id,
    source: row.source,
    mailboxId: row.mailbox_id,
    envelopeFrom: row.envelope_from,
    envelopeTo: JSON.parse(row.envelope_to) as string[],
    size: row.size,
    status: row.status,
    attempts: row.attempts,
    error: row.error,
    emailMessageId: row.email_message_id,
    ticketId: row.ticket_id,
    receivedAt: row.received_at,
    processedAt: row.processed_at,
  };
}

const COLUMNS = [
  'id',
  'source',
  'mailbox_id',
  'envelope_from',
  'envelope_to',
  'size',
  'status',
  'attempts',
  'error',
  'email_message_id',
  'ticket_id',
  'received_at',
  'processed_at',
] as const;

/** The raw mails as they arrived, and the Message-IDs that thread the conversation. */
export function inboundRepository(db: Db) {
  return {
    async store(input: {
      source: string;
      mailboxId: string | null;
      envelopeFrom: string | null;
      envelopeTo: string[];
      raw: Buffer;
      now: string;
    }): Promise<string> {
      const id = newId();
      await db
        .insertInto('inbound_messages')
        .values({
          id,
          source: input.source,
          mailbox_id: input.mailboxId,
          envelope_from: input.envelopeFrom,
          envelope_to: JSON.stringify(input.envelopeTo),
          raw: input.raw,
          size: input.raw.length,
          status: 'pending',
          attempts: 0,
          error: null,
          email_message_id: null,
          ticket_id: null,
          received_at: input.now,
          processed_at: null,
        })
        .execute();
      return id;
    },

    async find(id: string): Promise<StoredInbound | undefined> {
      const row = await db.selectFrom('inbound_messages').select(COLUMNS).where('id', '=', id).executeTakeFirst();
      return row ? toStored(row) : undefined;
    },

    async raw(id: string): Promise<Buffer | undefined> {
      const row = await db.selectFrom('inbound_messages').select('raw').where('id', '=', id).executeTakeFirst();
      return row ? Buffer.from(row.raw) : undefined;
    },

    async list(opts: { statuses: InboundStatus[]; limit: number }): Promise<StoredInbound[]> {
      const rows = await db
        .selectFrom('inbound_messages')
        .select(COLUMNS)
        .where('status', 'in', opts.statuses)
        .orderBy('received_at')
        .orderBy('id')
        .limit(opts.limit)
        .execute();
      return rows.map(toStored);
    },

    /**
     * Takes the row for processing inside the caller's transaction; false when another worker
     * already finished it (so a mail is never turned into two messages).
     */
    async finish(
      id: string,
      outcome: {
        status: 'processed' | 'ignored';
        ticketId: string | null;
        emailMessageId: string | null;
        note?: string;
        /** What the mail says, hashed (duplicates are found by it). */
        contentHash?: string;
      },
      now: string,
    ): Promise<boolean> {
      const result = await db
        .updateTable('inbound_messages')
        .set({
          status: outcome.status,
          ticket_id: outcome.ticketId,
          email_message_id: outcome.emailMessageId,
          error: outcome.note ?? null,
          content_hash: outcome.contentHash ?? null,
          processed_at: now,
          attempts: sql`attempts + 1`,
        })
        .where('id', '=', id)
        .where('status', 'in', ['pending', 'failed'])
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async markFailed(id: string, error: string, now: string): Promise<void> {
      await db
        .updateTable('inbound_messages')
        .set({ status: 'failed', error: error.slice(0, 4000), processed_at: now, attempts: sql`attempts + 1` })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .execute();
    },

    /**
     * Counts one more start of parsing a pending mail; returns the count (how many starts), or
     * undefined when the mail is no longer pending.
     */
    async startParse(id: string): Promise<number | undefined> {
      const result = await db
        .updateTable('inbound_messages')
        .set({ parse_starts: sql`parse_starts + 1` })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return undefined;
      const row = await db
        .selectFrom('inbound_messages')
        .select('parse_starts')
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? Number(row.parse_starts) : undefined;
    },

    /** Puts failed rows back in line (`tiquete mail reprocess`); returns how many. */
    async requeue(ids?: string[]): Promise<number> {
      let query = db
        .updateTable('inbound_messages')
        .set({ status: 'pending', parse_starts: 0 })
        .where('status', '=', 'failed');
      if (ids && ids.length > 0) query = query.where('id', 'in', ids);
      const result = await query.executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    /** The content hashes of the other mails taken with this Message-ID (null: taken before hashes were kept). */
    async contentHashesOf(emailMessageId: string, exceptId: string): Promise<(string | null)[]> {
      const rows = await db
        .selectFrom('inbound_messages')
        .select('content_hash')
        .where('email_message_id', '=', emailMessageId)
        .where('id', '!=', exceptId)
        .where('status', 'in', ['processed', 'ignored'])
        .execute();
      return rows.map((r) => r.content_hash);
    },

    /** Whether another mail with this content hash was taken since `since`. */
    async seenContent(contentHash: string, since: string, exceptId: string): Promise<boolean> {
      const row = await db
        .selectFrom('inbound_messages')
        .select('id')
        .where('content_hash', '=', contentHash)
        .where('id', '!=', exceptId)
        .where('status', 'in', ['processed', 'ignored'])
        .where('received_at', '>=', since)
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },

    async knownMessageId(emailMessageId: string): Promise<boolean> {
      const row = await db
        .selectFrom('email_message_ids')
        .select('email_message_id')
        .where('email_message_id', '=', emailMessageId)
        .executeTakeFirst();
      return row !== undefined;
    },

    /** The tickets (and our messages) that the named Message-IDs belong to, in the order given. */
    async threadsOf(emailMessageIds: string[]): Promise<{ ticketId: string; messageId: string | null }[]> {
      if (emailMessageIds.length === 0) return [];
      const rows = await db
        .selectFrom('email_message_ids')
        .select(['email_message_id', 'ticket_id', 'message_id'])
        .where('email_message_id', 'in', emailMessageIds)
        .execute();
      const byId = new Map(rows.map((r) => [r.email_message_id, r]));
      return emailMessageIds.flatMap((id) => {
        const row = byId.get(id);
        return row ? [{ ticketId: row.ticket_id, messageId: row.message_id }] : [];
      });
    },

    async recordMessageId(input: {
      emailMessageId: string;
      ticketId: string;
      messageId: string | null;
      direction: 'in' | 'out';
      now: string;
    }): Promise<void> {
      await db
        .insertInto('email_message_ids')
        .values({
          email_message_id: input.emailMessageId,
          ticket_id: input.ticketId,
          message_id: input.messageId,
          direction: input.direction,
          created_at: input.now,
        })
        .onConflict((oc) => oc.column('email_message_id').doNothing())
        .execute();
    },

    /** The ticket's Message-IDs, oldest first, with their direction (References chain). */
    async messageIdsOfTicket(ticketId: string): Promise<{ emailMessageId: string; direction: 'in' | 'out' }[]> {
      const rows = await db
        .selectFrom('email_message_ids')
        .select(['email_message_id', 'direction'])
        .where('ticket_id', '=', ticketId)
        .orderBy('created_at')
        .orderBy('email_message_id')
        .execute();
      return rows.map((r) => ({ emailMessageId: r.email_message_id, direction: r.direction }));
    },

    async countAutoAnswers(address: string, since: string): Promise<number> {
      const row = await db
        .selectFrom('email_auto_answers')
        .select(sql<number>`cast(count(*) as integer)`.as('n'))
        .where('address', '=', address)
        .where('created_at', '>=', since)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },

    async recordAutoAnswer(address: string, now: string): Promise<void> {
      await db.insertInto('email_auto_answers').values({ id: newId(), address, created_at: now }).execute();
    },

    async setFollowUpOf(ticketId: string, followUpOfId: string): Promise<void> {
      await db.updateTable('tickets').set({ follow_up_of_id: followUpOfId }).where('id', '=', ticketId).execute();
    },

    async firstMessageOf(ticketId: string): Promise<string | undefined> {
      const row = await db
        .selectFrom('messages')
        .select('id')
        .where('ticket_id', '=', ticketId)
        .orderBy('created_at')
        .orderBy('id')
        .executeTakeFirst();
      return row?.id;
    },

    /** Marks a message's file as the inline image `cid`; returns its link id (for the URL). */
    async markInline(messageId: string, filename: string, cid: string): Promise<string | undefined> {
      const row = await db
        .selectFrom('message_attachments')
        .select('id')
        .where('message_id', '=', messageId)
        .where('filename', '=', filename)
        .where('inline_cid', 'is', null)
        .orderBy('id')
        .executeTakeFirst();
      if (!row) return undefined;
      await db.updateTable('message_attachments').set({ inline_cid: cid }).where('id', '=', row.id).execute();
      return row.id;
    },

    async setMessageQuote(messageId: string, quote: { start: number; end: number }): Promise<void> {
      await db
        .updateTable('messages')
        .set({ quote_start: quote.start, quote_end: quote.end })
        .where('id', '=', messageId)
        .execute();
    },

    async setMessageHtml(messageId: string, html: string): Promise<void> {
      await db.updateTable('messages').set({ body_html: html }).where('id', '=', messageId).execute();
    },

    async markDeliveryFailed(messageId: string, detail: string, now: string): Promise<void> {
      await db
        .updateTable('messages')
        .set({ delivery_status: 'failed', delivery_detail: detail, delivery_reported_at: now })
        .where('id', '=', messageId)
        .execute();
    },

    /** A success report never hides a failure reported for the same mail (another recipient's). */
    async markDelivered(messageId: string, now: string): Promise<void> {
      await db
        .updateTable('messages')
        .set({ delivery_status: 'delivered', delivery_detail: null, delivery_reported_at: now })
        .where('id', '=', messageId)
        .where((eb) => eb.or([eb('delivery_status', 'is', null), eb('delivery_status', '!=', 'failed')]))
        .execute();
    },

    /** The recipient read it (WhatsApp): beyond delivered; never hides a failure reported for it. */
    async markRead(messageId: string, now: string): Promise<void> {
      await db
        .updateTable('messages')
        .set({ delivery_status: 'read', delivery_detail: null, delivery_reported_at: now })
        .where('id', '=', messageId)
        .where((eb) => eb.or([eb('delivery_status', 'is', null), eb('delivery_status', '!=', 'failed')]))
        .execute();
    },

    async addCcs(ticketId: string, contactIds: string[]): Promise<void> {
      for (const contactId of contactIds) {
        await db
          .insertInto('ticket_ccs')
          .values({ ticket_id: ticketId, contact_id: contactId })
          .onConflict((oc) => oc.columns(['ticket_id', 'contact_id']).doNothing())
          .execute();
      }
    },

    async followUpOf(ticketId: string): Promise<string | null> {
      const row = await db
        .selectFrom('tickets')
        .select('follow_up_of_id')
        .where('id', '=', ticketId)
        .executeTakeFirst();
      return row?.follow_up_of_id ?? null;
    },
  };
}

type MailboxRow = Selectable<MailboxesTable>;

/** The row with its secrets opened; one that cannot be opened is reported, not thrown (the list stays usable). */
function toMailbox(row: MailboxRow, box: SecretBox): Mailbox {
  let imap = row.imap ? (JSON.parse(row.imap) as ImapSettings) : null;
  let smtpUrl = row.smtp_url;
  let secretsUnreadable = false;
  try {
    if (imap) imap = { ...imap, password: box.open(imap.password) };
    if (smtpUrl) smtpUrl = box.open(smtpUrl);
  } catch (error) {
    if (!(error instanceof UnreadableSecretError)) throw error;
    secretsUnreadable = true;
    if (imap) imap = { ...imap, password: '' };
    smtpUrl = null;
  }
  return {
    id: row.id,
    address: row.address,
    departmentId: row.department_id,
    defaultTypeId: row.default_type_id,
    defaultPriority: row.default_priority,
    language: row.language,
    imap,
    smtpUrl,
    requireSenderAuth: Number(row.require_sender_auth) === 1,
    secretsUnreadable,
    createdAt: row.created_at,
  };
}

/** The columns as stored: the IMAP password and the SMTP URL (which holds one) sealed. */
function sealedSecrets(mailbox: Mailbox, box: SecretBox): { imap: string | null; smtp_url: string | null } {
  return {
    imap: mailbox.imap ? JSON.stringify({ ...mailbox.imap, password: box.seal(mailbox.imap.password) }) : null,
    smtp_url: mailbox.smtpUrl ? box.seal(mailbox.smtpUrl) : null,
  };
}

export function mailboxRepository(db: Db, box: SecretBox) {
  return {
    async list(): Promise<Mailbox[]> {
      const rows = await db.selectFrom('mailboxes').selectAll().orderBy('address').execute();
      return rows.map((row) => toMailbox(row, box));
    },
    async find(id: string): Promise<Mailbox | undefined> {
      const row = await db.selectFrom('mailboxes').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toMailbox(row, box) : undefined;
    },
    async findByAddress(address: string): Promise<Mailbox | undefined> {
      const row = await db
        .selectFrom('mailboxes')
        .selectAll()
        .where('address', '=', address.toLowerCase())
        .executeTakeFirst();
      return row ? toMailbox(row, box) : undefined;
    },
    async insert(mailbox: Mailbox): Promise<void> {
      await db
        .insertInto('mailboxes')
        .values({
          id: mailbox.id,
          address: mailbox.address,
          department_id: mailbox.departmentId,
          default_type_id: mailbox.defaultTypeId,
          default_priority: mailbox.defaultPriority,
          language: mailbox.language,
          ...sealedSecrets(mailbox, box),
          require_sender_auth: mailbox.requireSenderAuth ? 1 : 0,
          created_at: mailbox.createdAt,
        })
        .execute();
    },
    /** `keep` leaves a secret column as stored (one sealed with another key that the admin did not re-enter). */
    async update(mailbox: Mailbox, keep: { imap?: boolean; smtpUrl?: boolean } = {}): Promise<void> {
      const secrets = sealedSecrets(mailbox, box);
      await db
        .updateTable('mailboxes')
        .set({
          address: mailbox.address,
          department_id: mailbox.departmentId,
          default_type_id: mailbox.defaultTypeId,
          default_priority: mailbox.defaultPriority,
          language: mailbox.language,
          ...(!keep.imap && { imap: secrets.imap }),
          ...(!keep.smtpUrl && { smtp_url: secrets.smtp_url }),
          require_sender_auth: mailbox.requireSenderAuth ? 1 : 0,
        })
        .where('id', '=', mailbox.id)
        .execute();
    },
    async anyWithSmtp(): Promise<boolean> {
      const row = await db
        .selectFrom('mailboxes')
        .select('id')
        .where('smtp_url', 'is not', null)
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },

    /**
     * The SMTP server for mail sent as `fromAddress` about `ticketId`: the sending mailbox's own,
     * else one of the ticket's department's mailboxes; undefined = use OUTBOUND_SMTP_URL.
     */
    async smtpUrlFor(fromAddress: string, ticketId: string | null): Promise<string | undefined> {
      const exact = await db
        .selectFrom('mailboxes')
        .select('smtp_url')
        .where('address', '=', fromAddress.toLowerCase())
        .where('smtp_url', 'is not', null)
        .executeTakeFirst();
      if (exact?.smtp_url) return box.open(exact.smtp_url);
      if (!ticketId) return undefined;
      const byDepartment = await db
        .selectFrom('mailboxes')
        .innerJoin('tickets', 'tickets.department_id', 'mailboxes.department_id')
        .select('mailboxes.smtp_url')
        .where('tickets.id', '=', ticketId)
        .where('mailboxes.smtp_url', 'is not', null)
        .orderBy('mailboxes.address')
        .executeTakeFirst();
      return byDepartment?.smtp_url ? box.open(byDepartment.smtp_url) : undefined;
    },
    /** Seals secrets stored in clear before encryption existed; returns how many mailboxes changed. */
    async sealPlainSecrets(): Promise<number> {
      let sealed = 0;
      for (const row of await db.selectFrom('mailboxes').selectAll().execute()) {
        const imap = row.imap ? (JSON.parse(row.imap) as ImapSettings) : null;
        const plain = (imap && !box.isSealed(imap.password)) || (row.smtp_url && !box.isSealed(row.smtp_url));
        if (!plain) continue;
        const mailbox = toMailbox(row, box);
        if (mailbox.secretsUnreadable) continue;
        await db.updateTable('mailboxes').set(sealedSecrets(mailbox, box)).where('id', '=', row.id).execute();
        sealed++;
      }
      return sealed;
    },
    /**
     * Records how far the poller got (UID, UIDVALIDITY) in the settings it read. Settings an admin
     * changed meanwhile are never written over: the position is kept only while the server,
     * account and folder are the same, and the write is a compare-and-set on what was read.
     */
    async saveImapState(id: string, imap: ImapSettings): Promise<void> {
      const row = await db.selectFrom('mailboxes').select('imap').where('id', '=', id).executeTakeFirst();
      if (!row?.imap) return;
      const stored = JSON.parse(row.imap) as ImapSettings;
      const same =
        stored.host === imap.host &&
        stored.user === imap.user &&
        (stored.folder || 'INBOX') === (imap.folder || 'INBOX');
      if (!same) return;
      const next: ImapSettings = { ...stored, lastUid: imap.lastUid, uidValidity: imap.uidValidity };
      await db
        .updateTable('mailboxes')
        .set({ imap: JSON.stringify(next) })
        .where('id', '=', id)
        .where('imap', '=', row.imap)
        .execute();
    },
  };
}

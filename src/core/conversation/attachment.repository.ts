import type { Db, MessagesTable } from '../../db/database.ts';

export type StorageKind = 'file' | 'database';

/** The bytes of a file, stored once per SHA-256 however many messages carry it. */
export interface StoredAttachment {
  id: string;
  sha256: string;
  size: number;
  storage: StorageKind;
}

/** A file as one message carries it (the id clients fetch it by). */
export interface AttachmentInfo {
  id: string;
  filename: string;
  contentType: string;
  size: number;
}

/** An attachment with what deciding who may fetch it needs. */
export interface AttachmentLink extends AttachmentInfo {
  messageId: string;
  messageKind: MessagesTable['kind'];
  ticketId: string;
  sha256: string;
  storage: StorageKind;
}

export function attachmentRepository(db: Db) {
  return {
    async findBySha(sha256: string): Promise<StoredAttachment | undefined> {
      const row = await db
        .selectFrom('attachments')
        .select(['id', 'sha256', 'size', 'storage'])
        .where('sha256', '=', sha256)
        .executeTakeFirst();
      return row && { ...row, size: Number(row.size) };
    },

    /** Inserts the row unless another writer stored the same bytes first; returns the row kept. */
    async insert(attachment: StoredAttachment, now: string): Promise<StoredAttachment> {
      await db
        .insertInto('attachments')
        .values({ ...attachment, created_at: now })
        .onConflict((oc) => oc.column('sha256').doNothing())
        .execute();
      return (await this.findBySha(attachment.sha256)) ?? attachment;
    },

    async link(input: {
      id: string;
      messageId: string;
      attachmentId: string;
      filename: string;
      contentType: string;
    }): Promise<void> {
      await db
        .insertInto('message_attachments')
        .values({
          id: input.id,
          message_id: input.messageId,
          attachment_id: input.attachmentId,
          filename: input.filename,
          content_type: input.contentType,
          inline_cid: null,
        })
        .execute();
    },

    async listForMessages(messageIds: string[]): Promise<Map<string, AttachmentInfo[]>> {
      const map = new Map<string, AttachmentInfo[]>(messageIds.map((id) => [id, []]));
      if (messageIds.length === 0) return map;
      const rows = await db
        .selectFrom('message_attachments')
        .innerJoin('attachments', 'attachments.id', 'message_attachments.attachment_id')
        .select([
          'message_attachments.id',
          'message_attachments.message_id',
          'message_attachments.filename',
          'message_attachments.content_type',
          'attachments.size',
        ])
        .where('message_attachments.message_id', 'in', messageIds)
        .orderBy('message_attachments.id')
        .execute();
      for (const row of rows) {
        map.get(row.message_id)?.push({
          id: row.id,
          filename: row.filename,
          contentType: row.content_type,
          size: Number(row.size),
        });
      }
      return map;
    },

    async findLink(id: string): Promise<AttachmentLink | undefined> {
      const row = await db
        .selectFrom('message_attachments')
        .innerJoin('attachments', 'attachments.id', 'message_attachments.attachment_id')
        .innerJoin('messages', 'messages.id', 'message_attachments.message_id')
        .select([
          'message_attachments.id',
          'message_attachments.message_id',
          'message_attachments.filename',
          'message_attachments.content_type',
          'attachments.size',
          'attachments.sha256',
          'attachments.storage',
          'messages.kind',
          'messages.ticket_id',
        ])
        .where('message_attachments.id', '=', id)
        .executeTakeFirst();
      return (
        row && {
          id: row.id,
          messageId: row.message_id,
          messageKind: row.kind,
          ticketId: row.ticket_id,
          filename: row.filename,
          contentType: row.content_type,
          size: Number(row.size),
          sha256: row.sha256,
          storage: row.storage,
        }
      );
    },

    async putBlob(sha256: string, data: Buffer): Promise<void> {
      await db
        .insertInto('attachment_blobs')
        .values({ sha256, data })
        .onConflict((oc) => oc.column('sha256').doNothing())
        .execute();
    },

    async getBlob(sha256: string): Promise<Buffer | undefined> {
      const row = await db
        .selectFrom('attachment_blobs')
        .select('data')
        .where('sha256', '=', sha256)
        .executeTakeFirst();
      return row ? Buffer.from(row.data) : undefined;
    },
  };
}

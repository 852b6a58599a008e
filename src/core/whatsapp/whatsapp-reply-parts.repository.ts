import type { Db } from '../../db/database.ts';

/** Where one part of a reply got to: its file uploaded (media id), and sent (wamid). */
export interface ReplyPart {
  mediaId: string | null;
  wamid: string | null;
}

/**
 * The parts of a WhatsApp reply (0050): `text:<n>`, `file:<attachment id>` or `template`. Each
 * step is committed as soon as Meta answered it, so a reply stopped half way (a refused send, a
 * crash) resumes at the step after: no file uploaded twice, no part sent twice.
 */
export function whatsappReplyPartsRepository(db: Db) {
  return {
    async partsOf(messageId: string): Promise<Map<string, ReplyPart>> {
      const rows = await db
        .selectFrom('whatsapp_reply_parts')
        .select(['part', 'media_id', 'wamid'])
        .where('message_id', '=', messageId)
        .execute();
      return new Map(rows.map((r) => [r.part, { mediaId: r.media_id, wamid: r.wamid }]));
    },

    async recordUpload(messageId: string, part: string, mediaId: string, now: string): Promise<void> {
      await db
        .insertInto('whatsapp_reply_parts')
        .values({ message_id: messageId, part, media_id: mediaId, wamid: null, created_at: now })
        .onConflict((oc) => oc.columns(['message_id', 'part']).doUpdateSet({ media_id: mediaId }))
        .execute();
    },

    async recordSent(messageId: string, part: string, wamid: string, now: string): Promise<void> {
      await db
        .insertInto('whatsapp_reply_parts')
        .values({ message_id: messageId, part, media_id: null, wamid, created_at: now })
        .onConflict((oc) => oc.columns(['message_id', 'part']).doUpdateSet({ wamid }))
        .execute();
    },
  };
}

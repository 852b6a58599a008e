import type { Db, KbVisibility } from '../../db/database.ts';
import type { StorageKind } from '../conversation/attachment.repository.ts';

/** An image of an article's body, with what deciding who may fetch it needs. */
export interface KbImage {
  id: string;
  articleId: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  storage: StorageKind;
  visibility: KbVisibility;
}

export function kbImageRepository(db: Db) {
  return {
    async link(input: {
      id: string;
      articleId: string;
      attachmentId: string;
      filename: string;
      contentType: string;
      createdAt: string;
    }) {
      await db
        .insertInto('kb_article_attachments')
        .values({
          id: input.id,
          article_id: input.articleId,
          attachment_id: input.attachmentId,
          filename: input.filename,
          content_type: input.contentType,
          created_at: input.createdAt,
        })
        .execute();
    },

    async find(id: string): Promise<KbImage | undefined> {
      const row = await db
        .selectFrom('kb_article_attachments')
        .innerJoin('attachments', 'attachments.id', 'kb_article_attachments.attachment_id')
        .innerJoin('kb_articles', 'kb_articles.id', 'kb_article_attachments.article_id')
        .select([
          'kb_article_attachments.id',
          'kb_article_attachments.article_id',
          'kb_article_attachments.filename',
          'kb_article_attachments.content_type',
          'attachments.size',
          'attachments.sha256',
          'attachments.storage',
          'kb_articles.visibility',
        ])
        .where('kb_article_attachments.id', '=', id)
        .executeTakeFirst();
      return (
        row && {
          id: row.id,
          articleId: row.article_id,
          filename: row.filename,
          contentType: row.content_type,
          size: Number(row.size),
          sha256: row.sha256,
          storage: row.storage,
          visibility: row.visibility,
        }
      );
    },
  };
}

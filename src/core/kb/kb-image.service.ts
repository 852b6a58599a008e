import { assertCan, can } from '../accounts/access.policy.ts';
import { INLINE_IMAGE_TYPES } from '../conversation/attachment-files.ts';
import { type AttachmentStore, storeBlob } from '../conversation/attachment-storage.ts';
import { checkFiles, type NewAttachment, preparedFiles } from '../conversation/message.commands.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import { type CoreDeps, inTransaction } from '../shared/core-deps.ts';
import { newId } from '../shared/ids.ts';
import { kbRepository } from './kb.repository.ts';
import { kbImageRepository } from './kb-image.repository.ts';

export interface KbImageInfo {
  id: string;
  articleId: string;
  filename: string;
  contentType: string;
  size: number;
  /** Where the image is served; what the article's Markdown points at. */
  url: string;
  /** `![name](url)`, ready to go into the body. */
  markdown: string;
}

export const kbImageUrl = (id: string) => `/api/v1/kb/attachments/${id}`;

/**
 * The type the bytes themselves say (their signature), so a page or a script uploaded with an
 * image's name and type is refused instead of being kept as one.
 */
export function sniffImageType(bytes: Buffer): string | null {
  const ascii = (from: number, to: number) => bytes.subarray(from, to).toString('latin1');
  if (bytes.length >= 8 && bytes.readUInt32BE(0) === 0x89504e47 && bytes.readUInt32BE(4) === 0x0d0a1a0a) {
    return 'image/png';
  }
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a') return 'image/gif';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return null;
}

/**
 * Images of articles (issue 19): agents upload them while writing; they are served to whoever may
 * read the article, which for an internal article means agents only, never a visitor or a contact.
 */
export function createKbImageService(deps: CoreDeps) {
  return {
    async upload(actor: Actor, articleId: string, file: NewAttachment, store: AttachmentStore): Promise<KbImageInfo> {
      assertCan(actor, 'kb.write');
      const article = await kbRepository(deps.db).findArticle(articleId);
      if (!article) throw new AppError('KB_ARTICLE_NOT_FOUND', 'Article not found', { id: articleId });
      checkFiles([file], store);
      const [prepared] = preparedFiles([file]);
      if (!prepared) throw new AppError('VALIDATION_FAILED', 'Send one image', { field: 'file' });
      const contentType = sniffImageType(prepared.data);
      if (!contentType || !INLINE_IMAGE_TYPES.has(contentType)) {
        throw new AppError('KB_IMAGE_UNSUPPORTED', 'Only PNG, JPEG, GIF or WebP images are accepted', {
          field: 'file',
          accepted: [...INLINE_IMAGE_TYPES],
        });
      }
      const id = newId();
      await inTransaction(deps, async ({ trx, now }) => {
        const stored = await storeBlob(trx, store, prepared, now);
        await kbImageRepository(trx).link({
          id,
          articleId,
          attachmentId: stored.id,
          filename: prepared.filename,
          contentType,
          createdAt: now,
        });
      });
      const url = kbImageUrl(id);
      const alt = prepared.filename.replace(/\.[a-z0-9]+$/i, '').replace(/[[\]]/g, '');
      return {
        id,
        articleId,
        filename: prepared.filename,
        contentType,
        size: prepared.data.length,
        url,
        markdown: `![${alt}](${url})`,
      };
    },

    /** The image for a reader of its article: anyone when the article is public, agents otherwise (404 to the rest). */
    async open(actor: Actor | null, id: string, store: AttachmentStore) {
      const image = await kbImageRepository(deps.db).find(id);
      const readable = image && (image.visibility === 'public' || (actor !== null && can(actor, 'kb.read')));
      if (!image || !readable) throw new AppError('ATTACHMENT_NOT_FOUND', 'Attachment not found', { id });
      const bytes = await store.storage(image.storage, deps.db).get(image.sha256);
      if (!bytes) throw new Error(`the bytes of article image ${id} (${image.sha256}) are missing from storage`);
      return { filename: image.filename, contentType: image.contentType, bytes, public: image.visibility === 'public' };
    },
  };
}

export type KbImageService = ReturnType<typeof createKbImageService>;

import { Type } from 'typebox';
import { contentDisposition } from '../../core/conversation/attachment-files.ts';
import { AppError } from '../../core/shared/app-error.ts';
import { pageOf } from '../../core/shared/pagination.ts';
import { signedIn } from '../plugins/auth.ts';
import { errorResponses, IdParams, ListQuery, PageOf } from '../schemas/common.ts';
import {
  CreateKbArticleBody,
  CreateKbCategoryBody,
  DeflectionSchema,
  KbArticleDetailSchema,
  KbArticleListQuery,
  KbArticleSchema,
  KbCategorySchema,
  KbImageParams,
  KbImageSchema,
  KbPreviewBody,
  KbPreviewSchema,
  KbRevisionDetailSchema,
  KbRevisionSchema,
  RevisionParams,
  RevisionQuery,
  UpdateKbArticleBody,
  UpdateKbCategoryBody,
} from '../schemas/kb.ts';
import type { RouteDeps, TypedApp } from '../types.ts';
import { attachmentStoreFor } from './attachments.routes.ts';
import { multipartReader } from './multipart-form.ts';

const tags = ['knowledge base'];
const CategoryListQuery = Type.Object(ListQuery, { additionalProperties: false });
const readImageForm = multipartReader(Type.Object({}, { additionalProperties: false }));

/** The knowledge base as agents keep it: every visibility, revisions, restore. */
export function kbRoutes(app: TypedApp, deps: RouteDeps) {
  const { kb, kbImages, settings } = deps.services;
  const actorOf = (auth: Parameters<typeof signedIn>[0]) => signedIn(auth).actor;
  const store = attachmentStoreFor(deps.config);
  const settingDefaults = { attachmentLimitBytes: deps.config.attachmentLimitBytes };

  app.get(
    '/api/v1/kb/categories',
    {
      config: { access: 'kb.read' },
      schema: {
        tags,
        summary: 'Knowledge-base categories (nested one level), in order',
        querystring: CategoryListQuery,
        response: { 200: PageOf(KbCategorySchema), ...errorResponses },
      },
    },
    async (request) => pageOf(await kb.categories(actorOf(request.auth)), request.query),
  );

  app.post(
    '/api/v1/kb/categories',
    {
      config: { access: 'kb.write', idempotent: true },
      schema: {
        tags,
        summary: 'Create a category; its parent, if any, must be top-level',
        body: CreateKbCategoryBody,
        response: { 201: KbCategorySchema, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await kb.createCategory(actorOf(request.auth), request.body)),
  );

  app.patch(
    '/api/v1/kb/categories/:id',
    {
      config: { access: 'kb.write' },
      schema: {
        tags,
        summary: 'Rename, move or reorder a category',
        params: IdParams,
        body: UpdateKbCategoryBody,
        response: { 200: KbCategorySchema, ...errorResponses },
      },
    },
    async (request) => kb.updateCategory(actorOf(request.auth), request.params.id, request.body),
  );

  app.delete(
    '/api/v1/kb/categories/:id',
    {
      config: { access: 'kb.write' },
      schema: {
        tags,
        summary: 'Delete an empty category (409 KB_CATEGORY_IN_USE otherwise)',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await kb.removeCategory(actorOf(request.auth), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/kb/articles',
    {
      config: { access: 'kb.read' },
      schema: {
        tags,
        summary: 'Articles of every visibility in category order, or the best matches of q (Spanish-aware)',
        querystring: KbArticleListQuery,
        response: { 200: PageOf(KbArticleSchema), ...errorResponses },
      },
    },
    async (request) => {
      const { limit, cursor, ...filter } = request.query;
      return pageOf(await kb.articles(actorOf(request.auth), filter), { limit, cursor });
    },
  );

  app.post(
    '/api/v1/kb/articles',
    {
      config: { access: 'kb.write', idempotent: true },
      schema: {
        tags,
        summary: 'Create an article (internal unless told public); its first revision is kept',
        description: 'The slug defaults to the title’s words; one already in use is refused with 409 KB_SLUG_TAKEN.',
        body: CreateKbArticleBody,
        response: { 201: KbArticleSchema, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await kb.createArticle(actorOf(request.auth), request.body)),
  );

  app.get(
    '/api/v1/kb/articles/:id',
    {
      config: { access: 'kb.read' },
      schema: {
        tags,
        summary: 'One article with its body as safe HTML and its translations',
        params: IdParams,
        response: { 200: KbArticleDetailSchema, ...errorResponses },
      },
    },
    async (request) => kb.article(actorOf(request.auth), request.params.id),
  );

  app.patch(
    '/api/v1/kb/articles/:id',
    {
      config: { access: 'kb.write' },
      schema: {
        tags,
        summary: 'Change an article; every change is a new revision',
        params: IdParams,
        body: UpdateKbArticleBody,
        response: { 200: KbArticleSchema, ...errorResponses },
      },
    },
    async (request) => kb.updateArticle(actorOf(request.auth), request.params.id, request.body),
  );

  app.delete(
    '/api/v1/kb/articles/:id',
    {
      config: { access: 'kb.write' },
      schema: {
        tags,
        summary: 'Delete an article and its revisions',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await kb.removeArticle(actorOf(request.auth), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/kb/articles/:id/revisions',
    {
      config: { access: 'kb.read' },
      schema: {
        tags,
        summary: "An article's revisions, newest first",
        params: IdParams,
        querystring: CategoryListQuery,
        response: { 200: PageOf(KbRevisionSchema), ...errorResponses },
      },
    },
    async (request) => pageOf(await kb.revisions(actorOf(request.auth), request.params.id), request.query),
  );

  app.get(
    '/api/v1/kb/articles/:id/revisions/:number',
    {
      config: { access: 'kb.read' },
      schema: {
        tags,
        summary: 'One revision with the diff of its body against the revision before it',
        params: RevisionParams,
        querystring: RevisionQuery,
        response: { 200: KbRevisionDetailSchema, ...errorResponses },
      },
    },
    async (request) =>
      kb.revision(actorOf(request.auth), request.params.id, request.params.number, request.query.against),
  );

  app.post(
    '/api/v1/kb/articles/:id/revisions/:number/restore',
    {
      config: { access: 'kb.write' },
      schema: {
        tags,
        summary: 'Bring a revision back: it becomes a new revision, the history in between is kept',
        params: RevisionParams,
        response: { 200: KbArticleSchema, ...errorResponses },
      },
    },
    async (request) => kb.restore(actorOf(request.auth), request.params.id, request.params.number),
  );

  app.post(
    '/api/v1/kb/preview',
    {
      config: { access: 'kb.read' },
      schema: {
        tags,
        summary: 'Render Markdown the way articles are rendered (raw HTML shown as text): the editor’s preview',
        body: KbPreviewBody,
        response: { 200: KbPreviewSchema, ...errorResponses },
      },
    },
    async (request) => kb.preview(actorOf(request.auth), request.body.body),
  );

  app.post(
    '/api/v1/kb/articles/:id/attachments',
    {
      config: { access: 'kb.write' },
      schema: {
        tags,
        summary: 'Upload an image for an article’s body (multipart, one file: PNG, JPEG, GIF or WebP)',
        description:
          'The file part may have any name. Over the attachment limit: 413 ATTACHMENT_TOO_LARGE; bytes that ' +
          'are not one of those images: 415 KB_IMAGE_UNSUPPORTED. The answer carries the Markdown to insert.',
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: { 201: KbImageSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) {
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the image as multipart/form-data', { field: 'file' });
      }
      // An admin may change the limit at any time, so each upload reads it.
      const limitBytes = await settings.attachmentLimitBytes(settingDefaults);
      const { attachments } = await readImageForm(request, limitBytes);
      const [file] = attachments;
      if (!file || attachments.length > 1) {
        throw new AppError('VALIDATION_FAILED', 'Send exactly one image', { field: 'file' });
      }
      const image = await kbImages.upload(actorOf(request.auth), request.params.id, file, { ...store, limitBytes });
      return reply.status(201).send(image);
    },
  );

  app.get(
    '/api/v1/kb/attachments/:id',
    {
      // Public on purpose: a public article's images show in the help centre without a sign-in.
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'An article’s image: to anyone for a public article, to agents only for an internal one (404)',
        params: KbImageParams,
        response: {
          200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'the image' }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const actor = request.auth?.actor ?? request.contactAuth?.actor ?? null;
      const image = await kbImages.open(actor, request.params.id, store);
      return reply
        .header('content-type', image.contentType)
        .header('content-disposition', contentDisposition(image.filename, true))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', image.public ? 'public, no-cache' : 'private, no-cache')
        .send(image.bytes);
    },
  );

  app.get(
    '/api/v1/kb/deflection',
    {
      config: { access: 'kb.read' },
      schema: {
        tags,
        summary:
          'Tickets avoided: portal visits where a suggested article was opened and no ticket followed within the hour',
        response: { 200: DeflectionSchema, ...errorResponses },
      },
    },
    async (request) => deps.services.helpCentre.deflection(actorOf(request.auth)),
  );
}

import path from 'node:path';
import { Type } from 'typebox';
import type { Config } from '../../config/config.ts';
import { contentDisposition, servingOf } from '../../core/conversation/attachment-files.ts';
import { type AttachmentStore, createAttachmentStore } from '../../core/conversation/attachment-storage.ts';
import { signedIn } from '../plugins/auth.ts';
import { errorResponses } from '../schemas/common.ts';
import { AttachmentParams } from '../schemas/conversation.ts';
import type { RouteDeps, TypedApp } from '../types.ts';

/** The configured attachment storage: ATTACHMENT_STORAGE under DATA_DIR/attachments, ATTACHMENT_LIMIT_BYTES per file. */
export function attachmentStoreFor(config: Config): AttachmentStore {
  return createAttachmentStore({
    kind: config.attachmentStorage,
    directory: path.join(config.dataDir, 'attachments'),
    limitBytes: config.attachmentLimitBytes,
  });
}

export function attachmentRoutes(app: TypedApp, deps: RouteDeps) {
  const messages = deps.services.messages;
  const store = attachmentStoreFor(deps.config);

  app.get(
    '/api/v1/attachments/:id',
    {
      config: { access: 'messages.read' },
      schema: {
        tags: ['messages'],
        summary: 'Download an attachment (raster images inline, everything else as an octet-stream download)',
        params: AttachmentParams,
        response: {
          200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'the file' }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const file = await messages.openAttachment(signedIn(request.auth).actor, request.params.id, store);
      const serving = servingOf(file.contentType);
      return reply
        .header('content-type', serving.contentType)
        .header('content-disposition', contentDisposition(file.filename, serving.inline))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-cache')
        .send(file.bytes);
    },
  );
}

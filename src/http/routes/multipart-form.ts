import type { FastifyRequest } from 'fastify';
import type { Static, TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { megabytes } from '../../core/conversation/attachment-files.ts';
import { MAX_ATTACHMENTS, type NewAttachment } from '../../core/conversation/message.commands.ts';
import { AppError } from '../../core/shared/app-error.ts';

/**
 * Reads a multipart form: its fields (those named in `jsonFields` parsed from JSON text), checked
 * against `schema` like a JSON body, and its files. A file over `limitBytes` ends the request with
 * 413 before anything is written.
 */
export function multipartReader<S extends TSchema>(schema: S, jsonFields: readonly string[] = []) {
  const check = Compile(schema);
  return async (request: FastifyRequest, limitBytes: number) => {
    const fields: Record<string, unknown> = {};
    const attachments: NewAttachment[] = [];
    try {
      // Per request, because the limit registered with the multipart plugin is only the configured default.
      for await (const part of request.parts({ limits: { fileSize: limitBytes } })) {
        if (part.type === 'file') {
          const data = await part.toBuffer();
          // A form's empty file input arrives as a nameless, empty part.
          if (data.length === 0 && !part.filename) continue;
          attachments.push({ filename: part.filename, contentType: part.mimetype, data });
        } else {
          fields[part.fieldname] = part.value;
        }
      }
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'FST_FILES_LIMIT') {
        throw new AppError('VALIDATION_FAILED', `At most ${MAX_ATTACHMENTS} attachments per message`, {
          field: 'attachments',
        });
      }
      if (code === 'FST_REQ_FILE_TOO_LARGE') {
        const limitMb = megabytes(limitBytes);
        throw new AppError('ATTACHMENT_TOO_LARGE', `The attachment is larger than the limit of ${limitMb} MB`, {
          limitMb,
          limitBytes,
        });
      }
      throw error;
    }
    for (const name of jsonFields) {
      if (typeof fields[name] !== 'string') continue;
      try {
        fields[name] = JSON.parse(fields[name]);
      } catch {
        throw new AppError('VALIDATION_FAILED', `${name} must be JSON`, { field: `body.${name}` });
      }
    }
    if (!check.Check(fields)) {
      // The same shape as a JSON body's validation error, built by the one error handler.
      throw Object.assign(new Error('The form fields are not valid'), {
        validation: check.Errors(fields),
        validationContext: 'body',
      });
    }
    return { fields: fields as Static<S>, attachments };
  };
}

/**
 * A body sent as JSON (checked by the route's schema) or as a multipart form with files. No body
 * at all is a 400, not a crash: a content schema is not applied to a request without one.
 */
export async function jsonOrForm<T>(
  request: FastifyRequest,
  limitBytes: number,
  readForm: (request: FastifyRequest, limitBytes: number) => Promise<{ fields: T; attachments: NewAttachment[] }>,
): Promise<T & { attachments?: NewAttachment[] }> {
  if (request.isMultipart()) {
    const { fields, attachments } = await readForm(request, limitBytes);
    return { ...fields, attachments };
  }
  if (!request.body || typeof request.body !== 'object') {
    throw new AppError('VALIDATION_FAILED', 'Send a JSON body or a multipart form', { field: 'body' });
  }
  return request.body as T & { attachments?: NewAttachment[] };
}

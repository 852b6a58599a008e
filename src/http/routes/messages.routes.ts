import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { type Static, Type } from 'typebox';
import { Compile } from 'typebox/compile';
import { megabytes } from '../../core/conversation/attachment-files.ts';
import { MAX_ATTACHMENTS, type NewAttachment, type NewMessage } from '../../core/conversation/message.service.ts';
import { AppError } from '../../core/shared/app-error.ts';
import { pageOf } from '../../core/shared/pagination.ts';
import { signedIn } from '../plugins/auth.ts';
import { beginIdempotentWrite } from '../plugins/idempotency.ts';
import { ErrorResponse, errorResponses, ListQuery, PageOf } from '../schemas/common.ts';
import {
  AgendaQuery,
  CreateMessageBody,
  MessageSchema,
  ScheduledSessionSchema,
  TicketMessageParams,
  TicketParams,
} from '../schemas/conversation.ts';
import type { RouteDeps, TypedApp } from '../types.ts';
import { attachmentStoreFor } from './attachments.routes.ts';

const tags = ['messages'];
type MessageBody = Static<typeof CreateMessageBody>;
const checkMessageBody = Compile(CreateMessageBody);

export function messageRoutes(app: TypedApp, deps: RouteDeps) {
  const { messages, scheduledSessions, settings } = deps.services;
  const store = attachmentStoreFor(deps.config);
  const settingDefaults = { attachmentLimitBytes: deps.config.attachmentLimitBytes };

  app.get(
    '/api/v1/tickets/:id/messages',
    {
      config: { access: 'messages.read' },
      schema: {
        tags,
        summary: "A ticket's conversation, oldest first (replies, internal notes and logged activities)",
        params: TicketParams,
        querystring: Type.Object(ListQuery, { additionalProperties: false }),
        response: { 200: PageOf(MessageSchema), ...errorResponses },
      },
    },
    async (request) => {
      const { limit = 50, cursor } = request.query;
      return messages.list(signedIn(request.auth).actor, request.params.id, { limit, cursor });
    },
  );

  app.get(
    '/api/v1/tickets/:id/messages/:messageId',
    {
      config: { access: 'messages.read' },
      schema: {
        tags,
        summary: 'One message of a ticket',
        params: TicketMessageParams,
        response: { 200: MessageSchema, ...errorResponses },
      },
    },
    async (request) => messages.get(signedIn(request.auth).actor, request.params.id, request.params.messageId),
  );

  app.post(
    '/api/v1/tickets/:id/messages/:messageId/retry',
    {
      config: { access: 'messages.write' },
      schema: {
        tags,
        summary: "Send a reply's mail again now (after it failed, or without waiting for the next attempt)",
        params: TicketMessageParams,
        response: { 200: MessageSchema, ...errorResponses },
      },
    },
    async (request) =>
      messages.retryDelivery(signedIn(request.auth).actor, request.params.id, request.params.messageId),
  );

  app.post(
    '/api/v1/tickets/:id/messages',
    {
      config: { access: 'messages.write', idempotent: true },
      schema: {
        tags,
        summary: 'Reply, add an internal note or log an activity; JSON, or multipart/form-data with files',
        description:
          'With multipart/form-data send the same fields as form fields (`activity` as JSON text) and ' +
          'any number of file parts. Each file may be as large as the attachment limit (GET /api/v1/settings; ' +
          'ATTACHMENT_LIMIT_BYTES unless an admin changed it), 413 above it.',
        consumes: ['application/json', 'multipart/form-data'],
        params: TicketParams,
        body: { content: { 'application/json': { schema: CreateMessageBody } } },
        response: { 201: MessageSchema, 413: ErrorResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = signedIn(request.auth).actor;
      if (!request.isMultipart()) {
        const message = await messages.add(actor, request.params.id, request.body as MessageBody, { store });
        return reply.status(201).send(message);
      }
      // Only multipart carries files; an admin may change the limit at any time, so each upload reads it.
      const limitBytes = await settings.attachmentLimitBytes(settingDefaults);
      const input = await readMultipartMessage(request, limitBytes);
      const read = {
        ...input,
        attachments: input.attachments?.map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          sha256: createHash('sha256').update(a.data).digest('hex'),
        })),
      };
      if (await beginIdempotentWrite(deps.services, request, reply, read)) return reply;
      const message = await messages.add(actor, request.params.id, input, { store: { ...store, limitBytes } });
      return reply.status(201).send(message);
    },
  );

  app.get(
    '/api/v1/tickets/:id/sessions',
    {
      config: { access: 'messages.read' },
      schema: {
        tags,
        summary: 'Calls and sessions agreed with the customer on a ticket',
        params: TicketParams,
        response: { 200: PageOf(ScheduledSessionSchema), ...errorResponses },
      },
    },
    async (request) => scheduledSessions.listForTicket(signedIn(request.auth).actor, request.params.id),
  );

  app.get(
    '/api/v1/agenda',
    {
      config: { access: 'messages.read' },
      schema: {
        tags,
        summary: "The signed-in agent's sessions between from and to (default: the next 30 days)",
        querystring: AgendaQuery,
        response: { 200: PageOf(ScheduledSessionSchema), ...errorResponses },
      },
    },
    async (request) =>
      pageOf((await scheduledSessions.agenda(signedIn(request.auth).actor, request.query)).items, request.query),
  );
}

/**
 * Reads a multipart message: its fields (`activity` as JSON text), checked against the same schema
 * as the JSON body, and its files. A file over the limit ends the request with 413 before anything
 * is written.
 */
async function readMultipartMessage(request: FastifyRequest, limitBytes: number): Promise<NewMessage> {
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
  if (typeof fields.activity === 'string') {
    try {
      fields.activity = JSON.parse(fields.activity);
    } catch {
      throw new AppError('VALIDATION_FAILED', 'activity must be JSON', { field: 'body.activity' });
    }
  }
  if (!checkMessageBody.Check(fields)) {
    // The same shape as a JSON body's validation error, built by the one error handler.
    throw Object.assign(new Error('The form fields are not valid'), {
      validation: checkMessageBody.Errors(fields),
      validationContext: 'body',
    });
  }
  return { ...(fields as MessageBody), attachments };
}

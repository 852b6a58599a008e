import { createHash } from 'node:crypto';
import { type Static, Type } from 'typebox';
import type { NewMessage } from '../../core/conversation/message.service.ts';
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
import { multipartReader } from './multipart-form.ts';

const tags = ['messages'];
type MessageBody = Static<typeof CreateMessageBody>;
const readMultipartMessage = multipartReader(CreateMessageBody, ['activity', 'template']);

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
      const { fields, attachments } = await readMultipartMessage(request, limitBytes);
      const input: NewMessage = { ...(fields as MessageBody), attachments };
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

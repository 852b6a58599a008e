import { Type } from 'typebox';
import { contentDisposition, servingOf } from '../../core/conversation/attachment-files.ts';
import { PORTAL_ACCESS } from '../../core/portal/portal.policy.ts';
import { signedInContact } from '../plugins/auth.ts';
import { ErrorResponse, errorResponses, PageOf } from '../schemas/common.ts';
import { AttachmentParams, TicketParams } from '../schemas/conversation.ts';
import {
  CreatePortalTicketBody,
  PortalListQuery,
  PortalMessageSchema,
  PortalMessagesQuery,
  PortalOptionsSchema,
  PortalReplyBody,
  PortalReplyResponse,
  PortalSurveySchema,
  PortalTicketSchema,
} from '../schemas/portal-tickets.ts';
import type { RouteDeps, TypedApp } from '../types.ts';
import { attachmentStoreFor } from './attachments.routes.ts';
import { jsonOrForm, multipartReader } from './multipart-form.ts';

const tags = ['portal'];
const access = PORTAL_ACCESS;
// In a multipart form, `customFields` and `solved` are JSON text (`{"modulo":"Ventas"}`, `true`).
const readNewTicket = multipartReader(CreatePortalTicketBody, ['customFields']);
const readReply = multipartReader(PortalReplyBody, ['solved']);
const multipartNote =
  'JSON, or multipart/form-data with the same fields (`customFields` and `solved` as JSON text) and file ' +
  'parts; each file may be as large as the attachment limit (`attachmentLimitBytes` of ' +
  'GET /api/v1/portal/ticket-options), 413 ATTACHMENT_TOO_LARGE above it.';

/** The customer portal's tickets: a signed-in contact's own (or organization's) tickets only. */
export function portalTicketRoutes(app: TypedApp, deps: RouteDeps) {
  const { portalTickets, satisfaction, settings } = deps.services;
  const store = attachmentStoreFor(deps.config);
  const settingDefaults = { attachmentLimitBytes: deps.config.attachmentLimitBytes };
  // An admin may change the limit at any time, so each upload reads it.
  const currentStore = async () => ({ ...store, limitBytes: await settings.attachmentLimitBytes(settingDefaults) });

  app.get(
    '/api/v1/portal/ticket-options',
    {
      config: { access },
      schema: {
        tags,
        summary: 'What the new-ticket form and the status filter offer: priorities, types, categories, labels',
        response: { 200: PortalOptionsSchema, ...errorResponses },
      },
    },
    async (request) => ({
      ...(await portalTickets.options(signedInContact(request.contactAuth).actor)),
      attachmentLimitBytes: (await currentStore()).limitBytes,
    }),
  );

  app.get(
    '/api/v1/portal/tickets',
    {
      config: { access },
      schema: {
        tags,
        summary: '"Mis actividades": the tickets the contact may see (not closed ones unless closed=true)',
        querystring: PortalListQuery,
        response: { 200: PageOf(PortalTicketSchema), ...errorResponses },
      },
    },
    async (request) => {
      const { limit = 50, ...query } = request.query;
      return portalTickets.list(signedInContact(request.contactAuth).actor, { ...query, limit });
    },
  );

  app.post(
    '/api/v1/portal/tickets',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Open a ticket as the signed-in contact; the acknowledgement mail is queued',
        description: multipartNote,
        consumes: ['application/json', 'multipart/form-data'],
        body: { content: { 'application/json': { schema: CreatePortalTicketBody } } },
        response: { 201: PortalTicketSchema, 413: ErrorResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = signedInContact(request.contactAuth).actor;
      const upload = await currentStore();
      const input = await jsonOrForm(request, upload.limitBytes, readNewTicket);
      return reply.status(201).send(await portalTickets.create(actor, input, upload));
    },
  );

  app.get(
    '/api/v1/portal/tickets/:id',
    {
      config: { access },
      schema: {
        tags,
        summary: 'One of the contact’s tickets, by id or number',
        params: TicketParams,
        response: { 200: PortalTicketSchema, ...errorResponses },
      },
    },
    async (request) => portalTickets.get(signedInContact(request.contactAuth).actor, request.params.id),
  );

  app.get(
    '/api/v1/portal/tickets/:id/messages',
    {
      config: { access },
      schema: {
        tags,
        summary: 'The public conversation of the ticket, oldest first, with its attachments',
        params: TicketParams,
        querystring: PortalMessagesQuery,
        response: { 200: PageOf(PortalMessageSchema), ...errorResponses },
      },
    },
    async (request) => {
      const { limit = 50, cursor } = request.query;
      return portalTickets.messages(signedInContact(request.contactAuth).actor, request.params.id, { limit, cursor });
    },
  );

  app.post(
    '/api/v1/portal/tickets/:id/messages',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Reply; with solved=true the ticket also moves to solved. A closed ticket answers 409',
        description: multipartNote,
        consumes: ['application/json', 'multipart/form-data'],
        params: TicketParams,
        body: { content: { 'application/json': { schema: PortalReplyBody } } },
        response: { 201: PortalReplyResponse, 413: ErrorResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = signedInContact(request.contactAuth).actor;
      const upload = await currentStore();
      const input = await jsonOrForm(request, upload.limitBytes, readReply);
      return reply.status(201).send(await portalTickets.reply(actor, request.params.id, input, upload));
    },
  );

  app.post(
    '/api/v1/portal/tickets/:id/reopen',
    {
      config: { access },
      schema: {
        tags,
        summary: '"Reabrir" a solved ticket; any other answers 409',
        params: TicketParams,
        response: { 200: PortalTicketSchema, ...errorResponses },
      },
    },
    async (request) => portalTickets.reopen(signedInContact(request.contactAuth).actor, request.params.id),
  );

  app.get(
    '/api/v1/portal/tickets/:id/survey',
    {
      config: { access },
      schema: {
        tags,
        summary: '"Califique la atención": the survey token of a solved ticket, for its requester only',
        description: 'Another contact who may see the ticket gets 403; a ticket not solved yet 409 SURVEY_NOT_YET.',
        params: TicketParams,
        response: { 200: PortalSurveySchema, ...errorResponses },
      },
    },
    async (request) => ({
      token: await satisfaction.tokenFor(signedInContact(request.contactAuth).actor, request.params.id),
    }),
  );

  app.get(
    '/api/v1/portal/attachments/:id',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Download a file of a public reply on one of the contact’s tickets',
        params: AttachmentParams,
        response: {
          200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'the file' }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const file = await portalTickets.openAttachment(
        signedInContact(request.contactAuth).actor,
        request.params.id,
        store,
      );
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

import { Type } from 'typebox';
import { sendSessionLink, sendWelcome } from '../../channels/whatsapp/habits.ts';
import { approvedTemplatesFor } from '../../channels/whatsapp/templates.ts';
import type { WhatsappNumber } from '../../core/whatsapp/whatsapp-number.service.ts';
import { signedIn } from '../plugins/auth.ts';
import { errorResponses, IdParams } from '../schemas/common.ts';
import { MessageSchema } from '../schemas/conversation.ts';
import { CreateWhatsappNumberBody, UpdateWhatsappNumberBody, WhatsappNumberSchema } from '../schemas/whatsapp.ts';
import type { RouteDeps, TypedApp } from '../types.ts';

const tags = ['whatsapp'];

/** The access token, app secret and verify token never leave the server: only whether each is set. */
function present(number: WhatsappNumber) {
  const { accessToken, appSecret, verifyToken, ...rest } = number;
  return {
    ...rest,
    hasAccessToken: accessToken !== '',
    hasAppSecret: appSecret !== '',
    hasVerifyToken: verifyToken !== '',
  };
}

export function whatsappRoutes(app: TypedApp, deps: RouteDeps) {
  const numbers = deps.services.whatsappNumbers;

  app.get(
    '/api/v1/tickets/:id/whatsapp',
    {
      config: { access: 'messages.read' },
      schema: {
        tags,
        summary:
          "Whether a reply can go by WhatsApp and whether the 24-hour window since the customer's last message is open (else only a template)",
        params: IdParams,
        response: {
          200: Type.Object({
            available: Type.Boolean(),
            phone: Type.Union([Type.String(), Type.Null()]),
            lastInboundAt: Type.Union([Type.String(), Type.Null()]),
            closesAt: Type.Union([Type.String(), Type.Null()]),
            windowOpen: Type.Boolean(),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => deps.services.whatsapp.composerState(signedIn(request.auth).actor, request.params.id),
  );

  app.get(
    '/api/v1/tickets/:id/whatsapp/templates',
    {
      config: { access: 'messages.read' },
      schema: {
        tags,
        summary:
          "The approved message templates of the number a WhatsApp reply on the ticket goes from (asked of Meta's Graph API): what the composer offers once the 24-hour window is closed",
        params: IdParams,
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                name: Type.String(),
                language: Type.String(),
                body: Type.String(),
                parameters: Type.Integer({ minimum: 0 }),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => ({
      items: await approvedTemplatesFor(deps.services, signedIn(request.auth).actor, request.params.id),
    }),
  );

  app.post(
    '/api/v1/tickets/:id/whatsapp/welcome',
    {
      config: { access: 'messages.write' },
      schema: {
        tags,
        summary:
          "Welcome the requester from the support WhatsApp number with our contact channels (the number's welcome text; its welcome template outside the 24-hour window), as a reply on the ticket",
        params: IdParams,
        response: { 201: MessageSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await sendWelcome(deps.services, signedIn(request.auth).actor, request.params.id)),
  );

  app.post(
    '/api/v1/tickets/:id/sessions/:sessionId/whatsapp',
    {
      config: { access: 'messages.write' },
      schema: {
        tags,
        summary:
          "Send a scheduled session's Teams or Skype link and time to the requester by WhatsApp (the number's session template outside the 24-hour window), as a reply on the ticket; a link given here is kept on the session",
        params: Type.Object({ id: Type.String({ maxLength: 100 }), sessionId: Type.String({ maxLength: 100 }) }),
        body: Type.Object(
          { joinUrl: Type.Optional(Type.String({ maxLength: 2000 })) },
          { additionalProperties: false },
        ),
        response: { 201: MessageSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = signedIn(request.auth).actor;
      const { id, sessionId } = request.params;
      return reply.status(201).send(await sendSessionLink(deps.services, actor, id, sessionId, request.body.joinUrl));
    },
  );

  app.get(
    '/api/v1/whatsapp/numbers',
    {
      config: { access: 'whatsapp.manage' },
      schema: {
        tags,
        summary: 'WhatsApp Business numbers that receive messages, and the department their tickets go to',
        response: { 200: Type.Object({ items: Type.Array(WhatsappNumberSchema) }), ...errorResponses },
      },
    },
    async (request) => ({ items: (await numbers.list(signedIn(request.auth).actor)).map(present) }),
  );

  app.post(
    '/api/v1/whatsapp/numbers',
    {
      config: { access: 'whatsapp.manage' },
      schema: {
        tags,
        summary: 'Add a WhatsApp Business number: Graph ids, access token, app secret, verify token, department',
        body: CreateWhatsappNumberBody,
        response: { 201: WhatsappNumberSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(present(await numbers.create(signedIn(request.auth).actor, request.body))),
  );

  app.patch(
    '/api/v1/whatsapp/numbers/:id',
    {
      config: { access: 'whatsapp.manage' },
      schema: {
        tags,
        summary: 'Change a WhatsApp number; secrets left out keep their stored value',
        params: IdParams,
        body: UpdateWhatsappNumberBody,
        response: { 200: WhatsappNumberSchema, ...errorResponses },
      },
    },
    async (request) => present(await numbers.update(signedIn(request.auth).actor, request.params.id, request.body)),
  );

  app.delete(
    '/api/v1/whatsapp/numbers/:id',
    {
      config: { access: 'whatsapp.manage' },
      schema: {
        tags,
        summary: 'Remove a WhatsApp number (its tickets stay)',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await numbers.remove(signedIn(request.auth).actor, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/whatsapp/webhooks/failed',
    {
      config: { access: 'whatsapp.manage' },
      schema: {
        tags,
        summary:
          'Webhook bodies whose processing failed on every attempt (kept as Meta sent them), with the last error',
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.String(),
                attempts: Type.Integer(),
                error: Type.Union([Type.String(), Type.Null()]),
                receivedAt: Type.String(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => ({
      items: (await deps.services.whatsappWebhookQueue.listFailed(signedIn(request.auth).actor)).map((w) => ({
        id: w.id,
        attempts: w.attempts,
        error: w.error,
        receivedAt: w.receivedAt,
      })),
    }),
  );

  app.post(
    '/api/v1/whatsapp/webhooks/failed/retry',
    {
      config: { access: 'whatsapp.manage' },
      schema: {
        tags,
        summary:
          'Process failed webhook bodies again (all, or the listed ids); messages already taken are not added twice',
        body: Type.Object(
          { ids: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 500 })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ requeued: Type.Integer() }), ...errorResponses },
      },
    },
    async (request) => {
      const requeued = await deps.services.whatsappWebhookQueue.retryFailed(
        signedIn(request.auth).actor,
        request.body.ids,
      );
      if (requeued > 0) {
        app.whatsappWebhooks.drain().catch((error: unknown) => app.log.error({ err: error }, 'WhatsApp webhooks'));
      }
      return { requeued };
    },
  );
}

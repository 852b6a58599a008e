import { timingSafeEqual } from 'node:crypto';
import { Type } from 'typebox';
import { signatureMatches } from '../../channels/whatsapp/signature.ts';
import { createWebhookProcessor, type WebhookProcessor } from '../../channels/whatsapp/webhook-processor.ts';
import { AppError } from '../../core/shared/app-error.ts';
import { ErrorResponse } from '../schemas/common.ts';
import type { RouteDeps, TypedApp } from '../types.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Processes stored WhatsApp webhooks (after each one, and at start); tests wait on it. */
    whatsappWebhooks: WebhookProcessor;
  }
}

const tags = ['whatsapp'];

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Meta's callback URL. GET answers the verification handshake; POST takes notifications: the
 * signature over the raw bytes is checked against every configured number's app secret, the body
 * is stored, Meta gets its 200, and processing follows in the background.
 */
export function whatsappWebhookRoutes(app: TypedApp, deps: RouteDeps) {
  const { whatsappWebhookQueue, whatsappNumbers } = deps.services;
  const processor = createWebhookProcessor({ services: deps.services, log: app.log });
  app.decorate('whatsappWebhooks', processor);
  const kick = () => {
    processor.drain().catch((error: unknown) => app.log.error({ err: error }, 'WhatsApp webhooks'));
  };
  // Bodies stored before a crash or restart are processed once the server is ready.
  app.addHook('onReady', async () => kick());
  app.addHook('onClose', async () => processor.idle());

  app.get(
    '/webhooks/whatsapp',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: "Meta's verification handshake: echoes hub.challenge when hub.verify_token is a configured number's",
        querystring: Type.Object({
          'hub.mode': Type.Optional(Type.String({ maxLength: 100 })),
          'hub.verify_token': Type.Optional(Type.String({ maxLength: 1000 })),
          'hub.challenge': Type.Optional(Type.String({ maxLength: 1000 })),
        }),
        response: { 200: Type.String(), 403: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { 'hub.mode': mode, 'hub.verify_token': token, 'hub.challenge': challenge } = request.query;
      const numbers = await whatsappNumbers.all();
      const known =
        mode === 'subscribe' &&
        token !== undefined &&
        numbers.some((n) => n.verifyToken && sameText(n.verifyToken, token));
      if (!known || challenge === undefined) {
        throw new AppError('FORBIDDEN', 'The verify token is not one of a configured WhatsApp number', {});
      }
      return reply.type('text/plain; charset=utf-8').send(challenge);
    },
  );

  app.register(async (scope) => {
    // The signature covers the exact bytes Meta sent: the body is kept raw, never re-serialized.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    scope.post(
      '/webhooks/whatsapp',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'WhatsApp notifications (messages, statuses), signed with X-Hub-Signature-256',
          response: { 200: Type.Object({ received: Type.Boolean() }), 401: ErrorResponse },
        },
      },
      async (request) => {
        const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const header = request.headers['x-hub-signature-256'];
        const signature = Array.isArray(header) ? header[0] : header;
        const numbers = await whatsappNumbers.all();
        if (!numbers.some((n) => signatureMatches(raw, signature, n.appSecret))) {
          throw new AppError('WEBHOOK_SIGNATURE_INVALID', 'The X-Hub-Signature-256 signature is missing or wrong', {
            header: 'X-Hub-Signature-256',
          });
        }
        await whatsappWebhookQueue.store(raw);
        kick();
        return { received: true };
      },
    );
  });
}

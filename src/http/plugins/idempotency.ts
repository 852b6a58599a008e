import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../core/services.ts';
import { AppError } from '../../core/shared/app-error.ts';
import { signedIn } from './auth.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A creating write: an `Idempotency-Key` header makes a retry return the first answer. */
    idempotent?: boolean;
  }
  interface FastifyRequest {
    idempotencyKey: string | null;
  }
}

/**
 * Runs after the access check (the key belongs to the signed-in caller). A replay answers with the
 * stored status and body and the header `Idempotent-Replayed: true`. A multipart body is read by
 * the handler, which then calls `beginIdempotentWrite` with what it read (files by their hash).
 */
/**
 * Starts an idempotent write for `body` when the request carries an `Idempotency-Key`: a retry
 * with the same key and body gets the first answer (sent here; returns true), the same key with
 * another body is refused.
 */
export async function beginIdempotentWrite(
  services: Services,
  request: FastifyRequest,
  reply: FastifyReply,
  body: unknown,
): Promise<boolean> {
  const header = request.headers['idempotency-key'];
  if (header === undefined) return false;
  if (typeof header !== 'string') {
    throw new AppError('VALIDATION_FAILED', 'Send one Idempotency-Key header', { field: 'headers.idempotency-key' });
  }
  const principalId = signedIn(request.auth).agent.id;
  const outcome = await services.idempotency.begin(principalId, header, `${request.method} ${request.url}`, body);
  if (outcome.kind === 'replay') {
    await reply
      .status(outcome.statusCode)
      .header('idempotent-replayed', 'true')
      .type('application/json; charset=utf-8')
      .send(outcome.body);
    return true;
  }
  request.idempotencyKey = header;
  return false;
}

export function registerIdempotency(app: FastifyInstance, services: Services): void {
  app.decorateRequest('idempotencyKey', null);

  app.addHook('preHandler', async (request, reply) => {
    if (!request.routeOptions.config.idempotent || request.isMultipart()) return;
    await beginIdempotentWrite(services, request, reply, request.body);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const key = request.idempotencyKey;
    if (key === null || !request.auth) return payload;
    request.idempotencyKey = null;
    const body = typeof payload === 'string' ? payload : null;
    await services.idempotency.finish(request.auth.agent.id, key, body === null ? 500 : reply.statusCode, body ?? '');
    return payload;
  });
}

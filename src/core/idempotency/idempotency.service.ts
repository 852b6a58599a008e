import { createHash } from 'node:crypto';
import { AppError } from '../shared/app-error.ts';
import type { CoreDeps } from '../shared/core-deps.ts';
import { idempotencyRepository } from './idempotency.repository.ts';

/** A key's first answer is kept this long. */
export const IDEMPOTENCY_TTL_MS = 24 * 3600_000;
/**
 * A first request still unanswered after this long was cut off (a crash): a retry may run again.
 * No write of ours takes that long.
 */
const ABANDONED_AFTER_MS = 2 * 60_000;
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

export type IdempotencyOutcome = { kind: 'first' } | { kind: 'replay'; statusCode: number; body: string };

/**
 * `Idempotency-Key` on creating writes: a client that retries after a timeout gets the first
 * answer back instead of creating a duplicate. Keys belong to the caller; the same key with
 * another request is refused (422), and a key whose first request is still running answers 409.
 */
export function createIdempotencyService(deps: CoreDeps) {
  const repo = idempotencyRepository(deps.db);
  return {
    async begin(principalId: string, key: string, route: string, request: unknown): Promise<IdempotencyOutcome> {
      if (!KEY_PATTERN.test(key)) {
        throw new AppError('VALIDATION_FAILED', 'The Idempotency-Key must be 1 to 200 visible ASCII characters', {
          field: 'headers.idempotency-key',
        });
      }
      const now = deps.clock.now();
      const requestHash = createHash('sha256')
        .update(`${route}\n${JSON.stringify(request ?? null)}`)
        .digest('hex');
      await repo.deleteOlderThan(new Date(now.getTime() - IDEMPOTENCY_TTL_MS).toISOString());
      for (let attempt = 0; attempt < 2; attempt++) {
        if (await repo.claim(principalId, key, route, requestHash, now.toISOString())) return { kind: 'first' };
        const first = await repo.find(principalId, key);
        if (!first) continue;
        if (first.route !== route || first.requestHash !== requestHash) {
          throw new AppError('IDEMPOTENCY_KEY_REUSED', 'The Idempotency-Key was already used with different data', {
            field: 'headers.idempotency-key',
          });
        }
        if (first.statusCode !== null) {
          return { kind: 'replay', statusCode: first.statusCode, body: first.responseBody ?? '' };
        }
        if (now.getTime() - Date.parse(first.createdAt) < ABANDONED_AFTER_MS) {
          throw new AppError('CONFLICT', 'A request with this Idempotency-Key is still running; retry later', {
            field: 'headers.idempotency-key',
          });
        }
        await repo.release(principalId, key);
      }
      throw new AppError('CONFLICT', 'A request with this Idempotency-Key is still running; retry later', {
        field: 'headers.idempotency-key',
      });
    },

    /** Keeps a successful answer for replays; a failed request frees its key for a corrected retry. */
    async finish(principalId: string, key: string, statusCode: number, body: string): Promise<void> {
      if (statusCode >= 200 && statusCode < 300) await repo.complete(principalId, key, statusCode, body);
      else await repo.release(principalId, key);
    },
  };
}

export type IdempotencyService = ReturnType<typeof createIdempotencyService>;

import type { Db } from '../../db/database.ts';
import { isUniqueViolation } from '../organizations/unique-violation.ts';

export interface IdempotencyRecord {
  route: string;
  requestHash: string;
  statusCode: number | null;
  responseBody: string | null;
  createdAt: string;
}

export function idempotencyRepository(db: Db) {
  return {
    async find(principalId: string, key: string): Promise<IdempotencyRecord | undefined> {
      const row = await db
        .selectFrom('idempotency_keys')
        .select(['route', 'request_hash', 'status_code', 'response_body', 'created_at'])
        .where('principal_id', '=', principalId)
        .where('key', '=', key)
        .executeTakeFirst();
      return (
        row && {
          route: row.route,
          requestHash: row.request_hash,
          statusCode: row.status_code === null ? null : Number(row.status_code),
          responseBody: row.response_body,
          createdAt: new Date(row.created_at).toISOString(),
        }
      );
    },

    /** Claims the key for a first request; false when another request claimed it first. */
    async claim(principalId: string, key: string, route: string, requestHash: string, at: string): Promise<boolean> {
      try {
        await db
          .insertInto('idempotency_keys')
          .values({
            principal_id: principalId,
            key,
            route,
            request_hash: requestHash,
            status_code: null,
            response_body: null,
            created_at: at,
          })
          .execute();
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },

    async complete(principalId: string, key: string, statusCode: number, responseBody: string): Promise<void> {
      await db
        .updateTable('idempotency_keys')
        .set({ status_code: statusCode, response_body: responseBody })
        .where('principal_id', '=', principalId)
        .where('key', '=', key)
        .execute();
    },

    async release(principalId: string, key: string): Promise<void> {
      await db.deleteFrom('idempotency_keys').where('principal_id', '=', principalId).where('key', '=', key).execute();
    },

    async deleteOlderThan(before: string): Promise<void> {
      await db.deleteFrom('idempotency_keys').where('created_at', '<', before).execute();
    },
  };
}

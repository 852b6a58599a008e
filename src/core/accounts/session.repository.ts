import type { Db } from '../../db/database.ts';
import { preparedQuery } from '../../db/prepared-query.ts';

export interface SessionRecord {
  id: string;
  principalKind: 'agent' | 'contact';
  principalId: string;
  csrfToken: string;
  lastSeenAt: string;
  expiresAt: string;
  createdAt: string;
}

export interface ApiTokenRecord {
  id: string;
  agentId: string;
  name: string;
  tokenPrefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export function sessionRepository(db: Db) {
  return {
    async insert(session: SessionRecord & { ip: string | null; userAgent: string | null }) {
      await db
        .insertInto('sessions')
        .values({
          id: session.id,
          principal_kind: session.principalKind,
          principal_id: session.principalId,
          csrf_token: session.csrfToken,
          ip: session.ip,
          user_agent: session.userAgent,
          created_at: session.createdAt,
          last_seen_at: session.lastSeenAt,
          expires_at: session.expiresAt,
        })
        .execute();
    },

    async find(id: string): Promise<SessionRecord | undefined> {
      const row = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
      return (
        row && {
          id: row.id,
          principalKind: row.principal_kind,
          principalId: row.principal_id,
          csrfToken: row.csrf_token,
          lastSeenAt: row.last_seen_at,
          expiresAt: row.expires_at,
          createdAt: row.created_at,
        }
      );
    },

    /** Ends every session of a principal but the one kept (the caller's own, when it changes its password). */
    async deleteForPrincipal(kind: SessionRecord['principalKind'], id: string, keepId?: string): Promise<void> {
      let query = db.deleteFrom('sessions').where('principal_kind', '=', kind).where('principal_id', '=', id);
      if (keepId) query = query.where('id', '!=', keepId);
      await query.execute();
    },

    async touch(id: string, lastSeenAt: string, expiresAt: string): Promise<void> {
      await db
        .updateTable('sessions')
        .set({ last_seen_at: lastSeenAt, expires_at: expiresAt })
        .where('id', '=', id)
        .execute();
    },

    async delete(id: string): Promise<void> {
      await db.deleteFrom('sessions').where('id', '=', id).execute();
    },

    async deleteExpired(now: string): Promise<void> {
      await db.deleteFrom('sessions').where('expires_at', '<', now).execute();
    },

    async recordLoginFailure(email: string, ip: string, at: string): Promise<void> {
      await db.insertInto('login_failures').values({ email, ip, created_at: at }).execute();
    },

    /** Recent failures for the account and, separately, from the address. */
    async countLoginFailures(email: string, ip: string, since: string): Promise<{ account: number; ip: number }> {
      const count = async (column: 'email' | 'ip', value: string) => {
        const row = await db
          .selectFrom('login_failures')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where(column, '=', value)
          .where('created_at', '>=', since)
          .executeTakeFirst();
        return Number(row?.n ?? 0);
      };
      return { account: await count('email', email), ip: await count('ip', ip) };
    },

    async pruneLoginFailures(before: string): Promise<void> {
      await db.deleteFrom('login_failures').where('created_at', '<', before).execute();
    },
  };
}

const TOKEN_COLUMNS = ['id', 'agent_id', 'name', 'token_prefix', 'created_at', 'last_used_at', 'revoked_at'] as const;

// Every request with a bearer token starts here.
const tokenByHash = preparedQuery((db, p: { tokenHash: string }) =>
  db.selectFrom('api_tokens').select(TOKEN_COLUMNS).where('token_hash', '=', p.tokenHash),
);

export function apiTokenRepository(db: Db) {
  const columns = TOKEN_COLUMNS;
  const toRecord = (row: {
    id: string;
    agent_id: string;
    name: string;
    token_prefix: string;
    created_at: string;
    last_used_at: string | null;
    revoked_at: string | null;
  }): ApiTokenRecord => ({
    id: row.id,
    agentId: row.agent_id,
    name: row.name,
    tokenPrefix: row.token_prefix,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  });

  return {
    async insert(token: ApiTokenRecord, tokenHash: string): Promise<void> {
      await db
        .insertInto('api_tokens')
        .values({
          id: token.id,
          agent_id: token.agentId,
          name: token.name,
          token_hash: tokenHash,
          token_prefix: token.tokenPrefix,
          created_at: token.createdAt,
          last_used_at: null,
          revoked_at: null,
        })
        .execute();
    },

    async findByHash(tokenHash: string): Promise<ApiTokenRecord | undefined> {
      const [row] = (await tokenByHash(db, { tokenHash })).rows;
      return row && toRecord(row);
    },

    async find(id: string): Promise<ApiTokenRecord | undefined> {
      const row = await db.selectFrom('api_tokens').select(columns).where('id', '=', id).executeTakeFirst();
      return row && toRecord(row);
    },

    async listForAgent(agentId: string): Promise<ApiTokenRecord[]> {
      const rows = await db
        .selectFrom('api_tokens')
        .select(columns)
        .where('agent_id', '=', agentId)
        .orderBy('created_at', 'desc')
        .execute();
      return rows.map(toRecord);
    },

    async markUsed(id: string, at: string): Promise<void> {
      await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
    },

    async revoke(id: string, at: string): Promise<void> {
      await db.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).execute();
    },

    /** Revokes every live token of an agent but the one kept (the caller's own). */
    async revokeAllForAgent(agentId: string, at: string, keepId?: string): Promise<void> {
      let query = db
        .updateTable('api_tokens')
        .set({ revoked_at: at })
        .where('agent_id', '=', agentId)
        .where('revoked_at', 'is', null);
      if (keepId) query = query.where('id', '!=', keepId);
      await query.execute();
    },
  };
}

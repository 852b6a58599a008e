import type { Db } from '../../db/database.ts';

export interface SessionRecord {
  id: string;
  principalKind: 'agent' | 'contact';
  principalId: string;
  csrfToken: string;
  lastSeenAt: string;
  expiresAt: string;
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
    async insert(session: SessionRecord & { ip: string | null; userAgent: string | null; createdAt: string }) {
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
        }
      );
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

    /** Signs an agent out everywhere (a password reset). */
    async deleteForAgent(agentId: string): Promise<void> {
      await db
        .deleteFrom('sessions')
        .where('principal_kind', '=', 'agent')
        .where('principal_id', '=', agentId)
        .execute();
    },

    async deleteExpired(now: string): Promise<void> {
      await db.deleteFrom('sessions').where('expires_at', '<', now).execute();
    },

    async recordLoginFailure(email: string, ip: string, at: string): Promise<void> {
      await db.insertInto('login_failures').values({ email, ip, created_at: at }).execute();
    },

    async countLoginFailures(email: string, since: string): Promise<number> {
      const row = await db
        .selectFrom('login_failures')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('email', '=', email)
        .where('created_at', '>=', since)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },

    async pruneLoginFailures(before: string): Promise<void> {
      await db.deleteFrom('login_failures').where('created_at', '<', before).execute();
    },
  };
}

export function apiTokenRepository(db: Db) {
  const columns = ['id', 'agent_id', 'name', 'token_prefix', 'created_at', 'last_used_at', 'revoked_at'] as const;
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
      const row = await db
        .selectFrom('api_tokens')
        .select(columns)
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
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

    async revokeAllForAgent(agentId: string, at: string): Promise<void> {
      await db
        .updateTable('api_tokens')
        .set({ revoked_at: at })
        .where('agent_id', '=', agentId)
        .where('revoked_at', 'is', null)
        .execute();
    },
  };
}

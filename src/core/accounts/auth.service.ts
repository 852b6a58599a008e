import { noSettingsCache } from '../settings/settings-cache.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import type { CoreDeps } from '../shared/core-deps.ts';
import { hashSecret, newId, newSecret } from '../shared/ids.ts';
import { assertCan, can } from './access.policy.ts';
import { type Agent, agentRepository } from './agent.repository.ts';
import { normalizeEmail } from './agent.service.ts';
import { freezeAgent } from './agent-directory.ts';
import { type ApiTokenRecord, apiTokenRepository } from './session.repository.ts';
import type { LoginAttempt, SessionKeeper } from './session-keeper.ts';

const TOKEN_PREFIX = 'tqt_';
// API tokens' last use is written at most this often, so reads do not turn into writes.
const TOUCH_INTERVAL_MS = 5 * 60_000;

export interface SignedIn {
  actor: Extract<Actor, { kind: 'agent' }>;
  agent: Agent;
  csrfToken: string | null;
  via: 'session' | 'token';
  /** The session's id or the token's id: what a password change by this caller keeps. */
  credentialId: string;
}

export function agentActor(agent: Agent): SignedIn['actor'] {
  return { kind: 'agent', id: agent.id, role: agent.role, departmentIds: agent.departmentIds, locale: agent.locale };
}

/**
 * Resolves credentials. Every request needs its agent: it comes from the cache, dropped by every
 * write to agents or their departments. Session and token rows are always read (one statement), so
 * signing out or revoking a token ends it at once on every instance, even when the CLI does it
 * (`tiquete reset-password`), which cannot reach a running server's cache.
 */
export function createAuthService(deps: Pick<CoreDeps, 'db' | 'clock' | 'cache'> & { sessions: SessionKeeper }) {
  const cache = deps.cache ?? noSettingsCache;
  // Frozen: every request of the agent shares the object (and the actor its departmentIds).
  const signedInAgent = (id: string) =>
    cache.get(`agent:${id}`, async () => freezeAgent(await agentRepository(deps.db).find(id)));

  return {
    async login(input: LoginAttempt): Promise<{ sessionToken: string; signedIn: SignedIn }> {
      const usable = await deps.sessions.checkCredentials(input, async (email) => {
        const found = await agentRepository(deps.db).findCredentials(email);
        return found?.agent.active && found.passwordHash ? { ...found, passwordHash: found.passwordHash } : null;
      });
      const { sessionToken, csrfToken, sessionId } = await deps.sessions.start(
        { kind: 'agent', id: usable.agent.id },
        input,
      );
      return {
        sessionToken,
        signedIn: {
          actor: agentActor(usable.agent),
          agent: usable.agent,
          csrfToken,
          via: 'session',
          credentialId: sessionId,
        },
      };
    },

    async resolveSession(sessionToken: string): Promise<SignedIn | null> {
      const session = await deps.sessions.resolve(sessionToken, 'agent');
      const agent = session && (await signedInAgent(session.principalId));
      if (!session || !agent?.active) return null;
      return {
        actor: agentActor(agent),
        agent,
        csrfToken: session.csrfToken,
        via: 'session',
        credentialId: session.id,
      };
    },

    logout: deps.sessions.end,

    async resolveApiToken(rawToken: string): Promise<SignedIn | null> {
      if (!rawToken.startsWith(TOKEN_PREFIX)) return null;
      const tokens = apiTokenRepository(deps.db);
      const token = await tokens.findByHash(hashSecret(rawToken));
      if (!token || token.revokedAt) return null;
      const agent = await signedInAgent(token.agentId);
      if (!agent?.active) return null;
      const now = deps.clock.now();
      if (!token.lastUsedAt || now.getTime() - Date.parse(token.lastUsedAt) > TOUCH_INTERVAL_MS) {
        await tokens.markUsed(token.id, now.toISOString());
      }
      return { actor: agentActor(agent), agent, csrfToken: null, via: 'token', credentialId: token.id };
    },

    /** Creates an API token for the actor, or (admins) for another agent. The raw token is shown once. */
    async createToken(
      actor: Actor,
      input: { name: string; agentId?: string },
    ): Promise<{ token: string; record: ApiTokenRecord }> {
      const agentId = input.agentId ?? (actor.kind === 'agent' ? actor.id : undefined);
      if (!agentId) throw new AppError('VALIDATION_FAILED', 'agentId is required', { field: 'agentId' });
      assertCan(actor, actor.kind === 'agent' && actor.id === agentId ? 'tokens.own' : 'tokens.any');
      const name = input.name.trim();
      if (!name) throw new AppError('VALIDATION_FAILED', 'The token needs a name', { field: 'name' });
      const agent = await agentRepository(deps.db).find(agentId);
      if (!agent) throw new AppError('REFERENCE_NOT_FOUND', 'Agent not found', { field: 'agentId', id: agentId });
      const token = `${TOKEN_PREFIX}${newSecret(30)}`;
      const record: ApiTokenRecord = {
        id: newId(),
        agentId,
        name,
        tokenPrefix: token.slice(0, TOKEN_PREFIX.length + 6),
        createdAt: deps.clock.now().toISOString(),
        lastUsedAt: null,
        revokedAt: null,
      };
      await apiTokenRepository(deps.db).insert(record, hashSecret(token));
      return { token, record };
    },

    async listTokens(actor: Actor, agentId?: string): Promise<ApiTokenRecord[]> {
      const owner = agentId ?? (actor.kind === 'agent' ? actor.id : undefined);
      if (!owner) return [];
      assertCan(actor, actor.kind === 'agent' && actor.id === owner ? 'tokens.own' : 'tokens.any');
      return apiTokenRepository(deps.db).listForAgent(owner);
    },

    async revokeToken(actor: Actor, id: string): Promise<ApiTokenRecord> {
      const tokens = apiTokenRepository(deps.db);
      const token = await tokens.find(id);
      const mayRevoke = token && ((actor.kind === 'agent' && actor.id === token.agentId) || can(actor, 'tokens.any'));
      if (!token || !mayRevoke) throw new AppError('TOKEN_NOT_FOUND', 'Token not found', { id });
      if (!token.revokedAt) await tokens.revoke(id, deps.clock.now().toISOString());
      return (await tokens.find(id)) as ApiTokenRecord;
    },

    /** For the CLI: find the agent a token is for by email. */
    async agentIdForEmail(email: string): Promise<string> {
      const agent = await agentRepository(deps.db).findByEmail(normalizeEmail(email));
      if (!agent) throw new AppError('AGENT_NOT_FOUND', `No agent has the email ${email}`, { email });
      return agent.id;
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;

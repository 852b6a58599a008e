import type { Db } from '../../db/database.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import type { Clock } from '../shared/clock.ts';
import { hashSecret, newId, newSecret } from '../shared/ids.ts';
import { assertCan, can } from './access.policy.ts';
import { type Agent, agentRepository } from './agent.repository.ts';
import { normalizeEmail } from './agent.service.ts';
import type { PasswordHasher } from './password.ts';
import { type ApiTokenRecord, apiTokenRepository, sessionRepository } from './session.repository.ts';

export interface AuthSettings {
  /** A session ends after this long without a request. */
  sessionIdleMs: number;
  /** ...and, however active, this long after sign-in: a stolen cookie does not slide forever. */
  sessionMaxMs: number;
  /** Each recent failed sign-in of the account (beyond a few typos) and of the address adds this wait. */
  loginDelayStepMs: number;
  /** The longest wait before a sign-in attempt is checked. */
  loginDelayMaxMs: number;
}

export const DEFAULT_AUTH_SETTINGS: AuthSettings = {
  sessionIdleMs: 14 * 24 * 3600_000,
  sessionMaxMs: 30 * 24 * 3600_000,
  loginDelayStepMs: 500,
  loginDelayMaxMs: 5_000,
};

/** Failed sign-ins are counted over this window. */
const FAILURE_WINDOW_MS = 15 * 60_000;
/** Typos that cost nothing: an account's first failures, and an address's (offices share one). */
const FREE_ACCOUNT_FAILURES = 3;
const FREE_IP_FAILURES = 10;

/**
 * How long a sign-in waits before its password is checked. A hard lock would let a stranger lock
 * anyone out with ten wrong passwords; a growing wait per account and per address slows guessing
 * as much while the owner still gets in.
 */
export function loginDelayMs(failures: { account: number; ip: number }, settings: AuthSettings): number {
  const steps = Math.max(0, failures.account - FREE_ACCOUNT_FAILURES) + Math.max(0, failures.ip - FREE_IP_FAILURES);
  return Math.min(steps * settings.loginDelayStepMs, settings.loginDelayMaxMs);
}

const TOKEN_PREFIX = 'tqt_';
// Sliding expiry is written at most this often, so reads do not turn into writes.
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

export function createAuthService(deps: {
  db: Db;
  clock: Clock;
  passwords: PasswordHasher;
  settings?: Partial<AuthSettings>;
}) {
  const settings = { ...DEFAULT_AUTH_SETTINGS, ...deps.settings };
  // Unknown emails are checked against this hash so they cost the same time as a wrong password.
  const decoyHash = deps.passwords.hash(newSecret(16));

  return {
    async login(input: {
      email: string;
      password: string;
      ip: string;
      userAgent: string | null;
      previousSessionToken?: string;
    }): Promise<{ sessionToken: string; signedIn: SignedIn }> {
      const email = input.email.trim().toLowerCase();
      const sessions = sessionRepository(deps.db);
      const now = deps.clock.now();
      const windowStart = new Date(now.getTime() - FAILURE_WINDOW_MS).toISOString();
      const delay = loginDelayMs(await sessions.countLoginFailures(email, input.ip, windowStart), settings);
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));

      const found = await agentRepository(deps.db).findCredentials(email);
      const usable = found?.agent.active && found.passwordHash ? found : null;
      const valid = await deps.passwords.verify(usable?.passwordHash ?? (await decoyHash), input.password);
      if (!usable || !valid) {
        await sessions.recordLoginFailure(email, input.ip, now.toISOString());
        throw new AppError('INVALID_CREDENTIALS', 'The email or the password is not correct');
      }

      // A new session id at every sign-in (no session fixation); the old one ends.
      if (input.previousSessionToken) await sessions.delete(hashSecret(input.previousSessionToken));
      await sessions.pruneLoginFailures(windowStart);
      const sessionToken = newSecret();
      const csrfToken = newSecret();
      const sessionId = hashSecret(sessionToken);
      await sessions.insert({
        id: sessionId,
        principalKind: 'agent',
        principalId: usable.agent.id,
        csrfToken,
        ip: input.ip,
        userAgent: input.userAgent?.slice(0, 500) ?? null,
        createdAt: now.toISOString(),
        lastSeenAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + settings.sessionIdleMs).toISOString(),
      });
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
      const sessions = sessionRepository(deps.db);
      const session = await sessions.find(hashSecret(sessionToken));
      const now = deps.clock.now();
      if (session?.principalKind !== 'agent') return null;
      if (session.expiresAt <= now.toISOString()) {
        await sessions.delete(session.id);
        return null;
      }
      const agent = await agentRepository(deps.db).find(session.principalId);
      if (!agent?.active) return null;
      if (now.getTime() - Date.parse(session.lastSeenAt) > TOUCH_INTERVAL_MS) {
        const lastEnd = Date.parse(session.createdAt) + settings.sessionMaxMs;
        await sessions.touch(
          session.id,
          now.toISOString(),
          new Date(Math.min(now.getTime() + settings.sessionIdleMs, lastEnd)).toISOString(),
        );
      }
      return {
        actor: agentActor(agent),
        agent,
        csrfToken: session.csrfToken,
        via: 'session',
        credentialId: session.id,
      };
    },

    async logout(sessionToken: string): Promise<void> {
      await sessionRepository(deps.db).delete(hashSecret(sessionToken));
    },

    async resolveApiToken(rawToken: string): Promise<SignedIn | null> {
      if (!rawToken.startsWith(TOKEN_PREFIX)) return null;
      const tokens = apiTokenRepository(deps.db);
      const token = await tokens.findByHash(hashSecret(rawToken));
      if (!token || token.revokedAt) return null;
      const agent = await agentRepository(deps.db).find(token.agentId);
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

import type { Db } from '../../db/database.ts';
import { AppError } from '../shared/app-error.ts';
import type { Clock } from '../shared/clock.ts';
import { hashSecret, newSecret } from '../shared/ids.ts';
import type { PasswordHasher } from './password.ts';
import { type SessionRecord, sessionRepository } from './session.repository.ts';

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
// Sliding expiry is written at most this often, so reads do not turn into writes.
const TOUCH_INTERVAL_MS = 5 * 60_000;

/**
 * How long a sign-in waits before its password is checked. A hard lock would let a stranger lock
 * anyone out with ten wrong passwords; a growing wait per account and per address slows guessing
 * as much while the owner still gets in.
 */
export function loginDelayMs(failures: { account: number; ip: number }, settings: AuthSettings): number {
  const steps = Math.max(0, failures.account - FREE_ACCOUNT_FAILURES) + Math.max(0, failures.ip - FREE_IP_FAILURES);
  return Math.min(steps * settings.loginDelayStepMs, settings.loginDelayMaxMs);
}

export interface LoginAttempt {
  email: string;
  password: string;
  ip: string;
  userAgent: string | null;
  previousSessionToken?: string;
}

/**
 * Sign-in and cookie sessions for every kind of principal (agents in the console, contacts in the
 * portal): the same waits after failures, the same generic error, the same sliding expiry.
 */
export function createSessionKeeper(deps: {
  db: Db;
  clock: Clock;
  passwords: PasswordHasher;
  settings?: Partial<AuthSettings>;
}) {
  const settings = { ...DEFAULT_AUTH_SETTINGS, ...deps.settings };
  // Unknown emails are checked against this hash so they cost the same time as a wrong password.
  const decoyHash = deps.passwords.hash(newSecret(16));

  return {
    settings,

    /**
     * Waits as the recent failures say, then checks the password of whoever `findUsable` returns
     * (null: unknown, inactive or without a password). Any failure is counted and answered alike.
     */
    async checkCredentials<T extends { passwordHash: string }>(
      attempt: LoginAttempt,
      findUsable: (email: string) => Promise<T | null>,
    ): Promise<T> {
      const email = attempt.email.trim().toLowerCase();
      const sessions = sessionRepository(deps.db);
      const now = deps.clock.now();
      const windowStart = new Date(now.getTime() - FAILURE_WINDOW_MS).toISOString();
      const delay = loginDelayMs(await sessions.countLoginFailures(email, attempt.ip, windowStart), settings);
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));

      const usable = await findUsable(email);
      const valid = await deps.passwords.verify(usable?.passwordHash ?? (await decoyHash), attempt.password);
      if (!usable || !valid) {
        await sessions.recordLoginFailure(email, attempt.ip, now.toISOString());
        throw new AppError('INVALID_CREDENTIALS', 'The email or the password is not correct');
      }
      await sessions.pruneLoginFailures(windowStart);
      return usable;
    },

    /** A new session id at every sign-in (no session fixation); the browser's previous session ends. */
    async start(
      principal: { kind: SessionRecord['principalKind']; id: string },
      attempt: LoginAttempt,
    ): Promise<{ sessionToken: string; csrfToken: string; sessionId: string }> {
      const sessions = sessionRepository(deps.db);
      if (attempt.previousSessionToken) await sessions.delete(hashSecret(attempt.previousSessionToken));
      const now = deps.clock.now();
      const sessionToken = newSecret();
      const csrfToken = newSecret();
      const sessionId = hashSecret(sessionToken);
      await sessions.insert({
        id: sessionId,
        principalKind: principal.kind,
        principalId: principal.id,
        csrfToken,
        ip: attempt.ip,
        userAgent: attempt.userAgent?.slice(0, 500) ?? null,
        createdAt: now.toISOString(),
        lastSeenAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + settings.sessionIdleMs).toISOString(),
      });
      return { sessionToken, csrfToken, sessionId };
    },

    /** The live session of this kind the cookie holds, its expiry slid forward; null otherwise. */
    async resolve(sessionToken: string, kind: SessionRecord['principalKind']): Promise<SessionRecord | null> {
      const sessions = sessionRepository(deps.db);
      const session = await sessions.find(hashSecret(sessionToken));
      const now = deps.clock.now();
      if (session?.principalKind !== kind) return null;
      if (session.expiresAt <= now.toISOString()) {
        await sessions.delete(session.id);
        return null;
      }
      if (now.getTime() - Date.parse(session.lastSeenAt) > TOUCH_INTERVAL_MS) {
        const lastEnd = Date.parse(session.createdAt) + settings.sessionMaxMs;
        await sessions.touch(
          session.id,
          now.toISOString(),
          new Date(Math.min(now.getTime() + settings.sessionIdleMs, lastEnd)).toISOString(),
        );
      }
      return session;
    },

    async end(sessionToken: string): Promise<void> {
      await sessionRepository(deps.db).delete(hashSecret(sessionToken));
    },
  };
}

export type SessionKeeper = ReturnType<typeof createSessionKeeper>;

import type { Db } from '../../db/database.ts';
import { assertPassword } from '../accounts/agent.service.ts';
import type { PasswordHasher } from '../accounts/password.ts';
import { sessionRepository } from '../accounts/session.repository.ts';
import type { LoginAttempt, SessionKeeper } from '../accounts/session-keeper.ts';
import { AppError } from '../shared/app-error.ts';
import type { Clock } from '../shared/clock.ts';
import { type ContactActor, isMainContact, maySignIn } from './portal.policy.ts';
import { type PortalAccount, portalAccountRepository } from './portal-account.repository.ts';

/** The signed-in contact as the portal shows them. */
export interface PortalContact {
  id: string;
  name: string;
  email: string | null;
  organizationId: string | null;
  organizationName: string | null;
  organizationRole: PortalAccount['organizationRole'];
  locale: PortalAccount['locale'];
  /** May manage the organization's portal users (and sees all its tickets). */
  isMainContact: boolean;
}

export interface SignedInContact {
  actor: ContactActor;
  contact: PortalContact;
  csrfToken: string;
  /** The session's id: what a password change by this contact keeps. */
  credentialId: string;
}

export function portalContact(account: PortalAccount): PortalContact {
  return {
    id: account.id,
    name: account.name,
    email: account.email,
    organizationId: account.organizationId,
    organizationName: account.organizationName,
    organizationRole: account.organizationRole,
    locale: account.locale,
    isMainContact: account.organizationId !== null && isMainContact(account.organizationRole),
  };
}

function contactActor(account: PortalAccount): ContactActor {
  return {
    kind: 'contact',
    id: account.id,
    organizationId: account.organizationId,
    organizationRole: account.organizationRole,
    locale: account.locale,
  };
}

/** Contacts signing in to the portal: the agents' cookie sessions and protections, for principal kind 'contact'. */
export function createPortalAuthService(deps: {
  db: Db;
  clock: Clock;
  passwords: PasswordHasher;
  sessions: SessionKeeper;
}) {
  return {
    async login(attempt: LoginAttempt): Promise<{ sessionToken: string; signedIn: SignedInContact }> {
      const usable = await deps.sessions.checkCredentials(attempt, async (email) => {
        const found = await portalAccountRepository(deps.db).findCredentials(email);
        if (!found?.passwordHash || !maySignIn(found.account)) return null;
        return { account: found.account, passwordHash: found.passwordHash };
      });
      const { sessionToken, csrfToken, sessionId } = await deps.sessions.start(
        { kind: 'contact', id: usable.account.id },
        attempt,
      );
      return {
        sessionToken,
        signedIn: {
          actor: contactActor(usable.account),
          contact: portalContact(usable.account),
          csrfToken,
          credentialId: sessionId,
        },
      };
    },

    /** The contact a session cookie belongs to, checked again on every request (deactivation is immediate). */
    async resolveSession(sessionToken: string): Promise<SignedInContact | null> {
      const session = await deps.sessions.resolve(sessionToken, 'contact');
      const account = session && (await portalAccountRepository(deps.db).find(session.principalId));
      if (!session || !account || !maySignIn(account)) return null;
      return {
        actor: contactActor(account),
        contact: portalContact(account),
        csrfToken: session.csrfToken,
        credentialId: session.id,
      };
    },

    logout: deps.sessions.end,

    /** The contact changes their own password, proving the current one; their other sessions end. */
    async changePassword(
      caller: SignedInContact,
      input: { currentPassword: string; newPassword: string },
    ): Promise<void> {
      assertPassword(input.newPassword, 'newPassword');
      const current = await portalAccountRepository(deps.db).findPasswordHash(caller.contact.id);
      const valid = current !== null && (await deps.passwords.verify(current, input.currentPassword));
      if (!valid) {
        throw new AppError('CURRENT_PASSWORD_INCORRECT', 'The current password is not correct', {
          field: 'currentPassword',
        });
      }
      const passwordHash = await deps.passwords.hash(input.newPassword);
      await deps.db.transaction().execute(async (trx) => {
        await portalAccountRepository(trx).setPassword(caller.contact.id, passwordHash, deps.clock.now().toISOString());
        await sessionRepository(trx).deleteForPrincipal('contact', caller.contact.id, caller.credentialId);
      });
    },
  };
}

export type PortalAuthService = ReturnType<typeof createPortalAuthService>;

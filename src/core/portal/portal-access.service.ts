import { assertCan } from '../accounts/access.policy.ts';
import { assertPassword, normalizeEmail } from '../accounts/agent.service.ts';
import type { PasswordHasher } from '../accounts/password.ts';
import { sessionRepository } from '../accounts/session.repository.ts';
import { assertMayChangeCustomer } from '../contacts/customer-access.policy.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import { type CoreDeps, inTransaction } from '../shared/core-deps.ts';
import { hashSecret } from '../shared/ids.ts';
import { maySignIn } from './portal.policy.ts';
import { type PortalAccount, portalAccountRepository } from './portal-account.repository.ts';
import { sendAccessLink } from './portal-links.ts';

/** Refuses a link for a contact who could not use it: merged, deactivated, or of an inactive organization. */
export function assertMayGetAccess(account: PortalAccount): void {
  if (!maySignIn(account)) {
    throw new AppError('PORTAL_ACCOUNT_INACTIVE', 'This contact cannot use the portal (inactive or merged)', {
      id: account.id,
    });
  }
}

/** Invitations, forgotten passwords and the single-use links both send. */
export function createPortalAccessService(deps: CoreDeps & { passwords: PasswordHasher }) {
  return {
    /** Staff invite a contact to the portal: a set-password link valid 72 h, in the contact's language. */
    async invite(actor: Actor, contactId: string, publicUrl: string) {
      assertCan(actor, 'contacts.write');
      return inTransaction(deps, async ({ trx, now }) => {
        const account = await portalAccountRepository(trx).find(contactId);
        if (!account) throw new AppError('CONTACT_NOT_FOUND', 'Contact not found', { id: contactId });
        await assertMayChangeCustomer(trx, actor, { contactIds: [contactId] });
        assertMayGetAccess(account);
        return sendAccessLink(trx, account, 'invitation', { now, publicUrl });
      });
    },

    /**
     * A reset link valid 1 h, only for a contact who has a password and may sign in. The caller
     * learns nothing either way: the answer and the work done in the request are the same.
     */
    async forgotPassword(email: string, publicUrl: string): Promise<void> {
      await inTransaction(deps, async ({ trx, now }) => {
        const found = await portalAccountRepository(trx).findCredentials(normalizeEmail(email));
        if (!found?.passwordHash || !maySignIn(found.account)) return;
        await sendAccessLink(trx, found.account, 'reset', { now, publicUrl });
      });
    },

    /**
     * Sets the password a link was sent for. The link works once; every open link of the contact
     * and every session they had end with it. A bad password leaves the link unused.
     */
    async setPassword(input: { token: string; password: string }): Promise<void> {
      assertPassword(input.password);
      const passwordHash = await deps.passwords.hash(input.password);
      await inTransaction(deps, async ({ trx, now }) => {
        const accounts = portalAccountRepository(trx);
        const token = await accounts.findToken(hashSecret(input.token));
        if (!token) throw new AppError('PORTAL_TOKEN_INVALID', 'This link is not valid', { field: 'token' });
        if (token.usedAt) throw new AppError('PORTAL_TOKEN_USED', 'This link was already used', { field: 'token' });
        if (token.expiresAt <= now) {
          throw new AppError('PORTAL_TOKEN_EXPIRED', 'This link has expired', {
            field: 'token',
            purpose: token.purpose,
          });
        }
        const account = await accounts.find(token.contactId);
        if (!account) throw new AppError('PORTAL_TOKEN_INVALID', 'This link is not valid', { field: 'token' });
        assertMayGetAccess(account);
        if (!(await accounts.useToken(token.tokenHash, account.id, now))) {
          throw new AppError('PORTAL_TOKEN_USED', 'This link was already used', { field: 'token' });
        }
        await accounts.setPassword(account.id, passwordHash, now);
        await sessionRepository(trx).deleteForPrincipal('contact', account.id);
      });
    },
  };
}

export type PortalAccessService = ReturnType<typeof createPortalAccessService>;

import { assertCan } from '../accounts/access.policy.ts';
import { assertPassword, normalizeEmail } from '../accounts/agent.service.ts';
import type { PasswordHasher } from '../accounts/password.ts';
import { sessionRepository } from '../accounts/session.repository.ts';
import { assertMayChangeCustomer } from '../contacts/customer-access.policy.ts';
import { customerAccessRepository } from '../contacts/customer-access.repository.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import { type CoreDeps, inTransaction, type UnitOfWork } from '../shared/core-deps.ts';
import { hashSecret } from '../shared/ids.ts';
import type { SecretBox } from '../shared/secret-box.ts';
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

/** Whether a contact may use the portal, as staff see it on the contact page. */
export interface PortalAccessState {
  active: boolean;
  /** Has set a password (accepted an invitation). */
  hasPassword: boolean;
  /** An inactive organization keeps all its contacts out, whatever their own state. */
  organizationActive: boolean;
}

function accessState(account: PortalAccount): PortalAccessState {
  return { active: account.active, hasPassword: account.hasPassword, organizationActive: account.organizationActive };
}

/**
 * Turns one contact's portal access off or on, in the caller's transaction: a deactivated contact's
 * sessions end at once, and the change goes to the audit log (who, when, from, to). Staff and the
 * organization's main contact both come through here.
 */
export async function setPortalActive(
  uow: Pick<UnitOfWork, 'trx' | 'now'>,
  account: PortalAccount,
  active: boolean,
  actor: Actor,
): Promise<boolean> {
  if (account.active === active) return false;
  await portalAccountRepository(uow.trx).setActive(account.id, active, uow.now);
  if (!active) await sessionRepository(uow.trx).deleteForPrincipal('contact', account.id);
  await customerAccessRepository(uow.trx).audit({
    entityId: account.id,
    field: 'portal_access',
    from: account.active ? 'active' : 'inactive',
    to: active ? 'active' : 'inactive',
    actor,
    at: uow.now,
  });
  return true;
}

/** Invitations, forgotten passwords and the single-use links both send. */
export function createPortalAccessService(deps: CoreDeps & { passwords: PasswordHasher; secrets: SecretBox }) {
  return {
    /** Staff invite a contact to the portal: a set-password link valid 72 h, in the contact's language. */
    async invite(actor: Actor, contactId: string, publicUrl: string) {
      assertCan(actor, 'contacts.write');
      return inTransaction(deps, async ({ trx, now }) => {
        const account = await portalAccountRepository(trx).find(contactId);
        if (!account) throw new AppError('CONTACT_NOT_FOUND', 'Contact not found', { id: contactId });
        await assertMayChangeCustomer(trx, actor, { contactIds: [contactId] });
        assertMayGetAccess(account);
        return sendAccessLink(trx, account, 'invitation', { now, publicUrl, secrets: deps.secrets });
      });
    },

    async accessOf(actor: Actor, contactId: string): Promise<PortalAccessState> {
      assertCan(actor, 'contacts.read');
      const account = await portalAccountRepository(deps.db).find(contactId);
      if (!account || account.merged) throw new AppError('CONTACT_NOT_FOUND', 'Contact not found', { id: contactId });
      return accessState(account);
    },

    /** Staff deactivate or re-activate one contact's portal access (audited; sessions end on deactivation). */
    async setAccess(actor: Actor, contactId: string, active: boolean): Promise<PortalAccessState> {
      assertCan(actor, 'contacts.write');
      return inTransaction(deps, async (uow) => {
        const accounts = portalAccountRepository(uow.trx);
        const account = await accounts.find(contactId);
        if (!account || account.merged) throw new AppError('CONTACT_NOT_FOUND', 'Contact not found', { id: contactId });
        await assertMayChangeCustomer(uow.trx, actor, { contactIds: [contactId] });
        if (await setPortalActive(uow, account, active, actor)) {
          uow.emit({
            type: 'contact.updated',
            organizationId: account.organizationId,
            actor,
            data: { contactId, active },
          });
        }
        return accessState((await accounts.find(contactId)) as PortalAccount);
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
        await sendAccessLink(trx, found.account, 'reset', { now, publicUrl, secrets: deps.secrets });
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

import { cleanContactName, createContact, indexContact } from '../contacts/contact.commands.ts';
import { type Contact, contactRepository } from '../contacts/contact.repository.ts';
import { DEFAULT_PHONE_COUNTRY } from '../contacts/phone.ts';
import { isUniqueViolation } from '../organizations/unique-violation.ts';
import type { Locale } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import { type CoreDeps, inTransaction } from '../shared/core-deps.ts';
import type { SecretBox } from '../shared/secret-box.ts';
import { foldKey } from '../shared/text.ts';
import { assertMainContact, type ContactActor, isMainContact } from './portal.policy.ts';
import { assertMayGetAccess, setPortalActive } from './portal-access.service.ts';
import { type PortalAccount, portalAccountRepository } from './portal-account.repository.ts';
import { sendAccessLink } from './portal-links.ts';

/** A user of the organization, as its main contact sees them on the "Usuarios" page. */
export interface PortalUser {
  id: string;
  name: string;
  email: string | null;
  organizationRole: PortalAccount['organizationRole'];
  isMainContact: boolean;
  active: boolean;
  /** Has set a password (accepted an invitation); false: invited or never invited. */
  hasPassword: boolean;
}

function toUser(account: PortalAccount): PortalUser {
  return {
    id: account.id,
    name: account.name,
    email: account.email,
    organizationRole: account.organizationRole,
    isMainContact: isMainContact(account.organizationRole),
    active: account.active,
    hasPassword: account.hasPassword,
  };
}

/** 004: the main contact invites, deactivates and re-activates the other users of their organization. */
export function createPortalUserService(deps: CoreDeps & { secrets: SecretBox }) {
  /** A user of the caller's organization; another organization's is 404, as if it did not exist. */
  async function loadUser(accounts: ReturnType<typeof portalAccountRepository>, organizationId: string, id: string) {
    const account = await accounts.find(id);
    if (!account || account.organizationId !== organizationId || account.merged) {
      throw new AppError('CONTACT_NOT_FOUND', 'User not found', { id });
    }
    return account;
  }

  return {
    async list(actor: ContactActor): Promise<PortalUser[]> {
      const organizationId = assertMainContact(actor);
      return (await portalAccountRepository(deps.db).listForOrganization(organizationId)).map(toUser);
    },

    /** Adds a contact to the caller's organization and sends them the invitation (72 h). */
    async create(
      actor: ContactActor,
      input: { name: string; email: string; locale?: Locale },
      publicUrl: string,
    ): Promise<PortalUser> {
      const organizationId = assertMainContact(actor);
      try {
        return await inTransaction(deps, async ({ trx, now, emit }) => {
          const contact = await createContact(
            trx,
            now,
            {
              name: input.name,
              emails: [{ email: input.email, primary: true }],
              organizationId,
              organizationRole: 'member',
              locale: input.locale ?? actor.locale,
            },
            emit,
            actor,
            DEFAULT_PHONE_COUNTRY,
          );
          const account = (await portalAccountRepository(trx).find(contact.id)) as PortalAccount;
          await sendAccessLink(trx, account, 'invitation', { now, publicUrl, secrets: deps.secrets });
          return toUser(account);
        });
      } catch (error) {
        // Never say who holds the address: it may be another organization's contact.
        if ((error instanceof AppError && error.code === 'EMAIL_TAKEN_BY_CONTACT') || isUniqueViolation(error)) {
          throw new AppError('PORTAL_EMAIL_TAKEN', 'That email already belongs to a contact; ask support to add them', {
            field: 'email',
          });
        }
        throw error;
      }
    },

    /** Sends a user of the organization a new invitation (e.g. one who never set a password). */
    async invite(actor: ContactActor, id: string, publicUrl: string): Promise<PortalUser> {
      const organizationId = assertMainContact(actor);
      return inTransaction(deps, async ({ trx, now }) => {
        const account = await loadUser(portalAccountRepository(trx), organizationId, id);
        assertMayGetAccess(account);
        await sendAccessLink(trx, account, 'invitation', { now, publicUrl, secrets: deps.secrets });
        return toUser(account);
      });
    },

    /** Renames, deactivates or re-activates a user; a deactivated user's sessions end at once. */
    async update(actor: ContactActor, id: string, changes: { active?: boolean; name?: string }): Promise<PortalUser> {
      const organizationId = assertMainContact(actor);
      return inTransaction(deps, async ({ trx, now, emit }) => {
        const accounts = portalAccountRepository(trx);
        const account = await loadUser(accounts, organizationId, id);
        if (changes.active === false && id === actor.id) {
          throw new AppError('PORTAL_CANNOT_DEACTIVATE_SELF', 'You cannot deactivate your own user', {
            field: 'active',
          });
        }
        if (changes.name !== undefined) {
          const name = cleanContactName(changes.name);
          await contactRepository(trx).update(id, { name, searchName: foldKey(name) }, now);
          await indexContact(trx, (await contactRepository(trx).find(id)) as Contact);
        }
        if (changes.active !== undefined) await setPortalActive({ trx, now }, account, changes.active, actor);
        const updated = (await accounts.find(id)) as PortalAccount;
        emit({
          type: 'contact.updated',
          organizationId,
          actor,
          data: { contactId: id, ...(changes.active !== undefined && { active: changes.active }) },
        });
        return toUser(updated);
      });
    },
  };
}

export type PortalUserService = ReturnType<typeof createPortalUserService>;

import type { Db } from '../../db/database.ts';
import { primaryEmailsOf } from '../contacts/contact.repository.ts';
import type { Locale, OrganizationRole } from '../shared/actor.ts';

/** A contact as the portal knows them: who they are and whether they may sign in. */
export interface PortalAccount {
  id: string;
  name: string;
  /** The primary address: where invitations and reset links go. */
  email: string | null;
  organizationId: string | null;
  organizationName: string | null;
  organizationRole: OrganizationRole;
  locale: Locale;
  active: boolean;
  organizationActive: boolean;
  hasPassword: boolean;
  merged: boolean;
}

export type PortalTokenPurpose = 'invitation' | 'reset';

export interface PortalTokenRecord {
  tokenHash: string;
  contactId: string;
  purpose: PortalTokenPurpose;
  expiresAt: string;
  usedAt: string | null;
}

export function portalAccountRepository(db: Db) {
  const selectAccounts = () =>
    db
      .selectFrom('contacts')
      .leftJoin('organizations', 'organizations.id', 'contacts.organization_id')
      .select([
        'contacts.id',
        'contacts.name',
        'contacts.organization_id',
        'contacts.org_role',
        'contacts.locale',
        'contacts.active',
        'contacts.password_hash',
        'contacts.merged_into_id',
        'organizations.name as organization_name',
        'organizations.active as organization_active',
      ]);
  type Row = Awaited<ReturnType<ReturnType<typeof selectAccounts>['execute']>>[number];

  async function hydrate(rows: Row[]): Promise<PortalAccount[]> {
    const primary = await primaryEmailsOf(
      db,
      rows.map((r) => r.id),
    );
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      email: primary.get(row.id) ?? null,
      organizationId: row.organization_id,
      organizationName: row.organization_name,
      organizationRole: row.org_role,
      locale: row.locale,
      active: row.active === 1,
      // A contact without an organization answers only for themselves.
      organizationActive: row.organization_active === null || row.organization_active === 1,
      hasPassword: row.password_hash !== null,
      merged: row.merged_into_id !== null,
    }));
  }

  return {
    async find(id: string): Promise<PortalAccount | undefined> {
      const row = await selectAccounts().where('contacts.id', '=', id).executeTakeFirst();
      return row && (await hydrate([row]))[0];
    },

    /** The account that owns this address (any of the contact's addresses), with its password hash. */
    async findCredentials(email: string): Promise<{ account: PortalAccount; passwordHash: string | null } | undefined> {
      const row = await selectAccounts()
        .innerJoin('contact_emails', 'contact_emails.contact_id', 'contacts.id')
        .where('contact_emails.email', '=', email)
        .executeTakeFirst();
      const account = row && (await hydrate([row]))[0];
      return account && row && { account, passwordHash: row.password_hash };
    },

    async findPasswordHash(id: string): Promise<string | null> {
      const row = await db.selectFrom('contacts').select('password_hash').where('id', '=', id).executeTakeFirst();
      return row?.password_hash ?? null;
    },

    /** The organization's contacts not merged away, by name. */
    async listForOrganization(organizationId: string): Promise<PortalAccount[]> {
      const rows = await selectAccounts()
        .where('contacts.organization_id', '=', organizationId)
        .where('contacts.merged_into_id', 'is', null)
        .orderBy('contacts.search_name')
        .orderBy('contacts.id')
        .execute();
      return hydrate(rows);
    },

    async setPassword(id: string, passwordHash: string, now: string): Promise<void> {
      await db
        .updateTable('contacts')
        .set({ password_hash: passwordHash, updated_at: now })
        .where('id', '=', id)
        .execute();
    },

    async setActive(id: string, active: boolean, now: string): Promise<void> {
      await db
        .updateTable('contacts')
        .set({ active: active ? 1 : 0, updated_at: now })
        .where('id', '=', id)
        .execute();
    },

    async insertToken(token: PortalTokenRecord & { createdAt: string }): Promise<void> {
      await db
        .insertInto('portal_tokens')
        .values({
          token_hash: token.tokenHash,
          contact_id: token.contactId,
          purpose: token.purpose,
          created_at: token.createdAt,
          expires_at: token.expiresAt,
          used_at: null,
        })
        .execute();
    },

    async findToken(tokenHash: string): Promise<PortalTokenRecord | undefined> {
      const row = await db
        .selectFrom('portal_tokens')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      return (
        row && {
          tokenHash: row.token_hash,
          contactId: row.contact_id,
          purpose: row.purpose,
          expiresAt: row.expires_at,
          usedAt: row.used_at,
        }
      );
    },

    /**
     * Marks the token used, unless a concurrent request did first: true when this call used it.
     * Every other open link of the contact is retired with it (one password, one valid link).
     */
    async useToken(tokenHash: string, contactId: string, now: string): Promise<boolean> {
      const result = await db
        .updateTable('portal_tokens')
        .set({ used_at: now })
        .where('token_hash', '=', tokenHash)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      await db
        .updateTable('portal_tokens')
        .set({ used_at: now })
        .where('contact_id', '=', contactId)
        .where('used_at', 'is', null)
        .execute();
      return true;
    },
  };
}

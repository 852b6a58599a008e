import type { Selectable } from 'kysely';
import type { ContactEmailsTable, ContactPhonesTable, ContactsTable, Db } from '../../db/database.ts';
import { preparedQuery } from '../../db/prepared-query.ts';
import { containsPattern, likeEscaped } from '../organizations/organization.repository.ts';
import type { Locale, OrganizationRole } from '../shared/actor.ts';
import { statusCategoryIn } from '../tickets/ticket.repository.ts';
import { UNSOLVED_CATEGORIES } from '../tickets/ticket-vocabulary.ts';

export interface ContactEmail {
  email: string;
  primary: boolean;
}

export interface ContactPhone {
  /** E.164, e.g. `+50688881234`. */
  phone: string;
  /** The number the team writes to on WhatsApp (000: "enviarle un mensaje desde nuestro WhatsApp"). */
  whatsapp: boolean;
  label: string | null;
}

export interface Contact {
  id: string;
  name: string;
  /** Title / position, e.g. "Coordinador de secundaria" (001). */
  title: string | null;
  organizationId: string | null;
  organizationName: string | null;
  organizationRole: OrganizationRole;
  locale: Locale;
  notes: string;
  emails: ContactEmail[];
  phones: ContactPhone[];
  mergedIntoId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ContactRef {
  id: string;
  name: string;
}

export interface ContactSummaryRow {
  id: string;
  name: string;
  primaryEmail: string | null;
  organizationId: string | null;
  organizationRole: OrganizationRole;
  locale: Locale;
}

export type ContactChanges = Partial<
  Pick<Contact, 'name' | 'title' | 'organizationId' | 'organizationRole' | 'locale' | 'notes'>
>;

export interface ContactFilter {
  /** Folded text matched inside the name. */
  text?: string;
  /** Lower-case text matched inside an email address. */
  emailText?: string;
  /** Digits matched inside a phone number. */
  phoneDigits?: string;
  organizationId?: string;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The order addresses are shown in, the same on both engines: the primary one, then alphabetical. */
export function sortEmails<T extends { email: string; primary: boolean }>(emails: T[]): T[] {
  return [...emails].sort((a, b) => Number(b.primary) - Number(a.primary) || byText(a.email, b.email));
}

/** Each contact's primary address (the first by `sortEmails`), for those that have one. */
export async function primaryEmailsOf(db: Db, contactIds: string[]): Promise<Map<string, string>> {
  if (contactIds.length === 0) return new Map();
  const emails = await db
    .selectFrom('contact_emails')
    .select(['contact_id', 'email', 'is_primary'])
    .where('contact_id', 'in', contactIds)
    .execute();
  const primary = new Map<string, string>();
  for (const e of sortEmails(emails.map((r) => ({ ...r, primary: r.is_primary === 1 }))).reverse()) {
    primary.set(e.contact_id, e.email);
  }
  return primary;
}

/** The WhatsApp number first, then by number. */
export function sortPhones<T extends { phone: string; whatsapp: boolean }>(phones: T[]): T[] {
  return [...phones].sort((a, b) => Number(b.whatsapp) - Number(a.whatsapp) || byText(a.phone, b.phone));
}

type ContactRow = Selectable<ContactsTable> & { organization_name: string | null };

function selectContacts(db: Db) {
  return db
    .selectFrom('contacts')
    .leftJoin('organizations', 'organizations.id', 'contacts.organization_id')
    .selectAll('contacts')
    .select('organizations.name as organization_name');
}

// One contact with its addresses and numbers: the requester of every new ticket.
const contactById = preparedQuery((db, p: { id: string }) => selectContacts(db).where('contacts.id', '=', p.id));
const emailsOfContact = preparedQuery((db, p: { contactId: string }) =>
  db.selectFrom('contact_emails').selectAll().where('contact_id', '=', p.contactId),
);
const phonesOfContact = preparedQuery((db, p: { contactId: string }) =>
  db.selectFrom('contact_phones').selectAll().where('contact_id', '=', p.contactId),
);

function toContact(
  row: ContactRow,
  emailRows: Selectable<ContactEmailsTable>[],
  phoneRows: Selectable<ContactPhonesTable>[],
): Contact {
  return {
    id: row.id,
    name: row.name,
    title: row.title,
    organizationId: row.organization_id,
    organizationName: row.organization_name,
    organizationRole: row.org_role,
    locale: row.locale,
    notes: row.notes,
    emails: sortEmails(emailRows.map((r) => ({ email: r.email, primary: r.is_primary === 1 }))),
    phones: sortPhones(phoneRows.map((r) => ({ phone: r.phone, whatsapp: r.is_whatsapp === 1, label: r.label }))),
    mergedIntoId: row.merged_into_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function byContact<T extends { contact_id: string }>(rows: T[]): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  for (const row of rows) {
    const list = grouped.get(row.contact_id);
    if (list) list.push(row);
    else grouped.set(row.contact_id, [row]);
  }
  return grouped;
}

export function contactRepository(db: Db) {
  async function hydrate(rows: ContactRow[]): Promise<Contact[]> {
    const ids = rows.map((r) => r.id);
    if (ids.length === 0) return [];
    const [emailRows, phoneRows] = await Promise.all([
      db.selectFrom('contact_emails').selectAll().where('contact_id', 'in', ids).execute(),
      db.selectFrom('contact_phones').selectAll().where('contact_id', 'in', ids).execute(),
    ]);
    const emails = byContact(emailRows);
    const phones = byContact(phoneRows);
    return rows.map((row) => toContact(row, emails.get(row.id) ?? [], phones.get(row.id) ?? []));
  }

  return {
    async find(id: string): Promise<Contact | undefined> {
      const [row] = (await contactById(db, { id })).rows;
      if (!row) return undefined;
      const [emails, phones] = await Promise.all([
        emailsOfContact(db, { contactId: id }),
        phonesOfContact(db, { contactId: id }),
      ]);
      return toContact(row, emails.rows, phones.rows);
    },

    async summaries(ids: string[]): Promise<ContactSummaryRow[]> {
      if (ids.length === 0) return [];
      const rows = await db
        .selectFrom('contacts')
        .select(['id', 'name', 'organization_id', 'org_role', 'locale'])
        .where('id', 'in', ids)
        .execute();
      const primary = await primaryEmailsOf(db, ids);
      return rows.map((row) => ({
        id: row.id,
        name: row.name,
        primaryEmail: primary.get(row.id) ?? null,
        organizationId: row.organization_id,
        organizationRole: row.org_role,
        locale: row.locale,
      }));
    },

    async emailOwners(emails: string[]): Promise<Map<string, ContactRef>> {
      if (emails.length === 0) return new Map();
      const rows = await db
        .selectFrom('contact_emails')
        .innerJoin('contacts', 'contacts.id', 'contact_emails.contact_id')
        .select(['contact_emails.email as key', 'contacts.id', 'contacts.name'])
        .where('contact_emails.email', 'in', emails)
        .execute();
      return new Map(rows.map((r) => [r.key, { id: r.id, name: r.name }]));
    },

    async phoneOwners(phones: string[]): Promise<Map<string, ContactRef>> {
      if (phones.length === 0) return new Map();
      const rows = await db
        .selectFrom('contact_phones')
        .innerJoin('contacts', 'contacts.id', 'contact_phones.contact_id')
        .select(['contact_phones.phone as key', 'contacts.id', 'contacts.name'])
        .where('contact_phones.phone', 'in', phones)
        .execute();
      return new Map(rows.map((r) => [r.key, { id: r.id, name: r.name }]));
    },

    /** Contacts not merged away, oldest first (ids are time-ordered). */
    async list(opts: { after?: string; limit: number } & ContactFilter): Promise<Contact[]> {
      let query = selectContacts(db)
        .where('contacts.merged_into_id', 'is', null)
        .orderBy('contacts.id')
        .limit(opts.limit);
      if (opts.after) query = query.where('contacts.id', '>', opts.after);
      if (opts.organizationId) query = query.where('contacts.organization_id', '=', opts.organizationId);
      const { text, emailText, phoneDigits } = opts;
      if (text || emailText || phoneDigits) {
        query = query.where((eb) =>
          eb.or([
            ...(text ? [eb('contacts.search_name', 'like', `%${text}%`)] : []),
            ...(emailText
              ? [
                  eb.exists(
                    eb
                      .selectFrom('contact_emails')
                      .select('contact_emails.email')
                      .whereRef('contact_emails.contact_id', '=', 'contacts.id')
                      .where(likeEscaped('contact_emails.email', containsPattern(emailText))),
                  ),
                ]
              : []),
            ...(phoneDigits
              ? [
                  eb.exists(
                    eb
                      .selectFrom('contact_phones')
                      .select('contact_phones.phone')
                      .whereRef('contact_phones.contact_id', '=', 'contacts.id')
                      .where('contact_phones.phone', 'like', `%${phoneDigits}%`),
                  ),
                ]
              : []),
          ]),
        );
      }
      return hydrate(await query.execute());
    },

    async insert(contact: Contact, searchName: string): Promise<void> {
      await db
        .insertInto('contacts')
        .values({
          id: contact.id,
          name: contact.name,
          search_name: searchName,
          title: contact.title,
          organization_id: contact.organizationId,
          org_role: contact.organizationRole,
          locale: contact.locale,
          notes: contact.notes,
          password_hash: null,
          merged_into_id: null,
          created_at: contact.createdAt,
          updated_at: contact.updatedAt,
        })
        .execute();
      await this.replaceEmails(contact.id, contact.emails);
      await this.replacePhones(contact.id, contact.phones);
    },

    /** Adds an address unless a contact holds it already (or is taking it in a concurrent transaction). */
    async addEmailIfFree(contactId: string, email: string, primary: boolean): Promise<boolean> {
      const row = await db
        .insertInto('contact_emails')
        .values({ email, contact_id: contactId, is_primary: primary ? 1 : 0 })
        .onConflict((oc) => oc.column('email').doNothing())
        .returning('email')
        .executeTakeFirst();
      return row !== undefined;
    },

    async addPhoneIfFree(contactId: string, phone: string): Promise<boolean> {
      const row = await db
        .insertInto('contact_phones')
        .values({ phone, contact_id: contactId, is_whatsapp: 0, label: null })
        .onConflict((oc) => oc.column('phone').doNothing())
        .returning('phone')
        .executeTakeFirst();
      return row !== undefined;
    },

    /** Marks `phone` as the contact's WhatsApp number unless one already is (a customer who wrote from it). */
    async markWhatsappPhone(contactId: string, phone: string): Promise<void> {
      const existing = await db
        .selectFrom('contact_phones')
        .select('phone')
        .where('contact_id', '=', contactId)
        .where('is_whatsapp', '=', 1)
        .executeTakeFirst();
      if (existing) return;
      await db
        .updateTable('contact_phones')
        .set({ is_whatsapp: 1 })
        .where('contact_id', '=', contactId)
        .where('phone', '=', phone)
        .execute();
    },

    /** Removes a contact this transaction created and lost a race for (its emails and phones cascade). */
    async delete(id: string): Promise<void> {
      await db.deleteFrom('contacts').where('id', '=', id).execute();
    },

    async update(id: string, changes: ContactChanges & { searchName?: string }, now: string): Promise<void> {
      await db
        .updateTable('contacts')
        .set({
          ...(changes.name !== undefined && { name: changes.name, search_name: changes.searchName }),
          ...(changes.title !== undefined && { title: changes.title }),
          ...(changes.organizationId !== undefined && { organization_id: changes.organizationId }),
          ...(changes.organizationRole !== undefined && { org_role: changes.organizationRole }),
          ...(changes.locale !== undefined && { locale: changes.locale }),
          ...(changes.notes !== undefined && { notes: changes.notes }),
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
    },

    async replaceEmails(contactId: string, emails: ContactEmail[]): Promise<void> {
      await db.deleteFrom('contact_emails').where('contact_id', '=', contactId).execute();
      if (emails.length === 0) return;
      await db
        .insertInto('contact_emails')
        .values(emails.map((e) => ({ email: e.email, contact_id: contactId, is_primary: e.primary ? 1 : 0 })))
        .execute();
    },

    async replacePhones(contactId: string, phones: ContactPhone[]): Promise<void> {
      await db.deleteFrom('contact_phones').where('contact_id', '=', contactId).execute();
      if (phones.length === 0) return;
      await db
        .insertInto('contact_phones')
        .values(
          phones.map((p) => ({
            phone: p.phone,
            contact_id: contactId,
            is_whatsapp: p.whatsapp ? 1 : 0,
            label: p.label,
          })),
        )
        .execute();
    },

    /** Tickets this contact requested that are not solved yet. */
    async openTicketCount(id: string): Promise<number> {
      const row = await db
        .selectFrom('tickets')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('requester_id', '=', id)
        .where(statusCategoryIn(UNSOLVED_CATEGORIES))
        .where('merged_into_id', 'is', null)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },

    // Merging: everything the source owns moves to the target, inside the caller's transaction.

    async moveEmails(sourceId: string, targetId: string, opts: { keepPrimary: boolean }): Promise<number> {
      const result = await db
        .updateTable('contact_emails')
        .set({ contact_id: targetId, ...(!opts.keepPrimary && { is_primary: 0 }) })
        .where('contact_id', '=', sourceId)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    async movePhones(sourceId: string, targetId: string, opts: { keepWhatsapp: boolean }): Promise<number> {
      const result = await db
        .updateTable('contact_phones')
        .set({ contact_id: targetId, ...(!opts.keepWhatsapp && { is_whatsapp: 0 }) })
        .where('contact_id', '=', sourceId)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    /** Makes the target the requester of the source's tickets; returns those tickets' ids. */
    async moveRequestedTickets(sourceId: string, targetId: string): Promise<string[]> {
      const rows = await db.selectFrom('tickets').select('id').where('requester_id', '=', sourceId).execute();
      if (rows.length === 0) return [];
      await db.updateTable('tickets').set({ requester_id: targetId }).where('requester_id', '=', sourceId).execute();
      return rows.map((r) => r.id);
    },

    /**
     * Copies the source's places on ticket CCs to the target, except where the target is copied
     * already or is the requester; returns the tickets the target was added to.
     */
    async moveCcs(sourceId: string, targetId: string): Promise<string[]> {
      const rows = await db
        .selectFrom('ticket_ccs')
        .innerJoin('tickets', 'tickets.id', 'ticket_ccs.ticket_id')
        .select('ticket_ccs.ticket_id')
        .where('ticket_ccs.contact_id', '=', sourceId)
        .where('tickets.requester_id', '!=', targetId)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('ticket_ccs as existing')
                .select('existing.ticket_id')
                .whereRef('existing.ticket_id', '=', 'ticket_ccs.ticket_id')
                .where('existing.contact_id', '=', targetId),
            ),
          ),
        )
        .execute();
      const ticketIds = rows.map((r) => r.ticket_id);
      if (ticketIds.length > 0) {
        await db
          .insertInto('ticket_ccs')
          .values(ticketIds.map((ticket_id) => ({ ticket_id, contact_id: targetId })))
          .execute();
      }
      await db.deleteFrom('ticket_ccs').where('contact_id', '=', sourceId).execute();
      return ticketIds;
    },

    /** Marks the source merged and points contacts merged into it earlier at the target. */
    async markMerged(sourceId: string, targetId: string, now: string): Promise<void> {
      await db
        .updateTable('contacts')
        .set({ merged_into_id: targetId, updated_at: now })
        .where('id', '=', sourceId)
        .execute();
      await db
        .updateTable('contacts')
        .set({ merged_into_id: targetId })
        .where('merged_into_id', '=', sourceId)
        .execute();
    },
  };
}

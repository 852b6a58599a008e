import type { Db } from '../../db/database.ts';
import { assertCan } from '../accounts/access.policy.ts';
import { retryOnUniqueViolation } from '../organizations/unique-violation.ts';
import { searchIndexRepository } from '../search/search-index.repository.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import { type CoreDeps, inTransaction } from '../shared/core-deps.ts';
import { decodeCursor, type Page, toPage } from '../shared/pagination.ts';
import { foldKey } from '../shared/text.ts';
import { ticketHistoryRepository } from '../tickets/ticket-history.repository.ts';
import {
  assertEmailsFree,
  assertPhonesFree,
  type ContactInput,
  cleanContactName,
  createContact,
  emitContact,
  indexContact,
  prepareEmails,
  preparePhones,
  resolveOrganization,
} from './contact.commands.ts';
import { type Contact, type ContactChanges, contactRepository, sortEmails, sortPhones } from './contact.repository.ts';
import { assertMayChangeCustomer } from './customer-access.policy.ts';
import { customerAccessRepository } from './customer-access.repository.ts';
import { DEFAULT_PHONE_COUNTRY } from './phone.ts';

/** "a@x.com (primary), b@x.com" as the audit log keeps it. */
function addressList(emails: readonly { email: string; primary: boolean }[]): string | null {
  if (emails.length === 0) return null;
  return emails.map((e) => (e.primary ? `${e.email} (primary)` : e.email)).join(', ');
}

export type { ContactInput } from './contact.commands.ts';
export type { Contact, ContactEmail, ContactPhone } from './contact.repository.ts';

/** What the side panel shows about a contact. */
export interface ContactDetail extends Contact {
  /** Tickets this contact requested that are not solved yet. */
  openTicketCount: number;
}

export type ContactUpdate = Partial<ContactInput>;

export interface ContactListOptions {
  cursor?: string;
  limit: number;
  q?: string;
  organizationId?: string;
}

export function createContactService(deps: CoreDeps, opts: { defaultPhoneCountry?: string } = {}) {
  const defaultCountry = opts.defaultPhoneCountry ?? DEFAULT_PHONE_COUNTRY;

  async function detail(db: Db, contact: Contact): Promise<ContactDetail> {
    return { ...contact, openTicketCount: await contactRepository(db).openTicketCount(contact.id) };
  }

  async function load(db: Db, id: string): Promise<Contact> {
    const contact = await contactRepository(db).find(id);
    if (!contact) throw new AppError('CONTACT_NOT_FOUND', 'Contact not found', { id });
    return contact;
  }

  function assertNotMerged(contact: Contact): void {
    if (contact.mergedIntoId) {
      throw new AppError('CONTACT_ALREADY_MERGED', `The contact "${contact.name}" was merged into another contact`, {
        id: contact.id,
        contactName: contact.name,
        mergedIntoId: contact.mergedIntoId,
      });
    }
  }

  return {
    async create(actor: Actor, input: ContactInput): Promise<ContactDetail> {
      assertCan(actor, 'contacts.write');
      return retryOnUniqueViolation(() =>
        inTransaction(deps, async ({ trx, now, emit }) =>
          detail(trx, await createContact(trx, now, input, emit, actor, defaultCountry)),
        ),
      );
    },

    /** Changes a contact; `emails` and `phones`, when given, replace the whole list. */
    async update(actor: Actor, id: string, input: ContactUpdate): Promise<ContactDetail> {
      assertCan(actor, 'contacts.write');
      return retryOnUniqueViolation(() =>
        inTransaction(deps, async ({ trx, now, emit }) => {
          const contacts = contactRepository(trx);
          const current = await load(trx, id);
          assertNotMerged(current);
          await assertMayChangeCustomer(trx, actor, { contactIds: [id] });
          const changes: ContactChanges = {};
          if (input.name !== undefined) changes.name = cleanContactName(input.name);
          if (input.title !== undefined) changes.title = input.title?.trim() || null;
          if (input.organizationRole !== undefined) changes.organizationRole = input.organizationRole;
          if (input.locale !== undefined) changes.locale = input.locale;
          if (input.notes !== undefined) changes.notes = input.notes.trim();
          const emails = input.emails === undefined ? undefined : prepareEmails(input.emails);
          const phones =
            input.phones === undefined
              ? undefined
              : preparePhones(input.phones, input.defaultCountry ?? defaultCountry);
          if (emails) await assertEmailsFree(trx, emails, id);
          if (phones) await assertPhonesFree(trx, phones, id);
          const organizationId = await resolveOrganization(trx, now, input, emit, actor);
          if (organizationId !== undefined) changes.organizationId = organizationId;

          const changed: string[] = (Object.keys(changes) as (keyof ContactChanges)[]).filter(
            (field) => changes[field] !== current[field],
          );
          const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
          if (emails && !same(sortEmails(emails), current.emails)) changed.push('emails');
          if (phones && !same(sortPhones(phones), current.phones)) changed.push('phones');
          if (changed.length === 0) return detail(trx, current);

          await contacts.update(id, { ...changes, searchName: changes.name && foldKey(changes.name) }, now);
          if (emails && changed.includes('emails')) {
            await contacts.replaceEmails(id, emails);
            // Where a customer's mail goes is audited: who changed it, when, from what to what.
            await customerAccessRepository(trx).audit({
              entityId: id,
              field: 'emails',
              from: addressList(current.emails),
              to: addressList(sortEmails(emails)),
              actor,
              at: now,
            });
          }
          if (phones && changed.includes('phones')) await contacts.replacePhones(id, phones);
          const updated = await load(trx, id);
          await indexContact(trx, updated);
          emitContact(emit, 'contact.updated', updated, actor, { changed });
          return detail(trx, updated);
        }),
      );
    },

    async get(actor: Actor, id: string): Promise<ContactDetail> {
      assertCan(actor, 'contacts.read');
      return detail(deps.db, await load(deps.db, id));
    },

    /** Contacts not merged away; `q` matches the name (ignoring accents), an address or a number. */
    async list(actor: Actor, opts: ContactListOptions): Promise<Page<Contact>> {
      assertCan(actor, 'contacts.read');
      const q = opts.q?.trim();
      const digits = q?.replace(/\D/g, '') ?? '';
      const rows = await contactRepository(deps.db).list({
        after: decodeCursor(opts.cursor),
        limit: opts.limit + 1,
        organizationId: opts.organizationId,
        ...(q && {
          text: foldKey(q) || undefined,
          emailText: q.toLowerCase(),
          phoneDigits: digits.length >= 3 ? digits : undefined,
        }),
      });
      return toPage(rows, opts.limit, (c) => c.id);
    },

    /**
     * Merges `sourceId` into `targetId` in one transaction: the source's addresses, numbers,
     * requested tickets and CC places move to the target, blanks of the target are filled from
     * the source, and the source is kept only as a pointer (`mergedIntoId`) for old links.
     */
    async merge(actor: Actor, targetId: string, sourceId: string): Promise<ContactDetail> {
      assertCan(actor, 'contacts.write');
      if (targetId === sourceId) {
        throw new AppError('CONTACT_MERGE_INVALID', 'A contact cannot be merged into itself', {
          field: 'sourceId',
          id: sourceId,
        });
      }
      return inTransaction(deps, async ({ trx, now, emit }) => {
        const contacts = contactRepository(trx);
        const target = await load(trx, targetId);
        const source = await contacts.find(sourceId);
        if (!source) {
          throw new AppError('REFERENCE_NOT_FOUND', `No contact has the id ${sourceId}`, {
            field: 'sourceId',
            id: sourceId,
          });
        }
        assertNotMerged(target);
        assertNotMerged(source);
        await assertMayChangeCustomer(trx, actor, { contactIds: [target.id, source.id] });

        const movedEmails = await contacts.moveEmails(source.id, target.id, {
          keepPrimary: target.emails.length === 0,
        });
        const movedPhones = await contacts.movePhones(source.id, target.id, {
          keepWhatsapp: !target.phones.some((p) => p.whatsapp),
        });
        const ticketIds = await contacts.moveRequestedTickets(source.id, target.id);
        const ccTicketIds = await contacts.moveCcs(source.id, target.id);
        const history = ticketHistoryRepository(trx);
        for (const ticketId of ticketIds) {
          await history.record({
            ticketId,
            actor,
            via: actor.kind === 'system' ? 'system' : 'console',
            now,
            changes: [{ field: 'requesterId', from: source.id, to: target.id }],
          });
        }
        const filled: ContactChanges = {
          ...(!target.title && source.title && { title: source.title }),
          ...(!target.organizationId && source.organizationId && { organizationId: source.organizationId }),
          ...(source.notes && { notes: target.notes ? `${target.notes}\n\n${source.notes}` : source.notes }),
        };
        await contacts.update(target.id, filled, now);
        await contacts.markMerged(source.id, target.id, now);

        const merged = await load(trx, target.id);
        if (movedEmails > 0) {
          const audit = customerAccessRepository(trx);
          const moved = { field: 'emails', actor, at: now };
          await audit.audit({
            ...moved,
            entityId: target.id,
            from: addressList(target.emails),
            to: addressList(merged.emails),
          });
          await audit.audit({ ...moved, entityId: source.id, from: addressList(source.emails), to: null });
        }
        await searchIndexRepository(trx).remove('contact', source.id);
        await indexContact(trx, merged);
        emitContact(emit, 'contact.merged', merged, actor, {
          sourceId: source.id,
          targetId: merged.id,
          movedEmails,
          movedPhones,
          ticketIds,
          ccTicketIds,
        });
        return detail(trx, merged);
      });
    },
  };
}

export type ContactService = ReturnType<typeof createContactService>;

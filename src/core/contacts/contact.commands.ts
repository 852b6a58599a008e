import type { Db } from '../../db/database.ts';
import { normalizeEmail } from '../accounts/agent.service.ts';
import { findOrCreateOrganizationByName, organizationForEmail } from '../organizations/organization.commands.ts';
import { organizationRepository } from '../organizations/organization.repository.ts';
import { searchIndexRepository } from '../search/search-index.repository.ts';
import type { Actor, Locale, OrganizationRole } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import type { UnitOfWork } from '../shared/core-deps.ts';
import { newId } from '../shared/ids.ts';
import { foldKey } from '../shared/text.ts';
import { type Contact, type ContactEmail, type ContactPhone, contactRepository } from './contact.repository.ts';
import { DEFAULT_PHONE_COUNTRY, normalizePhone } from './phone.ts';

/** Who a ticket is for, as a channel or an agent names them. */
export interface RequesterInput {
  id?: string;
  email?: string;
  name?: string;
  phone?: string;
  /** The organization a newly created contact joins (instead of joining by email domain). */
  organizationId?: string | null;
}

export interface ContactSummary {
  id: string;
  name: string;
  primaryEmail: string | null;
  organizationId: string | null;
  organizationRole: OrganizationRole;
  locale: Locale;
}

export interface ContactInput {
  name: string;
  title?: string | null;
  /** `null` keeps the contact out of any organization; absent joins by email domain. */
  organizationId?: string | null;
  /** Finds the organization by its normalized name or creates it (001: registering on the fly). */
  organizationName?: string;
  organizationRole?: OrganizationRole;
  locale?: Locale;
  notes?: string;
  emails?: { email: string; primary?: boolean }[];
  phones?: { phone: string; whatsapp?: boolean; label?: string | null }[];
  /** The country of numbers written without +; Costa Rica unless the service is told otherwise. */
  defaultCountry?: string;
}

type Emit = UnitOfWork['emit'];

const MAX_MERGE_HOPS = 20;

/**
 * Finds the contact by id, email or phone, or creates it (joining an organization by email
 * domain); 422 REFERENCE_NOT_FOUND for an unknown id; 400 when neither id, email nor phone is given.
 * A contact merged into another answers as the one it was merged into.
 */
export async function findOrCreateContact(
  trx: Db,
  now: string,
  input: RequesterInput,
  emit: Emit,
  actor: Actor,
): Promise<{ contact: ContactSummary; created: boolean }> {
  const contacts = contactRepository(trx);
  if (input.id !== undefined) {
    let contact = await contacts.find(input.id);
    for (let hops = 0; contact?.mergedIntoId && hops < MAX_MERGE_HOPS; hops++) {
      contact = await contacts.find(contact.mergedIntoId);
    }
    if (!contact) {
      throw new AppError('REFERENCE_NOT_FOUND', `No contact has the id ${input.id}`, {
        field: 'requester.id',
        id: input.id,
      });
    }
    return { contact: await joinIfOrphan(trx, now, contact, input.organizationId, emit, actor), created: false };
  }

  const email = input.email?.trim() ? cleanEmail(input.email, 'requester.email') : null;
  const phone = input.phone?.trim() ? cleanPhone(input.phone, DEFAULT_PHONE_COUNTRY, 'requester.phone') : null;
  if (!email && !phone) {
    throw new AppError('VALIDATION_FAILED', 'A requester needs a contact id, an email address or a phone number', {
      field: 'requester',
    });
  }
  const existing = await findByEmailOrPhone(trx, email, phone);
  if (existing) {
    return { contact: await joinIfOrphan(trx, now, existing, input.organizationId, emit, actor), created: false };
  }

  const organizationId = input.organizationId
    ? await assertOrganization(trx, input.organizationId)
    : email
      ? ((await organizationForEmail(trx, email))?.id ?? null)
      : null;
  const name = input.name?.trim().replace(/\s+/g, ' ') || (email ? nameFromEmail(email) : (phone as string));
  const contact: Contact = {
    id: newId(),
    name,
    title: null,
    organizationId,
    organizationName: null,
    organizationRole: 'member',
    locale: 'es',
    notes: '',
    emails: [],
    phones: [],
    mergedIntoId: null,
    createdAt: now,
    updatedAt: now,
  };
  await contacts.insert(contact, foldKey(name));
  // Two messages from a new sender can arrive at once: whoever stores the address first wins,
  // and the other transaction answers with the winner instead of failing.
  const claimed =
    (!email || (await contacts.addEmailIfFree(contact.id, email, true))) &&
    (!phone || (await contacts.addPhoneIfFree(contact.id, phone)));
  if (!claimed) {
    await contacts.delete(contact.id);
    const winner = await findByEmailOrPhone(trx, email, phone);
    if (winner) return { contact: toSummary(winner), created: false };
    throw new AppError('CONFLICT', 'The contact is being created by someone else; try again');
  }
  const created = (await contacts.find(contact.id)) as Contact;
  await indexContact(trx, created);
  emitContact(emit, 'contact.created', created, actor, { name: created.name });
  return { contact: toSummary(created), created: true };
}

/** The contacts with these ids (merged ones included, as they are), keyed by id; unknown ids are absent. */
export async function getContactSummaries(db: Db, ids: string[]): Promise<Map<string, ContactSummary>> {
  const rows = await contactRepository(db).summaries([...new Set(ids)]);
  return new Map(rows.map((row) => [row.id, row]));
}

/** Creates a contact from an agent's form or the API, inside the caller's transaction. */
export async function createContact(
  trx: Db,
  now: string,
  input: ContactInput,
  emit: Emit,
  actor: Actor,
  defaultCountry: string,
): Promise<Contact> {
  const name = cleanContactName(input.name);
  const emails = prepareEmails(input.emails ?? []);
  const phones = preparePhones(input.phones ?? [], input.defaultCountry ?? defaultCountry);
  await assertEmailsFree(trx, emails);
  await assertPhonesFree(trx, phones);
  const organizationId = await resolveOrganization(trx, now, input, emit, actor);
  const joined = organizationId === undefined ? await joinByDomain(trx, emails) : organizationId;
  const contact: Contact = {
    id: newId(),
    name,
    title: input.title?.trim() || null,
    organizationId: joined,
    organizationName: null,
    organizationRole: input.organizationRole ?? 'member',
    locale: input.locale ?? 'es',
    notes: input.notes?.trim() ?? '',
    emails,
    phones,
    mergedIntoId: null,
    createdAt: now,
    updatedAt: now,
  };
  await contactRepository(trx).insert(contact, foldKey(name));
  const created = (await contactRepository(trx).find(contact.id)) as Contact;
  await indexContact(trx, created);
  emitContact(emit, 'contact.created', created, actor, { name: created.name });
  return created;
}

/**
 * The organization a write names: by id (422 when unknown), by name (found or created), `null`
 * for none, or `undefined` when the input does not say.
 */
export async function resolveOrganization(
  trx: Db,
  now: string,
  input: Pick<ContactInput, 'organizationId' | 'organizationName'>,
  emit: Emit,
  actor: Actor,
): Promise<string | null | undefined> {
  if (input.organizationId !== undefined && input.organizationName !== undefined) {
    throw new AppError('VALIDATION_FAILED', 'Give organizationId or organizationName, not both', {
      field: 'organizationName',
    });
  }
  if (input.organizationName !== undefined) {
    return (await findOrCreateOrganizationByName(trx, now, input.organizationName, emit, actor)).organization.id;
  }
  if (input.organizationId === undefined || input.organizationId === null) return input.organizationId;
  return assertOrganization(trx, input.organizationId);
}

/** The organization of the first address (primary first) whose domain belongs to one. */
export async function joinByDomain(trx: Db, emails: ContactEmail[]): Promise<string | null> {
  for (const { email } of emails) {
    const organization = await organizationForEmail(trx, email);
    if (organization) return organization.id;
  }
  return null;
}

/** Normalized addresses, duplicates dropped, exactly one primary (the first unless one is marked). */
export function prepareEmails(input: { email: string; primary?: boolean }[]): ContactEmail[] {
  if (input.filter((e) => e.primary).length > 1) {
    throw new AppError('VALIDATION_FAILED', 'Only one email address can be the primary one', { field: 'emails' });
  }
  const byAddress = new Map<string, boolean>();
  input.forEach((entry, i) => {
    const email = cleanEmail(entry.email, `emails[${i}]`);
    byAddress.set(email, (byAddress.get(email) ?? false) || entry.primary === true);
  });
  const emails = [...byAddress].map(([email, primary]) => ({ email, primary }));
  if (emails.length > 0 && !emails.some((e) => e.primary)) (emails[0] as ContactEmail).primary = true;
  return emails.sort((a, b) => Number(b.primary) - Number(a.primary));
}

/** Numbers in E.164, duplicates dropped; at most one is the WhatsApp number. */
export function preparePhones(
  input: { phone: string; whatsapp?: boolean; label?: string | null }[],
  defaultCountry: string,
): ContactPhone[] {
  if (input.filter((p) => p.whatsapp).length > 1) {
    throw new AppError('VALIDATION_FAILED', 'Only one phone number can be the WhatsApp one', { field: 'phones' });
  }
  const byNumber = new Map<string, ContactPhone>();
  input.forEach((entry, i) => {
    const phone = cleanPhone(entry.phone, defaultCountry, `phones[${i}]`);
    const previous = byNumber.get(phone);
    byNumber.set(phone, {
      phone,
      whatsapp: (previous?.whatsapp ?? false) || entry.whatsapp === true,
      label: entry.label?.trim() || previous?.label || null,
    });
  });
  return [...byNumber.values()];
}

/** 409 naming the contact that already has one of these addresses (case never matters: they are folded). */
export async function assertEmailsFree(trx: Db, emails: ContactEmail[], self?: string): Promise<void> {
  const owners = await contactRepository(trx).emailOwners(emails.map((e) => e.email));
  for (const [email, owner] of owners) {
    if (owner.id === self) continue;
    throw new AppError('EMAIL_TAKEN_BY_CONTACT', `The email ${email} already belongs to the contact "${owner.name}"`, {
      field: 'emails',
      email,
      contact: owner,
      contactName: owner.name,
    });
  }
}

export async function assertPhonesFree(trx: Db, phones: ContactPhone[], self?: string): Promise<void> {
  const owners = await contactRepository(trx).phoneOwners(phones.map((p) => p.phone));
  for (const [phone, owner] of owners) {
    if (owner.id === self) continue;
    throw new AppError(
      'PHONE_TAKEN_BY_CONTACT',
      `The phone number ${phone} already belongs to the contact "${owner.name}"`,
      { field: 'phones', phone, contact: owner, contactName: owner.name },
    );
  }
}

export function cleanContactName(raw: string): string {
  const name = raw.trim().replace(/\s+/g, ' ');
  if (!name) throw new AppError('VALIDATION_FAILED', 'The name must not be empty', { field: 'name' });
  return name;
}

// Staff search finds a contact by any address or number, also as dialled locally (8888 1234).
export async function indexContact(trx: Db, contact: Contact): Promise<void> {
  await searchIndexRepository(trx).upsert({
    kind: 'contact',
    ref_id: contact.id,
    ticket_id: null,
    organization_id: contact.organizationId,
    visibility: 'internal',
    title: contact.name,
    body: [
      contact.title,
      ...contact.emails.map((e) => e.email),
      ...contact.phones.flatMap((p) => [p.phone, p.phone.replace(/^\+(506|52|1)/, '')]),
    ]
      .filter(Boolean)
      .join(' '),
  });
}

export function emitContact(
  emit: Emit,
  type: 'contact.created' | 'contact.updated' | 'contact.merged',
  contact: Contact,
  actor: Actor,
  data: Record<string, unknown>,
): void {
  emit({ type, organizationId: contact.organizationId, actor, data: { contactId: contact.id, ...data } });
}

export function toSummary(contact: Contact): ContactSummary {
  return {
    id: contact.id,
    name: contact.name,
    primaryEmail: contact.emails.find((e) => e.primary)?.email ?? contact.emails[0]?.email ?? null,
    organizationId: contact.organizationId,
    organizationRole: contact.organizationRole,
    locale: contact.locale,
  };
}

async function findByEmailOrPhone(trx: Db, email: string | null, phone: string | null): Promise<Contact | undefined> {
  const contacts = contactRepository(trx);
  const owner =
    (email ? (await contacts.emailOwners([email])).get(email) : undefined) ??
    (phone ? (await contacts.phoneOwners([phone])).get(phone) : undefined);
  return owner && contacts.find(owner.id);
}

/** A known contact without an organization joins the one the agent named for this ticket. */
async function joinIfOrphan(
  trx: Db,
  now: string,
  contact: Contact,
  organizationId: string | null | undefined,
  emit: Emit,
  actor: Actor,
): Promise<ContactSummary> {
  if (!organizationId || contact.organizationId) return toSummary(contact);
  await assertOrganization(trx, organizationId);
  await contactRepository(trx).update(contact.id, { organizationId }, now);
  const updated = (await contactRepository(trx).find(contact.id)) as Contact;
  await indexContact(trx, updated);
  emitContact(emit, 'contact.updated', updated, actor, { changed: ['organizationId'] });
  return toSummary(updated);
}

async function assertOrganization(trx: Db, id: string): Promise<string> {
  if (!(await organizationRepository(trx).existingRef(id))) {
    throw new AppError('REFERENCE_NOT_FOUND', `No organization has the id ${id}`, { field: 'organizationId', id });
  }
  return id;
}

function cleanEmail(raw: string, field: string): string {
  try {
    return normalizeEmail(raw);
  } catch (error) {
    if (error instanceof AppError) throw new AppError(error.code, error.message, { ...error.details, field });
    throw error;
  }
}

function cleanPhone(raw: string, country: string, field: string): string {
  try {
    return normalizePhone(raw, country);
  } catch (error) {
    if (error instanceof AppError) throw new AppError(error.code, error.message, { ...error.details, field });
    throw error;
  }
}

/** "jesus.rodriguez@acme.mx" → "Jesus Rodriguez": a readable name until someone writes the real one. */
function nameFromEmail(email: string): string {
  const local = email.slice(0, email.indexOf('@'));
  const words = local.split(/[._+-]+/).filter((w) => w && !/^\d+$/.test(w));
  return words.length > 0 ? words.map((w) => (w[0] as string).toUpperCase() + w.slice(1)).join(' ') : local;
}

import { newId } from '../core/shared/ids.ts';
import { foldKey } from '../core/shared/text.ts';
import type { Db } from '../db/database.ts';

export interface TicketFixture {
  id: string;
  number: string;
  subject: string;
  departmentId: string | null;
  assigneeId: string | null;
  requesterId: string;
  organizationId: string | null;
  contact: { id: string; name: string; email: string };
  organization: { id: string; name: string; code: string | null } | null;
}

export interface TicketFixtureOptions {
  subject?: string;
  departmentId?: string | null;
  assigneeId?: string | null;
  contactName?: string;
  contactEmail?: string;
  /** An organization for the requester; `null` for a contact without one. */
  organization?: { name?: string; code?: string | null } | null;
  /** Reuse the requester (and organization) of another fixture. */
  requester?: TicketFixture;
}

let sequence = 0;

/**
 * A ticket written straight into the tables (a status, a contact with an email, an organization
 * and the ticket), so conversation and work tests do not depend on the ticket service.
 */
export async function createTicketFixture(db: Db, options: TicketFixtureOptions = {}): Promise<TicketFixture> {
  sequence++;
  const now = new Date().toISOString();
  const statusId = await openStatus(db, now);

  let organization = options.requester?.organization ?? null;
  if (!options.requester && options.organization !== null) {
    const name = options.organization?.name ?? `Comercial Fixture ${sequence} ${newId().slice(-6)} S.A.`;
    const code = options.organization?.code === undefined ? String(1000 + sequence) : options.organization.code;
    organization = { id: newId(), name, code };
    await db
      .insertInto('organizations')
      .values({
        id: organization.id,
        name,
        name_key: foldKey(name),
        search_name: foldKey(name),
        code,
        code_key: code ? `${foldKey(code)} ${organization.id}` : null,
        tax_id: null,
        tax_id_key: null,
        tier: 'general',
        account_leader_id: null,
        notes: '',
        tags: '[]',
        created_at: now,
        updated_at: now,
      })
      .execute();
  }

  let contact = options.requester?.contact;
  if (!contact) {
    const name = options.contactName ?? 'Jesús Adrián Rodríguez';
    const email = options.contactEmail ?? `cliente${sequence}.${newId().slice(-8)}@example.com`;
    contact = { id: newId(), name, email };
    await db
      .insertInto('contacts')
      .values({
        id: contact.id,
        name,
        search_name: foldKey(name),
        title: null,
        organization_id: organization?.id ?? null,
        org_role: 'member',
        locale: 'es',
        notes: '',
        password_hash: null,
        merged_into_id: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await db.insertInto('contact_emails').values({ email, contact_id: contact.id, is_primary: 1 }).execute();
  }

  const ticket = {
    id: newId(),
    number: `OP${10_000 + sequence}`,
    subject: options.subject ?? 'Desbloqueo de usuario',
  };
  await db
    .insertInto('tickets')
    .values({
      id: ticket.id,
      number: ticket.number,
      subject: ticket.subject,
      status_id: statusId,
      status_category: 'open',
      priority: 2,
      type_id: null,
      category_id: null,
      department_id: options.departmentId ?? null,
      assignee_id: options.assigneeId ?? null,
      requester_id: contact.id,
      organization_id: organization?.id ?? null,
      channel: 'email',
      flag: null,
      due_at: null,
      custom_fields: '{}',
      tags: '[]',
      split_from_id: null,
      merged_into_id: null,
      first_response_at: null,
      solved_at: null,
      closed_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return {
    ...ticket,
    departmentId: options.departmentId ?? null,
    assigneeId: options.assigneeId ?? null,
    requesterId: contact.id,
    organizationId: organization?.id ?? null,
    contact,
    organization,
  };
}

async function openStatus(db: Db, now: string): Promise<string> {
  const existing = await db
    .selectFrom('ticket_statuses')
    .select('id')
    .where('category', '=', 'open')
    .executeTakeFirst();
  if (existing) return existing.id;
  const id = newId();
  await db
    .insertInto('ticket_statuses')
    .values({
      id,
      name: 'ABIERTO',
      name_key: foldKey('ABIERTO'),
      customer_label: 'En atención',
      category: 'open',
      position: 1,
      active: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

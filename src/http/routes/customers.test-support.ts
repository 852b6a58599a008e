import { newId } from '../../core/shared/ids.ts';
import type { Db, StatusCategory } from '../../db/database.ts';
import { unique } from '../../testing/test-app.ts';

/**
 * A ticket row written straight into the tables, with a status of its own, for tests of the
 * customer modules that need tickets to count or to move (the ticket API is not under test here).
 */
export async function insertTicketRow(
  db: Db,
  opts: { requesterId: string; organizationId?: string | null; category?: StatusCategory; ccContactIds?: string[] },
): Promise<string> {
  const now = new Date().toISOString();
  const category = opts.category ?? 'open';
  const statusName = unique(`Estado ${category} `);
  const statusId = newId();
  await db
    .insertInto('ticket_statuses')
    .values({
      id: statusId,
      name: statusName,
      name_key: statusName.toLowerCase(),
      customer_label: null,
      category,
      position: 1,
      active: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const id = newId();
  await db
    .insertInto('tickets')
    .values({
      id,
      number: unique('T').toUpperCase(),
      subject: 'Desbloqueo de usuario',
      status_id: statusId,
      status_category: category,
      priority: 2,
      type_id: null,
      category_id: null,
      department_id: null,
      assignee_id: null,
      requester_id: opts.requesterId,
      organization_id: opts.organizationId ?? null,
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
  for (const contactId of opts.ccContactIds ?? []) {
    await db.insertInto('ticket_ccs').values({ ticket_id: id, contact_id: contactId }).execute();
  }
  return id;
}

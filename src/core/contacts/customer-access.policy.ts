import type { Db } from '../../db/database.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import { customerAccessRepository } from './customer-access.repository.ts';

/**
 * Who may change a customer (a contact's details and addresses, a merge, an organization): staff
 * may read every customer, but a plain agent may change one only while none of its tickets lies
 * outside what the agent can open (their departments, triage, or assigned to them). Otherwise an
 * agent of one department could redirect another department's customer mail. Admins and
 * supervisors see every ticket, so they may always.
 */
export async function assertMayChangeCustomer(
  db: Db,
  actor: Actor,
  scope: { contactIds?: string[]; organizationId?: string },
): Promise<void> {
  if (actor.kind !== 'agent' || actor.role !== 'agent') return;
  if (await customerAccessRepository(db).hasTicketsOutside(actor, scope)) {
    throw new AppError(
      'CUSTOMER_OUTSIDE_DEPARTMENTS',
      'This customer has tickets in departments that are not yours; ask a supervisor to make the change',
      scope,
    );
  }
}

import type { Db } from '../../db/database.ts';
import type { Actor } from '../shared/actor.ts';
import { applyFilters, visibleTo } from '../tickets/ticket.repository.ts';
import type { ReportScope } from './report.ts';

/**
 * The tickets a report counts: those the actor may see (an agent, their departments'; supervisors
 * and admins, all), matching the report's filters, merged duplicates left out.
 */
export function reportTickets(db: Db, actor: Actor, scope: ReportScope) {
  return db
    .selectFrom('tickets')
    .where(visibleTo(actor))
    .where((eb) => applyFilters(eb, scope.tickets))
    .where('tickets.merged_into_id', 'is', null);
}

/** The ids of `reportTickets`, as a subquery for reports that start from another table. */
export function reportTicketIds(db: Db, actor: Actor, scope: ReportScope) {
  return reportTickets(db, actor, scope).select('tickets.id');
}

import type { ExpressionBuilder } from 'kysely';
import type { Database, Db } from '../../db/database.ts';
import type { Actor } from '../shared/actor.ts';
import { applyFilters, visibleTo } from '../tickets/ticket.repository.ts';
import type { ReportScope } from './report.ts';

/**
 * The tickets a report counts: those the actor may see (an agent, their departments'; supervisors
 * and admins, all), matching the report's filters, merged duplicates left out.
 */
export function reportTickets(db: Db, actor: Actor, scope: ReportScope) {
  return db.selectFrom('tickets').where(countedTicket(actor, scope));
}

/**
 * The same rule as a condition on a query that joins `tickets` (time entries, surveys, SLA targets):
 * the database can start from the period's rows and look each ticket up, where an `in (subquery)`
 * would first list every ticket the actor may see.
 */
export function countedTicket(actor: Actor, scope: ReportScope) {
  return (eb: ExpressionBuilder<Database, 'tickets'>) =>
    eb.and([visibleTo(actor)(eb), applyFilters(eb, scope.tickets), eb('tickets.merged_into_id', 'is', null)]);
}

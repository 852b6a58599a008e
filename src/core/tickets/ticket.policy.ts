import type { Actor } from '../shared/actor.ts';

/** The fields of a ticket that decide who may see it. */
export interface TicketVisibility {
  departmentId: string | null;
  assigneeId: string | null;
  requesterId: string;
  organizationId: string | null;
  ccContactIds?: string[];
  followerIds?: string[];
}

/**
 * Who may see a ticket. Admins and supervisors: all. Agents: their departments' tickets, tickets
 * with no department yet (triage), and tickets assigned to or followed by them. Contacts: tickets
 * they requested or are copied on; owners, admins and main contacts: their organization's.
 */
export function canSeeTicket(actor: Actor, ticket: TicketVisibility): boolean {
  switch (actor.kind) {
    case 'system':
      return true;
    case 'agent':
      return (
        actor.role !== 'agent' ||
        ticket.departmentId === null ||
        actor.departmentIds.includes(ticket.departmentId) ||
        ticket.assigneeId === actor.id ||
        (ticket.followerIds ?? []).includes(actor.id)
      );
    case 'contact':
      return (
        ticket.requesterId === actor.id ||
        (ticket.ccContactIds ?? []).includes(actor.id) ||
        (actor.organizationRole !== 'member' &&
          actor.organizationId !== null &&
          ticket.organizationId === actor.organizationId)
      );
  }
}

/** Internal notes and history are for staff only, on every route. */
export function canSeeInternal(actor: Actor): boolean {
  return actor.kind !== 'contact';
}

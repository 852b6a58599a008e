import type { Actor, Role } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';

const STAFF: readonly Role[] = ['admin', 'supervisor', 'agent'];
const ADMIN: readonly Role[] = ['admin'];
const SUPERVISORS: readonly Role[] = ['admin', 'supervisor'];

/**
 * The one table of who may do what. Every HTTP route names one of these (or is public), and
 * services check them again, so a new entry point cannot skip the rule.
 */
export const PERMISSIONS = {
  'session.self': STAFF,
  'agents.read': STAFF,
  'agents.write': ADMIN,
  'departments.read': STAFF,
  'departments.write': ADMIN,
  'organizations.read': STAFF,
  'organizations.write': STAFF,
  'contacts.read': STAFF,
  'contacts.write': STAFF,
  'tokens.own': STAFF,
  'tokens.any': ADMIN,
  'system.read': ADMIN,
  'messages.read': STAFF,
  'messages.write': STAFF,
  'macros.read': STAFF,
  'macros.manage': SUPERVISORS,
  'work.read': STAFF,
  'work.write': STAFF,
  'tickets.read': STAFF,
  'tickets.write': STAFF,
  'tickets.bulk': STAFF,
  'ticket_settings.manage': ADMIN,
  'settings.manage': ADMIN,
  'mail.manage': ADMIN,
  'whatsapp.manage': ADMIN,
  'views.manage_shared': SUPERVISORS,
  'automation.read': STAFF,
  'automation.manage': ADMIN,
  'notifications.own': STAFF,
  'notifications.matrix': ADMIN,
  'contracts.read': STAFF,
  'contracts.manage': SUPERVISORS,
  // Issue 19: supervisors write the team's playbooks and protocols; every agent applies them.
  'playbooks.manage': SUPERVISORS,
  'protocols.manage': SUPERVISORS,
  // Agents see their departments' figures only (reports filter like ticket lists do).
  'reports.read': STAFF,
  // The knowledge base: every agent reads and writes it (an article from a ticket's solution).
  'kb.read': STAFF,
  'kb.write': STAFF,
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function isPermission(value: unknown): value is Permission {
  return typeof value === 'string' && Object.hasOwn(PERMISSIONS, value);
}

export function can(actor: Actor, permission: Permission): boolean {
  if (actor.kind === 'system') return true;
  if (actor.kind !== 'agent') return false;
  return (PERMISSIONS[permission] as readonly Role[]).includes(actor.role);
}

export function assertCan(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) {
    throw new AppError('FORBIDDEN', 'You do not have permission to do this', { permission });
  }
}

/** Admins and supervisors see every department; agents, their own. */
export function canActInDepartment(actor: Actor, departmentId: string): boolean {
  if (actor.kind === 'system') return true;
  if (actor.kind !== 'agent') return false;
  return actor.role !== 'agent' || actor.departmentIds.includes(departmentId);
}

/**
 * Reading tickets: staff by permission; a contact always, because every ticket query filters a
 * contact down to their own (or their organization's) tickets.
 */
export function assertMayReadTickets(actor: Actor): void {
  if (actor.kind !== 'contact') assertCan(actor, 'tickets.read');
}

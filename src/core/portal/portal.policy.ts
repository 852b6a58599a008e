import type { Actor, OrganizationRole } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import type { PortalAccount } from './portal-account.repository.ts';

/** What a portal route declares as its access: only a signed-in contact may call it. */
export const PORTAL_ACCESS = 'portal.self';
export type PortalAccess = typeof PORTAL_ACCESS;

export type ContactActor = Extract<Actor, { kind: 'contact' }>;

/** 004: the main contact (or the organization's owner or admin) manages the company's portal users. */
const MAIN_CONTACT_ROLES: readonly OrganizationRole[] = ['owner', 'admin', 'main_contact'];

export function isMainContact(role: OrganizationRole): boolean {
  return MAIN_CONTACT_ROLES.includes(role);
}

/** A deactivated contact, a merged one, or any contact of an inactive organization stays out. */
export function maySignIn(account: PortalAccount): boolean {
  return account.active && account.organizationActive && !account.merged;
}

/** The organization a main contact manages; a member (or a contact without one) is refused. */
export function assertMainContact(actor: ContactActor): string {
  if (!actor.organizationId || !isMainContact(actor.organizationRole)) {
    throw new AppError('PORTAL_MAIN_CONTACT_ONLY', "Only your organization's main contact can manage its users");
  }
  return actor.organizationId;
}

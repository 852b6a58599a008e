import { sessionRepository } from '../core/accounts/session.repository.ts';
import type { OrganizationRole } from '../core/shared/actor.ts';
import { hashSecret, newSecret } from '../core/shared/ids.ts';
import type { Db } from '../db/database.ts';
import { SYSTEM_ACTOR, type TestApp, unique } from './test-app.ts';

export interface ContactSession {
  cookie: string;
  csrfToken: string;
  contactId: string;
}

/** A contact (created through the domain) of `organizationId`, with the given organization role. */
export async function createContact(
  t: TestApp,
  organizationId: string | null,
  organizationRole: OrganizationRole = 'member',
): Promise<string> {
  const contact = await t.services.contacts.create(SYSTEM_ACTOR, {
    name: 'Marta Solís',
    organizationId,
    organizationRole,
    emails: [{ email: `${unique('cliente')}@example.com` }],
  });
  return contact.id;
}

export async function createOrganization(t: TestApp): Promise<string> {
  return (await t.services.organizations.create(SYSTEM_ACTOR, { name: unique('Cliente S.A. ') })).id;
}

/**
 * A portal session of a contact, written to the sessions table as the portal's sign-in writes it.
 * For tests that sign in dozens of contacts (the isolation property): each real sign-in costs an
 * argon2 hash and check, and these tests are about what a contact sees, not about signing in.
 */
export async function contactSession(t: TestApp, db: Db, contactId: string): Promise<ContactSession> {
  const token = newSecret(32);
  const csrfToken = newSecret(32);
  const now = t.clock.now();
  await sessionRepository(db).insert({
    id: hashSecret(token),
    principalKind: 'contact',
    principalId: contactId,
    csrfToken,
    ip: null,
    userAgent: null,
    createdAt: now.toISOString(),
    lastSeenAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + 3_600_000).toISOString(),
  });
  return { cookie: `tiquete_session=${t.app.signCookie(token)}`, csrfToken, contactId };
}

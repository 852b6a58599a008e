import type { Db } from '../../db/database.ts';
import { FORGET_WHEN_DONE, outboxRepository } from '../outbox/outbox.repository.ts';
import { AppError } from '../shared/app-error.ts';
import { hashSecret, newSecret } from '../shared/ids.ts';
import type { SecretBox } from '../shared/secret-box.ts';
import { type PortalAccount, type PortalTokenPurpose, portalAccountRepository } from './portal-account.repository.ts';

/** The mail carrying a set-password link (`email.portal_access@1`). */
export const PORTAL_ACCESS_JOB = 'email.portal_access@1';

/** Issue 15: an invitation link lasts 72 h, a forgotten-password link 1 h. */
export const LINK_LIFETIME_MS: Record<PortalTokenPurpose, number> = {
  invitation: 72 * 3600_000,
  reset: 3600_000,
};

/** The portal page both kinds of link open. */
export function setPasswordLink(publicUrl: string, token: string): string {
  return `${publicUrl}/portal/set-password?token=${encodeURIComponent(token)}`;
}

/**
 * Creates a single-use link for the contact (only its hash is stored) and queues the mail that
 * carries it, in the caller's transaction. The link waits in the outbox sealed (a dump of the
 * database does not give it away) and is deleted from the row once the mail is sent or given up.
 */
export async function sendAccessLink(
  trx: Db,
  account: PortalAccount,
  purpose: PortalTokenPurpose,
  opts: { now: string; publicUrl: string; secrets: SecretBox },
): Promise<{ sentTo: string; expiresAt: string }> {
  if (!account.email) {
    throw new AppError('CONTACT_HAS_NO_EMAIL', 'The contact has no email address to send the link to', {
      id: account.id,
    });
  }
  const token = newSecret();
  const expiresAt = new Date(Date.parse(opts.now) + LINK_LIFETIME_MS[purpose]).toISOString();
  await portalAccountRepository(trx).insertToken({
    tokenHash: hashSecret(token),
    contactId: account.id,
    purpose,
    createdAt: opts.now,
    expiresAt,
    usedAt: null,
  });
  await outboxRepository(trx).add({
    type: PORTAL_ACCESS_JOB,
    payload: {
      contactId: account.id,
      contactName: account.name,
      organizationName: account.organizationName,
      purpose,
      to: account.email,
      locale: account.locale,
      link: opts.secrets.seal(setPasswordLink(opts.publicUrl, token)),
      expiresAt,
      [FORGET_WHEN_DONE]: ['link'],
    },
    now: opts.now,
  });
  return { sentTo: account.email, expiresAt };
}

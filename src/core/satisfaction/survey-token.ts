import { createHmac } from 'node:crypto';
import type { Locale } from '../shared/actor.ts';
import { hashSecret } from '../shared/ids.ts';

export const RATINGS = ['good', 'bad'] as const;
export type Rating = (typeof RATINGS)[number];

/**
 * A survey link's token: an HMAC (the server's secret) of the ticket, the requester it was sent
 * to and a random nonce. Only its hash and the nonce are stored, so a database copy alone cannot
 * answer surveys, the same link can be given again (the solved mail, the portal), and a new nonce
 * voids the old link.
 */
export function surveyToken(secret: string, survey: { ticketId: string; contactId: string; nonce: string }): string {
  return createHmac('sha256', secret)
    .update(`satisfaction:${survey.ticketId}:${survey.contactId}:${survey.nonce}`)
    .digest('base64url');
}

/** What is stored to find a survey by its token. */
export function surveyTokenHash(token: string): string {
  return hashSecret(token);
}

/**
 * The public page of a survey; `rating` preselects a choice (the mail's two links) and `lang`
 * opens it in the mail's language when that is not Spanish, the page's default.
 */
export function surveyUrl(publicUrl: string, token: string, opts: { rating?: Rating; lang?: Locale } = {}): string {
  const params = new URLSearchParams();
  if (opts.rating) params.set('rating', opts.rating);
  if (opts.lang && opts.lang !== 'es') params.set('lang', opts.lang);
  const query = params.toString();
  const base = `${publicUrl.replace(/\/+$/, '')}/satisfaction/${encodeURIComponent(token)}`;
  return query ? `${base}?${query}` : base;
}

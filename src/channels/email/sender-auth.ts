/**
 * Whether a mail's From passed SPF or DKIM in alignment, as the receiving MTA reported it in its
 * Authentication-Results header (RFC 8601). Verifying ourselves would need the connecting IP,
 * which IMAP-fetched mail no longer has, and DNS; the MTA saw both.
 */
export type SenderAuth = 'pass' | 'fail' | 'none';

function aligned(domain: string | undefined, fromDomain: string): boolean {
  const d = domain?.toLowerCase().replace(/^.*@/, '').replace(/\.$/, '');
  if (!d) return false;
  // Relaxed alignment (RFC 7489 3.1): the same domain or one a subdomain of the other.
  return d === fromDomain || d.endsWith(`.${fromDomain}`) || fromDomain.endsWith(`.${d}`);
}

/**
 * The verdict of the topmost Authentication-Results (the one the receiving MTA added last; lower
 * ones may come from the sender): pass when DMARC passed, or SPF or DKIM passed for the From's domain.
 */
export function senderAuthOf(authenticationResults: string | undefined, fromAddress: string | undefined): SenderAuth {
  if (!authenticationResults) return 'none';
  const fromDomain = fromAddress?.split('@')[1]?.toLowerCase();
  if (!fromDomain) return 'fail';
  // Comments in parentheses carry free text ("sender IP is …"); drop them before reading results.
  const text = authenticationResults.replace(/\([^()]*\)/g, ' ').replace(/\s+/g, ' ');
  for (const clause of text.split(';').slice(1)) {
    const method = /^\s*(dmarc|spf|dkim)\s*=\s*(\w+)/i.exec(clause);
    if (method?.[2]?.toLowerCase() !== 'pass') continue;
    const kind = method[1]?.toLowerCase();
    const prop = (name: string) => new RegExp(`\\b${name}\\s*=\\s*"?([^\\s";]+)`, 'i').exec(clause)?.[1];
    if (kind === 'dmarc' && (!prop('header.from') || aligned(prop('header.from'), fromDomain))) return 'pass';
    if (kind === 'spf' && aligned(prop('smtp.mailfrom') ?? prop('smtp.helo'), fromDomain)) return 'pass';
    if (kind === 'dkim' && aligned(prop('header.d') ?? prop('header.i'), fromDomain)) return 'pass';
  }
  return 'fail';
}

import { AppError } from '../shared/app-error.ts';

const DOMAIN = /^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/**
 * Mailbox providers anyone can sign up to. A contact on one of them is a person, not a company:
 * such a domain may not be an organization's, or every Gmail user would join it.
 */
const PUBLIC_PROVIDERS = new Set([
  'gmail.com',
  'googlemail.com',
  'hotmail.com',
  'hotmail.es',
  'hotmail.com.mx',
  'outlook.com',
  'outlook.es',
  'live.com',
  'live.com.mx',
  'msn.com',
  'yahoo.com',
  'yahoo.es',
  'yahoo.com.mx',
  'ymail.com',
  'icloud.com',
  'me.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'gmx.com',
  'zoho.com',
  'prodigy.net.mx',
  'racsa.co.cr',
]);

/** "@Acme.CO.CR " → "acme.co.cr"; throws for something that is not a domain or is a public provider. */
export function normalizeDomain(raw: string): string {
  const domain = raw.trim().toLowerCase().replace(/^@/, '').replace(/\.$/, '');
  if (!DOMAIN.test(domain)) {
    throw new AppError('VALIDATION_FAILED', `"${raw}" is not an email domain such as acme.co.cr`, {
      field: 'domains',
      domain: raw,
    });
  }
  if (PUBLIC_PROVIDERS.has(domain)) {
    throw new AppError('DOMAIN_NOT_ALLOWED', `${domain} is a public email provider; its users cannot join by domain`, {
      field: 'domains',
      domain,
    });
  }
  return domain;
}

/**
 * The domains an address could join by, most specific first: `ana@soporte.acme.co.cr` →
 * `["soporte.acme.co.cr", "acme.co.cr", "co.cr"]`. Top-level domains alone are never candidates.
 */
export function domainCandidates(email: string): string[] {
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  const labels = domain.split('.').filter(Boolean);
  const candidates: string[] = [];
  for (let i = 0; i <= labels.length - 2; i++) candidates.push(labels.slice(i).join('.'));
  return candidates;
}

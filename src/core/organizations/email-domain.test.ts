import { describe, expect, it } from 'vitest';
import { domainCandidates, normalizeDomain } from './email-domain.ts';

describe('normalizeDomain', () => {
  it('folds case, a leading @ and a trailing dot', () => {
    expect(normalizeDomain(' @Acme.CO.CR. ')).toBe('acme.co.cr');
  });

  it('rejects what is not a domain', () => {
    for (const raw of ['acme', 'acme..com', 'ac me.com', 'ana@acme.com', '-acme.com']) {
      expect(() => normalizeDomain(raw)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    }
  });

  it('refuses public email providers, which would join every one of their users to one organization', () => {
    expect(() => normalizeDomain('Gmail.com')).toThrow(expect.objectContaining({ code: 'DOMAIN_NOT_ALLOWED' }));
  });
});

describe('domainCandidates', () => {
  it('lists the domain of an address and its parents, most specific first, never a bare top-level domain', () => {
    expect(domainCandidates('ana@soporte.acme.co.cr')).toEqual(['soporte.acme.co.cr', 'acme.co.cr', 'co.cr']);
    expect(domainCandidates('ana@ACME.com')).toEqual(['acme.com']);
  });
});

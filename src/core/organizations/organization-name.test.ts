import { describe, expect, it } from 'vitest';
import { organizationNameKey } from './organization-name.ts';

describe('organizationNameKey', () => {
  it('ignores case, accents and punctuation', () => {
    expect(organizationNameKey('Acmé Comercial')).toBe('acme comercial');
    expect(organizationNameKey('  ACME   comercial!! ')).toBe('acme comercial');
  });

  it.each([
    'ACME, S.A.',
    'Acme SA',
    'Acme S.A. de C.V.',
    'Acme SA de CV',
    'ACME S.A. DE C.V.',
    'Acme S. de R.L.',
    'Acme S. de R.L. de C.V.',
    'Acme SRL',
    'Acme S.R.L.',
    'Acme Ltda',
    'Acme Ltda.',
    'Acme Inc',
    'Acme, Inc.',
    'Acme LLC',
    'Acme S.A.S.',
    'Acme S.A.P.I. de C.V.',
    'Acme y Cía. Ltda.',
    'Acmé',
  ])('treats "%s" as the same name as "Acme"', (name) => {
    expect(organizationNameKey(name)).toBe('acme');
  });

  it('keeps a one-letter word that is part of the name, not of the legal form', () => {
    expect(organizationNameKey('Plan B, S.A.')).toBe('plan b');
    expect(organizationNameKey('Plan B SA de CV')).toBe('plan b');
  });

  it('treats initials with and without dots as the same name', () => {
    expect(organizationNameKey('A.B.C. Comercial S.A.')).toBe(organizationNameKey('ABC Comercial'));
  });

  it('removes only legal forms at the end, never words inside the name', () => {
    expect(organizationNameKey('Sa Cuenca Consultores')).toBe('sa cuenca consultores');
    expect(organizationNameKey('Colegio Inc Torreblanca')).toBe('colegio inc torreblanca');
  });

  it('keeps a name that is nothing but a legal form', () => {
    expect(organizationNameKey('S.A.')).toBe('sa');
  });

  it('tells different companies apart', () => {
    expect(organizationNameKey('Cimatic de México, S.A. de C.V.')).toBe('cimatic de mexico');
    expect(organizationNameKey('Cimatic de México')).not.toBe(organizationNameKey('Cimatic'));
  });
});

import { describe, expect, it } from 'vitest';
import { customerLocale } from './notification-settings.repository.ts';

describe('the language of mail to a customer', () => {
  it('is the contact’s own when it is not the Spanish default', () => {
    expect(customerLocale('en', 'es')).toBe('en');
    expect(customerLocale('en', undefined)).toBe('en');
  });

  it('is the mailbox’s language for a contact with the default, Spanish when nothing says otherwise', () => {
    expect(customerLocale('es', 'en')).toBe('en');
    expect(customerLocale('es', 'es')).toBe('es');
    expect(customerLocale(undefined, undefined)).toBe('es');
  });
});

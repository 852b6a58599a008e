import { describe, expect, it } from 'vitest';
import { surveyToken, surveyTokenHash, surveyUrl } from './survey-token.ts';

const SECRET = 'test-secret-test-secret-test-secret-0123';
const survey = { ticketId: 't1', contactId: 'c1', nonce: 'n1' };

describe('survey tokens', () => {
  it('gives the same link again for the same ticket, requester and nonce (mail and portal agree)', () => {
    expect(surveyToken(SECRET, survey)).toBe(surveyToken(SECRET, { ...survey }));
    expect(surveyToken(SECRET, survey)).toMatch(/^[\w-]{43}$/);
  });

  it('binds the token to the ticket, the requester, the nonce and the secret', () => {
    const token = surveyToken(SECRET, survey);
    expect(surveyToken(SECRET, { ...survey, ticketId: 't2' })).not.toBe(token);
    expect(surveyToken(SECRET, { ...survey, contactId: 'c2' })).not.toBe(token);
    expect(surveyToken(SECRET, { ...survey, nonce: 'n2' })).not.toBe(token);
    expect(surveyToken(`${SECRET}x`, survey)).not.toBe(token);
  });

  it('stores a hash, never the token', () => {
    const token = surveyToken(SECRET, survey);
    expect(surveyTokenHash(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(surveyTokenHash(token)).not.toContain(token);
  });

  it('builds the public page link with the preselected answer', () => {
    expect(surveyUrl('https://soporte.example.com/', 'abc', { rating: 'bad', lang: 'es' })).toBe(
      'https://soporte.example.com/satisfaction/abc?rating=bad',
    );
    expect(surveyUrl('https://soporte.example.com', 'abc', { rating: 'good', lang: 'en' })).toBe(
      'https://soporte.example.com/satisfaction/abc?rating=good&lang=en',
    );
    expect(surveyUrl('https://soporte.example.com', 'abc')).toBe('https://soporte.example.com/satisfaction/abc');
  });
});

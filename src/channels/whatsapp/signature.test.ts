import { describe, expect, it } from 'vitest';
import { signatureMatches, signBody } from './signature.ts';

describe('X-Hub-Signature-256', () => {
  it('matches the documented HMAC-SHA256 test vector (key "secret", message "test")', () => {
    const header = 'sha256=0329a06b62cd16b33eb6792be8c60b158d89a2ee3a876fce9a881ebb488c0914';
    expect(signBody(Buffer.from('test'), 'secret')).toBe(header);
    expect(signatureMatches(Buffer.from('test'), header, 'secret')).toBe(true);
    expect(signatureMatches(Buffer.from('test'), header.toUpperCase().replace('SHA256=', 'sha256='), 'secret')).toBe(
      true,
    );
  });

  it('refuses another secret, other bytes (even re-serialized JSON), a missing or malformed header', () => {
    const raw = Buffer.from('{"a": 1}');
    const header = signBody(raw, 'app-secret');
    expect(signatureMatches(raw, header, 'otro')).toBe(false);
    expect(signatureMatches(Buffer.from('{"a":1}'), header, 'app-secret')).toBe(false);
    expect(signatureMatches(raw, undefined, 'app-secret')).toBe(false);
    expect(signatureMatches(raw, header.slice(7), 'app-secret')).toBe(false);
    expect(signatureMatches(raw, 'sha256=abc', 'app-secret')).toBe(false);
    expect(signatureMatches(raw, header, '')).toBe(false);
  });
});

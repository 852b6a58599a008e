import { createHmac, timingSafeEqual } from 'node:crypto';

/** `sha256=<hex>` as Meta puts it in X-Hub-Signature-256: HMAC-SHA256 of the raw body with the app secret. */
export function signBody(raw: Buffer, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(raw).digest('hex')}`;
}

/**
 * Whether `header` signs exactly these bytes with `appSecret`. Computed over the raw body, before
 * any parsing, and compared in constant time.
 */
export function signatureMatches(raw: Buffer, header: string | undefined, appSecret: string): boolean {
  if (!header || !appSecret) return false;
  const match = /^sha256=([0-9a-fA-F]{64})$/.exec(header.trim());
  if (!match) return false;
  const given = Buffer.from((match[1] as string).toLowerCase(), 'hex');
  const expected = createHmac('sha256', appSecret).update(raw).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}

import { createHash, randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

/** Opaque, time-ordered ids: new rows land at the end of B-tree indexes on both engines. */
export function newId(): string {
  return uuidv7();
}

/** A random secret for cookies and API tokens, URL-safe. */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Hash of a high-entropy secret for storage; a fast hash is enough because the input is random. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

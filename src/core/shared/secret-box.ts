import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const PREFIX = 'sealed:v1:';

/**
 * Encrypts the secrets Tiquete must keep readable for itself (a mailbox's IMAP password and SMTP
 * URL), so a database dump or backup alone does not give them away. AES-256-GCM with a key derived
 * from SESSION_SECRET: every instance of one install already shares it, and nothing new must be
 * kept. Values stored before encryption existed are read as they are and sealed at the next start.
 */
export interface SecretBox {
  seal(plain: string): string;
  /** The plain text; throws `UnreadableSecretError` when the key that sealed it is not ours. */
  open(stored: string): string;
  isSealed(stored: string): boolean;
}

export class UnreadableSecretError extends Error {
  constructor() {
    super('A stored secret cannot be decrypted: SESSION_SECRET changed since it was saved');
  }
}

export function createSecretBox(secret: string | null): SecretBox {
  const key = secret ? Buffer.from(hkdfSync('sha256', secret, 'tiquete', 'stored secrets v1', 32)) : null;
  return {
    seal(plain) {
      // A programming error, not a user's: every process that stores secrets has the config.
      if (!key) throw new Error('Storing a secret needs the session secret (createServices({ secretKey }))');
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    open(stored) {
      if (!stored.startsWith(PREFIX)) return stored;
      // Without the key (a tool that never needs the secrets) it is as unreadable as with a wrong one.
      if (!key) throw new UnreadableSecretError();
      const raw = Buffer.from(stored.slice(PREFIX.length), 'base64');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
        decipher.setAuthTag(raw.subarray(12, 28));
        return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
      } catch {
        throw new UnreadableSecretError();
      }
    },
    isSealed: (stored) => stored.startsWith(PREFIX),
  };
}

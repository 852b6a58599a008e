import { createHash, randomBytes } from 'node:crypto';
import { access, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../../db/database.ts';
import { newId } from '../shared/ids.ts';
import { attachmentRepository, type StorageKind, type StoredAttachment } from './attachment.repository.ts';

export type { StorageKind } from './attachment.repository.ts';

/** Where the bytes of attachments live, addressed by their SHA-256 (so the same file is kept once). */
export interface AttachmentStorage {
  /** Stores `bytes` under `sha256`; storing the same hash again changes nothing. */
  put(sha256: string, bytes: Buffer): Promise<void>;
  get(sha256: string): Promise<Buffer | undefined>;
}

/**
 * The configured storages. New attachments go to `kind`; each stored attachment remembers its own
 * kind, so files written before a change of ATTACHMENT_STORAGE are still served.
 */
export interface AttachmentStore {
  readonly kind: StorageKind;
  /** The largest file accepted, in bytes (ATTACHMENT_LIMIT_BYTES). */
  readonly limitBytes: number;
  /** The storage of `kind` working inside `db` (a transaction, for the database storage). */
  storage(kind: StorageKind, db: Db): AttachmentStorage;
}

export function sha256Of(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Files under `directory/ab/cd/<sha256>`, written to a temporary name and renamed, so a reader never sees half a file. */
export function fileAttachmentStorage(directory: string): AttachmentStorage {
  const pathOf = (sha256: string) => {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return path.join(directory, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  };
  return {
    async put(sha256, bytes) {
      const file = pathOf(sha256);
      if (await exists(file)) return;
      // Customers' files: readable by Tiquete's user only, like the database.
      await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
      const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        await writeFile(temporary, bytes, { flag: 'wx', mode: 0o600 });
        await rename(temporary, file);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
    },
    async get(sha256) {
      try {
        return await readFile(pathOf(sha256));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
  };
}

/** The attachment_blobs table; writes belong to the caller's transaction. */
export function databaseAttachmentStorage(db: Db): AttachmentStorage {
  const blobs = attachmentRepository(db);
  return { put: (sha256, bytes) => blobs.putBlob(sha256, bytes), get: (sha256) => blobs.getBlob(sha256) };
}

/** ATTACHMENT_STORAGE=files keeps bytes under `directory` (DATA_DIR/attachments); database keeps them in the database. */
export function createAttachmentStore(opts: {
  kind: 'files' | 'database';
  directory: string;
  limitBytes: number;
}): AttachmentStore {
  const files = fileAttachmentStorage(opts.directory);
  return {
    kind: opts.kind === 'files' ? 'file' : 'database',
    limitBytes: opts.limitBytes,
    storage: (kind, db) => (kind === 'file' ? files : databaseAttachmentStorage(db)),
  };
}

/**
 * Keeps `data` once per SHA-256 in the caller's transaction (messages' files and articles' images
 * share it) and returns the stored row that a file link points at.
 */
export async function storeBlob(
  trx: Db,
  store: AttachmentStore,
  file: { data: Buffer; sha256: string },
  now: string,
): Promise<StoredAttachment> {
  const attachments = attachmentRepository(trx);
  const stored = await attachments.findBySha(file.sha256);
  if (stored) return stored;
  await store.storage(store.kind, trx).put(file.sha256, file.data);
  return attachments.insert({ id: newId(), sha256: file.sha256, size: file.data.length, storage: store.kind }, now);
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

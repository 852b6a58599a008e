import { AppError } from './app-error.ts';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** Cursors are opaque to clients: the last row's sort key, base64url-encoded. */
export function encodeCursor(key: string): string {
  return Buffer.from(key, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined): string | undefined {
  if (!cursor) return undefined;
  const key = Buffer.from(cursor, 'base64url').toString('utf8');
  // A crafted cursor ("AAAA") can decode to NUL characters, which PostgreSQL refuses in text.
  if (!key || key.includes('\u0000') || encodeCursor(key) !== cursor) {
    throw new AppError('VALIDATION_FAILED', 'The cursor is not valid', { field: 'cursor' });
  }
  return key;
}

/** Builds a page from `limit + 1` fetched rows: the extra row only tells that more exist. */
export function toPage<T>(rows: T[], limit: number, keyOf: (row: T) => string): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}

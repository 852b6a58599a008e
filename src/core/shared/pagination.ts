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
  if (!key || encodeCursor(key) !== cursor) {
    throw new AppError('VALIDATION_FAILED', 'The cursor is not valid', { field: 'cursor' });
  }
  return key;
}

/**
 * Pages a list that is read whole because it is short (macros, an agent's reminders and agenda,
 * tokens), so `?limit=&cursor=` work on it like on every other list; the cursor is the last id.
 */
export function pageOf<T extends { id: string }>(all: T[], opts: { limit?: number; cursor?: string }): Page<T> {
  const after = decodeCursor(opts.cursor);
  const start = after === undefined ? 0 : all.findIndex((item) => item.id === after) + 1;
  const limit = opts.limit ?? DEFAULT_PAGE_SIZE;
  return toPage(all.slice(start, start + limit + 1), limit, (item) => item.id);
}

/** Builds a page from `limit + 1` fetched rows: the extra row only tells that more exist. */
export function toPage<T>(rows: T[], limit: number, keyOf: (row: T) => string): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}

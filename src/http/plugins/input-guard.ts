import type { FastifyInstance } from 'fastify';
import { AppError } from '../../core/shared/app-error.ts';

/** The path of the first string (value or key) holding U+0000, e.g. `body.subject`, or null. */
export function findNulCharacter(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findNulCharacter(item, `${path}.${index}`);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes('\u0000')) return `${path}.${key.replaceAll('\u0000', '\\u0000')}`;
      const found = findNulCharacter(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

/**
 * PostgreSQL cannot store U+0000 in text (SQLite can, but then the two engines would differ), so
 * text holding it is refused before any route sees it: a clear 400 instead of a database error.
 */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const field =
      findNulCharacter(request.params, 'params') ??
      findNulCharacter(request.query, 'querystring') ??
      findNulCharacter(request.body, 'body');
    if (field) throw new AppError('TEXT_HAS_NUL', `${field} contains the NUL character (\\u0000)`, { field });
  });
}

import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../core/shared/app-error.ts';
import { requestLocale, sendError } from './errors.ts';

const NOT_FOUND = new AppError('NOT_FOUND');

/**
 * Serves the built console from `webDir`: hashed assets cached for a year, index.html never
 * cached, and index.html for any other GET that is not an API call (client-side routes).
 */
export async function registerWeb(app: FastifyInstance, webDir: string): Promise<void> {
  const index = path.join(webDir, 'index.html');
  const built = existsSync(index);
  if (built) {
    await app.register(fastifyStatic, {
      root: webDir,
      prefix: '/',
      wildcard: true,
      index: false,
      cacheControl: false,
      setHeaders(res, filePath) {
        const hashed = filePath.includes(`${path.sep}assets${path.sep}`);
        res.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }

  // The static plugin does not serve folders; the console's start page is index.html too.
  app.get('/', { schema: { hide: true } }, async (request, reply) => sendIndex(request, reply));

  app.setNotFoundHandler(async (request, reply) => {
    const isPage =
      request.method === 'GET' && !request.url.startsWith('/api/') && !path.extname(request.url.split('?')[0] ?? '');
    if (!isPage) return sendError(reply, NOT_FOUND, requestLocale(request));
    return sendIndex(request, reply);
  });

  function sendIndex(_request: FastifyRequest, reply: FastifyReply) {
    if (!built) {
      return reply
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('The web console is not built. Run `npm run build:web` (npm ci does it for you).');
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  }
}

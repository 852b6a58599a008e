import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema } from 'fastify';
import { can, isPermission, type Permission } from '../../core/accounts/access.policy.ts';
import type { SignedIn } from '../../core/accounts/auth.service.ts';
import type { Services } from '../../core/services.ts';
import { AppError } from '../../core/shared/app-error.ts';

/** What a route declares about who may call it; every /api route must say one. */
export type RouteAccess = 'public' | Permission;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    auth: SignedIn | null;
  }
  interface FastifyInstance {
    /** Every route with the access rule and the schema it declared, for audits and tests. */
    accessRules: { method: string; url: string; access: RouteAccess | undefined; schema: FastifySchema | undefined }[];
  }
}

export const SESSION_COOKIE = 'tiquete_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Routes outside /api (health, metrics, static files, API docs) are not resources of a principal. */
function needsAccessRule(url: string): boolean {
  return url.startsWith('/api/') && !url.startsWith('/api/docs');
}

/**
 * Resolves the caller (session cookie or bearer token) and enforces each route's declared access,
 * CSRF for cookie-authenticated writes included. A route without a rule cannot be registered.
 */
export function registerAuth(app: FastifyInstance, services: Services): void {
  app.decorateRequest('auth', null);
  const rules: FastifyInstance['accessRules'] = [];
  app.decorate('accessRules', rules);

  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (needsAccessRule(route.url) && access !== 'public' && !isPermission(access)) {
      throw new Error(`Route ${route.method} ${route.url} has no access rule (config.access)`);
    }
    for (const method of [route.method].flat()) rules.push({ method, url: route.url, access, schema: route.schema });
  });

  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    request.auth = await identify(request, services);
  });

  // Before the body is validated: a caller without access learns nothing, not even the schema.
  app.addHook('preValidation', async (request) => {
    const access = request.routeOptions.config.access;
    if (access === undefined || access === 'public') return;
    const auth = request.auth;
    if (!auth) throw new AppError('UNAUTHENTICATED');
    if (auth.via === 'session' && !SAFE_METHODS.has(request.method)) {
      if (request.headers['x-csrf-token'] !== auth.csrfToken) throw new AppError('CSRF_TOKEN_INVALID');
    }
    if (!can(auth.actor, access)) throw new AppError('FORBIDDEN', undefined, { permission: access });
  });
}

async function identify(request: FastifyRequest, services: Services): Promise<SignedIn | null> {
  const header = request.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const signedIn = match?.[1] ? await services.auth.resolveApiToken(match[1]) : null;
    if (!signedIn) throw new AppError('TOKEN_INVALID');
    return signedIn;
  }
  const token = sessionToken(request);
  return token ? services.auth.resolveSession(token) : null;
}

export function sessionToken(request: FastifyRequest): string | null {
  const raw = request.cookies[SESSION_COOKIE];
  if (!raw) return null;
  const unsigned = request.unsignCookie(raw);
  return unsigned.valid ? unsigned.value : null;
}

export function setSessionCookie(reply: FastifyReply, token: string, opts: { secure: boolean; maxAgeSeconds: number }) {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: opts.secure,
    path: '/',
    signed: true,
    maxAge: opts.maxAgeSeconds,
  });
}

export function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/** After the access check a non-public route always has a principal; this narrows the type. */
export function signedIn(auth: SignedIn | null): SignedIn {
  if (!auth) throw new AppError('UNAUTHENTICATED');
  return auth;
}

import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema } from 'fastify';
import { can, isPermission, type Permission } from '../../core/accounts/access.policy.ts';
import type { SignedIn } from '../../core/accounts/auth.service.ts';
import { PORTAL_ACCESS, type PortalAccess } from '../../core/portal/portal.policy.ts';
import type { SignedInContact } from '../../core/portal/portal-auth.service.ts';
import type { Services } from '../../core/services.ts';
import { AppError } from '../../core/shared/app-error.ts';

/**
 * What a route declares about who may call it; every /api route must say one. Staff routes name
 * a permission (agents only); portal routes say `portal.self` (signed-in contacts only).
 */
export type RouteAccess = 'public' | Permission | PortalAccess;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    /** The signed-in agent (console session or API token). */
    auth: SignedIn | null;
    /** The signed-in contact (portal session); never set together with `auth`. */
    contactAuth: SignedInContact | null;
  }
  interface FastifyInstance {
    /** Every route with the access rule and the schema it declared, for audits and tests. */
    accessRules: { method: string; url: string; access: RouteAccess | undefined; schema: FastifySchema | undefined }[];
  }
}

export function isRouteAccess(value: unknown): value is RouteAccess {
  return value === 'public' || value === PORTAL_ACCESS || isPermission(value);
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
  app.decorateRequest('contactAuth', null);
  const rules: FastifyInstance['accessRules'] = [];
  app.decorate('accessRules', rules);

  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (needsAccessRule(route.url) && !isRouteAccess(access)) {
      throw new Error(`Route ${route.method} ${route.url} has no access rule (config.access)`);
    }
    for (const method of [route.method].flat()) rules.push({ method, url: route.url, access, schema: route.schema });
  });

  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    request.auth = await identify(request, services);
    const token = request.auth ? null : sessionToken(request);
    if (token) request.contactAuth = await services.portalAuth.resolveSession(token);
  });

  // Before the body is validated: a caller without access learns nothing, not even the schema.
  app.addHook('preValidation', async (request) => {
    const access = request.routeOptions.config.access;
    if (access === undefined || access === 'public') return;
    // The console's and the portal's sessions never open each other's routes.
    const signedIn = access === PORTAL_ACCESS ? request.contactAuth : request.auth;
    if (!signedIn) {
      if (request.auth || request.contactAuth) throw new AppError('FORBIDDEN', undefined, { permission: access });
      throw new AppError('UNAUTHENTICATED');
    }
    const viaSession = request.contactAuth !== null || request.auth?.via === 'session';
    if (viaSession && !SAFE_METHODS.has(request.method)) {
      if (request.headers['x-csrf-token'] !== signedIn.csrfToken) throw new AppError('CSRF_TOKEN_INVALID');
    }
    if (access !== PORTAL_ACCESS && request.auth && !can(request.auth.actor, access)) {
      throw new AppError('FORBIDDEN', undefined, { permission: access });
    }
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

const SESSION_MAX_AGE_SECONDS = 14 * 24 * 3600;

/**
 * What a sign-in route (agents' or the portal's) hands its service: the credentials, and what the
 * sign-in protections count and replace (the IP, the device, the session already in the browser).
 */
export function signInAttempt(request: FastifyRequest, credentials: { email: string; password: string }) {
  return {
    email: credentials.email,
    password: credentials.password,
    ip: request.ip,
    userAgent: request.headers['user-agent'] ?? null,
    previousSessionToken: sessionToken(request) ?? undefined,
  };
}

/** The session cookie of a sign-in: signed, HttpOnly, SameSite=Lax, for 14 days. */
export function startSession(reply: FastifyReply, token: string, secure: boolean) {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    signed: true,
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
}

/** Signs out: the server forgets the session (`logout`) and the cookie is cleared. */
export async function endSession(
  request: FastifyRequest,
  reply: FastifyReply,
  logout: (token: string) => Promise<void>,
): Promise<void> {
  const token = sessionToken(request);
  if (token) await logout(token);
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/** After the access check a portal route always has a signed-in contact; this narrows the type. */
export function signedInContact(auth: SignedInContact | null): SignedInContact {
  if (!auth) throw new AppError('UNAUTHENTICATED');
  return auth;
}

/** After the access check a non-public route always has a principal; this narrows the type. */
export function signedIn(auth: SignedIn | null): SignedIn {
  if (!auth) throw new AppError('UNAUTHENTICATED');
  return auth;
}

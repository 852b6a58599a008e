import { Type } from 'typebox';
import { endSession, signedInContact, signInAttempt, startSession } from '../plugins/auth.ts';
import { ChangePasswordBody, LoginBody } from '../schemas/accounts.ts';
import { errorResponses } from '../schemas/common.ts';
import { ForgotPasswordBody, PortalSessionResponse, SetPasswordBody } from '../schemas/portal.ts';
import type { RouteDeps, TypedApp } from '../types.ts';

const tags = ['portal'];

/** Contacts sign in to the portal: the agents' cookie session, CSRF rule and sign-in protections. */
export function portalAuthRoutes(app: TypedApp, deps: RouteDeps) {
  const secureCookie = deps.config.publicUrl.startsWith('https://');
  // Per IP; failures per account are counted by the session keeper, as for agents.
  const perIp = { max: deps.config.loginRateLimitPerIp, timeWindow: 60_000 };

  app.post(
    '/api/v1/portal/auth/login',
    {
      config: { access: 'public', rateLimit: perIp },
      schema: {
        tags,
        summary: 'A contact signs in to the portal with email and password; sets the session cookie',
        body: LoginBody,
        response: { 200: PortalSessionResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { sessionToken: token, signedIn } = await deps.services.portalAuth.login(
        signInAttempt(request, request.body),
      );
      startSession(reply, token, secureCookie);
      return { contact: signedIn.contact, csrfToken: signedIn.csrfToken };
    },
  );

  app.post(
    '/api/v1/portal/auth/logout',
    {
      config: { access: 'portal.self' },
      schema: { tags, summary: 'End the portal session', response: { 204: Type.Null(), ...errorResponses } },
    },
    async (request, reply) => {
      await endSession(request, reply, deps.services.portalAuth.logout);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/portal/auth/me',
    {
      config: { access: 'portal.self' },
      schema: {
        tags,
        summary: 'The signed-in contact and the CSRF token',
        response: { 200: PortalSessionResponse, ...errorResponses },
      },
    },
    async (request) => {
      const auth = signedInContact(request.contactAuth);
      return { contact: auth.contact, csrfToken: auth.csrfToken };
    },
  );

  app.post(
    '/api/v1/portal/auth/password',
    {
      config: { access: 'portal.self' },
      schema: {
        tags,
        summary: 'Change your own portal password (the current one is required); your other sessions end',
        body: ChangePasswordBody,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await deps.services.portalAuth.changePassword(signedInContact(request.contactAuth), request.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/portal/auth/forgot',
    {
      config: { access: 'public', rateLimit: perIp },
      schema: {
        tags,
        summary:
          'Mail a single-use password link (valid 1 h) if the address belongs to a contact who may sign in; the answer is always the same',
        body: ForgotPasswordBody,
        response: { 202: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await deps.services.portalAccess.forgotPassword(request.body.email, deps.config.publicUrl);
      return reply.status(202).send(null);
    },
  );

  app.post(
    '/api/v1/portal/auth/set-password',
    {
      config: { access: 'public', rateLimit: perIp },
      schema: {
        tags,
        summary: 'Set the password with the token of an invitation or reset link (single use); then sign in',
        body: SetPasswordBody,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await deps.services.portalAccess.setPassword(request.body);
      return reply.status(204).send(null);
    },
  );
}

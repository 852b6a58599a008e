import { Type } from 'typebox';
import { pageOf } from '../../core/shared/pagination.ts';
import { endSession, signedIn, signInAttempt, startSession } from '../plugins/auth.ts';
import {
  ApiTokenSchema,
  ChangePasswordBody,
  CreateTokenBody,
  LoginBody,
  SessionResponse,
  UpdateMeBody,
} from '../schemas/accounts.ts';
import { errorResponses, IdParams, ListQuery, PageOf } from '../schemas/common.ts';
import type { RouteDeps, TypedApp } from '../types.ts';

const tags = ['auth'];

export function authRoutes(app: TypedApp, deps: RouteDeps) {
  const secureCookie = deps.config.publicUrl.startsWith('https://');

  app.post(
    '/api/v1/auth/login',
    {
      config: {
        access: 'public',
        // Per IP; failures per account are counted by the auth service, across instances.
        rateLimit: { max: deps.config.loginRateLimitPerIp, timeWindow: 60_000 },
      },
      schema: {
        tags,
        summary: 'Sign in with email and password; sets the session cookie',
        body: LoginBody,
        response: { 200: SessionResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { sessionToken: token, signedIn } = await deps.services.auth.login(signInAttempt(request, request.body));
      startSession(reply, token, secureCookie);
      return { user: signedIn.agent, csrfToken: signedIn.csrfToken };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      config: { access: 'session.self' },
      schema: { tags, summary: 'End the current session', response: { 204: Type.Null(), ...errorResponses } },
    },
    async (request, reply) => {
      await endSession(request, reply, deps.services.auth.logout);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/auth/session',
    {
      config: { access: 'session.self' },
      schema: {
        tags,
        summary: 'The signed-in user and the CSRF token',
        response: { 200: SessionResponse, ...errorResponses },
      },
    },
    async (request) => {
      const auth = signedIn(request.auth);
      return { user: auth.agent, csrfToken: auth.csrfToken };
    },
  );

  app.patch(
    '/api/v1/auth/me',
    {
      config: { access: 'session.self' },
      schema: {
        tags,
        summary: "Change the signed-in agent's own preferences (language, time zone)",
        body: UpdateMeBody,
        response: { 200: Type.Object({ user: SessionResponse.properties.user }), ...errorResponses },
      },
    },
    async (request) => {
      const auth = signedIn(request.auth);
      const user = await deps.services.agents.update(auth.actor, auth.agent.id, request.body);
      return { user };
    },
  );

  app.post(
    '/api/v1/auth/me/password',
    {
      config: { access: 'session.self' },
      schema: {
        tags,
        summary: 'Change your own password (the current one is required); every other session and API token ends',
        body: ChangePasswordBody,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await deps.services.changeOwnPassword(signedIn(request.auth), request.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/auth/tokens',
    {
      config: { access: 'tokens.own' },
      schema: {
        tags,
        summary: 'Create an API token (shown once); admins may create one for another agent',
        body: CreateTokenBody,
        response: { 201: Type.Object({ token: Type.String(), apiToken: ApiTokenSchema }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const auth = signedIn(request.auth);
      const { token, record } = await deps.services.auth.createToken(auth.actor, request.body);
      return reply.status(201).send({ token, apiToken: record });
    },
  );

  app.get(
    '/api/v1/auth/tokens',
    {
      config: { access: 'tokens.own' },
      schema: {
        tags,
        summary: 'List API tokens (your own; admins may pass agentId)',
        querystring: Type.Object(
          { agentId: Type.Optional(Type.String()), ...ListQuery },
          { additionalProperties: false },
        ),
        response: { 200: PageOf(ApiTokenSchema), ...errorResponses },
      },
    },
    async (request) => {
      const auth = signedIn(request.auth);
      return pageOf(await deps.services.auth.listTokens(auth.actor, request.query.agentId), request.query);
    },
  );

  app.delete(
    '/api/v1/auth/tokens/:id',
    {
      config: { access: 'tokens.own' },
      schema: {
        tags,
        summary: 'Revoke an API token',
        params: IdParams,
        response: { 200: ApiTokenSchema, ...errorResponses },
      },
    },
    async (request) => deps.services.auth.revokeToken(signedIn(request.auth).actor, request.params.id),
  );
}

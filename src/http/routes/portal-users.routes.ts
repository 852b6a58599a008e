import { Type } from 'typebox';
import { signedInContact } from '../plugins/auth.ts';
import { errorResponses, IdParams } from '../schemas/common.ts';
import { CreatePortalUserBody, PortalUserSchema, UpdatePortalUserBody } from '../schemas/portal.ts';
import type { RouteDeps, TypedApp } from '../types.ts';

const tags = ['portal'];

/** 004: the main contact manages the organization's portal users; other contacts get 403. */
export function portalUserRoutes(app: TypedApp, deps: RouteDeps) {
  const users = deps.services.portalUsers;

  app.get(
    '/api/v1/portal/users',
    {
      config: { access: 'portal.self' },
      schema: {
        tags,
        summary: "The organization's users (main contact only)",
        response: { 200: Type.Object({ items: Type.Array(PortalUserSchema) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await users.list(signedInContact(request.contactAuth).actor) }),
  );

  app.post(
    '/api/v1/portal/users',
    {
      config: { access: 'portal.self' },
      schema: {
        tags,
        summary: 'Add a user to your organization and mail them an invitation valid 72 h (main contact only)',
        body: CreatePortalUserBody,
        response: { 201: PortalUserSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = signedInContact(request.contactAuth).actor;
      return reply.status(201).send(await users.create(actor, request.body, deps.config.publicUrl));
    },
  );

  app.patch(
    '/api/v1/portal/users/:id',
    {
      config: { access: 'portal.self' },
      schema: {
        tags,
        summary:
          "Rename, deactivate or re-activate a user of your organization (main contact only); a deactivated user's sessions end",
        params: IdParams,
        body: UpdatePortalUserBody,
        response: { 200: PortalUserSchema, ...errorResponses },
      },
    },
    async (request) => users.update(signedInContact(request.contactAuth).actor, request.params.id, request.body),
  );

  app.post(
    '/api/v1/portal/users/:id/invite',
    {
      config: { access: 'portal.self' },
      schema: {
        tags,
        summary: 'Mail a user of your organization a new invitation valid 72 h (main contact only)',
        params: IdParams,
        response: { 200: PortalUserSchema, ...errorResponses },
      },
    },
    async (request) =>
      users.invite(signedInContact(request.contactAuth).actor, request.params.id, deps.config.publicUrl),
  );
}

import { signedIn } from '../plugins/auth.ts';
import { errorResponses, IdParams, PageOf } from '../schemas/common.ts';
import {
  AutocompleteQuery,
  CreateOrganizationBody,
  OrganizationDetailSchema,
  OrganizationListQuery,
  OrganizationSchema,
  OrganizationSuggestions,
  UpdateOrganizationBody,
} from '../schemas/customers.ts';
import type { RouteDeps, TypedApp } from '../types.ts';

const tags = ['organizations'];

export function organizationRoutes(app: TypedApp, deps: RouteDeps) {
  const organizations = deps.services.organizations;

  app.get(
    '/api/v1/organizations',
    {
      config: { access: 'organizations.read' },
      schema: {
        tags,
        summary: 'List organizations (filter by text, account tier or tag)',
        querystring: OrganizationListQuery,
        response: { 200: PageOf(OrganizationSchema), ...errorResponses },
      },
    },
    async (request) => {
      const { limit = 50, cursor, q, tier, tag } = request.query;
      return organizations.list(signedIn(request.auth).actor, { limit, cursor, q, tier, tag });
    },
  );

  app.get(
    '/api/v1/organizations/autocomplete',
    {
      config: { access: 'organizations.read' },
      schema: {
        tags,
        summary: 'Organizations whose name or code contains the text, ignoring accents; prefixes first, at most 20',
        querystring: AutocompleteQuery,
        response: { 200: OrganizationSuggestions, ...errorResponses },
      },
    },
    async (request) => ({ items: await organizations.autocomplete(signedIn(request.auth).actor, request.query.q) }),
  );

  app.post(
    '/api/v1/organizations',
    {
      config: { access: 'organizations.write', idempotent: true },
      schema: {
        tags,
        summary: 'Create an organization; its normalized name, code, tax id and domains are unique',
        body: CreateOrganizationBody,
        response: { 201: OrganizationDetailSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await organizations.create(signedIn(request.auth).actor, request.body)),
  );

  app.get(
    '/api/v1/organizations/:id',
    {
      config: { access: 'organizations.read' },
      schema: {
        tags,
        summary: 'One organization with its domains, account leader and open ticket count',
        params: IdParams,
        response: { 200: OrganizationDetailSchema, ...errorResponses },
      },
    },
    async (request) => organizations.get(signedIn(request.auth).actor, request.params.id),
  );

  app.patch(
    '/api/v1/organizations/:id',
    {
      config: { access: 'organizations.write' },
      schema: {
        tags,
        summary: 'Change an organization; `domains` and `tags` replace the whole list',
        params: IdParams,
        body: UpdateOrganizationBody,
        response: { 200: OrganizationDetailSchema, ...errorResponses },
      },
    },
    async (request) => organizations.update(signedIn(request.auth).actor, request.params.id, request.body),
  );
}

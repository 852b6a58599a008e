import { signedIn } from '../plugins/auth.ts';
import { errorResponses, IdParams, PageOf } from '../schemas/common.ts';
import {
  ContactDetailSchema,
  ContactListQuery,
  ContactSchema,
  CreateContactBody,
  MergeContactBody,
  UpdateContactBody,
} from '../schemas/customers.ts';
import { AccessLinkSent, PortalAccessBody, PortalAccessSchema } from '../schemas/portal.ts';
import type { RouteDeps, TypedApp } from '../types.ts';

const tags = ['contacts'];

export function contactRoutes(app: TypedApp, deps: RouteDeps) {
  const contacts = deps.services.contacts;

  app.get(
    '/api/v1/contacts',
    {
      config: { access: 'contacts.read' },
      schema: {
        tags,
        summary: 'List contacts (filter by name, email or phone, or by organization)',
        querystring: ContactListQuery,
        response: { 200: PageOf(ContactSchema), ...errorResponses },
      },
    },
    async (request) => {
      const { limit = 50, cursor, q, organizationId } = request.query;
      return contacts.list(signedIn(request.auth).actor, { limit, cursor, q, organizationId });
    },
  );

  app.post(
    '/api/v1/contacts',
    {
      config: { access: 'contacts.write', idempotent: true },
      schema: {
        tags,
        summary: 'Create a contact; without an organization it joins the one of its email domain',
        body: CreateContactBody,
        response: { 201: ContactDetailSchema, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await contacts.create(signedIn(request.auth).actor, request.body)),
  );

  app.get(
    '/api/v1/contacts/:id',
    {
      config: { access: 'contacts.read' },
      schema: {
        tags,
        summary: 'One contact with its emails, phones, organization and open ticket count',
        params: IdParams,
        response: { 200: ContactDetailSchema, ...errorResponses },
      },
    },
    async (request) => contacts.get(signedIn(request.auth).actor, request.params.id),
  );

  app.patch(
    '/api/v1/contacts/:id',
    {
      config: { access: 'contacts.write' },
      schema: {
        tags,
        summary: 'Change a contact; `emails` and `phones` replace the whole list',
        params: IdParams,
        body: UpdateContactBody,
        response: { 200: ContactDetailSchema, ...errorResponses },
      },
    },
    async (request) => contacts.update(signedIn(request.auth).actor, request.params.id, request.body),
  );

  app.post(
    '/api/v1/contacts/:id/invite',
    {
      config: { access: 'contacts.write' },
      schema: {
        tags,
        summary:
          "Invite the contact to the customer portal: a single-use set-password link valid 72 h, in the contact's language",
        params: IdParams,
        response: { 202: AccessLinkSent, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(202)
        .send(
          await deps.services.portalAccess.invite(
            signedIn(request.auth).actor,
            request.params.id,
            deps.config.publicUrl,
          ),
        ),
  );

  app.get(
    '/api/v1/contacts/:id/portal-access',
    {
      config: { access: 'contacts.read' },
      schema: {
        tags,
        summary: 'Whether the contact may use the customer portal (active, has a password, organization active)',
        params: IdParams,
        response: { 200: PortalAccessSchema, ...errorResponses },
      },
    },
    async (request) => deps.services.portalAccess.accessOf(signedIn(request.auth).actor, request.params.id),
  );

  app.patch(
    '/api/v1/contacts/:id/portal-access',
    {
      config: { access: 'contacts.write' },
      schema: {
        tags,
        summary:
          "Deactivate or re-activate one contact's portal access; deactivation ends their portal sessions. Audited",
        params: IdParams,
        body: PortalAccessBody,
        response: { 200: PortalAccessSchema, ...errorResponses },
      },
    },
    async (request) =>
      deps.services.portalAccess.setAccess(signedIn(request.auth).actor, request.params.id, request.body.active),
  );

  app.post(
    '/api/v1/contacts/:id/merge',
    {
      config: { access: 'contacts.write' },
      schema: {
        tags,
        summary: 'Merge another contact (sourceId) into this one: its emails, phones and tickets move here',
        params: IdParams,
        body: MergeContactBody,
        response: { 200: ContactDetailSchema, ...errorResponses },
      },
    },
    async (request) => contacts.merge(signedIn(request.auth).actor, request.params.id, request.body.sourceId),
  );
}

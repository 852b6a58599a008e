import { Type } from 'typebox';
import { pageOf } from '../../core/shared/pagination.ts';
import { signedIn } from '../plugins/auth.ts';
import { errorResponses, IdParams, PageOf } from '../schemas/common.ts';
import {
  CreateMacroBody,
  MacroListQuery,
  MacroSchema,
  RenderedMacroSchema,
  RenderMacroBody,
  UpdateMacroBody,
} from '../schemas/conversation.ts';
import type { RouteDeps, TypedApp } from '../types.ts';

const tags = ['macros'];

export function macroRoutes(app: TypedApp, deps: RouteDeps) {
  const macros = deps.services.macros;

  app.get(
    '/api/v1/macros',
    {
      config: { access: 'macros.read' },
      schema: {
        tags,
        summary: "Canned responses the caller may use: shared ones and the caller's own",
        querystring: MacroListQuery,
        response: { 200: PageOf(MacroSchema), ...errorResponses },
      },
    },
    async (request) => pageOf((await macros.list(signedIn(request.auth).actor, request.query)).items, request.query),
  );

  app.post(
    '/api/v1/macros',
    {
      config: { access: 'macros.read' },
      schema: {
        tags,
        summary: 'Create a personal macro, or a shared one (admins and supervisors)',
        description:
          'Placeholders: {{contact.first_name}}, {{contact.name}}, {{agent.name}}, {{agent.first_name}}, ' +
          '{{organization.name}}, {{organization.code}}, {{ticket.number}}, {{ticket.subject}}; any other is refused (422).',
        body: CreateMacroBody,
        response: { 201: MacroSchema, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await macros.create(signedIn(request.auth).actor, request.body)),
  );

  app.get(
    '/api/v1/macros/:id',
    {
      config: { access: 'macros.read' },
      schema: { tags, summary: 'One macro', params: IdParams, response: { 200: MacroSchema, ...errorResponses } },
    },
    async (request) => macros.get(signedIn(request.auth).actor, request.params.id),
  );

  app.patch(
    '/api/v1/macros/:id',
    {
      config: { access: 'macros.read' },
      schema: {
        tags,
        summary: 'Change a macro (your own, or a shared one as admin or supervisor)',
        params: IdParams,
        body: UpdateMacroBody,
        response: { 200: MacroSchema, ...errorResponses },
      },
    },
    async (request) => macros.update(signedIn(request.auth).actor, request.params.id, request.body),
  );

  app.delete(
    '/api/v1/macros/:id',
    {
      config: { access: 'macros.read' },
      schema: { tags, summary: 'Delete a macro', params: IdParams, response: { 204: Type.Null(), ...errorResponses } },
    },
    async (request, reply) => {
      await macros.remove(signedIn(request.auth).actor, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/macros/:id/render',
    {
      config: { access: 'macros.read' },
      schema: {
        tags,
        summary: "A macro's text for one ticket, placeholders filled, with its actions",
        params: IdParams,
        body: RenderMacroBody,
        response: { 200: RenderedMacroSchema, ...errorResponses },
      },
    },
    async (request) => macros.render(signedIn(request.auth).actor, request.params.id, request.body.ticketId),
  );
}

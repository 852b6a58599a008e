import { signedIn } from '../plugins/auth.ts';
import { errorResponses, IdParams, PageOf } from '../schemas/common.ts';
import {
  AppliedProtocolParams,
  AppliedProtocolSchema,
  ApplyProtocolBody,
  CreateProtocolBody,
  ProtocolSchema,
  TickStepBody,
} from '../schemas/protocols.ts';
import type { RouteDeps, TypedApp } from '../types.ts';

const tags = ['protocols'];

/** Issue 19, protocols (seed 002's "¿Qué hago cuando…?" procedures as checklists on tickets). */
export function protocolRoutes(app: TypedApp, deps: RouteDeps) {
  const { protocols } = deps.services;

  app.get(
    '/api/v1/protocols',
    {
      config: { access: 'work.read' },
      schema: {
        tags,
        summary: "Protocols the caller may apply (everyone's and their departments')",
        response: { 200: PageOf(ProtocolSchema), ...errorResponses },
      },
    },
    async (request) => protocols.list(signedIn(request.auth).actor),
  );

  app.post(
    '/api/v1/protocols',
    {
      config: { access: 'protocols.manage' },
      schema: {
        tags,
        summary: 'Write a protocol: scenario, ordered steps (each may send a script), observations, scripts used',
        body: CreateProtocolBody,
        response: { 201: ProtocolSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await protocols.create(signedIn(request.auth).actor, request.body)),
  );

  app.get(
    '/api/v1/protocols/:id',
    {
      config: { access: 'work.read' },
      schema: {
        tags,
        summary: 'One protocol the caller may apply, with its steps and scripts',
        params: IdParams,
        response: { 200: ProtocolSchema, ...errorResponses },
      },
    },
    async (request) => protocols.get(signedIn(request.auth).actor, request.params.id),
  );

  app.put(
    '/api/v1/protocols/:id',
    {
      config: { access: 'protocols.manage' },
      schema: {
        tags,
        summary: 'Rewrite a protocol (same checks as writing one); tickets it was applied on keep their checklist',
        params: IdParams,
        body: CreateProtocolBody,
        response: { 200: ProtocolSchema, ...errorResponses },
      },
    },
    async (request) => protocols.update(signedIn(request.auth).actor, request.params.id, request.body),
  );

  app.get(
    '/api/v1/tickets/:id/protocols',
    {
      config: { access: 'work.read' },
      schema: {
        tags,
        summary: 'Protocols applied on a ticket, with their checklists',
        params: IdParams,
        response: { 200: PageOf(AppliedProtocolSchema), ...errorResponses },
      },
    },
    async (request) => protocols.listApplied(signedIn(request.auth).actor, request.params.id),
  );

  app.post(
    '/api/v1/tickets/:id/protocols',
    {
      config: { access: 'work.write' },
      schema: {
        tags,
        summary: 'Apply a protocol on a ticket: its steps become a checklist',
        params: IdParams,
        body: ApplyProtocolBody,
        response: { 201: AppliedProtocolSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await protocols.apply(signedIn(request.auth).actor, request.params.id, request.body.protocolId)),
  );

  app.patch(
    '/api/v1/tickets/:id/protocols/:appliedId/steps/:step',
    {
      config: { access: 'work.write' },
      schema: {
        tags,
        summary: 'Tick or untick a step (recorded in the ticket history with who and when)',
        params: AppliedProtocolParams,
        body: TickStepBody,
        response: { 200: AppliedProtocolSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { id, appliedId, step } = request.params;
      return protocols.tick(signedIn(request.auth).actor, id, appliedId, step, request.body.done);
    },
  );
}

import { Type } from 'typebox';
import { signedIn } from '../plugins/auth.ts';
import { AgentSchema, CreateAgentBody, CreatedAgent, UpdateAgentBody } from '../schemas/accounts.ts';
import { errorResponses, IdParams, ListQuery, PageOf } from '../schemas/common.ts';
import type { RouteDeps, TypedApp } from '../types.ts';

const tags = ['agents'];

export function agentRoutes(app: TypedApp, deps: RouteDeps) {
  const agents = deps.services.agents;

  app.get(
    '/api/v1/agents',
    {
      config: { access: 'agents.read' },
      schema: {
        tags,
        summary: 'List agents',
        querystring: Type.Object(
          { ...ListQuery, departmentId: Type.Optional(Type.String()), includeInactive: Type.Optional(Type.Boolean()) },
          { additionalProperties: false },
        ),
        response: { 200: PageOf(AgentSchema), ...errorResponses },
      },
    },
    async (request) => {
      const { limit = 50, cursor, departmentId, includeInactive } = request.query;
      return agents.list(signedIn(request.auth).actor, { limit, cursor, departmentId, includeInactive });
    },
  );

  app.post(
    '/api/v1/agents',
    {
      config: { access: 'agents.write' },
      schema: {
        tags,
        summary: 'Create an agent (admins); without a password one is generated and returned once',
        body: CreateAgentBody,
        response: { 201: CreatedAgent, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await agents.create(signedIn(request.auth).actor, request.body)),
  );

  app.get(
    '/api/v1/agents/:id',
    {
      config: { access: 'agents.read' },
      schema: { tags, summary: 'One agent', params: IdParams, response: { 200: AgentSchema, ...errorResponses } },
    },
    async (request) => agents.get(signedIn(request.auth).actor, request.params.id),
  );

  app.patch(
    '/api/v1/agents/:id',
    {
      config: { access: 'agents.write' },
      schema: {
        tags,
        summary: 'Change an agent (admins)',
        params: IdParams,
        body: UpdateAgentBody,
        response: { 200: AgentSchema, ...errorResponses },
      },
    },
    async (request) => agents.update(signedIn(request.auth).actor, request.params.id, request.body),
  );
}

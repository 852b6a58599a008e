import { signedIn } from '../plugins/auth.ts';
import { errorResponses, IdParams, PageOf } from '../schemas/common.ts';
import { CreatePlaybookBody, PlaybookProgressSchema, PlaybookSchema, StartPlaybookBody } from '../schemas/playbooks.ts';
import type { RouteDeps, TypedApp } from '../types.ts';

const tags = ['playbooks'];

/** Issue 19, onboarding playbooks (seed 000: what a new customer goes through, in order). */
export function playbookRoutes(app: TypedApp, deps: RouteDeps) {
  const { playbooks } = deps.services;

  app.get(
    '/api/v1/playbooks',
    {
      config: { access: 'work.read' },
      schema: { tags, summary: 'Onboarding playbooks', response: { 200: PageOf(PlaybookSchema), ...errorResponses } },
    },
    async (request) => playbooks.list(signedIn(request.auth).actor),
  );

  app.post(
    '/api/v1/playbooks',
    {
      config: { access: 'playbooks.manage' },
      schema: {
        tags,
        summary: 'Write a playbook: ordered steps with owners and the steps each waits for (no cycles)',
        body: CreatePlaybookBody,
        response: { 201: PlaybookSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await playbooks.create(signedIn(request.auth).actor, request.body)),
  );

  app.put(
    '/api/v1/playbooks/:id',
    {
      config: { access: 'playbooks.manage' },
      schema: {
        tags,
        summary: 'Rewrite a playbook (steps, owners, dependencies; no cycles); runs already started keep their tasks',
        params: IdParams,
        body: CreatePlaybookBody,
        response: { 200: PlaybookSchema, ...errorResponses },
      },
    },
    async (request) => playbooks.update(signedIn(request.auth).actor, request.params.id, request.body),
  );

  app.get(
    '/api/v1/organizations/:id/playbooks',
    {
      config: { access: 'work.read' },
      schema: {
        tags,
        summary: "An organization's playbooks and how far their tasks are",
        params: IdParams,
        response: { 200: PageOf(PlaybookProgressSchema), ...errorResponses },
      },
    },
    async (request) => playbooks.progress(signedIn(request.auth).actor, request.params.id),
  );

  app.post(
    '/api/v1/organizations/:id/playbooks',
    {
      config: { access: 'work.write' },
      schema: {
        tags,
        summary: 'Start a playbook for an organization: an onboarding ticket with its tasks',
        params: IdParams,
        body: StartPlaybookBody,
        response: { 201: PlaybookProgressSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await playbooks.start(signedIn(request.auth).actor, request.params.id, request.body)),
  );
}

import { signedIn } from '../plugins/auth.ts';
import { errorResponses, IdParams } from '../schemas/common.ts';
import { ViewLayoutBody, ViewLayoutSchema } from '../schemas/view-layouts.ts';
import type { RouteDeps, TypedApp } from '../types.ts';

const tags = ['views'];

/** Issue 13: the columns and density the signed-in agent chose for a view, kept on the server. */
export function viewLayoutRoutes(app: TypedApp, deps: RouteDeps) {
  const layouts = deps.services.viewLayouts;

  app.get(
    '/api/v1/views/:id/layout',
    {
      config: { access: 'tickets.read' },
      schema: {
        tags,
        summary: 'My columns and density for a view (the defaults until I choose)',
        params: IdParams,
        response: { 200: ViewLayoutSchema, ...errorResponses },
      },
    },
    async (request) => layouts.get(signedIn(request.auth).actor, request.params.id),
  );

  app.put(
    '/api/v1/views/:id/layout',
    {
      config: { access: 'tickets.read' },
      schema: {
        tags,
        summary: 'Choose and order my columns for a view, and its density; the subject is always one of them',
        params: IdParams,
        body: ViewLayoutBody,
        response: { 200: ViewLayoutSchema, ...errorResponses },
      },
    },
    async (request) => layouts.save(signedIn(request.auth).actor, request.params.id, request.body),
  );

  app.delete(
    '/api/v1/views/:id/layout',
    {
      config: { access: 'tickets.read' },
      schema: {
        tags,
        summary: 'Go back to the default columns and density for a view',
        params: IdParams,
        response: { 200: ViewLayoutSchema, ...errorResponses },
      },
    },
    async (request) => layouts.reset(signedIn(request.auth).actor, request.params.id),
  );
}

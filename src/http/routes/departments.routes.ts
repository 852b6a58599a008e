import { Type } from 'typebox';
import { signedIn } from '../plugins/auth.ts';
import { CreateDepartmentBody, DepartmentSchema, UpdateDepartmentBody } from '../schemas/accounts.ts';
import { errorResponses, IdParams, ListQuery, PageOf } from '../schemas/common.ts';
import type { RouteDeps, TypedApp } from '../types.ts';

const tags = ['departments'];

export function departmentRoutes(app: TypedApp, deps: RouteDeps) {
  const departments = deps.services.departments;

  app.get(
    '/api/v1/departments',
    {
      config: { access: 'departments.read' },
      schema: {
        tags,
        summary: 'List departments',
        querystring: Type.Object(
          { ...ListQuery, includeInactive: Type.Optional(Type.Boolean()) },
          { additionalProperties: false },
        ),
        response: { 200: PageOf(DepartmentSchema), ...errorResponses },
      },
    },
    async (request) => {
      const { limit = 50, cursor, includeInactive } = request.query;
      return departments.list(signedIn(request.auth).actor, { limit, cursor, includeInactive });
    },
  );

  app.post(
    '/api/v1/departments',
    {
      config: { access: 'departments.write', idempotent: true },
      schema: {
        tags,
        summary: 'Create a department (admins)',
        body: CreateDepartmentBody,
        response: { 201: DepartmentSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await departments.create(signedIn(request.auth).actor, request.body)),
  );

  app.get(
    '/api/v1/departments/:id',
    {
      config: { access: 'departments.read' },
      schema: {
        tags,
        summary: 'One department',
        params: IdParams,
        response: { 200: DepartmentSchema, ...errorResponses },
      },
    },
    async (request) => departments.get(signedIn(request.auth).actor, request.params.id),
  );

  app.patch(
    '/api/v1/departments/:id',
    {
      config: { access: 'departments.write' },
      schema: {
        tags,
        summary: 'Change a department (admins)',
        params: IdParams,
        body: UpdateDepartmentBody,
        response: { 200: DepartmentSchema, ...errorResponses },
      },
    },
    async (request) => departments.update(signedIn(request.auth).actor, request.params.id, request.body),
  );
}

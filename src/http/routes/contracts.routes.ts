import { signedIn } from '../plugins/auth.ts';
import { errorResponses, IdParams } from '../schemas/common.ts';
import {
  ContractDetailSchema,
  ContractList,
  ContractListQuery,
  CreateContractBody,
  ExtendContractBody,
  ExtendedContract,
  UpdateContractBody,
} from '../schemas/contracts.ts';
import type { RouteDeps, TypedApp } from '../types.ts';

const tags = ['contracts'];

export function contractRoutes(app: TypedApp, deps: RouteDeps) {
  const contracts = deps.services.contracts;

  app.get(
    '/api/v1/contracts',
    {
      config: { access: 'contracts.read' },
      schema: {
        tags,
        summary: 'Contracts in a state today, soonest end first (`state=expiring`: renewals due)',
        querystring: ContractListQuery,
        response: { 200: ContractList, ...errorResponses },
      },
    },
    async (request) => {
      const { state, limit = 200 } = request.query;
      return { items: await contracts.list(signedIn(request.auth).actor, { state, limit }) };
    },
  );

  app.get(
    '/api/v1/organizations/:id/contracts',
    {
      config: { access: 'contracts.read' },
      schema: {
        tags,
        summary: "An organization's contracts with their state and amount due, the latest end first",
        params: IdParams,
        response: { 200: ContractList, ...errorResponses },
      },
    },
    async (request) => ({
      items: await contracts.listForOrganization(signedIn(request.auth).actor, request.params.id),
    }),
  );

  app.post(
    '/api/v1/organizations/:id/contracts',
    {
      config: { access: 'contracts.manage', idempotent: true },
      schema: {
        tags,
        summary: 'Add a contract to an organization (audited)',
        params: IdParams,
        body: CreateContractBody,
        response: { 201: ContractDetailSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await contracts.create(signedIn(request.auth).actor, request.params.id, request.body)),
  );

  app.get(
    '/api/v1/contracts/:id',
    {
      config: { access: 'contracts.read' },
      schema: {
        tags,
        summary: 'One contract with its audit (`history`: who, when, old/new values and why)',
        params: IdParams,
        response: { 200: ContractDetailSchema, ...errorResponses },
      },
    },
    async (request) => contracts.get(signedIn(request.auth).actor, request.params.id),
  );

  app.patch(
    '/api/v1/contracts/:id',
    {
      config: { access: 'contracts.manage' },
      schema: {
        tags,
        summary: 'Change a contract; `reason` is required and audited with the old and new values',
        params: IdParams,
        body: UpdateContractBody,
        response: { 200: ContractDetailSchema, ...errorResponses },
      },
    },
    async (request) => contracts.update(signedIn(request.auth).actor, request.params.id, request.body),
  );

  app.post(
    '/api/v1/contracts/:id/extend',
    {
      config: { access: 'contracts.manage' },
      schema: {
        tags,
        summary:
          '"Extender 3 días": move the end date, audited, and open a ticket escalated to the accounting ' +
          'department (setting `accountingDepartmentId`, else "Contabilidad"), linked to `ticketId`',
        params: IdParams,
        body: ExtendContractBody,
        response: { 201: ExtendedContract, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await contracts.extend(signedIn(request.auth).actor, request.params.id, request.body)),
  );
}

import { queryOptions } from '@tanstack/react-query';
import { api } from '../../app/api.ts';
import type { Contract, ContractDetail, ContractState, Ticket } from '../../app/api-types.ts';

export const contractKeys = {
  all: ['contracts'] as const,
  ofOrganization: (organizationId: string) => ['contracts', 'organization', organizationId] as const,
  byState: (state: ContractState) => ['contracts', 'state', state] as const,
  one: (id: string) => ['contracts', 'one', id] as const,
};

export const organizationContractsQuery = (organizationId: string) =>
  queryOptions({
    queryKey: contractKeys.ofOrganization(organizationId),
    queryFn: ({ signal }) =>
      api<{ items: Contract[] }>(`/organizations/${encodeURIComponent(organizationId)}/contracts`, { signal }),
  });

export const contractsByStateQuery = (state: ContractState) =>
  queryOptions({
    queryKey: contractKeys.byState(state),
    queryFn: ({ signal }) => api<{ items: Contract[] }>('/contracts', { query: { state }, signal }),
  });

export const contractQuery = (id: string) =>
  queryOptions({
    queryKey: contractKeys.one(id),
    queryFn: ({ signal }) => api<ContractDetail>(`/contracts/${encodeURIComponent(id)}`, { signal }),
  });

export type ContractInput = {
  planName: string;
  amountMinor: number;
  currency: Contract['currency'];
  taxRateBp: number;
  period: Contract['period'];
  startsOn: string;
  endsOn: string;
  notes: string;
};

export const createContract = (organizationId: string, body: ContractInput) =>
  api<ContractDetail>(`/organizations/${encodeURIComponent(organizationId)}/contracts`, { method: 'POST', body });

export const updateContract = (id: string, body: Partial<ContractInput> & { reason: string }) =>
  api<ContractDetail>(`/contracts/${encodeURIComponent(id)}`, { method: 'PATCH', body });

export const extendContract = (id: string, body: { days: number; reason: string; ticketId?: string }) =>
  api<{ contract: ContractDetail; ticket: Ticket }>(`/contracts/${encodeURIComponent(id)}/extend`, {
    method: 'POST',
    body,
  });

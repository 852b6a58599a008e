import { queryOptions } from '@tanstack/react-query';
import { api } from '../../app/api.ts';
import type { AppliedProtocol, Protocol } from '../../app/api-types.ts';

export const protocolKeys = {
  all: ['protocols'] as const,
  // Under the ticket's key, so the ticket's live updates refresh its checklists too.
  ofTicket: (ticketId: string) => ['ticket', ticketId, 'protocols'] as const,
};

export const protocolsQuery = () =>
  queryOptions({
    queryKey: protocolKeys.all,
    queryFn: ({ signal }) => api<{ items: Protocol[] }>('/protocols', { signal }),
    staleTime: 60_000,
  });

export const appliedProtocolsQuery = (ticketId: string) =>
  queryOptions({
    queryKey: protocolKeys.ofTicket(ticketId),
    queryFn: ({ signal }) =>
      api<{ items: AppliedProtocol[] }>(`/tickets/${encodeURIComponent(ticketId)}/protocols`, { signal }),
  });

export const applyProtocol = (ticketId: string, protocolId: string) =>
  api<AppliedProtocol>(`/tickets/${encodeURIComponent(ticketId)}/protocols`, { method: 'POST', body: { protocolId } });

export const tickStep = (ticketId: string, appliedId: string, step: number, done: boolean) =>
  api<AppliedProtocol>(
    `/tickets/${encodeURIComponent(ticketId)}/protocols/${encodeURIComponent(appliedId)}/steps/${step}`,
    { method: 'PATCH', body: { done } },
  );

/** The id of an applied protocol's card on the ticket page, which an activity's link scrolls to. */
export const appliedProtocolAnchor = (appliedId: string) => `applied-protocol-${appliedId}`;

type StepSetsInput = {
  field: 'type' | 'priority' | 'status' | 'category' | 'customField';
  key?: string | null;
  value: string | number | boolean;
};

export type ProtocolInput = {
  title: string;
  scenario: string;
  observations?: string | null;
  departmentId?: string | null;
  articleId?: string | null;
  steps: Array<{ text: string; macroId?: string | null; sets?: StepSetsInput | null }>;
  scriptMacroIds?: string[];
};

export const createProtocol = (body: ProtocolInput) => api<Protocol>('/protocols', { method: 'POST', body });

export const updateProtocol = (id: string, body: ProtocolInput) =>
  api<Protocol>(`/protocols/${encodeURIComponent(id)}`, { method: 'PUT', body });

import { queryOptions, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { Agent, Department, TicketSettings } from '../../app/api-types.ts';
import { fetchAllAgents, fetchAllDepartments, fetchTicketSettings } from './api.ts';

export const lookupKeys = {
  ticketSettings: ['lookups', 'ticket-settings'] as const,
  agents: ['lookups', 'agents'] as const,
  departments: ['lookups', 'departments'] as const,
};

export const ticketSettingsQuery = queryOptions({
  queryKey: lookupKeys.ticketSettings,
  queryFn: ({ signal }) => fetchTicketSettings(signal),
  staleTime: 5 * 60_000,
});

export const agentsQuery = queryOptions({
  queryKey: lookupKeys.agents,
  queryFn: ({ signal }) => fetchAllAgents(signal),
  staleTime: 5 * 60_000,
});

export const departmentsQuery = queryOptions({
  queryKey: lookupKeys.departments,
  queryFn: ({ signal }) => fetchAllDepartments(signal),
  staleTime: 5 * 60_000,
});

export function useTicketSettings(): TicketSettings | undefined {
  return useQuery(ticketSettingsQuery).data;
}

/** Agents and departments by id, for names and initials in lists. Empty maps while loading. */
export function usePeople(): {
  agents: Agent[];
  departments: Department[];
  agentById: Map<string, Agent>;
  departmentById: Map<string, Department>;
} {
  const agents = useQuery(agentsQuery).data;
  const departments = useQuery(departmentsQuery).data;
  return useMemo(
    () => ({
      agents: agents ?? [],
      departments: departments ?? [],
      agentById: new Map((agents ?? []).map((a) => [a.id, a])),
      departmentById: new Map((departments ?? []).map((d) => [d.id, d])),
    }),
    [agents, departments],
  );
}

/** The choices of a picker of agents or departments: the active ones, by name. */
export function activeOptions(items: Array<{ id: string; name: string; active: boolean }>) {
  return items.filter((item) => item.active).map((item) => ({ value: item.id, label: item.name }));
}

import { queryOptions } from '@tanstack/react-query';
import { api } from '../../app/api.ts';
import type { Page, Playbook, PlaybookProgress } from '../../app/api-types.ts';

export const playbookKeys = {
  all: ['playbooks'] as const,
  ofOrganization: (organizationId: string) => ['organization', organizationId, 'playbooks'] as const,
};

export const playbooksQuery = () =>
  queryOptions({
    queryKey: playbookKeys.all,
    queryFn: ({ signal }) => api<Page<Playbook>>('/playbooks', { signal }),
    staleTime: 60_000,
  });

export const organizationPlaybooksQuery = (organizationId: string) =>
  queryOptions({
    queryKey: playbookKeys.ofOrganization(organizationId),
    queryFn: ({ signal }) =>
      api<Page<PlaybookProgress>>(`/organizations/${encodeURIComponent(organizationId)}/playbooks`, { signal }),
  });

export type StartPlaybookInput = { playbookId: string; contactId?: string; skipSteps?: number[] };

export const startPlaybook = (organizationId: string, body: StartPlaybookInput) =>
  api<PlaybookProgress>(`/organizations/${encodeURIComponent(organizationId)}/playbooks`, { method: 'POST', body });
export type PlaybookInput = {
  name: string;
  description?: string | null;
  departmentId?: string | null;
  steps: Array<{
    title: string;
    description?: string | null;
    owner?: 'starter' | 'account_leader';
    optional?: boolean;
    dependsOn?: number[];
  }>;
};

export const createPlaybook = (body: PlaybookInput) => api<Playbook>('/playbooks', { method: 'POST', body });

export const updatePlaybook = (id: string, body: PlaybookInput) =>
  api<Playbook>(`/playbooks/${encodeURIComponent(id)}`, { method: 'PUT', body });

import { queryOptions } from '@tanstack/react-query';
import { api } from '../../app/api.ts';
import type { Organization, OrganizationDetail, OrganizationSuggestion, Page } from '../../app/api-types.ts';

export const organizationKeys = {
  list: (q: string) => ['organizations', q] as const,
  one: (id: string) => ['organization', id] as const,
};

export function fetchOrganizations(
  q: string,
  options: { cursor?: string | null; signal?: AbortSignal } = {},
): Promise<Page<Organization>> {
  return api('/organizations', {
    query: { q: q || undefined, limit: 50, cursor: options.cursor },
    ...(options.signal ? { signal: options.signal } : {}),
  });
}

export function fetchOrganization(id: string, signal?: AbortSignal): Promise<OrganizationDetail> {
  return api(`/organizations/${encodeURIComponent(id)}`, signal ? { signal } : {});
}

/** Organizations whose name or code contains the text, accents ignored (weknow: "no repetir"). */
export async function suggestOrganizations(q: string, signal?: AbortSignal): Promise<OrganizationSuggestion[]> {
  const { items } = await api<{ items: OrganizationSuggestion[] }>('/organizations/autocomplete', {
    query: { q },
    ...(signal ? { signal } : {}),
  });
  return items;
}

export type OrganizationInput = {
  name: string;
  code?: string | null;
  taxId?: string | null;
  tier?: 'general' | 'special';
  domains?: string[];
  notes?: string;
  accountLeaderId?: string | null;
};

export function createOrganization(input: OrganizationInput): Promise<OrganizationDetail> {
  return api('/organizations', { method: 'POST', body: input });
}

export function updateOrganization(id: string, input: Partial<OrganizationInput>): Promise<OrganizationDetail> {
  return api(`/organizations/${encodeURIComponent(id)}`, { method: 'PATCH', body: input });
}

export const organizationQuery = (id: string) =>
  queryOptions({ queryKey: organizationKeys.one(id), queryFn: ({ signal }) => fetchOrganization(id, signal) });

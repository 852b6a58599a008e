import { api } from '../../app/api.ts';
import type { Agent, Department, Page, TicketSettings } from '../../app/api-types.ts';

export function fetchTicketSettings(signal?: AbortSignal): Promise<TicketSettings> {
  return api<TicketSettings>('/ticket-settings', signal ? { signal } : {});
}

export async function fetchAllAgents(signal?: AbortSignal): Promise<Agent[]> {
  return fetchAll<Agent>('/agents', { includeInactive: true }, signal);
}

export async function fetchAllDepartments(signal?: AbortSignal): Promise<Department[]> {
  return fetchAll<Department>('/departments', { includeInactive: true }, signal);
}

/** Walks a paged list to its end; agents and departments are tens, not thousands. */
async function fetchAll<T>(path: string, query: Record<string, string | boolean>, signal?: AbortSignal): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await api<Page<T>>(path, {
      query: { ...query, limit: 200, cursor },
      ...(signal ? { signal } : {}),
    });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

import type { PortalSort } from './tickets-api.ts';

/** Mis actividades' filters as they appear in the address (defaults left out). */
export type PortalTicketsSearch = { closed?: true; status?: string; q?: string; sort?: Exclude<PortalSort, 'updated'> };

/** Reads the filters from the address, dropping anything that is not one (a shared or edited link). */
export function portalTicketsSearch(search: Record<string, unknown>): PortalTicketsSearch {
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.slice(0, 200) : undefined);
  const status = text(search.status);
  const q = text(search.q);
  return {
    ...((search.closed === true || search.closed === 'true') && { closed: true as const }),
    ...(status && { status }),
    ...(q && { q }),
    ...((search.sort === 'created' || search.sort === 'number') && { sort: search.sort }),
  };
}

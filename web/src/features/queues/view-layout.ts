import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type { ViewColumn, ViewDensity } from '../../../../src/core/views/view-layout.ts';
import type { ViewLayoutSchema } from '../../../../src/http/schemas/view-layouts.ts';
import { api } from '../../app/api.ts';

export type { ViewColumn, ViewDensity };
export type ViewLayout = Static<typeof ViewLayoutSchema>;

// Not under `views`: live ticket events refresh that key, and a column choice never changes with them.
const layoutKey = (viewId: string) => ['view-layout', viewId] as const;
const layoutPath = (viewId: string) => `/views/${encodeURIComponent(viewId)}/layout`;

/** Issue 13: the columns and density the agent chose for a view (kept on the server, per agent). */
export const viewLayoutQuery = (viewId: string) =>
  queryOptions({
    queryKey: layoutKey(viewId),
    queryFn: ({ signal }) => api<ViewLayout>(layoutPath(viewId), { signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });

/** Saves a choice (`null` goes back to the defaults); the table follows at once, and back if refused. */
export function useSaveViewLayout(viewId: string) {
  const client = useQueryClient();
  const key = layoutKey(viewId);
  return useMutation({
    mutationFn: (layout: { columns: ViewColumn[]; density: ViewDensity } | null) =>
      layout
        ? api<ViewLayout>(layoutPath(viewId), { method: 'PUT', body: layout })
        : api<ViewLayout>(layoutPath(viewId), { method: 'DELETE' }),
    onMutate: async (layout) => {
      await client.cancelQueries({ queryKey: key });
      const previous = client.getQueryData<ViewLayout>(key);
      if (layout) client.setQueryData<ViewLayout>(key, { ...layout, custom: true });
      return { previous };
    },
    onError: (_error, _layout, context) => {
      if (context?.previous) client.setQueryData(key, context.previous);
    },
    onSuccess: (saved) => client.setQueryData(key, saved),
  });
}

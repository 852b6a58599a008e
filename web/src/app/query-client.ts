import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from './api.ts';

type Options = {
  /** Called when the server says the session is gone (401) on any request but sign-in itself. */
  onUnauthenticated: () => void;
};

export function createQueryClient({ onUnauthenticated }: Options): QueryClient {
  const handle = (error: unknown) => {
    if (isApiError(error) && error.status === 401) onUnauthenticated();
  };
  return new QueryClient({
    queryCache: new QueryCache({ onError: handle }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        // A failed sign-in is a 401 too, but it is the form's business, not a lost session.
        if (mutation.options.meta?.skipSessionCheck) return;
        handle(error);
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: true,
        // 4xx answers will not change by asking again; network blips and 5xx might.
        retry: (failureCount, error) => {
          if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
          return failureCount < 2;
        },
      },
      mutations: { retry: false },
    },
  });
}

declare module '@tanstack/react-query' {
  interface Register {
    mutationMeta: { skipSessionCheck?: boolean };
  }
}

import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { isApiError, setCsrfToken } from '../../app/api.ts';
import { applyLocale, currentLocale, type Locale } from '../../i18n/i18n.ts';
import { fetchSession, login, logout, updateMyLocale } from './api.ts';
import type { Credentials, Session, SessionUser } from './types.ts';

export const sessionQueryKey = ['auth', 'session'] as const;

/** Keeps the CSRF token and UI language in step with whatever session we just learned about. */
function adoptSession(session: Session | null): Session | null {
  setCsrfToken(session?.csrfToken ?? null);
  if (session) applyLocale(session.user.locale);
  return session;
}

export const sessionQueryOptions = queryOptions({
  queryKey: sessionQueryKey,
  queryFn: async ({ signal }) => adoptSession(await fetchSession(signal)),
  staleTime: 5 * 60_000,
});

/** The signed-in session, `null` when signed out, `undefined` while the first check runs. */
export function useSession(): Session | null | undefined {
  return useQuery(sessionQueryOptions).data;
}

/** For components under the signed-in layout, whose route already guarantees a session. */
export function useCurrentUser(): SessionUser {
  const session = useSession();
  if (!session) throw new Error('useCurrentUser() used outside the signed-in layout');
  return session.user;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (credentials: Credentials) => login(credentials),
    meta: { skipSessionCheck: true },
    onSuccess: (session) => {
      // Whatever another agent left in the cache on this browser is not ours to show.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionQueryKey[0] });
      queryClient.setQueryData(sessionQueryKey, adoptSession(session));
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  const forget = () => {
    adoptSession(null);
    queryClient.clear();
    queryClient.setQueryData(sessionQueryKey, null);
  };
  return useMutation({
    mutationFn: () => logout(),
    meta: { skipSessionCheck: true },
    onSuccess: forget,
    onError: (error) => {
      // Already signed out on the server (expired session): the outcome the user wanted.
      if (isApiError(error) && error.status === 401) forget();
    },
  });
}

/**
 * Applies the language at once and stores it on the agent. If the server refuses, the
 * previous language comes back so the screen never disagrees with what is stored.
 */
export function useUpdateLocale() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (locale: Locale) => updateMyLocale(locale),
    onMutate: (locale) => {
      const previous = currentLocale();
      applyLocale(locale);
      return { previous };
    },
    onSuccess: (user) => {
      queryClient.setQueryData(sessionQueryKey, (session: Session | null | undefined) =>
        session ? { ...session, user } : session,
      );
      applyLocale(user.locale);
    },
    onError: (_error, _locale, context) => {
      if (context) applyLocale(context.previous);
    },
  });
}

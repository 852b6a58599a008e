import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { isApiError, setCsrfToken } from '../app/api.ts';
import { applyLocale } from '../i18n/i18n.ts';
import { fetchPortalSession, type PortalContact, type PortalSession, portalLogin, portalLogout } from './api.ts';

export const portalSessionQueryKey = ['portal', 'session'] as const;

/** Keeps the CSRF token and the language in step with the portal session we just learned about. */
function adoptSession(session: PortalSession | null): PortalSession | null {
  setCsrfToken(session?.csrfToken ?? null);
  if (session) applyLocale(session.contact.locale);
  return session;
}

export const portalSessionQueryOptions = queryOptions({
  queryKey: portalSessionQueryKey,
  queryFn: async ({ signal }) => adoptSession(await fetchPortalSession(signal)),
  staleTime: 5 * 60_000,
});

/** The portal session, `null` when no contact is signed in, `undefined` while the first check runs. */
export function usePortalSession(): PortalSession | null | undefined {
  return useQuery(portalSessionQueryOptions).data;
}

/** For pages inside the portal shell, whose route already guarantees a signed-in contact. */
export function usePortalContact(): PortalContact {
  const session = useQuery(portalSessionQueryOptions).data;
  if (!session) throw new Error('usePortalContact() used outside the signed-in portal');
  return session.contact;
}

export function usePortalLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: portalLogin,
    meta: { skipSessionCheck: true },
    onSuccess: (session) => {
      // A sign-in replaces whatever session this browser had (an agent's too): forget its data.
      queryClient.clear();
      queryClient.setQueryData(portalSessionQueryKey, adoptSession(session));
    },
  });
}

export function usePortalLogout() {
  const queryClient = useQueryClient();
  const forget = () => {
    adoptSession(null);
    queryClient.clear();
    queryClient.setQueryData(portalSessionQueryKey, null);
  };
  return useMutation({
    mutationFn: portalLogout,
    meta: { skipSessionCheck: true },
    onSuccess: forget,
    onError: (error) => {
      if (isApiError(error) && error.status === 401) forget();
    },
  });
}

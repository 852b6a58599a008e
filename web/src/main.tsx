import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { setCsrfToken } from './app/api.ts';
import { Providers } from './app/providers.tsx';
import { createQueryClient } from './app/query-client.ts';
import { createAppRouter } from './app/router.tsx';
import { sessionQueryKey } from './features/auth/useSession.ts';
import { initI18n } from './i18n/i18n.ts';
import { portalSessionQueryKey } from './portal/usePortalSession.ts';

initI18n();

const queryClient = createQueryClient({
  onUnauthenticated: () => {
    // The server forgot us (expired or revoked session): drop what we knew and let the
    // console's (or the portal's) guard send them to sign in.
    setCsrfToken(null);
    queryClient.setQueryData(sessionQueryKey, null);
    queryClient.setQueryData(portalSessionQueryKey, null);
    void router.invalidate();
  },
});
const router = createAppRouter(queryClient);

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <Providers queryClient={queryClient}>
      <RouterProvider router={router} />
    </Providers>
  </StrictMode>,
);

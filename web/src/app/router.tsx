import { Center, Loader } from '@mantine/core';
import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
  redirect,
} from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { sessionQueryOptions } from '../features/auth/useSession.ts';
import { ErrorPage, NotFoundPage, RootErrorPage, RootNotFoundPage } from './ErrorPage.tsx';
import { RequireRole } from './RequireRole.tsx';

export type RouterContext = { queryClient: QueryClient };

type LoginSearch = { redirect?: string };

/** Only same-site paths may be a post-login destination: not `//evil.example`, nor `/\evil.example`. */
function safeRedirect(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value.startsWith('/')) return undefined;
  return value.startsWith('//') || value.startsWith('/\\') ? undefined : value;
}

function PendingPage() {
  const { t } = useTranslation();
  return (
    <Center mih="50vh">
      <Loader aria-label={t('app.loading')} />
    </Center>
  );
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  errorComponent: RootErrorPage,
  notFoundComponent: RootNotFoundPage,
});

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'login',
  validateSearch: (search: Record<string, unknown>): LoginSearch => {
    const target = safeRedirect(search.redirect);
    return target ? { redirect: target } : {};
  },
  beforeLoad: async ({ context, search }) => {
    const session = await context.queryClient.ensureQueryData(sessionQueryOptions);
    if (session) throw redirect({ href: search.redirect ?? '/', replace: true });
  },
  component: lazyRouteComponent(() => import('../features/auth/LoginPage.tsx'), 'LoginPage'),
});

/** Everything below needs a signed-in agent; the shell around it is the console. */
const consoleRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'console',
  beforeLoad: async ({ context, location }) => {
    const session = await context.queryClient.ensureQueryData(sessionQueryOptions);
    if (!session) {
      const target = location.href === '/' ? undefined : location.href;
      throw redirect({ to: '/login', search: target ? { redirect: target } : {}, replace: true });
    }
    return { session };
  },
  component: lazyRouteComponent(() => import('./AppShell.tsx'), 'AppShell'),
  errorComponent: RootErrorPage,
  notFoundComponent: NotFoundPage,
});

const indexRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/queues', replace: true });
  },
});

const queuesRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'queues',
  component: lazyRouteComponent(() => import('../features/queues/QueuesPage.tsx'), 'QueuesPage'),
});

const contactsRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'contacts',
  component: lazyRouteComponent(() => import('../features/contacts/ContactsPage.tsx'), 'ContactsPage'),
});

const organizationsRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'organizations',
  component: lazyRouteComponent(() => import('../features/organizations/OrganizationsPage.tsx'), 'OrganizationsPage'),
});

const reportsRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'reports',
  component: lazyRouteComponent(() => import('../features/reports/ReportsPage.tsx'), 'ReportsPage'),
});

const AdminPage = lazyRouteComponent(() => import('../features/admin/AdminPage.tsx'), 'AdminPage');

const adminRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'admin',
  component: () => (
    <RequireRole roles={['admin']}>
      <AdminPage />
    </RequireRole>
  ),
});

const routeTree = rootRoute.addChildren([
  loginRoute,
  consoleRoute.addChildren([indexRoute, queuesRoute, contactsRoute, organizationsRoute, reportsRoute, adminRoute]),
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    // Route data lives in TanStack Query; the router should not keep a second cache.
    defaultPreloadStaleTime: 0,
    defaultErrorComponent: ErrorPage,
    defaultNotFoundComponent: NotFoundPage,
    defaultPendingComponent: PendingPage,
    scrollRestoration: true,
  });
}

export type AppRouter = ReturnType<typeof createAppRouter>;

declare module '@tanstack/react-router' {
  interface Register {
    router: AppRouter;
  }
}

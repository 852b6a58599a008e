import { Center, Loader } from '@mantine/core';
import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  notFound,
  Outlet,
  redirect,
} from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { sessionQueryOptions } from '../features/auth/useSession.ts';
import { type KbSearch, kbSearch } from '../features/kb/kb-search.ts';
import { type PlannerSearch, plannerSearch } from '../features/planner/planner-search.ts';
import { REPORT_PAGES, type ReportPage, type ReportSearch, reportSearch } from '../features/reports/api.ts';
import { viewsQuery } from '../features/tickets/queries.ts';
import { type PortalTicketsSearch, portalTicketsSearch } from '../portal/tickets-search.ts';
import { portalSessionQueryOptions } from '../portal/usePortalSession.ts';
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

type SurveySearch = { rating?: 'good' | 'bad'; lang?: 'es' | 'en' };

/** The customer's satisfaction survey from the solved mail: public, outside the console's sign-in. */
const satisfactionRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'satisfaction/$token',
  validateSearch: (search: Record<string, unknown>): SurveySearch => ({
    ...(search.rating === 'good' || search.rating === 'bad' ? { rating: search.rating } : {}),
    ...(search.lang === 'es' || search.lang === 'en' ? { lang: search.lang } : {}),
  }),
  component: lazyRouteComponent(() => import('../features/satisfaction/SatisfactionPage.tsx'), 'SatisfactionPage'),
});

type HelpSearch = { q?: string };

// The public help centre (issue 19): anonymous, public articles only (the server decides).
const helpRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'help',
  component: lazyRouteComponent(() => import('../help/HelpLayout.tsx'), 'HelpLayout'),
});

const helpIndexRoute = createRoute({
  getParentRoute: () => helpRoute,
  path: '/',
  validateSearch: (search: Record<string, unknown>): HelpSearch =>
    typeof search.q === 'string' && search.q.trim() ? { q: search.q.slice(0, 200) } : {},
  component: lazyRouteComponent(() => import('../help/HelpHomePage.tsx'), 'HelpHomePage'),
});

const helpArticleRoute = createRoute({
  getParentRoute: () => helpRoute,
  path: 'articles/$slug',
  component: lazyRouteComponent(() => import('../help/HelpArticlePage.tsx'), 'HelpArticlePage'),
});

/** The print view stands outside the help centre's frame: the article alone. */
const helpPrintRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'help/articles/$slug/print',
  component: lazyRouteComponent(() => import('../help/HelpArticlePage.tsx'), 'HelpPrintPage'),
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

/** `/queues` opens the agent's first view; with no views at all, a page that says so. */
const queuesRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'queues',
  beforeLoad: async ({ context }) => {
    const { items } = await context.queryClient.ensureQueryData(viewsQuery);
    const first = items[0];
    if (first) throw redirect({ to: '/queues/$viewId', params: { viewId: first.id }, replace: true });
  },
  component: lazyRouteComponent(() => import('../features/queues/QueuesPage.tsx'), 'QueuesPage'),
});

const queueRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'queues/$viewId',
  component: lazyRouteComponent(() => import('../features/queues/QueuePage.tsx'), 'QueuePage'),
});

const newTicketRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'tickets/new',
  component: lazyRouteComponent(() => import('../features/tickets/NewTicketPage.tsx'), 'NewTicketPage'),
});

const ticketRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'tickets/$ticketRef',
  component: lazyRouteComponent(() => import('../features/tickets/TicketPage.tsx'), 'TicketPage'),
});

type SearchParams = { q?: string };

const searchRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'search',
  validateSearch: (search: Record<string, unknown>): SearchParams =>
    typeof search.q === 'string' ? { q: search.q.slice(0, 200) } : {},
  component: lazyRouteComponent(() => import('../features/search/SearchPage.tsx'), 'SearchPage'),
});

const contactsRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'contacts',
  component: lazyRouteComponent(() => import('../features/contacts/ContactsPage.tsx'), 'ContactsPage'),
});

const contactRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'contacts/$contactId',
  component: lazyRouteComponent(() => import('../features/contacts/ContactPage.tsx'), 'ContactPage'),
});

const organizationsRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'organizations',
  component: lazyRouteComponent(() => import('../features/organizations/OrganizationsPage.tsx'), 'OrganizationsPage'),
});

const organizationRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'organizations/$organizationId',
  component: lazyRouteComponent(() => import('../features/organizations/OrganizationPage.tsx'), 'OrganizationPage'),
});

const plannerRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'planner',
  validateSearch: (search: Record<string, unknown>): PlannerSearch => plannerSearch(search),
  component: lazyRouteComponent(() => import('../features/planner/PlannerPage.tsx'), 'PlannerPage'),
});

// Issue 19: the knowledge base as agents keep it; its filters live in the address.
const kbRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'kb',
  validateSearch: (search: Record<string, unknown>): KbSearch => kbSearch(search),
  component: lazyRouteComponent(() => import('../features/kb/KbPage.tsx'), 'KbPage'),
});

/** `?fromTicket=OP10044` prefills the article from that ticket's solution. */
const kbNewArticleRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'kb/articles/new',
  validateSearch: (search: Record<string, unknown>): { fromTicket?: string } =>
    typeof search.fromTicket === 'string' && search.fromTicket ? { fromTicket: search.fromTicket.slice(0, 100) } : {},
  component: lazyRouteComponent(() => import('../features/kb/ArticleEditorPage.tsx'), 'NewArticlePage'),
});

const kbArticleRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'kb/articles/$articleId',
  component: lazyRouteComponent(() => import('../features/kb/ArticleEditorPage.tsx'), 'ArticlePage'),
});

// Supervisors write the onboarding playbooks (the server's playbooks.manage); agents only start them.
const playbooksRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'playbooks',
  component: lazyRouteComponent(() => import('../features/playbooks/PlaybooksPage.tsx'), 'PlaybooksPage'),
});

// Supervisors write the protocols (the server's protocols.manage); agents apply them on tickets.
const protocolsRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'protocols',
  component: lazyRouteComponent(() => import('../features/protocols/ProtocolsPage.tsx'), 'ProtocolsPage'),
});

const reportsRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'reports',
  beforeLoad: () => {
    throw redirect({ to: '/reports/$report', params: { report: 'dashboard' } });
  },
});

// Its own chunk: the charts (recharts) stay out of the console's first load.
const reportRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'reports/$report',
  params: {
    parse: ({ report }) => {
      if (!(REPORT_PAGES as readonly string[]).includes(report)) throw notFound();
      return { report: report as ReportPage };
    },
    stringify: ({ report }) => ({ report }),
  },
  validateSearch: (search: Record<string, unknown>): ReportSearch => reportSearch(search),
  component: lazyRouteComponent(() => import('../features/reports/ReportsPage.tsx'), 'ReportsPage'),
});

// One chunk for every admin tab (see admin-screens.ts).
const adminScreens = () => import('../features/admin/admin-screens.ts');
const AdminLayout = lazyRouteComponent(adminScreens, 'AdminLayout');

const adminRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'admin',
  component: () => (
    <RequireRole roles={['admin']}>
      <AdminLayout />
    </RequireRole>
  ),
});

const adminIndexRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/admin/statuses', replace: true });
  },
});

const adminStatusesAdminRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: 'statuses',
  component: lazyRouteComponent(adminScreens, 'StatusesAdmin'),
});

const adminTypesAdminRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: 'types',
  component: lazyRouteComponent(adminScreens, 'TypesAdmin'),
});

const adminCategoriesAdminRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: 'categories',
  component: lazyRouteComponent(adminScreens, 'CategoriesAdmin'),
});

const adminNumberingAdminRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: 'numbering',
  component: lazyRouteComponent(adminScreens, 'NumberingAdmin'),
});

const adminAttachmentsAdminRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: 'attachments',
  component: lazyRouteComponent(adminScreens, 'AttachmentsAdmin'),
});

const adminMacrosAdminRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: 'macros',
  component: lazyRouteComponent(adminScreens, 'MacrosAdmin'),
});

const adminAgentsAdminRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: 'agents',
  component: lazyRouteComponent(adminScreens, 'AgentsAdmin'),
});

const adminDepartmentsAdminRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: 'departments',
  component: lazyRouteComponent(adminScreens, 'DepartmentsAdmin'),
});

// Issue 7: business hours, SLAs, triggers, time rules and the Anexo A keyword table.
const adminCalendarsRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: 'calendars',
  component: lazyRouteComponent(adminScreens, 'CalendarsAdmin'),
});

const adminSlaRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: 'sla',
  component: lazyRouteComponent(adminScreens, 'SlaPoliciesAdmin'),
});

const adminTriggersRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: 'triggers',
  component: lazyRouteComponent(adminScreens, 'TriggersAdmin'),
});

const adminTimeRulesRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: 'time-rules',
  component: lazyRouteComponent(adminScreens, 'TimeRulesAdmin'),
});

const adminKeywordsRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: 'keywords',
  component: lazyRouteComponent(adminScreens, 'KeywordsAdmin'),
});

// 003: an organization's limits of tickets in work; `?organization=` opens one (from its page).
const adminAccountLimitsRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: 'account-limits',
  validateSearch: (search: Record<string, unknown>): { organization?: string } =>
    typeof search.organization === 'string' && search.organization ? { organization: search.organization } : {},
  component: lazyRouteComponent(adminScreens, 'AccountLimitsAdmin'),
});

// Issue 15: contracts expiring soon and expired, the entitlement rule and the exchange rates.
const adminContractsRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: 'contracts',
  component: lazyRouteComponent(adminScreens, 'ContractsAdmin'),
});

const adminNotificationsRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: 'notifications',
  component: lazyRouteComponent(adminScreens, 'NotificationMatrixAdmin'),
});

// Issue 6: the email channel's mailboxes, failed mail and templates.
const adminMailboxesRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: 'mailboxes',
  component: lazyRouteComponent(adminScreens, 'MailboxesAdmin'),
});

// Issue 16: the WhatsApp Business numbers.
const adminWhatsappRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: 'whatsapp',
  component: lazyRouteComponent(adminScreens, 'WhatsappNumbersAdmin'),
});

const adminFailedMailRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: 'failed-mail',
  component: lazyRouteComponent(adminScreens, 'FailedMailAdmin'),
});

const adminEmailTemplatesRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: 'email-templates',
  component: lazyRouteComponent(adminScreens, 'EmailTemplatesAdmin'),
});

const notificationPreferencesRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'notifications/preferences',
  component: lazyRouteComponent(
    () => import('../features/notifications/NotificationPreferencesPage.tsx'),
    'NotificationPreferencesPage',
  ),
});

const adminRoutes = [
  adminStatusesAdminRoute,
  adminTypesAdminRoute,
  adminCategoriesAdminRoute,
  adminNumberingAdminRoute,
  adminAttachmentsAdminRoute,
  adminMacrosAdminRoute,
  adminAgentsAdminRoute,
  adminDepartmentsAdminRoute,
  adminCalendarsRoute,
  adminSlaRoute,
  adminTriggersRoute,
  adminTimeRulesRoute,
  adminKeywordsRoute,
  adminAccountLimitsRoute,
  adminContractsRoute,
  adminNotificationsRoute,
  adminMailboxesRoute,
  adminWhatsappRoute,
  adminFailedMailRoute,
  adminEmailTemplatesRoute,
];

// The customer portal (issue 15): its own pages and session under /portal. A console session
// does not open it (the server answers 403), so an agent who comes here sees the portal sign-in.
const portalRoute = createRoute({ getParentRoute: () => rootRoute, path: 'portal' });

const portalLoginRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: 'login',
  beforeLoad: async ({ context }) => {
    const session = await context.queryClient.ensureQueryData(portalSessionQueryOptions);
    if (session) throw redirect({ to: '/portal/tickets', replace: true });
  },
  component: lazyRouteComponent(() => import('../portal/PortalLoginPage.tsx'), 'PortalLoginPage'),
});

const portalForgotRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: 'forgot-password',
  component: lazyRouteComponent(() => import('../portal/PortalForgotPasswordPage.tsx'), 'PortalForgotPasswordPage'),
});

/** Invitation and reset links both lead here: `/portal/set-password?token=…`. */
const portalSetPasswordRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: 'set-password',
  validateSearch: (search: Record<string, unknown>): { token?: string } =>
    typeof search.token === 'string' && search.token ? { token: search.token.slice(0, 200) } : {},
  component: lazyRouteComponent(() => import('../portal/PortalSetPasswordPage.tsx'), 'PortalSetPasswordPage'),
});

/** Everything below needs a signed-in contact; the shell around it is the portal's. */
const portalShellRoute = createRoute({
  getParentRoute: () => portalRoute,
  id: 'portal-shell',
  beforeLoad: async ({ context }) => {
    const session = await context.queryClient.ensureQueryData(portalSessionQueryOptions);
    if (!session) throw redirect({ to: '/portal/login', replace: true });
    return { portalSession: session };
  },
  component: lazyRouteComponent(() => import('../portal/PortalLayout.tsx'), 'PortalLayout'),
  errorComponent: RootErrorPage,
  notFoundComponent: NotFoundPage,
});

const portalIndexRoute = createRoute({
  getParentRoute: () => portalShellRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/portal/tickets', replace: true });
  },
});

/** "Mis actividades", the landing page after sign-in; its filters live in the address. */
const portalTicketsRoute = createRoute({
  getParentRoute: () => portalShellRoute,
  path: 'tickets',
  validateSearch: (search: Record<string, unknown>): PortalTicketsSearch => portalTicketsSearch(search),
  component: lazyRouteComponent(() => import('../portal/PortalTicketsPage.tsx'), 'PortalTicketsPage'),
});

const portalNewTicketRoute = createRoute({
  getParentRoute: () => portalShellRoute,
  path: 'tickets/new',
  component: lazyRouteComponent(() => import('../portal/PortalNewTicketPage.tsx'), 'PortalNewTicketPage'),
});

/** A ticket by its number, the one customers read in their mail. */
const portalTicketRoute = createRoute({
  getParentRoute: () => portalShellRoute,
  path: 'tickets/$number',
  component: lazyRouteComponent(() => import('../portal/PortalTicketPage.tsx'), 'PortalTicketPage'),
});

const portalPasswordRoute = createRoute({
  getParentRoute: () => portalShellRoute,
  path: 'password',
  component: lazyRouteComponent(() => import('../portal/PortalPasswordPage.tsx'), 'PortalPasswordPage'),
});

const portalUsersRoute = createRoute({
  getParentRoute: () => portalShellRoute,
  path: 'users',
  component: lazyRouteComponent(() => import('../portal/PortalUsersPage.tsx'), 'PortalUsersPage'),
});

const routeTree = rootRoute.addChildren([
  loginRoute,
  portalRoute.addChildren([
    portalLoginRoute,
    portalForgotRoute,
    portalSetPasswordRoute,
    portalShellRoute.addChildren([
      portalIndexRoute,
      portalTicketsRoute,
      portalNewTicketRoute,
      portalTicketRoute,
      portalPasswordRoute,
      portalUsersRoute,
    ]),
  ]),
  satisfactionRoute,
  helpRoute.addChildren([helpIndexRoute, helpArticleRoute]),
  helpPrintRoute,
  consoleRoute.addChildren([
    indexRoute,
    queuesRoute,
    queueRoute,
    newTicketRoute,
    ticketRoute,
    searchRoute,
    contactsRoute,
    contactRoute,
    organizationsRoute,
    organizationRoute,
    plannerRoute,
    kbRoute,
    kbNewArticleRoute,
    kbArticleRoute,
    playbooksRoute,
    protocolsRoute,
    reportsRoute,
    reportRoute,
    notificationPreferencesRoute,
    adminRoute.addChildren([adminIndexRoute, ...adminRoutes]),
  ]),
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

import {
  ActionIcon,
  Avatar,
  Badge,
  Box,
  Burger,
  Button,
  Group,
  AppShell as MantineAppShell,
  NavLink,
  ScrollArea,
  Stack,
  Text,
  Tooltip,
} from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import {
  type Icon,
  IconAddressBook,
  IconBook2,
  IconBuildingSkyscraper,
  IconCalendarWeek,
  IconChartBar,
  IconInbox,
  IconKeyboard,
  IconListCheck,
  IconLogout,
  IconPlus,
  IconSettings,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, Outlet, useLocation, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Role, SessionUser } from '../features/auth/types.ts';
import { useLogout, useSession, useUpdateLocale } from '../features/auth/useSession.ts';
import { NotificationBell } from '../features/notifications/NotificationBell.tsx';
import { countLabel, countText } from '../features/queues/ticket-count.ts';
import { viewName } from '../features/queues/view-names.ts';
import { GLOBAL_SEARCH_ID, SearchBox } from '../features/search/SearchBox.tsx';
import { viewsQuery } from '../features/tickets/queries.ts';
import { currentLocale, type Locale } from '../i18n/i18n.ts';
import { errorMessage } from './error-message.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { Logo } from './Logo.tsx';
import { LiveProvider, useLiveStatus } from './live/LiveProvider.tsx';
import { QueryErrorBoundary } from './QueryErrorBoundary.tsx';
import { ShortcutsOverlay } from './ShortcutsOverlay.tsx';
import { useShortcuts } from './shortcuts.ts';
import { NavRouterLink } from './ui/links.tsx';

type NavItem = {
  to: '/queues' | '/contacts' | '/organizations' | '/planner' | '/kb' | '/protocols' | '/reports' | '/admin';
  labelKey:
    | 'nav.queues'
    | 'nav.contacts'
    | 'nav.organizations'
    | 'nav.planner'
    | 'nav.kb'
    | 'nav.protocols'
    | 'nav.reports'
    | 'nav.admin';
  icon: Icon;
  roles?: Role[];
};

const NAV_ITEMS: NavItem[] = [
  { to: '/queues', labelKey: 'nav.queues', icon: IconInbox },
  { to: '/contacts', labelKey: 'nav.contacts', icon: IconAddressBook },
  { to: '/organizations', labelKey: 'nav.organizations', icon: IconBuildingSkyscraper },
  { to: '/planner', labelKey: 'nav.planner', icon: IconCalendarWeek },
  { to: '/kb', labelKey: 'nav.kb', icon: IconBook2 },
  // Supervisors write the protocols agents apply (the server's protocols.manage).
  { to: '/protocols', labelKey: 'nav.protocols', icon: IconListCheck, roles: ['admin', 'supervisor'] },
  { to: '/reports', labelKey: 'nav.reports', icon: IconChartBar },
  { to: '/admin', labelKey: 'nav.admin', icon: IconSettings, roles: ['admin'] },
];

/** The signed-in frame: header with the agent, navigation on the left, the section in the middle. */
export function AppShell() {
  const session = useSession();
  // Signing out (or a session the server dropped) empties the cache a moment before the route
  // guard moves us to the sign-in page; render nothing in between.
  if (!session) return null;
  return (
    <LiveProvider>
      <SignedInShell user={session.user} />
    </LiveProvider>
  );
}

function SignedInShell({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const [navOpened, nav] = useDisclosure(false);
  const [helpOpened, help] = useDisclosure(false);
  // On a phone the closed navigation slides off-screen; inert keeps Tab and screen readers out of it.
  const phone = useMediaQuery('(max-width: 48em)');
  const views = useQuery(viewsQuery);

  useShortcuts({
    '/': () => {
      const box = document.getElementById(GLOBAL_SEARCH_ID);
      if (box && box.offsetParent !== null) box.focus();
      else void navigate({ to: '/search', search: { q: '' } });
    },
    '?': help.open,
  });
  const logout = useLogout();
  const updateLocale = useUpdateLocale();

  const roleLabel = t(`user.roles.${user.role}`);
  const items = NAV_ITEMS.filter((item) => !item.roles || item.roles.includes(user.role));

  function changeLocale(locale: Locale) {
    updateLocale.mutate(locale, {
      onError: (error) => {
        notifications.show({ color: 'red', title: t('language.saveFailed'), message: errorMessage(t, error) });
      },
    });
  }

  function signOut() {
    logout.mutate(undefined, {
      onSuccess: () => {
        void navigate({ to: '/login', replace: true });
      },
      onError: (error) => {
        notifications.show({ color: 'red', title: t('auth.signOutFailed'), message: errorMessage(t, error) });
      },
    });
  }

  return (
    <MantineAppShell
      header={{ height: 64 }}
      navbar={{ width: { sm: 224, xl: 248 }, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      padding={{ base: 'md', sm: 'lg', xl: 'xl' }}
    >
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>

      <MantineAppShell.Header px="md">
        <Group h="100%" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={navOpened}
              onClick={nav.toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={navOpened ? t('nav.close') : t('nav.open')}
              aria-expanded={navOpened}
              aria-controls="main-navigation"
            />
            <Link to="/" aria-label={t('app.name')} style={{ color: 'inherit', textDecoration: 'none' }}>
              <Logo size="sm" />
            </Link>
          </Group>

          <SearchBox />

          <Group gap="md" wrap="nowrap">
            <Button
              component={Link}
              to="/tickets/new"
              size="sm"
              leftSection={<IconPlus size={16} aria-hidden="true" />}
              visibleFrom="md"
            >
              {t('ticket.new.button')}
            </Button>
            <Tooltip label={t('ticket.new.button')}>
              <ActionIcon
                component={Link}
                to="/tickets/new"
                size="lg"
                hiddenFrom="md"
                aria-label={t('ticket.new.button')}
              >
                <IconPlus size={18} aria-hidden="true" />
              </ActionIcon>
            </Tooltip>
            <NotificationBell />
            <Tooltip label={t('shortcuts.title')}>
              <ActionIcon
                variant="subtle"
                color="gray"
                size="lg"
                aria-label={t('shortcuts.title')}
                onClick={help.open}
                visibleFrom="sm"
              >
                <IconKeyboard size={20} aria-hidden="true" />
              </ActionIcon>
            </Tooltip>
            <Box visibleFrom="sm">
              <LanguageSwitch value={currentLocale()} onChange={changeLocale} disabled={updateLocale.isPending} />
            </Box>
            <Group gap="xs" wrap="nowrap" visibleFrom="sm">
              <Avatar color="indigo" radius="xl" size={36} aria-hidden="true">
                {user.initials}
              </Avatar>
              <Box visibleFrom="lg" lh={1.2}>
                <Text fz="sm" fw={600} data-testid="current-user-name">
                  {user.name}
                </Text>
                {roleLabel !== user.name && (
                  <Text fz="xs" c="dimmed">
                    {roleLabel}
                  </Text>
                )}
              </Box>
            </Group>
            <Button
              variant="default"
              size="sm"
              visibleFrom="lg"
              leftSection={<IconLogout size={16} aria-hidden="true" />}
              loading={logout.isPending}
              onClick={signOut}
            >
              {t('auth.signOut')}
            </Button>
            <Tooltip label={t('auth.signOut')}>
              <ActionIcon
                variant="default"
                size="lg"
                hiddenFrom="lg"
                aria-label={t('auth.signOut')}
                loading={logout.isPending}
                onClick={signOut}
              >
                <IconLogout size={18} aria-hidden="true" />
              </ActionIcon>
            </Tooltip>
          </Group>
        </Group>
      </MantineAppShell.Header>

      <MantineAppShell.Navbar
        id="main-navigation"
        component="nav"
        aria-label={t('nav.label')}
        inert={phone && !navOpened}
        p="sm"
        bg="var(--mantine-color-gray-0)"
      >
        <MantineAppShell.Section grow component={ScrollArea}>
          <Stack gap={4}>
            {items.map((item) => {
              const active =
                item.to === '/queues'
                  ? pathname === '/queues'
                  : pathname === item.to || pathname.startsWith(`${item.to}/`);
              const link = (
                <NavLink
                  key={item.to}
                  component={Link}
                  to={item.to}
                  activeOptions={{ exact: item.to === '/queues' }}
                  label={t(item.labelKey)}
                  leftSection={<item.icon size={20} stroke={1.7} aria-hidden="true" />}
                  active={active}
                  aria-current={active ? 'page' : undefined}
                  variant="light"
                  fw={active ? 600 : 500}
                  style={{ borderRadius: 'var(--mantine-radius-md)' }}
                  onClick={nav.close}
                />
              );
              if (item.to !== '/queues') return link;
              return (
                <Box key={item.to}>
                  {link}
                  <Stack
                    gap={2}
                    mt={2}
                    mb={6}
                    pl={12}
                    component="ul"
                    aria-label={t('queue.viewsLabel')}
                    style={{ listStyle: 'none' }}
                  >
                    {(views.data?.items ?? []).map((view) => {
                      const to = `/queues/${view.id}`;
                      const current = pathname === to;
                      return (
                        <li key={view.id}>
                          <NavRouterLink
                            to="/queues/$viewId"
                            params={{ viewId: view.id }}
                            label={viewName(t, view)}
                            title={viewName(t, view)}
                            noWrap
                            active={current}
                            aria-current={current ? 'page' : undefined}
                            variant="light"
                            fz="sm"
                            py={6}
                            rightSection={
                              <Badge
                                size="sm"
                                variant={current ? 'filled' : 'light'}
                                color={current ? 'indigo' : 'gray'}
                                radius="sm"
                                aria-label={countLabel(t, view.count, view.countCapped)}
                              >
                                {countText(view.count, view.countCapped)}
                              </Badge>
                            }
                            style={{ borderRadius: 'var(--mantine-radius-md)' }}
                            onClick={nav.close}
                          />
                        </li>
                      );
                    })}
                  </Stack>
                </Box>
              );
            })}
          </Stack>
        </MantineAppShell.Section>
        <MantineAppShell.Section pt="sm">
          <Stack gap={8} px="sm">
            <Box hiddenFrom="sm">
              <LanguageSwitch value={currentLocale()} onChange={changeLocale} disabled={updateLocale.isPending} />
            </Box>
            <LiveIndicator />
            <Text fz="xs" c="dimmed">
              {t('app.tagline')}
            </Text>
          </Stack>
        </MantineAppShell.Section>
      </MantineAppShell.Navbar>

      <MantineAppShell.Main id="main" tabIndex={-1} bg="var(--mantine-color-body)">
        <QueryErrorBoundary key={pathname}>
          <Outlet />
        </QueryErrorBoundary>
      </MantineAppShell.Main>
      <ShortcutsOverlay opened={helpOpened} onClose={help.close} />
    </MantineAppShell>
  );
}

/** "En vivo" while the live connection is up; says so when it is not, so nobody trusts a stale queue. */
function LiveIndicator() {
  const { t } = useTranslation();
  const status = useLiveStatus();
  const color = status === 'open' ? 'teal' : status === 'connecting' ? 'gray' : 'orange';
  return (
    <Group gap={6} role="status" aria-live="polite" data-live-status={status}>
      <Box w={8} h={8} bg={`var(--mantine-color-${color}-6)`} style={{ borderRadius: '50%' }} aria-hidden="true" />
      <Text fz="xs" c="dimmed">
        {t(`live.${status}`)}
      </Text>
    </Group>
  );
}

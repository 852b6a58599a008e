import {
  ActionIcon,
  Avatar,
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
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import {
  type Icon,
  IconAddressBook,
  IconBuildingSkyscraper,
  IconChartBar,
  IconInbox,
  IconLogout,
  IconSettings,
} from '@tabler/icons-react';
import { Link, Outlet, useLocation, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Role, SessionUser } from '../features/auth/types.ts';
import { useLogout, useSession, useUpdateLocale } from '../features/auth/useSession.ts';
import { currentLocale, type Locale } from '../i18n/i18n.ts';
import { errorMessage } from './error-message.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { Logo } from './Logo.tsx';
import { QueryErrorBoundary } from './QueryErrorBoundary.tsx';

type NavItem = {
  to: '/queues' | '/contacts' | '/organizations' | '/reports' | '/admin';
  labelKey: 'nav.queues' | 'nav.contacts' | 'nav.organizations' | 'nav.reports' | 'nav.admin';
  icon: Icon;
  roles?: Role[];
};

const NAV_ITEMS: NavItem[] = [
  { to: '/queues', labelKey: 'nav.queues', icon: IconInbox },
  { to: '/contacts', labelKey: 'nav.contacts', icon: IconAddressBook },
  { to: '/organizations', labelKey: 'nav.organizations', icon: IconBuildingSkyscraper },
  { to: '/reports', labelKey: 'nav.reports', icon: IconChartBar },
  { to: '/admin', labelKey: 'nav.admin', icon: IconSettings, roles: ['admin'] },
];

/** The signed-in frame: header with the agent, navigation on the left, the section in the middle. */
export function AppShell() {
  const session = useSession();
  // Signing out (or a session the server dropped) empties the cache a moment before the route
  // guard moves us to the sign-in page; render nothing in between.
  if (!session) return null;
  return <SignedInShell user={session.user} />;
}

function SignedInShell({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const [navOpened, nav] = useDisclosure(false);
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
      navbar={{ width: 248, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      padding={{ base: 'md', sm: 'xl' }}
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

          <Group gap="md" wrap="nowrap">
            <LanguageSwitch value={currentLocale()} onChange={changeLocale} disabled={updateLocale.isPending} />
            <Group gap="xs" wrap="nowrap">
              <Avatar color="indigo" radius="xl" size={36} aria-hidden="true">
                {user.initials}
              </Avatar>
              <Box visibleFrom="sm" lh={1.2}>
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
              visibleFrom="sm"
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
                hiddenFrom="sm"
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
        p="sm"
        bg="var(--mantine-color-gray-0)"
      >
        <MantineAppShell.Section grow component={ScrollArea}>
          <Stack gap={4}>
            {items.map((item) => {
              const active = pathname === item.to || pathname.startsWith(`${item.to}/`);
              return (
                <NavLink
                  key={item.to}
                  component={Link}
                  to={item.to}
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
            })}
          </Stack>
        </MantineAppShell.Section>
        <MantineAppShell.Section pt="sm">
          <Text fz="xs" c="dimmed" px="sm">
            {t('app.tagline')}
          </Text>
        </MantineAppShell.Section>
      </MantineAppShell.Navbar>

      <MantineAppShell.Main id="main" tabIndex={-1} bg="var(--mantine-color-body)">
        <QueryErrorBoundary key={pathname}>
          <Outlet />
        </QueryErrorBoundary>
      </MantineAppShell.Main>
    </MantineAppShell>
  );
}

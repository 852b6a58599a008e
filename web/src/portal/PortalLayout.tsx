import { AppShell, Burger, Button, Group, NavLink, Stack, Text } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { type Icon, IconKey, IconListDetails, IconLogout, IconPlus, IconUsers } from '@tabler/icons-react';
import { Link, Outlet, useLocation, useNavigate } from '@tanstack/react-router';
import type { ParseKeys } from 'i18next';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../app/LanguageSwitch.tsx';
import { Logo } from '../app/Logo.tsx';
import { QueryErrorBoundary } from '../app/QueryErrorBoundary.tsx';
import { applyLocale, currentLocale } from '../i18n/i18n.ts';
import { usePortalLogout, usePortalSession } from './usePortalSession.ts';

type PortalNavItem = {
  to: '/portal/tickets' | '/portal/tickets/new' | '/portal/users' | '/portal/password';
  labelKey: ParseKeys;
  icon: Icon;
  /** Shown only to the organization's main contact (004). */
  mainContactOnly?: boolean;
};

/** The portal's navigation; "Mis actividades" stays lit on a ticket's page, not on "Nuevo ticket". */
const NAV_ITEMS: PortalNavItem[] = [
  { to: '/portal/tickets', labelKey: 'portal.nav.tickets', icon: IconListDetails },
  { to: '/portal/tickets/new', labelKey: 'portal.nav.newTicket', icon: IconPlus },
  { to: '/portal/users', labelKey: 'portal.nav.users', icon: IconUsers, mainContactOnly: true },
  { to: '/portal/password', labelKey: 'portal.nav.password', icon: IconKey },
];

/** The signed-in customer portal: a header with the organization and sign-out, and its own nav. */
export function PortalLayout() {
  const { t } = useTranslation();
  const contact = usePortalSession()?.contact;
  const logout = usePortalLogout();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [navOpened, nav] = useDisclosure(false);
  const phone = useMediaQuery('(max-width: 48em)');
  // Signing out forgets the session a moment before the sign-in page replaces this frame.
  if (!contact) return null;
  const items = NAV_ITEMS.filter((item) => !item.mainContactOnly || contact.isMainContact);

  const signOut = () =>
    logout.mutate(undefined, { onSettled: () => void navigate({ to: '/portal/login', replace: true }) });

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      padding={{ base: 'md', sm: 'lg' }}
    >
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <AppShell.Header px="md">
        <Group h="100%" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={navOpened}
              onClick={nav.toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={navOpened ? t('nav.close') : t('nav.open')}
              aria-expanded={navOpened}
              aria-controls="portal-navigation"
            />
            <Logo size="sm" />
            <Text fw={600} c="dimmed" visibleFrom="sm">
              {t('portal.title')}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <LanguageSwitch value={currentLocale()} onChange={applyLocale} />
            <Button
              variant="subtle"
              size="compact-sm"
              leftSection={<IconLogout size={16} aria-hidden="true" />}
              onClick={signOut}
              loading={logout.isPending}
              visibleFrom="sm"
            >
              {t('portal.signOut')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar
        id="portal-navigation"
        component="nav"
        aria-label={t('portal.nav.label')}
        inert={phone && !navOpened}
        p="sm"
      >
        <Stack gap={4}>
          <Text fz="sm" fw={600} px="sm" pb="xs">
            {contact.name}
            {contact.organizationName && (
              <Text component="span" display="block" fz="xs" c="dimmed">
                {contact.organizationName}
              </Text>
            )}
          </Text>
          {items.map((item) => {
            // The most specific item that matches wins: /portal/tickets/new is not "Mis actividades".
            const active =
              matches(pathname, item.to) &&
              !items.some((other) => other.to.length > item.to.length && matches(pathname, other.to));
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
                style={{ borderRadius: 'var(--mantine-radius-md)' }}
                onClick={nav.close}
              />
            );
          })}
          {/* On a phone the header has no room for it: signing out is the menu's last item. */}
          <NavLink
            component="button"
            hiddenFrom="sm"
            label={t('portal.signOut')}
            leftSection={<IconLogout size={20} stroke={1.7} aria-hidden="true" />}
            onClick={signOut}
            disabled={logout.isPending}
            style={{ borderRadius: 'var(--mantine-radius-md)' }}
          />
        </Stack>
      </AppShell.Navbar>

      <AppShell.Main id="main">
        <QueryErrorBoundary>
          <Outlet />
        </QueryErrorBoundary>
      </AppShell.Main>
    </AppShell>
  );
}

function matches(pathname: string, to: string): boolean {
  return pathname === to || pathname.startsWith(`${to}/`);
}

import { Box, CloseButton, Group, NavLink, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import {
  IconBell,
  IconBolt,
  IconBrandWhatsapp,
  IconBuildingCommunity,
  IconCalendarTime,
  IconCategory,
  IconClockHour4,
  IconFileCertificate,
  IconForms,
  IconGauge,
  IconHash,
  IconHourglass,
  IconKey,
  IconMailbox,
  IconMailCog,
  IconMailExclamation,
  IconPaperclip,
  IconProgressCheck,
  IconSearch,
  IconTemplate,
  IconUsers,
} from '@tabler/icons-react';
import { Link, Outlet, useLocation, useNavigate } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../app/usePageTitle.ts';
import classes from './AdminLayout.module.css';

/** Issue 13: the settings grouped by subject, each screen at its own URL (`/admin/<section>`). */
export const ADMIN_GROUPS = [
  {
    value: 'tickets',
    sections: [
      { value: 'statuses', icon: IconProgressCheck },
      { value: 'types', icon: IconForms },
      { value: 'categories', icon: IconCategory },
      { value: 'numbering', icon: IconHash },
      { value: 'macros', icon: IconTemplate },
    ],
  },
  {
    value: 'people',
    sections: [
      { value: 'agents', icon: IconUsers },
      { value: 'departments', icon: IconBuildingCommunity },
    ],
  },
  {
    value: 'automation',
    sections: [
      { value: 'triggers', icon: IconBolt },
      { value: 'time-rules', icon: IconHourglass },
      { value: 'sla', icon: IconClockHour4 },
      { value: 'keywords', icon: IconKey },
      { value: 'account-limits', icon: IconGauge },
    ],
  },
  { value: 'customers', sections: [{ value: 'contracts', icon: IconFileCertificate }] },
  {
    value: 'channels',
    sections: [
      { value: 'mailboxes', icon: IconMailbox },
      { value: 'whatsapp', icon: IconBrandWhatsapp },
    ],
  },
  {
    value: 'mail',
    sections: [
      { value: 'email-templates', icon: IconMailCog },
      { value: 'failed-mail', icon: IconMailExclamation },
    ],
  },
  {
    value: 'system',
    sections: [
      { value: 'calendars', icon: IconCalendarTime },
      { value: 'notifications', icon: IconBell },
      { value: 'attachments', icon: IconPaperclip },
    ],
  },
] as const;

type AdminSectionEntry = (typeof ADMIN_GROUPS)[number]['sections'][number];
export type AdminSection = AdminSectionEntry['value'];
export const ADMIN_SECTIONS: readonly AdminSectionEntry[] = ADMIN_GROUPS.flatMap(
  (group): readonly AdminSectionEntry[] => group.sections,
);

function groupOf(section: AdminSection): (typeof ADMIN_GROUPS)[number]['value'] {
  return (
    ADMIN_GROUPS.find((group) => (group.sections as readonly AdminSectionEntry[]).some((s) => s.value === section))
      ?.value ?? 'tickets'
  );
}

/** Lower case without accents, so "automatizacion" finds "Automatización". */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

/** Administration: what the help desk makes configurable, in groups on the side, one screen at a time. */
export function AdminLayout() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [filter, setFilter] = useState('');
  const current = ADMIN_SECTIONS.find((s) => pathname.startsWith(`/admin/${s.value}`))?.value ?? 'statuses';
  const currentLabel = t(`admin.sections.${current}`);
  usePageTitle(`${currentLabel} · ${t('sections.admin.title')}`);

  // Opened by its address, a section low in the list is scrolled into the navigation's view.
  const navRef = useRef<HTMLElement>(null);
  useEffect(() => {
    const nav = navRef.current;
    const link = nav?.querySelector<HTMLElement>(`[data-admin-section="${current}"]`);
    if (!nav || !link) return;
    const top = nav.scrollTop;
    if (link.offsetTop < top || link.offsetTop + link.offsetHeight > top + nav.clientHeight) {
      nav.scrollTop = Math.max(0, link.offsetTop - nav.clientHeight / 2);
    }
  }, [current]);

  // A group's name finds all of its screens; otherwise a screen's own name.
  const wanted = fold(filter.trim());
  const groups = ADMIN_GROUPS.map((group) => {
    const groupMatches = fold(t(`admin.groups.${group.value}`)).includes(wanted);
    const sections = (group.sections as readonly AdminSectionEntry[]).filter(
      (section) => groupMatches || fold(t(`admin.sections.${section.value}`)).includes(wanted),
    );
    return { ...group, sections };
  }).filter((group) => group.sections.length > 0);

  return (
    <Stack gap="md">
      <div>
        <Title order={1} fz={{ base: 22, sm: 26 }}>
          {t('sections.admin.title')}
        </Title>
        <Text c="dimmed" fz="sm" mt={4}>
          {t('sections.admin.description')}
        </Text>
      </div>

      {/* A phone gets one picker (it searches as you type) instead of the side navigation. */}
      <Select
        hiddenFrom="md"
        label={t('admin.nav.pick')}
        searchable
        allowDeselect={false}
        value={current}
        data={ADMIN_GROUPS.map((group) => ({
          group: t(`admin.groups.${group.value}`),
          items: group.sections.map((section) => ({
            value: section.value,
            label: t(`admin.sections.${section.value}`),
          })),
        }))}
        onChange={(value) => value && void navigate({ to: `/admin/${value as AdminSection}` })}
        nothingFoundMessage={t('admin.nav.nothing')}
      />

      <div className={classes.layout}>
        <Box component="nav" aria-label={t('admin.nav.label')} visibleFrom="md" className={classes.nav} ref={navRef}>
          <TextInput
            size="xs"
            mb="sm"
            type="search"
            aria-label={t('admin.nav.search')}
            placeholder={t('admin.nav.search')}
            leftSection={<IconSearch size={14} aria-hidden="true" />}
            value={filter}
            onChange={(event) => setFilter(event.currentTarget.value)}
            onKeyDown={(event) => {
              const first = groups[0]?.sections[0];
              if (event.key === 'Enter' && first) void navigate({ to: `/admin/${first.value}` });
              if (event.key === 'Escape') setFilter('');
            }}
            rightSection={
              filter ? (
                <CloseButton size="xs" aria-label={t('admin.nav.clear')} onClick={() => setFilter('')} />
              ) : undefined
            }
          />
          {groups.length === 0 && (
            <Text fz="sm" c="dimmed">
              {t('admin.nav.nothing')}
            </Text>
          )}
          <Stack gap="sm">
            {groups.map((group) => (
              <div key={group.value}>
                <Text
                  component="h2"
                  fz={11}
                  fw={700}
                  tt="uppercase"
                  c="dimmed"
                  px="xs"
                  mb={2}
                  id={`admin-group-${group.value}`}
                >
                  {t(`admin.groups.${group.value}`)}
                </Text>
                <Stack gap={1} component="ul" aria-labelledby={`admin-group-${group.value}`} className={classes.list}>
                  {group.sections.map(({ value, icon: Icon }) => (
                    <li key={value}>
                      <NavLink
                        component={Link}
                        to={`/admin/${value}`}
                        label={t(`admin.sections.${value}`)}
                        leftSection={<Icon size={16} stroke={1.7} aria-hidden="true" />}
                        active={value === current}
                        aria-current={value === current ? 'page' : undefined}
                        data-admin-section={value}
                        variant="light"
                        py={5}
                        fz="sm"
                        style={{ borderRadius: 'var(--mantine-radius-md)' }}
                      />
                    </li>
                  ))}
                </Stack>
              </div>
            ))}
          </Stack>
        </Box>

        <Box component="section" aria-label={currentLabel} className={classes.content} data-admin-screen={current}>
          <Group gap={6} mb="sm" c="dimmed" fz="xs" visibleFrom="md">
            <span>{t(`admin.groups.${groupOf(current)}`)}</span>
            <span aria-hidden="true">›</span>
            <Text span fz="xs" fw={600} c="var(--mantine-color-text)">
              {currentLabel}
            </Text>
          </Group>
          <Outlet />
        </Box>
      </div>
    </Stack>
  );
}

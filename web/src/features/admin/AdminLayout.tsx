import { Stack, Tabs, Text, Title } from '@mantine/core';
import {
  IconBell,
  IconBolt,
  IconBuildingCommunity,
  IconCalendarTime,
  IconCategory,
  IconClockHour4,
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
  IconTemplate,
  IconUsers,
} from '@tabler/icons-react';
import { Outlet, useLocation, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../app/usePageTitle.ts';

export const ADMIN_SECTIONS = [
  { value: 'statuses', icon: IconProgressCheck },
  { value: 'types', icon: IconForms },
  { value: 'categories', icon: IconCategory },
  { value: 'numbering', icon: IconHash },
  { value: 'attachments', icon: IconPaperclip },
  { value: 'macros', icon: IconTemplate },
  { value: 'agents', icon: IconUsers },
  { value: 'departments', icon: IconBuildingCommunity },
  { value: 'calendars', icon: IconCalendarTime },
  { value: 'sla', icon: IconClockHour4 },
  { value: 'triggers', icon: IconBolt },
  { value: 'time-rules', icon: IconHourglass },
  { value: 'keywords', icon: IconKey },
  { value: 'account-limits', icon: IconGauge },
  { value: 'notifications', icon: IconBell },
  { value: 'mailboxes', icon: IconMailbox },
  { value: 'failed-mail', icon: IconMailExclamation },
  { value: 'email-templates', icon: IconMailCog },
] as const;
export type AdminSection = (typeof ADMIN_SECTIONS)[number]['value'];

/** Administration: what the help desk makes configurable, one tab per subject. */
export function AdminLayout() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const current = ADMIN_SECTIONS.find((s) => pathname.startsWith(`/admin/${s.value}`))?.value ?? 'statuses';
  usePageTitle(`${t(`admin.sections.${current}`)} · ${t('sections.admin.title')}`);

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
      <Tabs
        value={current}
        onChange={(value) => value && void navigate({ to: `/admin/${value as AdminSection}` })}
        keepMounted={false}
      >
        <Tabs.List style={{ flexWrap: 'nowrap', overflowX: 'auto' }}>
          {ADMIN_SECTIONS.map(({ value, icon: Icon }) => (
            <Tabs.Tab key={value} value={value} leftSection={<Icon size={16} aria-hidden="true" />}>
              {t(`admin.sections.${value}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <div role="tabpanel" aria-label={t(`admin.sections.${current}`)}>
        <Outlet />
      </div>
    </Stack>
  );
}

import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../app/usePageTitle.ts';
import { usePortalContact } from './usePortalSession.ts';

/** Where a contact lands after signing in (`/portal/tickets`); the portal's ticket list replaces it. */
export function PortalHome() {
  const { t } = useTranslation();
  const contact = usePortalContact();
  usePageTitle(t('portal.home.title'));
  return (
    <Stack gap="sm" maw={640}>
      <Title order={1} fz={26}>
        {t('portal.home.welcome', { name: contact.name })}
      </Title>
      <Text c="dimmed">
        {contact.organizationName
          ? t('portal.home.organization', { organization: contact.organizationName })
          : t('portal.home.intro')}
      </Text>
    </Stack>
  );
}

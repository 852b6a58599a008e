import { Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../app/usePageTitle.ts';
import { ChangePasswordForm } from '../features/auth/ChangePasswordForm.tsx';
import { changePortalPassword } from './api.ts';

export function PortalPasswordPage() {
  const { t } = useTranslation();
  usePageTitle(t('portal.nav.password'));
  return (
    <Stack gap="md">
      <Title order={1} fz={26}>
        {t('portal.nav.password')}
      </Title>
      <ChangePasswordForm changePassword={changePortalPassword} audience="customer" />
    </Stack>
  );
}

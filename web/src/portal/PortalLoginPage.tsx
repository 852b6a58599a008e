import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { Link, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../app/error-message.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { PortalAuthFrame } from './PortalAuthFrame.tsx';
import { usePortalLogin } from './usePortalSession.ts';

type FieldErrors = { email?: string; password?: string };

/** Customers sign in to the portal with the email and password they chose from their invitation. */
export function PortalLoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const login = usePortalLogin();
  usePageTitle(t('portal.login.title'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: FieldErrors = {
      ...(!email.trim() && { email: t('portal.login.emailRequired') }),
      ...(!password && { password: t('portal.login.passwordRequired') }),
    };
    setErrors(found);
    if (found.email || found.password) return;
    login.mutate(
      { email: email.trim(), password },
      { onSuccess: () => void navigate({ to: '/portal/tickets', replace: true }) },
    );
  }

  return (
    <PortalAuthFrame>
      <Stack gap="lg">
        <div>
          <Title order={1} fz={26}>
            {t('portal.login.title')}
          </Title>
          <Text c="dimmed" mt={6}>
            {t('portal.login.subtitle')}
          </Text>
        </div>
        {login.isError && (
          <Alert role="alert" color="red" variant="light" icon={<IconAlertCircle aria-hidden="true" />}>
            {errorMessage(t, login.error, 'customer')}
          </Alert>
        )}
        <form noValidate onSubmit={onSubmit} aria-label={t('portal.login.title')}>
          <Stack gap="md">
            <TextInput
              label={t('portal.login.email')}
              type="email"
              name="email"
              autoComplete="username"
              inputMode="email"
              size="md"
              autoFocus
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={errors.email}
            />
            <PasswordInput
              label={t('portal.login.password')}
              name="password"
              autoComplete="current-password"
              size="md"
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={errors.password}
            />
            <Button type="submit" size="md" fullWidth loading={login.isPending}>
              {t('portal.login.submit')}
            </Button>
            <Anchor component={Link} to="/portal/forgot-password" fz="sm" ta="center">
              {t('portal.login.forgot')}
            </Anchor>
          </Stack>
        </form>
      </Stack>
    </PortalAuthFrame>
  );
}

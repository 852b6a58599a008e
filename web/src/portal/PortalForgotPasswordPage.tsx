import { Alert, Anchor, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../app/error-message.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { requestPasswordLink } from './api.ts';
import { PortalAuthFrame } from './PortalAuthFrame.tsx';

/** Asks for a reset link; the answer never says whether the address has an account. */
export function PortalForgotPasswordPage() {
  const { t } = useTranslation();
  usePageTitle(t('portal.forgot.title'));
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string>();
  const request = useMutation({ mutationFn: requestPasswordLink, meta: { skipSessionCheck: true } });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!email.trim()) return setError(t('portal.login.emailRequired'));
    setError(undefined);
    request.mutate(email.trim());
  }

  return (
    <PortalAuthFrame>
      <Stack gap="lg">
        <div>
          <Title order={1} fz={26}>
            {t('portal.forgot.title')}
          </Title>
          <Text c="dimmed" mt={6}>
            {t('portal.forgot.intro')}
          </Text>
        </div>
        {request.isSuccess ? (
          <Alert role="status" color="teal" variant="light">
            {t('portal.forgot.sent')}
          </Alert>
        ) : (
          <form noValidate onSubmit={onSubmit} aria-label={t('portal.forgot.title')}>
            <Stack gap="md">
              {request.isError && (
                <Alert role="alert" color="red" variant="light">
                  {errorMessage(t, request.error, 'customer')}
                </Alert>
              )}
              <TextInput
                label={t('portal.login.email')}
                type="email"
                autoComplete="username"
                inputMode="email"
                size="md"
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
                error={error}
              />
              <Button type="submit" size="md" fullWidth loading={request.isPending}>
                {t('portal.forgot.submit')}
              </Button>
            </Stack>
          </form>
        )}
        <Anchor component={Link} to="/portal/login" fz="sm" ta="center">
          {t('portal.backToLogin')}
        </Anchor>
      </Stack>
    </PortalAuthFrame>
  );
}

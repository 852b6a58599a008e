import { Alert, Anchor, Button, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { Link, useSearch } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../app/error-message.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { setPortalPassword } from './api.ts';
import { PortalAuthFrame } from './PortalAuthFrame.tsx';

/** The server's minimum (MIN_PASSWORD_LENGTH), checked here too so the customer learns it first. */
const MIN_LENGTH = 8;

/** Where invitation and reset links lead: choose a password with the link's single-use token. */
export function PortalSetPasswordPage() {
  const { t } = useTranslation();
  const { token } = useSearch({ from: '/portal/set-password' });
  usePageTitle(t('portal.setPassword.title'));
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<{ password?: string; confirm?: string }>({});
  const save = useMutation({ mutationFn: setPortalPassword, meta: { skipSessionCheck: true } });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = {
      ...(password.length < MIN_LENGTH && { password: t('portal.password.tooShort', { min: MIN_LENGTH }) }),
      ...(confirm !== password && { confirm: t('portal.password.mismatch') }),
    };
    setErrors(found);
    if (!found.password && !found.confirm && token) save.mutate({ token, password });
  }

  return (
    <PortalAuthFrame>
      <Stack gap="lg">
        <div>
          <Title order={1} fz={26}>
            {t('portal.setPassword.title')}
          </Title>
          <Text c="dimmed" mt={6}>
            {t('portal.setPassword.intro')}
          </Text>
        </div>
        {!token && (
          <Alert role="alert" color="red" variant="light">
            {t('portal.setPassword.noToken')}
          </Alert>
        )}
        {save.isSuccess ? (
          <Alert role="status" color="teal" variant="light">
            {t('portal.setPassword.done')}
          </Alert>
        ) : (
          token && (
            <form noValidate onSubmit={onSubmit} aria-label={t('portal.setPassword.title')}>
              <Stack gap="md">
                {save.isError && (
                  <Alert role="alert" color="red" variant="light">
                    {errorMessage(t, save.error, 'customer')}
                  </Alert>
                )}
                <PasswordInput
                  label={t('portal.setPassword.password')}
                  autoComplete="new-password"
                  size="md"
                  value={password}
                  onChange={(e) => setPassword(e.currentTarget.value)}
                  error={errors.password}
                />
                <PasswordInput
                  label={t('portal.setPassword.confirm')}
                  autoComplete="new-password"
                  size="md"
                  value={confirm}
                  onChange={(e) => setConfirm(e.currentTarget.value)}
                  error={errors.confirm}
                />
                <Button type="submit" size="md" fullWidth loading={save.isPending}>
                  {t('portal.setPassword.submit')}
                </Button>
              </Stack>
            </form>
          )
        )}
        <Anchor component={Link} to="/portal/login" fz="sm" ta="center">
          {save.isSuccess ? t('portal.setPassword.signIn') : t('portal.backToLogin')}
        </Anchor>
      </Stack>
    </PortalAuthFrame>
  );
}

import { Alert, Button, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertCircle, IconLock, IconMail } from '@tabler/icons-react';
import { useRouter, useSearch } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AuthShell } from '../../app/AuthShell.tsx';
import { errorMessage } from '../../app/error-message.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { useLogin } from './useSession.ts';

type FieldErrors = { email?: string; password?: string };

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function LoginPage() {
  const { t } = useTranslation();
  const router = useRouter();
  const { redirect } = useSearch({ from: '/login' });
  const loginMutation = useLogin();
  usePageTitle(t('auth.login.title'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [passwordVisible, setPasswordVisible] = useState(false);

  function validate(): FieldErrors {
    const errors: FieldErrors = {};
    const trimmed = email.trim();
    if (!trimmed) errors.email = t('auth.login.emailRequired');
    else if (!EMAIL_SHAPE.test(trimmed)) errors.email = t('auth.login.emailInvalid');
    if (!password) errors.password = t('auth.login.passwordRequired');
    return errors;
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors = validate();
    setFieldErrors(errors);
    if (errors.email || errors.password) return;
    loginMutation.mutate(
      { email: email.trim(), password },
      {
        onSuccess: () => {
          // `redirect` was checked to be a same-site path when the search was validated.
          if (redirect) router.history.replace(redirect);
          else void router.navigate({ to: '/', replace: true });
        },
      },
    );
  }

  return (
    <AuthShell>
      <Stack gap="xl">
        <div>
          <Title order={1} fz={28}>
            {t('auth.login.title')}
          </Title>
          <Text c="dimmed" mt={6}>
            {t('auth.login.subtitle')}
          </Text>
        </div>

        {loginMutation.isError && (
          <Alert
            role="alert"
            variant="light"
            color="red"
            title={t('auth.login.errorTitle')}
            icon={<IconAlertCircle aria-hidden="true" />}
          >
            {errorMessage(t, loginMutation.error)}
          </Alert>
        )}

        <form noValidate onSubmit={onSubmit} aria-label={t('auth.login.title')}>
          <Stack gap="md">
            <TextInput
              label={t('auth.login.email')}
              placeholder={t('auth.login.emailPlaceholder')}
              type="email"
              name="email"
              autoComplete="username"
              inputMode="email"
              size="md"
              required
              withAsterisk={false}
              autoFocus
              leftSection={<IconMail size={18} aria-hidden="true" />}
              value={email}
              onChange={(event) => setEmail(event.currentTarget.value)}
              error={fieldErrors.email}
            />
            <PasswordInput
              label={t('auth.login.password')}
              name="password"
              autoComplete="current-password"
              size="md"
              required
              withAsterisk={false}
              leftSection={<IconLock size={18} aria-hidden="true" />}
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
              error={fieldErrors.password}
              visible={passwordVisible}
              onVisibilityChange={setPasswordVisible}
              visibilityToggleButtonProps={{
                'aria-label': passwordVisible ? t('auth.login.hidePassword') : t('auth.login.showPassword'),
                tabIndex: 0,
              }}
            />
            <Button type="submit" size="md" fullWidth mt="sm" loading={loginMutation.isPending}>
              {t('auth.login.submit')}
            </Button>
          </Stack>
        </form>
      </Stack>
    </AuthShell>
  );
}

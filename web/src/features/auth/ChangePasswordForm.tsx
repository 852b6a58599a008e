import { Button, Group, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { notifications as toasts } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Audience, errorMessage } from '../../app/error-message.ts';
import type es from '../../i18n/es.json';
import { changeMyPassword } from './api.ts';

/** The server's minimum (MIN_PASSWORD_LENGTH); checked here too so the agent learns it before sending. */
const MIN_LENGTH = 8;

interface FieldErrors {
  current?: string;
  next?: string;
  confirm?: string;
}

type Props = {
  /** Who changes it: the agent (default; other sessions and API tokens end) or a portal contact. */
  changePassword?: (input: { currentPassword: string; newPassword: string }) => Promise<void>;
  /** Whose wording: the console's (default) or the portal's, which says "usted" and names portal sessions. */
  audience?: Audience;
};

/** A signed-in person changes their own password; the server then ends their other sessions. */
export function ChangePasswordForm({ changePassword = changeMyPassword, audience = 'agent' }: Props) {
  const { t: translate } = useTranslation();
  const words = audience === 'customer' ? 'portal.password' : 'auth.password';
  // Both catalogues have the same keys; only the prefix differs.
  const t = (key: keyof typeof es.auth.password, values?: Record<string, unknown>) =>
    translate(`${words}.${key}` as 'auth.password.title', values ?? {});
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const change = useMutation({
    mutationFn: changePassword,
    onSuccess: () => {
      setCurrent('');
      setNext('');
      setConfirm('');
      toasts.show({ color: 'teal', message: t('changed') });
    },
    onError: (error) => {
      const message = errorMessage(translate, error, audience);
      toasts.show({ color: 'red', title: t('failed'), message });
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: FieldErrors = {
      ...(current === '' && { current: t('currentRequired') }),
      ...(next.length < MIN_LENGTH && { next: t('tooShort', { min: MIN_LENGTH }) }),
      ...(confirm !== next && { confirm: t('mismatch') }),
    };
    setErrors(found);
    if (Object.keys(found).length === 0) change.mutate({ currentPassword: current, newPassword: next });
  }

  return (
    <Paper withBorder radius="md" p="md" maw={480}>
      <form noValidate onSubmit={onSubmit} aria-label={t('title')}>
        <Stack gap="sm">
          <Title order={2} fz="lg">
            {t('title')}
          </Title>
          <Text c="dimmed" fz="sm">
            {t('intro')}
          </Text>
          <PasswordInput
            label={t('current')}
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.currentTarget.value)}
            error={errors.current}
          />
          <PasswordInput
            label={t('new')}
            autoComplete="new-password"
            value={next}
            onChange={(e) => setNext(e.currentTarget.value)}
            error={errors.next}
          />
          <PasswordInput
            label={t('confirm')}
            autoComplete="new-password"
            value={confirm}
            onChange={(e) => setConfirm(e.currentTarget.value)}
            error={errors.confirm}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={change.isPending}>
              {t('submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

import { Button, Group, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { notifications as toasts } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/error-message.ts';
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
  /** What ends when it changes, and the confirmation; the agent's wording by default. */
  intro?: string;
  changedMessage?: string;
};

/** A signed-in person changes their own password; the server then ends their other sessions. */
export function ChangePasswordForm({ changePassword = changeMyPassword, intro, changedMessage }: Props) {
  const { t } = useTranslation();
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
      toasts.show({ color: 'teal', message: changedMessage ?? t('auth.password.changed') });
    },
    onError: (error) => {
      const message = errorMessage(t, error);
      toasts.show({ color: 'red', title: t('auth.password.failed'), message });
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: FieldErrors = {
      ...(current === '' && { current: t('auth.password.currentRequired') }),
      ...(next.length < MIN_LENGTH && { next: t('auth.password.tooShort', { min: MIN_LENGTH }) }),
      ...(confirm !== next && { confirm: t('auth.password.mismatch') }),
    };
    setErrors(found);
    if (Object.keys(found).length === 0) change.mutate({ currentPassword: current, newPassword: next });
  }

  return (
    <Paper withBorder radius="md" p="md" maw={480}>
      <form noValidate onSubmit={onSubmit} aria-label={t('auth.password.title')}>
        <Stack gap="sm">
          <Title order={2} fz="lg">
            {t('auth.password.title')}
          </Title>
          <Text c="dimmed" fz="sm">
            {intro ?? t('auth.password.intro')}
          </Text>
          <PasswordInput
            label={t('auth.password.current')}
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.currentTarget.value)}
            error={errors.current}
          />
          <PasswordInput
            label={t('auth.password.new')}
            autoComplete="new-password"
            value={next}
            onChange={(e) => setNext(e.currentTarget.value)}
            error={errors.next}
          />
          <PasswordInput
            label={t('auth.password.confirm')}
            autoComplete="new-password"
            value={confirm}
            onChange={(e) => setConfirm(e.currentTarget.value)}
            error={errors.confirm}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={change.isPending}>
              {t('auth.password.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

import { Alert, Badge, Button, Card, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications as toasts } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../app/error-message.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { invitePortalUser, listPortalUsers, type PortalUser, reinvitePortalUser, updatePortalUser } from './api.ts';
import { usePortalContact } from './usePortalSession.ts';

const usersQueryKey = ['portal', 'users'] as const;

/** 004: the main contact invites, deactivates and re-activates the organization's portal users. */
export function PortalUsersPage() {
  const { t } = useTranslation();
  const contact = usePortalContact();
  usePageTitle(t('portal.users.title'));
  const users = useQuery({
    queryKey: usersQueryKey,
    queryFn: ({ signal }) => listPortalUsers(signal),
    enabled: contact.isMainContact,
  });

  if (!contact.isMainContact) {
    return (
      <Alert role="alert" color="yellow" variant="light" title={t('portal.users.title')}>
        {t('portal.errors.codes.PORTAL_MAIN_CONTACT_ONLY')}
      </Alert>
    );
  }

  return (
    <Stack gap="lg" maw={760}>
      <div>
        <Title order={1} fz={26}>
          {t('portal.users.title')}
        </Title>
        <Text c="dimmed">{t('portal.users.intro', { organization: contact.organizationName ?? '' })}</Text>
      </div>
      <InviteForm />
      {users.isError && (
        <Alert role="alert" color="red" variant="light">
          {errorMessage(t, users.error, 'customer')}
        </Alert>
      )}
      <Stack gap="sm" component="ul" aria-label={t('portal.users.listLabel')} p={0} m={0} style={{ listStyle: 'none' }}>
        {users.data?.map((user) => (
          <UserRow key={user.id} user={user} self={user.id === contact.id} />
        ))}
      </Stack>
    </Stack>
  );
}

function InviteForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [errors, setErrors] = useState<{ name?: string; email?: string }>({});
  const invite = useMutation({
    mutationFn: invitePortalUser,
    onSuccess: (user) => {
      setName('');
      setEmail('');
      toasts.show({ color: 'teal', message: t('portal.users.invited', { email: user.email ?? '' }) });
      void queryClient.invalidateQueries({ queryKey: usersQueryKey });
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = {
      ...(!name.trim() && { name: t('portal.users.nameRequired') }),
      ...(!email.trim() && { email: t('portal.login.emailRequired') }),
    };
    setErrors(found);
    if (!found.name && !found.email) invite.mutate({ name: name.trim(), email: email.trim() });
  }

  return (
    <Paper withBorder radius="md" p="md">
      <form noValidate onSubmit={onSubmit} aria-label={t('portal.users.inviteTitle')}>
        <Stack gap="sm">
          <Title order={2} fz="lg">
            {t('portal.users.inviteTitle')}
          </Title>
          <Text c="dimmed" fz="sm">
            {t('portal.users.inviteIntro')}
          </Text>
          {invite.isError && (
            <Alert role="alert" color="red" variant="light">
              {errorMessage(t, invite.error, 'customer')}
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label={t('portal.users.name')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={errors.name}
            />
            <TextInput
              label={t('portal.login.email')}
              type="email"
              inputMode="email"
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={errors.email}
            />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button type="submit" loading={invite.isPending}>
              {t('portal.users.invite')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function UserRow({ user, self }: { user: PortalUser; self: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const done = (message: string) => {
    toasts.show({ color: 'teal', message });
    void queryClient.invalidateQueries({ queryKey: usersQueryKey });
  };
  const failed = (error: unknown) => toasts.show({ color: 'red', message: errorMessage(t, error, 'customer') });
  const toggle = useMutation({
    mutationFn: (active: boolean) => updatePortalUser(user.id, { active }),
    onSuccess: (updated) =>
      done(t(updated.active ? 'portal.users.reactivated' : 'portal.users.deactivated', { name: updated.name })),
    onError: failed,
  });
  const reinvite = useMutation({
    mutationFn: () => reinvitePortalUser(user.id),
    onSuccess: (updated) => done(t('portal.users.invited', { email: updated.email ?? '' })),
    onError: failed,
  });
  const status = !user.active ? 'inactive' : user.hasPassword ? 'active' : 'invited';

  return (
    <Card component="li" withBorder radius="md" p="sm" aria-label={user.name}>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <div>
          <Group gap="xs">
            <Text fw={600}>{user.name}</Text>
            {user.isMainContact && (
              <Badge variant="light" color="indigo">
                {t('portal.users.mainContact')}
              </Badge>
            )}
            <Badge variant="light" color={status === 'active' ? 'teal' : status === 'invited' ? 'yellow' : 'gray'}>
              {t(`portal.users.status.${status}`)}
            </Badge>
          </Group>
          <Text fz="sm" c="dimmed">
            {user.email ?? t('portal.users.noEmail')}
          </Text>
        </div>
        {!self && (
          <Group gap="xs">
            {user.active && !user.hasPassword && user.email && (
              <Button variant="default" size="xs" loading={reinvite.isPending} onClick={() => reinvite.mutate()}>
                {t('portal.users.reinvite')}
              </Button>
            )}
            <Button
              variant={user.active ? 'light' : 'filled'}
              color={user.active ? 'red' : 'teal'}
              size="xs"
              loading={toggle.isPending}
              onClick={() => toggle.mutate(!user.active)}
            >
              {user.active ? t('portal.users.deactivate') : t('portal.users.reactivate')}
            </Button>
          </Group>
        )}
      </Group>
    </Card>
  );
}

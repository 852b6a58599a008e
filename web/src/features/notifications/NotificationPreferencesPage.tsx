import { Button, Group, Paper, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { notifications as toasts } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/error-message.ts';
import { LoadError, LoadingLines } from '../../app/ui/States.tsx';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { ChangePasswordForm } from '../auth/ChangePasswordForm.tsx';
import { CHANNELS, type NoticeChannels, type NoticePreference, preferencesQuery, savePreferences } from './api.ts';

/** Each agent decides, per event, whether they hear of it in the console, by email, both or not at all. */
export function NotificationPreferencesPage() {
  const { t } = useTranslation();
  usePageTitle(t('notifications.preferences.title'));
  const queryClient = useQueryClient();
  const saved = useQuery(preferencesQuery);
  const [choices, setChoices] = useState<NoticePreference[]>([]);
  useEffect(() => {
    if (saved.data) setChoices(saved.data.items);
  }, [saved.data]);
  const save = useMutation({
    mutationFn: savePreferences,
    onSuccess: (result) => {
      queryClient.setQueryData(preferencesQuery.queryKey, result);
      toasts.show({ color: 'teal', message: t('notifications.preferences.saved') });
    },
    onError: (error) => toasts.show({ color: 'red', title: t('admin.saveFailed'), message: errorMessage(t, error) }),
  });

  if (saved.isPending) return <LoadingLines />;
  if (saved.isError) return <LoadError error={saved.error} onRetry={() => void saved.refetch()} />;
  const changed = JSON.stringify(choices) !== JSON.stringify(saved.data.items);

  const set = (event: NoticePreference['event'], channels: NoticeChannels) =>
    setChoices((current) => current.map((c) => (c.event === event ? { ...c, channels } : c)));

  return (
    <Stack gap="md" maw={820}>
      <div>
        <Title order={1} fz={{ base: 22, sm: 26 }}>
          {t('notifications.preferences.title')}
        </Title>
        <Text c="dimmed" fz="sm" mt={4}>
          {t('notifications.preferences.intro')}
        </Text>
      </div>
      <Paper withBorder radius="md" p="md">
        <Table.ScrollContainer minWidth={520}>
          <Table verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('notifications.preferences.event')}</Table.Th>
                <Table.Th>{t('notifications.preferences.how')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {choices.map((choice) => (
                <Table.Tr key={choice.event}>
                  <Table.Td>
                    <Text fz="sm" id={`pref-${choice.event}`}>
                      {t(`notifications.events.${choice.event}`)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <SegmentedControl
                      size="xs"
                      aria-labelledby={`pref-${choice.event}`}
                      value={choice.channels}
                      onChange={(value) => set(choice.event, value as NoticeChannels)}
                      data={CHANNELS.map((c) => ({ value: c, label: t(`notifications.channels.${c}`) }))}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Group justify="flex-end" mt="md">
          <Button variant="default" disabled={!changed} onClick={() => setChoices(saved.data.items)}>
            {t('common.cancel')}
          </Button>
          <Button loading={save.isPending} disabled={!changed} onClick={() => save.mutate(choices)}>
            {t('common.save')}
          </Button>
        </Group>
      </Paper>
      <ChangePasswordForm />
    </Stack>
  );
}

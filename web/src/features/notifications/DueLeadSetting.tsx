import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NumberField } from '../../app/ui/NumberField.tsx';
import { settingsKeys, settingsQuery, updateSettings } from '../admin/api.ts';
import { useAdminMutation } from '../admin/useAdminMutation.ts';

/** Issue 12 ("Fecha límite"): how many business minutes before a due date its assignee is told. */
export function DueLeadSetting() {
  const { t } = useTranslation();
  const settings = useQuery(settingsQuery);
  const [minutes, setMinutes] = useState<number | ''>('');
  const save = useAdminMutation(updateSettings, { refresh: [[...settingsKeys.all]] });

  useEffect(() => {
    if (settings.data) setMinutes(settings.data.dueDateLeadMinutes);
  }, [settings.data]);

  if (!settings.data) return null;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (minutes !== '') save.mutate({ dueDateLeadMinutes: minutes });
  }

  return (
    <Paper withBorder radius="md" p="md" component="form" onSubmit={submit} maw={560}>
      <Stack gap="xs">
        <Group align="flex-end" gap="sm">
          <NumberField
            label={t('notifications.dueLead.label')}
            description={t('notifications.dueLead.hint')}
            unit={t('notifications.dueLead.unit')}
            min={0}
            max={3000}
            decimals={0}
            required
            value={minutes}
            onChange={setMinutes}
            maw={260}
          />
          <Button type="submit" loading={save.isPending} disabled={minutes === ''}>
            {t('notifications.dueLead.save')}
          </Button>
        </Group>
        <Text fz="xs" c="dimmed">
          {t('notifications.dueLead.note')}
        </Text>
      </Stack>
    </Paper>
  );
}

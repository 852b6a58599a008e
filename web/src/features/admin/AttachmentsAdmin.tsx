import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NumberField } from '../../app/ui/NumberField.tsx';
import { LoadError, LoadingLines } from '../../app/ui/States.tsx';
import { settingsKeys, settingsQuery, updateSettings } from './api.ts';
import { useAdminMutation } from './useAdminMutation.ts';

const MB = 1_048_576;

/** Megabytes as people read them: "25", "2.5" (the server counts bytes; 1 MB = 1,048,576 bytes). */
function toMb(bytes: number): number {
  return Math.round((bytes / MB) * 10) / 10;
}

/** The largest attachment agents and customers may send, in MB; it overrides ATTACHMENT_LIMIT_BYTES. */
export function AttachmentsAdmin() {
  const { t } = useTranslation();
  const settings = useQuery(settingsQuery);
  const [limitMb, setLimitMb] = useState<number | ''>('');
  const save = useAdminMutation(updateSettings, { refresh: [[...settingsKeys.all]] });

  useEffect(() => {
    if (settings.data) setLimitMb(toMb(settings.data.attachmentLimitBytes));
  }, [settings.data]);

  if (settings.isPending) return <LoadingLines />;
  if (settings.isError) return <LoadError error={settings.error} onRetry={() => void settings.refetch()} />;
  const { attachmentLimitDefaultBytes, attachmentLimitMaxBytes } = settings.data;
  const maxMb = Math.floor(attachmentLimitMaxBytes / MB);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (limitMb === '') return;
    save.mutate({ attachmentLimitBytes: Math.round(limitMb * MB) });
  }

  return (
    <Paper withBorder radius="md" p="lg" maw={560} component="form" onSubmit={submit}>
      <Stack gap="md">
        <Text c="dimmed" fz="sm">
          {t('admin.attachments.intro')}
        </Text>
        <NumberField
          label={t('admin.attachments.limit')}
          description={t('admin.attachments.limitHint', { max: maxMb })}
          unit="MB"
          min={0.1}
          max={maxMb}
          decimals={1}
          required
          value={limitMb}
          onChange={setLimitMb}
          maw={220}
        />
        <Text fz="sm" c="dimmed">
          {t('admin.attachments.default', { mb: toMb(attachmentLimitDefaultBytes) })}
        </Text>
        <Group justify="flex-end">
          <Button
            variant="default"
            onClick={() => save.mutate({ attachmentLimitBytes: null })}
            disabled={settings.data.attachmentLimitBytes === attachmentLimitDefaultBytes}
          >
            {t('admin.attachments.reset')}
          </Button>
          <Button type="submit" loading={save.isPending} disabled={limitMb === '' || limitMb <= 0}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

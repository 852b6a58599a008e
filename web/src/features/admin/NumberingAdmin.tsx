import { Button, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NumberField } from '../../app/ui/NumberField.tsx';
import { LoadingLines } from '../../app/ui/States.tsx';
import { useTicketSettings } from '../lookups/useLookups.ts';
import { setNumberFormat } from './api.ts';
import { useAdminMutation } from './useAdminMutation.ts';

/** The ticket number: a prefix and the next sequence number (OpenPyme's OP10044). */
export function NumberingAdmin() {
  const { t } = useTranslation();
  const settings = useTicketSettings();
  const [prefix, setPrefix] = useState('');
  const [next, setNext] = useState<number>(1);
  const save = useAdminMutation(setNumberFormat);

  useEffect(() => {
    if (settings) {
      setPrefix(settings.numberFormat.prefix);
      setNext(settings.numberFormat.nextNumber);
    }
  }, [settings]);

  if (!settings) return <LoadingLines />;

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate({ prefix: prefix.trim(), nextNumber: next });
  }

  return (
    <Paper withBorder radius="md" p="lg" maw={560} component="form" onSubmit={submit}>
      <Stack gap="md">
        <Text c="dimmed" fz="sm">
          {t('admin.numbering.intro')}
        </Text>
        <Group grow align="flex-start">
          <TextInput
            label={t('admin.numbering.prefix')}
            description={t('admin.numbering.prefixHint')}
            value={prefix}
            maxLength={10}
            onChange={(e) => setPrefix(e.currentTarget.value.toUpperCase())}
          />
          <NumberField
            label={t('admin.numbering.next')}
            description={t('admin.numbering.nextHint')}
            min={1}
            max={999_999_999}
            value={next}
            onChange={(v) => setNext(v === '' ? 1 : v)}
          />
        </Group>
        <Text fz="sm">
          {t('admin.numbering.preview')}{' '}
          <Text span ff="monospace" fw={700} fz="md">
            {prefix.trim()}
            {next}
          </Text>
        </Text>
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

import { Button, Group, Paper, Select, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STATUS_CATEGORIES, type StatusCategory, type TicketStatus } from '../../app/api-types.ts';
import { LoadingLines } from '../../app/ui/States.tsx';
import { useTicketSettings } from '../lookups/useLookups.ts';
import { StatusBadge } from '../tickets/badges.tsx';
import { createStatus, updateStatus } from './api.ts';
import { useAdminMutation } from './useAdminMutation.ts';

/**
 * Statuses in the six fixed categories, each with the label customers see in the portal and in
 * emails (Cimatic shows NUEVO, ABIERTO, PENDIENTE…; an internal BACKLOG may read "En cola").
 */
export function StatusesAdmin() {
  const { t } = useTranslation();
  const settings = useTicketSettings();
  const update = useAdminMutation((input: { id: string } & Parameters<typeof updateStatus>[1]) => {
    const { id, ...body } = input;
    return updateStatus(id, body);
  });
  const create = useAdminMutation(createStatus, {
    onSuccess: () => setDraft({ name: '', customerLabel: '', category: 'open' }),
  });
  const [draft, setDraft] = useState<{ name: string; customerLabel: string; category: StatusCategory }>({
    name: '',
    customerLabel: '',
    category: 'open',
  });

  if (!settings) return <LoadingLines />;
  const categoryOptions = STATUS_CATEGORIES.map((c) => ({ value: c, label: t(`admin.statuses.categories.${c}`) }));

  function add(event: FormEvent) {
    event.preventDefault();
    if (!draft.name.trim()) return;
    create.mutate({
      name: draft.name.trim(),
      category: draft.category,
      customerLabel: draft.customerLabel.trim() || null,
    });
  }

  return (
    <Stack gap="md">
      <Text c="dimmed" fz="sm">
        {t('admin.statuses.intro')}
      </Text>
      <Paper withBorder radius="md" style={{ overflowX: 'auto' }}>
        <Table verticalSpacing="xs" aria-label={t('admin.sections.statuses')} miw={720}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('admin.statuses.name')}</Table.Th>
              <Table.Th>{t('admin.statuses.customerLabel')}</Table.Th>
              <Table.Th>{t('admin.statuses.category')}</Table.Th>
              <Table.Th w={90}>{t('admin.active')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {settings.statuses.map((status) => (
              <StatusRow
                key={status.id}
                status={status}
                categories={categoryOptions}
                onSave={(body) => update.mutate({ id: status.id, ...body })}
              />
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <Paper withBorder radius="md" p="md" component="form" onSubmit={add}>
        <Text fw={600} fz="sm" mb="xs">
          {t('admin.statuses.add')}
        </Text>
        <Group align="flex-end" gap="sm">
          <TextInput
            label={t('admin.statuses.name')}
            value={draft.name}
            onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
            required
          />
          <TextInput
            label={t('admin.statuses.customerLabel')}
            value={draft.customerLabel}
            onChange={(e) => setDraft({ ...draft, customerLabel: e.currentTarget.value })}
          />
          <Select
            label={t('admin.statuses.category')}
            allowDeselect={false}
            data={categoryOptions}
            value={draft.category}
            onChange={(v) => v && setDraft({ ...draft, category: v as StatusCategory })}
          />
          <Button type="submit" leftSection={<IconPlus size={16} aria-hidden="true" />} loading={create.isPending}>
            {t('admin.add')}
          </Button>
        </Group>
      </Paper>
    </Stack>
  );
}

function StatusRow({
  status,
  categories,
  onSave,
}: {
  status: TicketStatus;
  categories: Array<{ value: string; label: string }>;
  onSave: (body: { name?: string; customerLabel?: string | null; category?: StatusCategory; active?: boolean }) => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(status.name);
  const [label, setLabel] = useState(status.customerLabel ?? '');
  return (
    <Table.Tr>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <StatusBadge name={status.name} category={status.category} size="xs" />
          <TextInput
            size="xs"
            aria-label={t('admin.statuses.nameOf', { name: status.name })}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            onBlur={() => name.trim() && name !== status.name && onSave({ name: name.trim() })}
          />
        </Group>
      </Table.Td>
      <Table.Td>
        <TextInput
          size="xs"
          aria-label={t('admin.statuses.customerLabelOf', { name: status.name })}
          placeholder={status.name}
          value={label}
          onChange={(e) => setLabel(e.currentTarget.value)}
          onBlur={() => label !== (status.customerLabel ?? '') && onSave({ customerLabel: label.trim() || null })}
        />
      </Table.Td>
      <Table.Td>
        <Select
          size="xs"
          aria-label={t('admin.statuses.categoryOf', { name: status.name })}
          allowDeselect={false}
          data={categories}
          value={status.category}
          onChange={(v) => v && v !== status.category && onSave({ category: v as StatusCategory })}
        />
      </Table.Td>
      <Table.Td>
        <Switch
          aria-label={t('admin.activeOf', { name: status.name })}
          checked={status.active}
          onChange={(e) => onSave({ active: e.currentTarget.checked })}
        />
      </Table.Td>
    </Table.Tr>
  );
}

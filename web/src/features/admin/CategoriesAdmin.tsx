import { Button, Group, Paper, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketCategory } from '../../app/api-types.ts';
import { LoadingLines } from '../../app/ui/States.tsx';
import { useTicketSettings } from '../lookups/useLookups.ts';
import { createCategory, updateCategory } from './api.ts';
import { useAdminMutation } from './useAdminMutation.ts';

/** Categories ("asuntos" in weknow's deck: Alta, Baja, Cambio, Corrección, Reporte, Contraseña…). */
export function CategoriesAdmin() {
  const { t } = useTranslation();
  const settings = useTicketSettings();
  const [name, setName] = useState('');
  const create = useAdminMutation(createCategory, { onSuccess: () => setName('') });
  const update = useAdminMutation(
    (input: { id: string; name?: string; active?: boolean; customerVisible?: boolean }) => {
      const { id, ...body } = input;
      return updateCategory(id, body);
    },
  );
  if (!settings) return <LoadingLines />;

  function add(event: FormEvent) {
    event.preventDefault();
    if (name.trim()) create.mutate({ name: name.trim() });
  }

  return (
    <Stack gap="md" maw={720}>
      <Text c="dimmed" fz="sm">
        {t('admin.categories.intro')}
      </Text>
      <Paper withBorder radius="md">
        <Table verticalSpacing="xs" aria-label={t('admin.sections.categories')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('admin.categories.name')}</Table.Th>
              <Table.Th w={150}>{t('admin.customerVisible')}</Table.Th>
              <Table.Th w={90}>{t('admin.active')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {settings.categories.map((category) => (
              <CategoryRow
                key={category.id}
                category={category}
                onSave={(body) => update.mutate({ id: category.id, ...body })}
              />
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <Group component="form" onSubmit={add} align="flex-end" gap="sm">
        <TextInput label={t('admin.categories.add')} value={name} onChange={(e) => setName(e.currentTarget.value)} />
        <Button type="submit" leftSection={<IconPlus size={16} aria-hidden="true" />} loading={create.isPending}>
          {t('admin.add')}
        </Button>
      </Group>
    </Stack>
  );
}

function CategoryRow({
  category,
  onSave,
}: {
  category: TicketCategory;
  onSave: (body: { name?: string; active?: boolean; customerVisible?: boolean }) => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(category.name);
  return (
    <Table.Tr>
      <Table.Td>
        <TextInput
          size="xs"
          aria-label={t('admin.categories.nameOf', { name: category.name })}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          onBlur={() => name.trim() && name !== category.name && onSave({ name: name.trim() })}
        />
      </Table.Td>
      <Table.Td>
        <Switch
          aria-label={t('admin.customerVisibleOf', { name: category.name })}
          checked={category.customerVisible}
          onChange={(e) => onSave({ customerVisible: e.currentTarget.checked })}
        />
      </Table.Td>
      <Table.Td>
        <Switch
          aria-label={t('admin.activeOf', { name: category.name })}
          checked={category.active}
          onChange={(e) => onSave({ active: e.currentTarget.checked })}
        />
      </Table.Td>
    </Table.Tr>
  );
}

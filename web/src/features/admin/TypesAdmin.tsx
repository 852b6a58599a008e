import {
  ActionIcon,
  Badge,
  Button,
  Checkbox,
  Grid,
  Group,
  MultiSelect,
  NavLink,
  Paper,
  Select,
  Stack,
  Switch,
  Table,
  TagsInput,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FIELD_KINDS, type FieldKind, type TicketSettings, type TicketType } from '../../app/api-types.ts';
import { EmptyState, LoadingLines } from '../../app/ui/States.tsx';
import { useTicketSettings } from '../lookups/useLookups.ts';
import { createField, createType, deleteField, updateField, updateType } from './api.ts';
import { useAdminMutation } from './useAdminMutation.ts';

/**
 * Ticket types (Tarea, Problema, Configuración…), the statuses each may never take (003: Soporte
 * is never in BACKLOG) and the custom fields that appear on it (001: fields by ticket type).
 */
export function TypesAdmin() {
  const { t } = useTranslation();
  const settings = useTicketSettings();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [name, setName] = useState('');
  const create = useAdminMutation(createType, {
    onSuccess: (type) => {
      setName('');
      setSelectedId(type.id);
    },
  });

  if (!settings) return <LoadingLines />;
  const selected = settings.types.find((type) => type.id === selectedId) ?? settings.types[0];

  return (
    <Grid gutter="lg">
      <Grid.Col span={{ base: 12, sm: 4, lg: 3 }}>
        <Stack gap="sm">
          <Paper withBorder radius="md" p={4} component="nav" aria-label={t('admin.sections.types')}>
            {settings.types.map((type) => (
              <NavLink
                key={type.id}
                label={type.name}
                active={type.id === selected?.id}
                aria-current={type.id === selected?.id ? 'true' : undefined}
                onClick={() => setSelectedId(type.id)}
                rightSection={
                  <Group gap={4}>
                    {!type.active && (
                      <Badge size="xs" color="gray" variant="outline">
                        {t('admin.inactive')}
                      </Badge>
                    )}
                    <Badge size="xs" variant="light" color="gray">
                      {settings.fields.filter((f) => f.typeId === type.id).length}
                    </Badge>
                  </Group>
                }
                style={{ borderRadius: 'var(--mantine-radius-sm)' }}
              />
            ))}
          </Paper>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              if (name.trim()) create.mutate({ name: name.trim() });
            }}
          >
            <Group gap={6} align="flex-end" wrap="nowrap">
              <TextInput
                label={t('admin.types.add')}
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                style={{ flex: 1 }}
              />
              <ActionIcon type="submit" size="lg" aria-label={t('admin.types.add')} loading={create.isPending}>
                <IconPlus size={18} aria-hidden="true" />
              </ActionIcon>
            </Group>
          </form>
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 8, lg: 9 }}>
        {selected ? (
          <TypeDetail key={selected.id} type={selected} settings={settings} />
        ) : (
          <EmptyState title={t('admin.types.none')} />
        )}
      </Grid.Col>
    </Grid>
  );
}

function TypeDetail({ type, settings }: { type: TicketType; settings: TicketSettings }) {
  const { t } = useTranslation();
  const [name, setName] = useState(type.name);
  useEffect(() => setName(type.name), [type.name]);
  const update = useAdminMutation((body: Parameters<typeof updateType>[1]) => updateType(type.id, body));
  const fields = settings.fields.filter((f) => f.typeId === type.id).sort((a, b) => a.position - b.position);

  return (
    <Stack gap="md">
      <Paper withBorder radius="md" p="md">
        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={2} fz="lg">
              {type.name}
            </Title>
            <Switch
              label={t('admin.active')}
              checked={type.active}
              onChange={(e) => update.mutate({ active: e.currentTarget.checked })}
            />
          </Group>
          <TextInput
            label={t('admin.types.name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            onBlur={() => name.trim() && name !== type.name && update.mutate({ name: name.trim() })}
          />
          <Switch
            label={t('admin.customerVisible')}
            description={t('admin.customerVisibleHint')}
            checked={type.customerVisible}
            onChange={(e) => update.mutate({ customerVisible: e.currentTarget.checked })}
          />
          <MultiSelect
            label={t('admin.types.barred')}
            description={t('admin.types.barredHint')}
            data={settings.statuses.map((s) => ({ value: s.id, label: s.name }))}
            value={type.barredStatusIds}
            onChange={(barredStatusIds) => update.mutate({ barredStatusIds })}
            clearable
          />
        </Stack>
      </Paper>

      <Paper withBorder radius="md" p="md">
        <Title order={3} fz="md" mb="xs">
          {t('admin.fields.title', { type: type.name })}
        </Title>
        <Text c="dimmed" fz="sm" mb="sm">
          {t('admin.fields.intro')}
        </Text>
        {fields.length > 0 ? (
          <div style={{ overflowX: 'auto' }}>
            <Table verticalSpacing="xs" aria-label={t('admin.fields.title', { type: type.name })} miw={600}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('admin.fields.label')}</Table.Th>
                  <Table.Th>{t('admin.fields.key')}</Table.Th>
                  <Table.Th>{t('admin.fields.kind')}</Table.Th>
                  <Table.Th>{t('admin.fields.options')}</Table.Th>
                  <Table.Th>{t('admin.fields.required')}</Table.Th>
                  <Table.Th w={40} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {fields.map((field) => (
                  <FieldRow key={field.id} field={field} />
                ))}
              </Table.Tbody>
            </Table>
          </div>
        ) : (
          <Text fz="sm" c="dimmed" mb="sm">
            {t('admin.fields.none')}
          </Text>
        )}
        <NewField typeId={type.id} />
      </Paper>
    </Stack>
  );
}

function FieldRow({ field }: { field: TicketSettings['fields'][number] }) {
  const { t } = useTranslation();
  const update = useAdminMutation((body: Parameters<typeof updateField>[1]) => updateField(field.id, body));
  const remove = useAdminMutation(() => deleteField(field.id));
  const [label, setLabel] = useState(field.label);
  const hasOptions = field.kind === 'select' || field.kind === 'multi_select';
  return (
    <Table.Tr>
      <Table.Td>
        <TextInput
          size="xs"
          aria-label={t('admin.fields.labelOf', { key: field.key })}
          value={label}
          onChange={(e) => setLabel(e.currentTarget.value)}
          onBlur={() => label.trim() && label !== field.label && update.mutate({ label: label.trim() })}
        />
      </Table.Td>
      <Table.Td>
        <Text fz="xs" ff="monospace">
          {field.key}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text fz="sm">{t(`admin.fields.kinds.${field.kind as FieldKind}`, { defaultValue: field.kind })}</Text>
      </Table.Td>
      <Table.Td>
        {hasOptions ? (
          <TagsInput
            size="xs"
            aria-label={t('admin.fields.optionsOf', { key: field.key })}
            value={field.options}
            onChange={(options) => update.mutate({ options })}
          />
        ) : (
          <Text fz="xs" c="dimmed">
            —
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Checkbox
          aria-label={t('admin.fields.requiredOf', { key: field.key })}
          checked={field.required}
          onChange={(e) => update.mutate({ required: e.currentTarget.checked })}
        />
      </Table.Td>
      <Table.Td>
        <ActionIcon
          variant="subtle"
          color="red"
          aria-label={t('admin.fields.remove', { label: field.label })}
          onClick={() => {
            if (window.confirm(t('admin.fields.confirmRemove', { label: field.label }))) remove.mutate(undefined);
          }}
        >
          <IconTrash size={16} aria-hidden="true" />
        </ActionIcon>
      </Table.Td>
    </Table.Tr>
  );
}

function slug(label: string): string {
  return label
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/^(\d)/, 'f_$1')
    .slice(0, 60);
}

function NewField({ typeId }: { typeId: string }) {
  const { t } = useTranslation();
  const [label, setLabel] = useState('');
  const [key, setKey] = useState('');
  const [kind, setKind] = useState<FieldKind>('text');
  const [options, setOptions] = useState<string[]>([]);
  const [required, setRequired] = useState(false);
  const create = useAdminMutation((body: Parameters<typeof createField>[1]) => createField(typeId, body), {
    onSuccess: () => {
      setLabel('');
      setKey('');
      setOptions([]);
      setRequired(false);
    },
  });
  const hasOptions = kind === 'select' || kind === 'multi_select';

  function submit(event: FormEvent) {
    event.preventDefault();
    const finalKey = key.trim() || slug(label);
    if (!label.trim() || !finalKey) return;
    create.mutate({ label: label.trim(), key: finalKey, kind, required, ...(hasOptions ? { options } : {}) });
  }

  return (
    <form onSubmit={submit}>
      <Text fw={600} fz="sm" mt="md" mb="xs">
        {t('admin.fields.add')}
      </Text>
      <Grid gutter="sm" align="flex-end">
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <TextInput
            label={t('admin.fields.label')}
            value={label}
            onChange={(e) => setLabel(e.currentTarget.value)}
            required
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 3 }}>
          <TextInput
            label={t('admin.fields.key')}
            placeholder={slug(label) || 'campo'}
            value={key}
            onChange={(e) => setKey(e.currentTarget.value)}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 3 }}>
          <Select
            label={t('admin.fields.kind')}
            allowDeselect={false}
            value={kind}
            onChange={(v) => v && setKind(v as FieldKind)}
            data={FIELD_KINDS.map((k) => ({ value: k, label: t(`admin.fields.kinds.${k}`) }))}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 2 }}>
          <Checkbox
            label={t('admin.fields.required')}
            checked={required}
            onChange={(e) => setRequired(e.currentTarget.checked)}
            mb={8}
          />
        </Grid.Col>
        {hasOptions && (
          <Grid.Col span={12}>
            <TagsInput label={t('admin.fields.options')} value={options} onChange={setOptions} />
          </Grid.Col>
        )}
        <Grid.Col span={12}>
          <Button
            type="submit"
            size="sm"
            leftSection={<IconPlus size={16} aria-hidden="true" />}
            loading={create.isPending}
          >
            {t('admin.fields.add')}
          </Button>
        </Grid.Col>
      </Grid>
    </form>
  );
}

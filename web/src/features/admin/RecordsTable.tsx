import { ActionIcon, Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export type RecordColumn<T> = { header: string; width?: number; cell: (row: T) => ReactNode };

type Props<T> = {
  intro: string;
  newLabel: string;
  /** The table's accessible name. */
  label: string;
  minWidth: number;
  rows: T[];
  columns: RecordColumn<T>[];
  editLabel: (row: T) => string;
  onNew: () => void;
  onEdit: (row: T) => void;
};

/**
 * The list of an admin section whose records are edited in a dialog and switched off rather than
 * deleted (agents, departments): an intro with "New", the table dimming inactive rows, an
 * "Active" column and an edit button per row.
 */
export function RecordsTable<T extends { id: string; active: boolean }>(props: Props<T>) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text c="dimmed" fz="sm">
          {props.intro}
        </Text>
        <Button leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={props.onNew}>
          {props.newLabel}
        </Button>
      </Group>
      <Paper withBorder radius="md" style={{ overflowX: 'auto' }}>
        <Table verticalSpacing="xs" aria-label={props.label} miw={props.minWidth}>
          <Table.Thead>
            <Table.Tr>
              {props.columns.map((column) => (
                <Table.Th key={column.header} w={column.width}>
                  {column.header}
                </Table.Th>
              ))}
              <Table.Th w={90}>{t('admin.active')}</Table.Th>
              <Table.Th w={50} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {props.rows.map((row) => (
              <Table.Tr key={row.id} style={{ opacity: row.active ? 1 : 0.6 }}>
                {props.columns.map((column) => (
                  <Table.Td key={column.header}>{column.cell(row)}</Table.Td>
                ))}
                <Table.Td>
                  <Text fz="sm">{row.active ? t('admin.yes') : t('admin.no')}</Text>
                </Table.Td>
                <Table.Td>
                  <ActionIcon variant="subtle" aria-label={props.editLabel(row)} onClick={() => props.onEdit(row)}>
                    <IconPencil size={16} aria-hidden="true" />
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
    </Stack>
  );
}

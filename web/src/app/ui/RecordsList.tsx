import { ActionIcon, Button, Group, Paper, Stack, Switch, Table, Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPlus } from '@tabler/icons-react';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { RowActionsCell } from './RowActionsCell.tsx';
import { EmptyState, LoadError, LoadingLines } from './States.tsx';

/** A column of a records list: its header, its width, and what a record shows in it. */
export type RecordColumn<T> = { header: string; w?: number; cell: (record: T) => ReactNode };

type Props<T extends { id: string }> = {
  intro: string;
  newLabel: string;
  onNew: () => void;
  query: UseQueryResult<T[]>;
  /** The empty state's title and hint (and icon). */
  empty: { title: string; text?: string; icon?: ReactNode };
  /** The table's accessible name. */
  label: string;
  miw: number;
  verticalSpacing?: 'xs' | 'sm';
  name: (record: T) => string;
  columns: RecordColumn<T>[];
  /** Move up/down buttons in a first column: `move` gets the whole list in its new order. */
  reorder?: { move: (order: T[]) => void; pending: boolean };
  /** An "active" switch before the actions. */
  toggle?: (record: T) => void;
  /** The last cell (a `<Table.Td>`); without it, the edit and remove buttons of `edit`. */
  actions?: (record: T) => ReactNode;
  /** Edit and remove (and their wording, the automation lists' by default). */
  edit?: {
    onEdit: (record: T) => void;
    onRemove: (record: T) => void;
    labels?: (name: string) => { edit: string; remove: string; confirmRemove: string };
  };
  actionsWidth?: number;
  rowProps?: (record: T) => Record<`data-${string}`, string>;
  /** The editor dialog. */
  children?: ReactNode;
};

/** `[a, b, c]`, move index 2 up → `[a, c, b]`; out of range returns the list as it was. */
export function moved<T>(list: readonly T[], index: number, by: -1 | 1): T[] {
  const target = index + by;
  if (index < 0 || target < 0 || target >= list.length) return [...list];
  const copy = [...list];
  [copy[index], copy[target]] = [copy[target] as T, copy[index] as T];
  return copy;
}

/**
 * An admin list screen (triggers, SLA policies, macros, mailboxes…): intro and "New", then loading,
 * error, empty or the table of records, optionally ordered and with an active switch, then the editor.
 */
export function RecordsList<T extends { id: string; active?: boolean }>({
  intro,
  newLabel,
  onNew,
  query,
  empty,
  label,
  miw,
  verticalSpacing = 'sm',
  name,
  columns,
  reorder,
  toggle,
  actions,
  edit,
  actionsWidth = 90,
  rowProps,
  children,
}: Props<T>) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <Text c="dimmed" fz="sm" maw={680}>
          {intro}
        </Text>
        <Button leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={onNew}>
          {newLabel}
        </Button>
      </Group>
      {query.isPending ? (
        <LoadingLines />
      ) : query.isError ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.length === 0 ? (
        <EmptyState {...empty} />
      ) : (
        <Paper withBorder radius="md" style={{ overflowX: 'auto' }}>
          <Table verticalSpacing={verticalSpacing} aria-label={label} miw={miw}>
            <Table.Thead>
              <Table.Tr>
                {reorder && <Table.Th w={70}>{t('automation.order')}</Table.Th>}
                {columns.map((column) => (
                  <Table.Th key={column.header} w={column.w}>
                    {column.header}
                  </Table.Th>
                ))}
                {toggle && <Table.Th w={80}>{t('admin.active')}</Table.Th>}
                <Table.Th w={actionsWidth} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.map((record, index, all) => (
                <Table.Tr key={record.id} {...rowProps?.(record)}>
                  {reorder && (
                    <Table.Td>
                      <Group gap={2} wrap="nowrap">
                        <ActionIcon
                          variant="subtle"
                          aria-label={t('automation.moveUp', { name: name(record) })}
                          disabled={index === 0 || reorder.pending}
                          onClick={() => reorder.move(moved(all, index, -1))}
                        >
                          <IconArrowUp size={16} aria-hidden="true" />
                        </ActionIcon>
                        <ActionIcon
                          variant="subtle"
                          aria-label={t('automation.moveDown', { name: name(record) })}
                          disabled={index === all.length - 1 || reorder.pending}
                          onClick={() => reorder.move(moved(all, index, 1))}
                        >
                          <IconArrowDown size={16} aria-hidden="true" />
                        </ActionIcon>
                      </Group>
                    </Table.Td>
                  )}
                  {columns.map((column) => (
                    <Table.Td key={column.header}>{column.cell(record)}</Table.Td>
                  ))}
                  {toggle && (
                    <Table.Td>
                      <Switch
                        aria-label={t('admin.activeOf', { name: name(record) })}
                        checked={record.active ?? false}
                        onChange={() => toggle(record)}
                      />
                    </Table.Td>
                  )}
                  {actions
                    ? actions(record)
                    : edit && (
                        <RowActionsCell
                          name={name(record)}
                          labels={edit.labels?.(name(record))}
                          onEdit={() => edit.onEdit(record)}
                          onRemove={() => edit.onRemove(record)}
                        />
                      )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {children}
    </Stack>
  );
}

/** The bold name a records list shows first. */
export function RecordName({ children }: { children: ReactNode }) {
  return (
    <Text fz="sm" fw={600}>
      {children}
    </Text>
  );
}

import { ActionIcon, Button, Checkbox, Group, Popover, SegmentedControl, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconArrowUp, IconColumns3 } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/error-message.ts';
import { TABLE_COLUMNS, type TableColumn } from '../tickets/TicketTable.tsx';
import { useSaveViewLayout, type ViewDensity, type ViewLayout } from './view-layout.ts';

/**
 * Issue 13: the agent picks which columns a view shows, in which order, and how dense the rows
 * are. Arrows rather than dragging, so a keyboard orders them too. Saved on every change.
 */
export function ColumnsMenu({ viewId, layout }: { viewId: string; layout: ViewLayout }) {
  const { t } = useTranslation();
  const save = useSaveViewLayout(viewId);
  const { columns, density } = layout;
  // The chosen columns in their order, then the hidden ones in the table's usual order.
  const hidden = (Object.keys(TABLE_COLUMNS) as TableColumn[]).filter((column) => !columns.includes(column));
  const listed = [...columns, ...hidden];

  function change(next: { columns?: TableColumn[]; density?: ViewDensity } | null) {
    const body = next ? { columns: next.columns ?? columns, density: next.density ?? density } : null;
    save.mutate(body, {
      onError: (error) =>
        notifications.show({ color: 'red', title: t('queue.columns.saveFailed'), message: errorMessage(t, error) }),
    });
  }

  function move(column: TableColumn, by: -1 | 1) {
    const at = columns.indexOf(column);
    const to = at + by;
    if (at < 0 || to < 0 || to >= columns.length) return;
    const next = [...columns];
    [next[at], next[to]] = [next[to] as TableColumn, column];
    change({ columns: next });
  }

  function toggle(column: TableColumn, show: boolean) {
    change({ columns: show ? [...columns, column] : columns.filter((c) => c !== column) });
  }

  return (
    <Popover position="bottom-end" shadow="md" width={300} withinPortal trapFocus>
      <Popover.Target>
        <Button variant="default" size="xs" leftSection={<IconColumns3 size={16} aria-hidden="true" />}>
          {t('queue.columns.button')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="sm" role="group" aria-label={t('queue.columns.title')}>
          <div>
            <Text fw={600} fz="sm">
              {t('queue.columns.title')}
            </Text>
            <Text fz="xs" c="dimmed">
              {t('queue.columns.hint')}
            </Text>
          </div>
          <Stack gap={2} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {listed.map((column) => {
              const name = String(TABLE_COLUMNS[column].header(t));
              const shown = columns.includes(column);
              const index = columns.indexOf(column);
              return (
                <Group key={column} component="li" gap={4} wrap="nowrap" justify="space-between" data-column={column}>
                  <Checkbox
                    size="xs"
                    label={column === 'subject' ? t('queue.columns.always', { column: name }) : name}
                    aria-label={t('queue.columns.show', { column: name })}
                    checked={shown}
                    disabled={column === 'subject'}
                    onChange={(event) => toggle(column, event.currentTarget.checked)}
                  />
                  {shown && (
                    <Group gap={2} wrap="nowrap">
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        size="sm"
                        aria-label={t('queue.columns.moveUp', { column: name })}
                        disabled={index === 0}
                        onClick={() => move(column, -1)}
                      >
                        <IconArrowUp size={14} aria-hidden="true" />
                      </ActionIcon>
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        size="sm"
                        aria-label={t('queue.columns.moveDown', { column: name })}
                        disabled={index === columns.length - 1}
                        onClick={() => move(column, 1)}
                      >
                        <IconArrowDown size={14} aria-hidden="true" />
                      </ActionIcon>
                    </Group>
                  )}
                </Group>
              );
            })}
          </Stack>
          <div>
            <Text fz="xs" fw={600} mb={4} id={`density-${viewId}`}>
              {t('queue.columns.density')}
            </Text>
            <SegmentedControl
              size="xs"
              fullWidth
              aria-labelledby={`density-${viewId}`}
              value={density}
              onChange={(value) => change({ density: value as ViewDensity })}
              data={[
                { value: 'comfortable', label: t('queue.columns.comfortable') },
                { value: 'compact', label: t('queue.columns.compact') },
              ]}
            />
          </div>
          <Group justify="flex-end">
            <Button variant="subtle" size="xs" disabled={!layout.custom} onClick={() => change(null)}>
              {t('queue.columns.reset')}
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

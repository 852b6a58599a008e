import { ActionIcon, Group, Table } from '@mantine/core';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** The edit and remove buttons of an automation list's row (triggers, SLA policies, time rules, calendars), in their table cell; removing asks first. */
export function RowActionsCell({ name, onEdit, onRemove }: { name: string; onEdit: () => void; onRemove: () => void }) {
  const { t } = useTranslation();
  return (
    <Table.Td>
      <Group gap={4} wrap="nowrap">
        <ActionIcon variant="subtle" aria-label={t('automation.editNamed', { name })} onClick={onEdit}>
          <IconPencil size={16} aria-hidden="true" />
        </ActionIcon>
        <ActionIcon
          variant="subtle"
          color="red"
          aria-label={t('automation.removeNamed', { name })}
          onClick={() => {
            if (window.confirm(t('automation.confirmRemove', { name }))) onRemove();
          }}
        >
          <IconTrash size={16} aria-hidden="true" />
        </ActionIcon>
      </Group>
    </Table.Td>
  );
}

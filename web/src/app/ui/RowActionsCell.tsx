import { ActionIcon, Group, Table } from '@mantine/core';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

type Labels = { edit: string; remove: string; confirmRemove: string };

/**
 * The edit and remove buttons of a records list's row (triggers, SLA policies, macros…), in their
 * table cell; removing asks first. `labels` replaces the automation lists' wording.
 */
export function RowActionsCell({
  name,
  onEdit,
  onRemove,
  labels,
}: {
  name: string;
  onEdit: () => void;
  onRemove: () => void;
  labels?: Labels;
}) {
  const { t } = useTranslation();
  const said = labels ?? {
    edit: t('automation.editNamed', { name }),
    remove: t('automation.removeNamed', { name }),
    confirmRemove: t('automation.confirmRemove', { name }),
  };
  return (
    <Table.Td>
      <Group gap={4} wrap="nowrap">
        <ActionIcon variant="subtle" aria-label={said.edit} onClick={onEdit}>
          <IconPencil size={16} aria-hidden="true" />
        </ActionIcon>
        <ActionIcon
          variant="subtle"
          color="red"
          aria-label={said.remove}
          onClick={() => {
            if (window.confirm(said.confirmRemove)) onRemove();
          }}
        >
          <IconTrash size={16} aria-hidden="true" />
        </ActionIcon>
      </Group>
    </Table.Td>
  );
}

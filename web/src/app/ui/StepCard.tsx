import { ActionIcon, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';

/**
 * One numbered step of an ordered list being written (a playbook's tasks, a protocol's steps):
 * its number, its main field, the actions on it and the remove button, then the step's details.
 */
export function StepCard({
  position,
  field,
  actions,
  removeLabel,
  canRemove,
  onRemove,
  children,
}: {
  position: number;
  field: ReactNode;
  /** Shown before the remove button (moving the step, for instance). */
  actions?: ReactNode;
  removeLabel: string;
  canRemove: boolean;
  onRemove: () => void;
  children?: ReactNode;
}) {
  return (
    <Paper withBorder p="sm" radius="md" data-step={position}>
      <Stack gap="xs">
        <Group align="flex-end" wrap="nowrap" gap="xs">
          <Text fw={700} fz="sm" w={24} pb={8}>
            {position}.
          </Text>
          {field}
          {actions}
          <ActionIcon
            variant="subtle"
            color="red"
            mb={4}
            disabled={!canRemove}
            aria-label={removeLabel}
            onClick={onRemove}
          >
            <IconTrash size={16} aria-hidden="true" />
          </ActionIcon>
        </Group>
        {children}
      </Stack>
    </Paper>
  );
}

/** The button under a list of steps that adds an empty one at the end. */
export function AddStepButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <Button
      variant="light"
      leftSection={<IconPlus size={14} aria-hidden="true" />}
      onClick={onClick}
      style={{ alignSelf: 'flex-start' }}
    >
      {label}
    </Button>
  );
}

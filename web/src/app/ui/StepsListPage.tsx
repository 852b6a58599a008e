import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError, LoadingLines } from './States.tsx';

/**
 * A screen of written procedures (playbooks, protocols): its title and "new" button, then one
 * card per item as `card` draws it, or why there is none; `children` is the editor dialog.
 */
export function StepsListPage<T>({
  title,
  newLabel,
  onNew,
  query,
  empty,
  card,
  children,
}: {
  title: string;
  newLabel: string;
  onNew: () => void;
  query: UseQueryResult<{ items: T[] }>;
  empty: string;
  card: (item: T) => ReactNode;
  children?: ReactNode;
}) {
  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <Title order={1} fz={{ base: 22, sm: 26 }}>
          {title}
        </Title>
        <Button leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={onNew}>
          {newLabel}
        </Button>
      </Group>
      {query.isPending ? (
        <LoadingLines lines={3} />
      ) : query.isError ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <Text c="dimmed">{empty}</Text>
      ) : (
        query.data.items.map(card)
      )}
      {children}
    </Stack>
  );
}

/** One item's card: its name and badges, a line under them, the edit button, and its steps in order. */
export function StepsCard({
  name,
  badges,
  description,
  editLabel,
  onEdit,
  children,
  ...data
}: {
  name: string;
  badges?: ReactNode;
  description?: string | null;
  editLabel: string;
  onEdit: () => void;
  children: ReactNode;
} & Record<`data-${string}`, string>) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" p="md" {...data}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div>
          <Group gap="xs">
            <Title order={2} fz="md">
              {name}
            </Title>
            {badges}
          </Group>
          {description && (
            <Text fz="sm" c="dimmed">
              {description}
            </Text>
          )}
        </div>
        <Button
          variant="default"
          size="compact-sm"
          leftSection={<IconPencil size={14} aria-hidden="true" />}
          onClick={onEdit}
          aria-label={editLabel}
        >
          {t('common.edit')}
        </Button>
      </Group>
      <Stack component="ol" gap={4} mt="sm" pl="md" m={0}>
        {children}
      </Stack>
    </Paper>
  );
}

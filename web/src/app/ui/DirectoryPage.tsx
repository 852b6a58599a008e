import { Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Page } from '../api-types.ts';
import { usePageTitle } from '../usePageTitle.ts';
import { EmptyState, LoadError, LoadingLines } from './States.tsx';

export interface DirectoryPageProps<T extends { id: string }> {
  /** The section whose title and description head the page (`sections.<section>.*`). */
  section: 'contacts' | 'organizations';
  labels: { create: string; search: string; empty: string; nothing: string };
  icon: ReactNode;
  queryKey: (q: string) => readonly unknown[];
  fetchPage: (q: string, options: { cursor: string | null; signal: AbortSignal }) => Promise<Page<T>>;
  columns: string[];
  minWidth: number;
  /** The cells of one row, in the order of `columns`. */
  renderCells: (item: T) => ReactNode;
  renderForm: (props: { opened: boolean; onClose: () => void }) => ReactNode;
}

/** A searchable, paged list of records with a "new" button: the contacts and organizations pages. */
export function DirectoryPage<T extends { id: string }>(props: DirectoryPageProps<T>) {
  const { t } = useTranslation();
  const title = t(`sections.${props.section}.title`);
  usePageTitle(title);
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q.trim(), 250);
  const [creating, create] = useDisclosure(false);
  const list = useInfiniteQuery({
    queryKey: props.queryKey(debounced),
    queryFn: ({ pageParam, signal }) => props.fetchPage(debounced, { cursor: pageParam, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1} fz={{ base: 22, sm: 26 }}>
            {title}
          </Title>
          <Text c="dimmed" fz="sm" mt={4}>
            {t(`sections.${props.section}.description`)}
          </Text>
        </div>
        <Button leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={create.open}>
          {props.labels.create}
        </Button>
      </Group>
      <TextInput
        aria-label={props.labels.search}
        placeholder={props.labels.search}
        leftSection={<IconSearch size={16} aria-hidden="true" />}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        maw={420}
        type="search"
      />
      {list.isPending ? (
        <LoadingLines />
      ) : list.isError ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState icon={props.icon} title={debounced ? props.labels.nothing : props.labels.empty} />
      ) : (
        <div style={{ overflowX: 'auto' }}>
          <Table highlightOnHover verticalSpacing="xs" aria-label={title} miw={props.minWidth}>
            <Table.Thead>
              <Table.Tr>
                {props.columns.map((column) => (
                  <Table.Th key={column}>{column}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item) => (
                <Table.Tr key={item.id}>{props.renderCells(item)}</Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
      {list.hasNextPage && (
        <Group>
          <Button
            variant="default"
            size="xs"
            loading={list.isFetchingNextPage}
            onClick={() => void list.fetchNextPage()}
          >
            {t('queue.loadMore')}
          </Button>
        </Group>
      )}
      {props.renderForm({ opened: creating, onClose: create.close })}
    </Stack>
  );
}

import { Stack, Text } from '@mantine/core';
import { IconInbox } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TicketQuery } from '../../app/api-types.ts';
import { EmptyState, LoadError, LoadingLines } from '../../app/ui/States.tsx';
import { filteredTicketsQuery } from './queries.ts';
import { TicketTable } from './TicketTable.tsx';

type Props = { query: TicketQuery; label: string; hide?: Array<'organization' | 'requester'>; emptyText: string };

/** The tickets of one contact or organization, newest activity first, live like the queues. */
export function FilteredTickets({ query, label, hide, emptyText }: Props) {
  const { t } = useTranslation();
  const list = useQuery(filteredTicketsQuery(query, 'updated'));
  if (list.isPending) return <LoadingLines lines={4} />;
  if (list.isError) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  if (list.data.items.length === 0) {
    return <EmptyState icon={<IconInbox size={28} aria-hidden="true" />} title={emptyText} />;
  }
  const total = list.data.total ?? list.data.items.length;
  return (
    <Stack gap="xs">
      <TicketTable tickets={list.data.items} label={label} hide={hide} />
      {total > list.data.items.length && (
        <Text fz="xs" c="dimmed">
          {t(list.data.totalCapped ? 'queue.showingCapped' : 'queue.showing', { shown: list.data.items.length, total })}
        </Text>
      )}
    </Stack>
  );
}

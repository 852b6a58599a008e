import { Badge, Box, Button, Group, Select, Stack, Text, Title } from '@mantine/core';
import { IconInbox } from '@tabler/icons-react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from '@tanstack/react-router';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShortcuts } from '../../app/shortcuts.ts';
import { EmptyState, LoadError, LoadingLines } from '../../app/ui/States.tsx';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { fetchViewTickets } from '../tickets/api.ts';
import { ticketKeys, viewsQuery } from '../tickets/queries.ts';
import { TicketTable } from '../tickets/TicketTable.tsx';
import { BulkBar } from './BulkBar.tsx';
import { ColumnsMenu } from './ColumnsMenu.tsx';
import { countLabel, countText } from './ticket-count.ts';
import { viewLayoutQuery } from './view-layout.ts';
import { viewName } from './view-names.ts';

/** One saved view: its tickets, live, with bulk actions and `j`/`k` to move. */
export function QueuePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { viewId } = useParams({ from: '/console/queues/$viewId' });
  const views = useQuery(viewsQuery);
  const view = views.data?.items.find((v) => v.id === viewId);
  const title = view ? viewName(t, view) : t('nav.queues');
  usePageTitle(title);

  const list = useInfiniteQuery({
    queryKey: ticketKeys.viewTickets(viewId),
    queryFn: ({ pageParam, signal }) => fetchViewTickets(viewId, pageParam, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const tickets = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);
  const firstPage = list.data?.pages[0];
  const total = firstPage?.total ?? view?.count;
  const totalCapped = firstPage?.total === undefined ? view?.countCapped : firstPage.totalCapped;
  const layout = useQuery(viewLayoutQuery(viewId));

  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [activeIndex, setActiveIndex] = useState(-1);

  // A new view starts with nothing selected and the cursor at the top.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the view changes
  useEffect(() => {
    setSelected(new Set());
    setActiveIndex(-1);
  }, [viewId]);

  // Tickets that left the view (solved elsewhere, reassigned) leave the selection too.
  useEffect(() => {
    setSelected((current) => {
      const present = new Set(tickets.map((ticket) => ticket.id));
      const kept = [...current].filter((id) => present.has(id));
      return kept.length === current.size ? current : new Set(kept);
    });
  }, [tickets]);

  useShortcuts({
    j: () => setActiveIndex((i) => Math.min(i + 1, tickets.length - 1)),
    k: () => setActiveIndex((i) => Math.max(i - 1, 0)),
    x: () => {
      const ticket = tickets[activeIndex];
      if (ticket) toggle(ticket.id);
    },
    enter: () => {
      const ticket = tickets[activeIndex];
      if (ticket) void navigate({ to: '/tickets/$ticketRef', params: { ticketRef: ticket.number } });
    },
  });

  function toggle(id: string) {
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  function toggleAll(ids: string[], select: boolean) {
    setSelected((current) => {
      const next = new Set(current);
      for (const id of ids) {
        if (select) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  }

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Box>
          <Group gap="sm" align="center">
            <Title order={1} fz={{ base: 22, sm: 26 }}>
              {title}
            </Title>
            {total !== undefined && (
              <Badge variant="light" color="gray" size="lg" radius="sm" aria-label={countLabel(t, total, totalCapped)}>
                {countText(total, totalCapped)}
              </Badge>
            )}
          </Group>
          <Text c="dimmed" fz="sm" mt={4} visibleFrom="sm">
            {t('queue.liveHint')}
          </Text>
        </Box>
        <Group gap="xs">
          {layout.data && (
            <Box visibleFrom="sm">
              <ColumnsMenu viewId={viewId} layout={layout.data} />
            </Box>
          )}
          {views.data && (
            <Select
              hiddenFrom="sm"
              aria-label={t('queue.pickView')}
              value={viewId}
              allowDeselect={false}
              data={views.data.items.map((v) => ({
                value: v.id,
                label: `${viewName(t, v)} (${countText(v.count, v.countCapped)})`,
              }))}
              onChange={(value) => {
                if (value) void navigate({ to: '/queues/$viewId', params: { viewId: value } });
              }}
              w={220}
            />
          )}
        </Group>
      </Group>

      {selected.size > 0 && (
        <BulkBar ids={[...selected]} onDone={() => setSelected(new Set())} onClear={() => setSelected(new Set())} />
      )}

      {list.isPending || layout.isPending ? (
        <LoadingLines lines={8} />
      ) : list.isError ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : tickets.length === 0 ? (
        <EmptyState
          icon={<IconInbox size={30} stroke={1.5} aria-hidden="true" />}
          title={t('queue.empty.title')}
          text={t('queue.empty.text')}
        />
      ) : (
        <>
          <TicketTable
            tickets={tickets}
            label={title}
            activeIndex={activeIndex}
            selection={{ selected, onToggle: toggle, onToggleAll: toggleAll }}
            columns={layout.data?.columns}
            density={layout.data?.density}
          />
          <Group justify="space-between">
            <Text fz="sm" c="dimmed">
              {t(totalCapped ? 'queue.showingCapped' : 'queue.showing', {
                shown: tickets.length,
                total: total ?? tickets.length,
              })}
            </Text>
            {list.hasNextPage && (
              <Button
                variant="default"
                size="xs"
                loading={list.isFetchingNextPage}
                onClick={() => void list.fetchNextPage()}
              >
                {t('queue.loadMore')}
              </Button>
            )}
          </Group>
        </>
      )}
    </Stack>
  );
}

import { Badge, Button, Card, Group, Select, SimpleGrid, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dateTime, safeTimeZone } from '../app/time.ts';
import { AnchorLink, ButtonLink } from '../app/ui/links.tsx';
import { EmptyState, LoadError } from '../app/ui/States.tsx';
import { usePageTitle } from '../app/usePageTitle.ts';
import { StatusBadge } from './StatusBadge.tsx';
import {
  fetchPortalOptions,
  listPortalTickets,
  type PortalListFilters,
  type PortalSort,
  type PortalTicket,
  portalTicketsKey,
} from './tickets-api.ts';
import { type PortalTicketsSearch, portalTicketsSearch } from './tickets-search.ts';

const SORTS: PortalSort[] = ['updated', 'created', 'number'];

/** "Mis actividades": the contact's tickets, open ones first unless they ask for closed ones too. */
export function PortalTicketsPage() {
  const { t } = useTranslation();
  usePageTitle(t('portal.tickets.title'));
  // The filters live in the address: back/forward, reload and a shared link keep them.
  const search = useSearch({ from: '/portal/portal-shell/tickets' });
  const navigate = useNavigate();
  const closed = search.closed === true;
  const status = search.status ?? null;
  const sort: PortalSort = search.sort ?? 'updated';
  const setFilters = (change: Partial<PortalTicketsSearch>, replace = false) =>
    void navigate({ to: '/portal/tickets', search: (prev) => portalTicketsSearch({ ...prev, ...change }), replace });
  const [typed, setTyped] = useState(search.q ?? '');
  // Typing a search asks the server once the person pauses, not on every key; the pause
  // replaces the address rather than piling up history entries.
  const searchFor = useDebouncedCallback((value: string) => setFilters({ q: value }, true), 300);
  // Back/forward to another search shows it in the box.
  const shownQ = search.q ?? '';
  useEffect(() => setTyped((current) => (current.trim() === shownQ ? current : shownQ)), [shownQ]);
  const q = search.q ?? '';
  const filters: PortalListFilters = { closed, status, q, sort };

  const options = useQuery({
    queryKey: ['portal', 'ticket-options'],
    queryFn: ({ signal }) => fetchPortalOptions(signal),
  });
  const tickets = useInfiniteQuery({
    queryKey: [...portalTicketsKey, filters],
    queryFn: ({ pageParam, signal }) => listPortalTickets(filters, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const items = tickets.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = closed || status !== null || q.trim() !== '';

  return (
    <Stack gap="md" maw={900}>
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <div>
          <Title order={1} fz={26}>
            {t('portal.tickets.title')}
          </Title>
          <Text c="dimmed">{t('portal.tickets.intro')}</Text>
        </div>
        <ButtonLink to="/portal/tickets/new" leftSection={<IconPlus size={18} aria-hidden="true" />}>
          {t('portal.nav.newTicket')}
        </ButtonLink>
      </Group>

      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <TextInput
          label={t('portal.tickets.search')}
          placeholder={t('portal.tickets.searchPlaceholder')}
          type="search"
          leftSection={<IconSearch size={16} aria-hidden="true" />}
          value={typed}
          onChange={(e) => {
            setTyped(e.currentTarget.value);
            searchFor(e.currentTarget.value);
          }}
        />
        <Select
          label={t('portal.tickets.status')}
          placeholder={t('portal.tickets.allStatuses')}
          data={options.data?.statuses ?? []}
          value={status}
          onChange={(value) => setFilters({ status: value ?? undefined })}
          clearable
        />
        <Select
          label={t('portal.tickets.sort')}
          data={SORTS.map((value) => ({ value, label: t(`portal.tickets.sorts.${value}`) }))}
          value={sort}
          onChange={(value) =>
            setFilters({ sort: value === 'updated' ? undefined : (value as PortalTicketsSearch['sort']) })
          }
          allowDeselect={false}
        />
      </SimpleGrid>
      <Switch
        label={t('portal.tickets.showClosed')}
        checked={closed}
        onChange={(e) => setFilters({ closed: e.currentTarget.checked || undefined })}
      />

      {tickets.isError && (
        <LoadError audience="customer" error={tickets.error} onRetry={() => void tickets.refetch()} />
      )}
      {tickets.isSuccess && items.length === 0 && (
        <EmptyState
          title={filtered ? t('portal.tickets.noMatch') : t('portal.tickets.empty')}
          text={filtered ? t('portal.tickets.noMatchText') : t('portal.tickets.emptyText')}
        />
      )}
      <Stack
        gap="sm"
        component="ul"
        aria-label={t('portal.tickets.listLabel')}
        p={0}
        m={0}
        style={{ listStyle: 'none' }}
      >
        {items.map((ticket) => (
          <TicketCard key={ticket.id} ticket={ticket} />
        ))}
      </Stack>
      {tickets.hasNextPage && (
        <Group justify="center">
          <Button variant="default" loading={tickets.isFetchingNextPage} onClick={() => void tickets.fetchNextPage()}>
            {t('portal.tickets.loadMore')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function TicketCard({ ticket }: { ticket: PortalTicket }) {
  const { t, i18n } = useTranslation();
  return (
    <Card component="li" withBorder radius="md" p="sm">
      <Group justify="space-between" wrap="wrap" gap="xs" align="flex-start">
        <Stack gap={2} miw={0} style={{ flex: '1 1 16rem' }}>
          <AnchorLink
            to="/portal/tickets/$number"
            params={{ number: ticket.number }}
            fw={600}
            style={{ overflowWrap: 'anywhere' }}
          >
            #{ticket.number} · {ticket.subject}
          </AnchorLink>
          <Text fz="sm" c="dimmed">
            {t('portal.tickets.updated', { when: dateTime(ticket.updatedAt, i18n.language, safeTimeZone(undefined)) })}
          </Text>
        </Stack>
        <Group gap="xs">
          <StatusBadge status={ticket.status} />
          <Badge variant="outline" color="gray">
            {t(`ticket.priority.${ticket.priority}` as 'ticket.priority.normal', ticket.priority)}
          </Badge>
        </Group>
      </Group>
    </Card>
  );
}

import { Box, Checkbox, Group, Paper, Stack, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useNavigate } from '@tanstack/react-router';
import { type MouseEvent, type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketListItem } from '../../app/api-types.ts';
import { PersonAvatar } from '../../app/ui/AgentAvatar.tsx';
import { AnchorLink } from '../../app/ui/links.tsx';
import { useFormat } from '../../app/useFormat.ts';
import { ChannelIcon, FlagMark, PriorityBadge, QueuePositionBadge, StatusBadge } from './badges.tsx';
import { SlaBadge, StaleBadge } from './SlaBadges.tsx';
import classes from './TicketTable.module.css';

type Selection = {
  selected: ReadonlySet<string>;
  onToggle: (id: string) => void;
  onToggleAll: (ids: string[], select: boolean) => void;
};

type Props = {
  tickets: TicketListItem[];
  /** Accessible name of the table, e.g. the view's name. */
  label: string;
  selection?: Selection;
  /** The row `j`/`k` moved to; it gets focus and a highlight. */
  activeIndex?: number;
  /** Columns to leave out where they repeat the page (the organization on its own page). */
  hide?: Array<'organization' | 'requester'>;
};

/** The SLA countdown and, after 24 h without news (003), the words that go with the red row. */
function RowMarkers({ ticket, size = 'sm' }: { ticket: TicketListItem; size?: 'xs' | 'sm' }): ReactNode {
  return (
    <>
      <SlaBadge ticket={ticket} size={size} />
      <StaleBadge stale={ticket.stale} size={size} />
    </>
  );
}

/**
 * The queue's ticket list: a table on wide screens, a stack of cards on a phone. The subject is
 * the link, so Tab and Enter open a ticket; `j`/`k` move between rows (see the queue page).
 */
export function TicketTable({ tickets, label, selection, activeIndex, hide = [] }: Props) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 48em)');
  const containerRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (activeIndex === undefined || activeIndex < 0) return;
    const row = containerRef.current?.querySelector<HTMLElement>(`[data-row-index="${activeIndex}"]`);
    const link = row?.querySelector<HTMLElement>('a[data-ticket-link]');
    link?.focus({ preventScroll: true });
    row?.scrollIntoView({ block: 'nearest' });
  }, [activeIndex]);

  if (phone) {
    return (
      <Stack gap="xs" ref={containerRef} role="list" aria-label={label}>
        {tickets.map((ticket, index) => (
          <TicketCard
            key={ticket.id}
            ticket={ticket}
            index={index}
            active={index === activeIndex}
            selection={selection}
          />
        ))}
      </Stack>
    );
  }

  const ids = tickets.map((ticket) => ticket.id);
  const allSelected = selection ? ids.length > 0 && ids.every((id) => selection.selected.has(id)) : false;
  const someSelected = selection ? ids.some((id) => selection.selected.has(id)) : false;

  return (
    <Box ref={containerRef} className={classes.scroller}>
      <Table
        className={classes.table}
        highlightOnHover
        verticalSpacing={8}
        horizontalSpacing={10}
        aria-label={label}
        stickyHeader
        stickyHeaderOffset={0}
      >
        <Table.Thead>
          <Table.Tr>
            {selection && (
              <Table.Th w={38}>
                <Checkbox
                  size="xs"
                  radius="sm"
                  aria-label={t('queue.selectAll')}
                  checked={allSelected}
                  indeterminate={someSelected && !allSelected}
                  onChange={() => selection.onToggleAll(ids, !allSelected)}
                />
              </Table.Th>
            )}
            <Table.Th w={24} px={2}>
              <VisuallyHidden>{t('ticket.fields.flag')}</VisuallyHidden>
            </Table.Th>
            <Table.Th w={84}>{t('ticket.fields.number')}</Table.Th>
            <Table.Th>{t('ticket.fields.subject')}</Table.Th>
            {!hide.includes('requester') && <Table.Th w="10%">{t('ticket.fields.requester')}</Table.Th>}
            {!hide.includes('organization') && <Table.Th w="11%">{t('ticket.fields.organization')}</Table.Th>}
            <Table.Th w={122}>{t('ticket.fields.status')}</Table.Th>
            <Table.Th w={96}>{t('ticket.fields.priority')}</Table.Th>
            <Table.Th w={144}>{t('sla.label')}</Table.Th>
            <Table.Th w={118}>{t('ticket.fields.assignee')}</Table.Th>
            <Table.Th w={104}>{t('ticket.fields.updated')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tickets.map((ticket, index) => (
            <TicketRow
              key={ticket.id}
              ticket={ticket}
              index={index}
              active={index === activeIndex}
              selection={selection}
              hide={hide}
            />
          ))}
        </Table.Tbody>
      </Table>
    </Box>
  );
}

type RowProps = { ticket: TicketListItem; index: number; active: boolean; selection?: Selection };

/** Clicking anywhere on a row opens the ticket, except on its own controls and links. */
function useRowOpen(ticket: TicketListItem) {
  const navigate = useNavigate();
  return (event: MouseEvent<HTMLElement>) => {
    const target = event.target as HTMLElement;
    if (target.closest('a, button, input, label')) return;
    if (window.getSelection()?.toString()) return;
    void navigate({ to: '/tickets/$ticketRef', params: { ticketRef: ticket.number } });
  };
}

function TicketRow({ ticket, index, active, selection, hide }: RowProps & { hide: string[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const open = useRowOpen(ticket);
  const selected = selection?.selected.has(ticket.id) ?? false;
  const unassigned = t('ticket.unassigned');
  return (
    <Table.Tr
      data-row-index={index}
      data-ticket-number={ticket.number}
      data-active={active || undefined}
      data-selected={selected || undefined}
      data-stale={ticket.stale || undefined}
      className={classes.row}
      onClick={open}
    >
      {selection && (
        <Table.Td>
          <Checkbox
            size="xs"
            radius="sm"
            aria-label={t('queue.selectTicket', { number: ticket.number })}
            checked={selected}
            onChange={() => selection.onToggle(ticket.id)}
          />
        </Table.Td>
      )}
      <Table.Td px={2}>
        <FlagMark flag={ticket.flag} />
      </Table.Td>
      <Table.Td>
        <Text fz="sm" c="dimmed" ff="monospace" fw={500}>
          {ticket.number}
        </Text>
      </Table.Td>
      <Table.Td className={classes.subjectCell}>
        <Group gap={6} wrap="nowrap">
          <ChannelIcon channel={ticket.channel} size={15} />
          <AnchorLink
            to="/tickets/$ticketRef"
            params={{ ticketRef: ticket.number }}
            data-ticket-link
            className={classes.subject}
            fw={ticket.statusCategory === 'new' ? 650 : 500}
            fz="sm"
            c="var(--mantine-color-text)"
          >
            {ticket.subject}
          </AnchorLink>
        </Group>
      </Table.Td>
      {!hide.includes('requester') && (
        <Table.Td>
          <Text fz="sm" truncate="end">
            {ticket.requester.name ?? '—'}
          </Text>
        </Table.Td>
      )}
      {!hide.includes('organization') && (
        <Table.Td>
          <Text fz="sm" c={ticket.organization ? undefined : 'dimmed'} truncate="end">
            {ticket.organization?.name ?? '—'}
          </Text>
        </Table.Td>
      )}
      <Table.Td>
        <Stack gap={4} align="flex-start">
          <StatusBadge name={ticket.status} category={ticket.statusCategory} />
          <QueuePositionBadge position={ticket.queuePosition} size="xs" />
        </Stack>
      </Table.Td>
      <Table.Td>
        <PriorityBadge priority={ticket.priority} />
      </Table.Td>
      <Table.Td>
        {/* Its own column: beside the subject the badges left no room for it. */}
        <Stack gap={4} align="flex-start">
          <RowMarkers ticket={ticket} size="xs" />
        </Stack>
      </Table.Td>
      <Table.Td>
        {ticket.assignee ? (
          <Group gap={6} wrap="nowrap">
            <PersonAvatar
              name={ticket.assignee.name ?? ''}
              initials={ticket.assignee.initials}
              id={ticket.assignee.id}
              size={24}
            />
            <Text fz="sm" truncate="end">
              {firstName(ticket.assignee.name ?? '')}
            </Text>
          </Group>
        ) : (
          <Text fz="sm" c="dimmed" fs="italic">
            {unassigned}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Tooltip label={format.dateTime(ticket.updatedAt)} withinPortal>
          <Text fz="sm" c="dimmed" component="time" dateTime={ticket.updatedAt}>
            {format.relative(ticket.updatedAt)}
          </Text>
        </Tooltip>
      </Table.Td>
    </Table.Tr>
  );
}

/** "Alicia Rodríguez" → "Alicia": the table also shows the initials and the full name on hover. */
function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name;
}

/** "Alicia Rodríguez" → "Alicia R.": enough to recognise a colleague on a card. */
function shortName(name: string): string {
  const words = name.trim().split(/\s+/);
  if (words.length < 2) return name;
  return `${words[0]} ${words[1]?.[0] ?? ''}.`;
}

function TicketCard({ ticket, index, active, selection }: RowProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const open = useRowOpen(ticket);
  const selected = selection?.selected.has(ticket.id) ?? false;
  return (
    <Paper
      role="listitem"
      withBorder
      radius="md"
      p="sm"
      data-row-index={index}
      data-ticket-number={ticket.number}
      data-active={active || undefined}
      data-selected={selected || undefined}
      data-stale={ticket.stale || undefined}
      className={classes.card}
      onClick={open}
    >
      <Group gap="xs" wrap="nowrap" align="flex-start">
        {selection && (
          <Checkbox
            size="sm"
            radius="sm"
            mt={2}
            aria-label={t('queue.selectTicket', { number: ticket.number })}
            checked={selected}
            onChange={() => selection.onToggle(ticket.id)}
          />
        )}
        <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
          <Group gap={8} wrap="nowrap" justify="space-between">
            <Group gap={6} wrap="nowrap">
              <FlagMark flag={ticket.flag} size={14} />
              <Text fz="xs" c="dimmed" ff="monospace" fw={600}>
                {ticket.number}
              </Text>
              <StatusBadge name={ticket.status} category={ticket.statusCategory} size="xs" />
            </Group>
            <Text fz="xs" c="dimmed" component="time" dateTime={ticket.updatedAt}>
              {format.relative(ticket.updatedAt)}
            </Text>
          </Group>
          <AnchorLink
            to="/tickets/$ticketRef"
            params={{ ticketRef: ticket.number }}
            data-ticket-link
            fw={ticket.statusCategory === 'new' ? 650 : 550}
            fz="sm"
            c="var(--mantine-color-text)"
            lineClamp={2}
          >
            {ticket.subject}
          </AnchorLink>
          <Text fz="xs" c="dimmed" truncate="end">
            {[ticket.requester.name, ticket.organization?.name].filter(Boolean).join(' · ')}
          </Text>
          {/* Their own line: beside the number they would push a 390 px card wider than the screen. */}
          {(ticket.stale || ticket.slaState || ticket.queuePosition) && (
            <Group gap={6}>
              <QueuePositionBadge position={ticket.queuePosition} size="xs" />
              <RowMarkers ticket={ticket} size="xs" />
            </Group>
          )}
          <Group gap={8} wrap="nowrap" justify="space-between">
            <PriorityBadge priority={ticket.priority} size="xs" />
            {ticket.assignee ? (
              <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
                <PersonAvatar
                  name={ticket.assignee.name ?? ''}
                  initials={ticket.assignee.initials}
                  id={ticket.assignee.id}
                  size={20}
                  tooltip={false}
                />
                <Text fz="xs" truncate="end">
                  {shortName(ticket.assignee.name ?? '')}
                </Text>
              </Group>
            ) : (
              <Text fz="xs" c="dimmed" fs="italic">
                {t('ticket.unassigned')}
              </Text>
            )}
          </Group>
        </Stack>
      </Group>
    </Paper>
  );
}

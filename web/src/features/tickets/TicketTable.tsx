import { Badge, Box, Checkbox, Group, Paper, Stack, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useNavigate } from '@tanstack/react-router';
import type { TFunction } from 'i18next';
import { type MouseEvent, type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ViewColumn, ViewDensity } from '../../../../src/core/views/view-layout.ts';
import type { TicketListItem } from '../../app/api-types.ts';
import { PersonAvatar } from '../../app/ui/AgentAvatar.tsx';
import { AnchorLink } from '../../app/ui/links.tsx';
import { useFormat } from '../../app/useFormat.ts';
import { CategoryLabel, ChannelIcon, FlagMark, PriorityBadge, QueuePositionBadge, StatusBadge } from './badges.tsx';
import { SlaBadge, StaleBadge } from './SlaBadges.tsx';
import classes from './TicketTable.module.css';

type Selection = {
  selected: ReadonlySet<string>;
  onToggle: (id: string) => void;
  onToggleAll: (ids: string[], select: boolean) => void;
};

export type TableColumn = ViewColumn;
export type TableDensity = ViewDensity;

/** Where no view chooses (a contact's or an organization's tickets): the queue's default columns. */
const DEFAULT_COLUMNS: TableColumn[] = ['number', 'subject', 'requester', 'status', 'priority', 'sla', 'assignee'];

type Props = {
  tickets: TicketListItem[];
  /** Accessible name of the table, e.g. the view's name. */
  label: string;
  selection?: Selection;
  /** The row `j`/`k` moved to; it gets focus and a highlight. */
  activeIndex?: number;
  /** The columns, in order (issue 13: each agent chooses them per view). */
  columns?: TableColumn[];
  /** Columns to leave out where they repeat the page (the organization on its own page). */
  hide?: Array<'organization' | 'requester'>;
  density?: TableDensity;
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

type CellContext = {
  t: TFunction;
  format: ReturnType<typeof useFormat>;
  compact: boolean;
  /** The requester's cell also names the organization. */
  withOrganization: boolean;
};

/**
 * How each column sizes (issue 13): the subject takes whatever width is free and wraps; `fit`
 * columns are as wide as their content (numbers, badges, times); `clip` columns (names) have a
 * ceiling that falls with the window, so they shrink and truncate before the subject does.
 */
type ColumnDef = {
  size: 'subject' | 'fit' | 'clip';
  header: (t: TFunction) => ReactNode;
  cell: (ticket: TicketListItem, context: CellContext) => ReactNode;
};

const dimmed = (text: string) => (
  <Text fz="inherit" c="dimmed">
    {text}
  </Text>
);

const clipped = (text: string | null | undefined, title?: string) =>
  text ? (
    <Text fz="inherit" className={classes.clip} title={title ?? text}>
      {text}
    </Text>
  ) : (
    dimmed('—')
  );

/** Every column a queue can show, in the order the column chooser lists them. */
export const TABLE_COLUMNS: Record<TableColumn, ColumnDef> = {
  number: {
    size: 'fit',
    header: (t) => t('ticket.fields.number'),
    cell: (ticket) => (
      <Text fz="inherit" c="dimmed" ff="monospace" fw={500}>
        {ticket.number}
      </Text>
    ),
  },
  subject: {
    size: 'subject',
    header: (t) => t('ticket.fields.subject'),
    cell: (ticket) => (
      <Group gap={6} wrap="nowrap" align="flex-start">
        <Box pt={2} style={{ flexShrink: 0 }}>
          <ChannelIcon channel={ticket.channel} size={15} />
        </Box>
        <AnchorLink
          to="/tickets/$ticketRef"
          params={{ ticketRef: ticket.number }}
          data-ticket-link
          className={classes.subject}
          fw={ticket.statusCategory === 'new' ? 650 : 500}
          fz="inherit"
          c="var(--mantine-color-text)"
        >
          {ticket.subject}
        </AnchorLink>
      </Group>
    ),
  },
  requester: {
    size: 'clip',
    header: (t) => t('ticket.fields.requester'),
    // The organization goes under the name while it has no column of its own (not when compact: one line a row).
    cell: (ticket, { withOrganization, compact }) => (
      <>
        {clipped(ticket.requester.name)}
        {withOrganization && !compact && ticket.organization?.name && (
          <Text fz="xs" c="dimmed" className={classes.clip} title={ticket.organization.name}>
            {ticket.organization.name}
          </Text>
        )}
      </>
    ),
  },
  organization: {
    size: 'clip',
    header: (t) => t('ticket.fields.organization'),
    cell: (ticket) => clipped(ticket.organization?.name),
  },
  department: {
    size: 'clip',
    header: (t) => t('ticket.fields.department'),
    cell: (ticket) => clipped(ticket.department?.name),
  },
  type: {
    size: 'clip',
    header: (t) => t('ticket.fields.type'),
    cell: (ticket, { t }) =>
      clipped(ticket.type, ticket.type ? `${t('ticket.fields.type')}: ${ticket.type}` : undefined),
  },
  category: {
    size: 'clip',
    header: (t) => t('ticket.fields.category'),
    cell: (ticket) => (ticket.category ? <CategoryLabel name={ticket.category} /> : dimmed('—')),
  },
  status: {
    size: 'fit',
    header: (t) => t('ticket.fields.status'),
    // 003: a ticket waiting for its turn says its place under its status.
    cell: (ticket, { compact }) => (
      <Stack gap={compact ? 2 : 4} align="flex-start">
        <StatusBadge name={ticket.status} category={ticket.statusCategory} size={compact ? 'xs' : 'sm'} />
        <QueuePositionBadge position={ticket.queuePosition} size="xs" />
      </Stack>
    ),
  },
  priority: {
    size: 'fit',
    header: (t) => t('ticket.fields.priority'),
    cell: (ticket, { compact }) => <PriorityBadge priority={ticket.priority} size={compact ? 'xs' : 'sm'} />,
  },
  sla: {
    size: 'fit',
    header: (t) => t('sla.label'),
    // Its own column: beside the subject the badges left no room for it.
    cell: (ticket, { compact }) => (
      <Stack gap={compact ? 2 : 4} align="flex-start" className={classes.markers}>
        <RowMarkers ticket={ticket} size="xs" />
      </Stack>
    ),
  },
  assignee: {
    size: 'clip',
    header: (t) => t('ticket.fields.assignee'),
    cell: (ticket, { t, compact }) =>
      ticket.assignee ? (
        <Group gap={6} wrap="nowrap">
          <PersonAvatar
            name={ticket.assignee.name ?? ''}
            initials={ticket.assignee.initials}
            id={ticket.assignee.id}
            size={compact ? 20 : 24}
          />
          {clipped(firstName(ticket.assignee.name ?? ''), ticket.assignee.name ?? undefined)}
        </Group>
      ) : (
        <Text fz="inherit" c="dimmed" fs="italic">
          {t('ticket.unassigned')}
        </Text>
      ),
  },
  due: {
    size: 'fit',
    header: (t) => t('ticket.fields.dueAt'),
    cell: (ticket, context) => (ticket.dueAt ? <DueCell ticket={ticket} context={context} /> : dimmed('—')),
  },
  created: {
    size: 'fit',
    header: (t) => t('queue.columns.created'),
    cell: (ticket, { format }) => <TimeCell iso={ticket.createdAt} format={format} relative />,
  },
  updated: {
    size: 'fit',
    header: (t) => t('ticket.fields.updated'),
    cell: (ticket, { format }) => <TimeCell iso={ticket.updatedAt} format={format} relative />,
  },
};

function TimeCell({ iso, format, relative }: { iso: string; format: CellContext['format']; relative?: boolean }) {
  return (
    <Tooltip label={format.dateTime(iso)} withinPortal disabled={!relative}>
      <Text fz="inherit" c="dimmed" component="time" dateTime={iso}>
        {relative ? format.relative(iso) : format.dateTime(iso)}
      </Text>
    </Tooltip>
  );
}

/** Issue 12 ("Fecha límite"): a due date passed on a ticket still open stands out in red and says so. */
function DueCell({ ticket, context }: { ticket: TicketListItem; context: CellContext }) {
  const { t, format } = context;
  const due = ticket.dueAt as string;
  const overdue = Date.parse(due) <= Date.now() && !['solved', 'closed'].includes(ticket.statusCategory);
  if (!overdue) return <TimeCell iso={due} format={format} />;
  return (
    <Stack gap={2} align="flex-start" data-overdue>
      <Text fz="inherit" c="red.7" fw={600} component="time" dateTime={due}>
        {format.dateTime(due)}
      </Text>
      <Badge color="red" variant="light" size="xs">
        {t('ticket.dueOverdue')}
      </Badge>
    </Stack>
  );
}

const SIZE_CLASS = { subject: classes.subjectCell, fit: classes.fit, clip: classes.fit } as const;

/**
 * The queue's ticket list: a table on wide screens, a stack of cards on a phone. The subject is
 * the link, so Tab and Enter open a ticket; `j`/`k` move between rows (see the queue page).
 */
export function TicketTable({
  tickets,
  label,
  selection,
  activeIndex,
  columns = DEFAULT_COLUMNS,
  hide = [],
  density = 'comfortable',
}: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const phone = useMediaQuery('(max-width: 48em)');
  const containerRef = useRef<HTMLDivElement>(null);
  const shown = columns.filter((column) => !(hide as string[]).includes(column));
  const compact = density === 'compact';

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
  const context: CellContext = {
    t,
    format,
    compact,
    withOrganization: !columns.includes('organization') && !hide.includes('organization'),
  };

  return (
    <Box ref={containerRef} className={classes.scroller}>
      <Table
        className={classes.table}
        data-density={density}
        highlightOnHover
        verticalSpacing={compact ? 3 : 8}
        horizontalSpacing={6}
        fz={compact ? 'xs' : 'sm'}
        aria-label={label}
        stickyHeader
        stickyHeaderOffset={0}
      >
        <Table.Thead>
          <Table.Tr>
            {selection && (
              <Table.Th className={classes.fit}>
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
            <Table.Th className={classes.fit} px={2}>
              <VisuallyHidden>{t('ticket.fields.flag')}</VisuallyHidden>
            </Table.Th>
            {shown.map((column) => (
              <Table.Th key={column} className={SIZE_CLASS[TABLE_COLUMNS[column].size]} data-column={column}>
                {TABLE_COLUMNS[column].header(t)}
              </Table.Th>
            ))}
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
              columns={shown}
              context={context}
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

function TicketRow({
  ticket,
  index,
  active,
  selection,
  columns,
  context,
}: RowProps & { columns: TableColumn[]; context: CellContext }) {
  const open = useRowOpen(ticket);
  const selected = selection?.selected.has(ticket.id) ?? false;
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
            aria-label={context.t('queue.selectTicket', { number: ticket.number })}
            checked={selected}
            onChange={() => selection.onToggle(ticket.id)}
          />
        </Table.Td>
      )}
      <Table.Td px={2}>
        <FlagMark flag={ticket.flag} />
      </Table.Td>
      {columns.map((column) => (
        <Table.Td key={column} className={column === 'subject' ? classes.subjectCell : undefined}>
          {TABLE_COLUMNS[column].cell(ticket, context)}
        </Table.Td>
      ))}
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
          {ticket.category && (
            <Text component="div" fz="xs">
              <CategoryLabel name={ticket.category} withKind />
            </Text>
          )}
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

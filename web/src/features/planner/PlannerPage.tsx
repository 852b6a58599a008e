import {
  Badge,
  Button,
  Group,
  Paper,
  ScrollArea,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { IconCalendarEvent, IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { PlannerTask, ScheduledSession } from '../../app/api-types.ts';
import { todayIn, toWallTime } from '../../app/time.ts';
import { AnchorLink } from '../../app/ui/links.tsx';
import { EmptyState, LoadError, LoadingLines } from '../../app/ui/States.tsx';
import { useFormat } from '../../app/useFormat.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { activeOptions, usePeople } from '../lookups/useLookups.ts';
import { fetchOrganizations } from '../organizations/api.ts';
import {
  addDays,
  fetchPlannerSessions,
  fetchPlannerTasks,
  mondayOf,
  type PlannerFilters,
  plannerKeys,
  type TaskState,
  weekOf,
} from './api.ts';
import classes from './PlannerPage.module.css';
import { type PlannerSearch, plannerSearch } from './planner-search.ts';

const STATES: TaskState[] = ['open', 'overdue', 'done', 'all'];

/**
 * "Planificador" (000, Wolk: "mantener la casilla del planner de los procesos actualizada"): the
 * team's tasks across tickets as a list and as a week, with the scheduled sessions beside them.
 */
export function PlannerPage() {
  const { t } = useTranslation();
  const format = useFormat();
  usePageTitle(t('planner.title'));
  const navigate = useNavigate();
  const search = useSearch({ from: '/console/planner' });
  // Everything the page shows is in the address: bookmarks, shared links and reloads keep it.
  const view = search.view ?? 'list';
  const filters: PlannerFilters = {
    assigneeId: search.assignee ?? '',
    organizationId: search.organization ?? '',
    state: search.state ?? 'open',
  };
  const monday = search.week ? mondayOf(search.week) : mondayOf(todayIn(format.timeZone));
  const week = weekOf(monday, format.timeZone);
  const range = { from: week.from, to: week.to };
  const go = (change: Partial<PlannerSearch>) =>
    void navigate({ to: '/planner', search: plannerSearch({ ...search, ...change }), replace: true });
  const set = (change: Partial<PlannerFilters>) =>
    go({
      ...('assigneeId' in change && { assignee: change.assigneeId || undefined }),
      ...('organizationId' in change && { organization: change.organizationId || undefined }),
      ...('state' in change && { state: change.state === 'open' ? undefined : change.state }),
    });
  const setMonday = (date: string) => go({ week: date === mondayOf(todayIn(format.timeZone)) ? undefined : date });
  const setView = (value: string) => go({ view: value === 'week' ? 'week' : undefined });

  return (
    <Stack gap="lg" maw={1280}>
      <Title order={1} fz={{ base: 22, sm: 26 }}>
        {t('planner.title')}
      </Title>
      <Filters filters={filters} onChange={set} />
      <Tabs value={view} onChange={(value) => value && setView(value)}>
        <Tabs.List>
          <Tabs.Tab value="list">{t('planner.list')}</Tabs.Tab>
          <Tabs.Tab value="week">{t('planner.week')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="list" pt="md">
          {view === 'list' && <TaskList filters={filters} />}
        </Tabs.Panel>
        <Tabs.Panel value="week" pt="md">
          {view === 'week' && (
            <Stack gap="sm">
              <Group gap="xs">
                <Button
                  variant="default"
                  size="xs"
                  leftSection={<IconChevronLeft size={14} aria-hidden="true" />}
                  onClick={() => setMonday(addDays(monday, -7))}
                >
                  {t('planner.previousWeek')}
                </Button>
                <Button variant="default" size="xs" onClick={() => setMonday(mondayOf(todayIn(format.timeZone)))}>
                  {t('planner.thisWeek')}
                </Button>
                <Button
                  variant="default"
                  size="xs"
                  rightSection={<IconChevronRight size={14} aria-hidden="true" />}
                  onClick={() => setMonday(addDays(monday, 7))}
                >
                  {t('planner.nextWeek')}
                </Button>
                <Text fw={600} fz="sm" aria-live="polite">
                  {t('planner.weekOf', {
                    from: format.date(week.days[0] as string),
                    to: format.date(week.days[6] as string),
                  })}
                </Text>
              </Group>
              <WeekCalendar filters={filters} days={week.days} range={range} />
            </Stack>
          )}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function Filters({
  filters,
  onChange,
}: {
  filters: PlannerFilters;
  onChange: (change: Partial<PlannerFilters>) => void;
}) {
  const { t } = useTranslation();
  const { agents } = usePeople();
  const organizations = useQuery({
    queryKey: ['planner', 'organizations'],
    queryFn: ({ signal }) => fetchOrganizations('', { signal }),
    staleTime: 5 * 60_000,
  });
  return (
    <Paper withBorder p="md" component="form" aria-label={t('planner.filters')}>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <Select
          label={t('planner.assignee')}
          w={240}
          clearable
          searchable
          placeholder={t('planner.everyone')}
          value={filters.assigneeId || null}
          onChange={(value) => onChange({ assigneeId: value ?? '' })}
          data={[
            { value: 'me', label: t('planner.me') },
            { value: 'none', label: t('planner.unassigned') },
            ...activeOptions(agents),
          ]}
        />
        <Select
          label={t('planner.organization')}
          w={240}
          clearable
          searchable
          placeholder={t('planner.allOrganizations')}
          value={filters.organizationId || null}
          onChange={(value) => onChange({ organizationId: value ?? '' })}
          data={(organizations.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
        />
        <Stack gap={4}>
          <Text component="span" fz="sm" fw={500} id="planner-state">
            {t('planner.state')}
          </Text>
          <SegmentedControl
            aria-labelledby="planner-state"
            value={filters.state}
            onChange={(value) => onChange({ state: value as TaskState })}
            data={STATES.map((state) => ({ value: state, label: t(`planner.states.${state}`) }))}
          />
        </Stack>
      </Group>
    </Paper>
  );
}

function TaskList({ filters }: { filters: PlannerFilters }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { agentById } = usePeople();
  const tasks = useQuery({
    queryKey: plannerKeys.tasks(filters),
    queryFn: ({ signal }) => fetchPlannerTasks(filters, undefined, signal),
  });
  if (tasks.isPending) return <LoadingLines />;
  if (tasks.isError) return <LoadError error={tasks.error} onRetry={() => void tasks.refetch()} />;
  if (tasks.data.length === 0) return <EmptyState title={t('planner.empty')} text={t('planner.emptyText')} />;
  return (
    <ScrollArea>
      <Table striped highlightOnHover miw={760} aria-label={t('planner.list')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('planner.columns.task')}</Table.Th>
            <Table.Th>{t('planner.columns.ticket')}</Table.Th>
            <Table.Th>{t('planner.columns.organization')}</Table.Th>
            <Table.Th>{t('planner.columns.assignee')}</Table.Th>
            <Table.Th>{t('planner.columns.due')}</Table.Th>
            <Table.Th>{t('planner.columns.state')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tasks.data.map((task) => (
            <Table.Tr key={task.id} className={task.overdue ? classes.overdueRow : undefined}>
              <Table.Td fw={500}>{task.title}</Table.Td>
              <Table.Td>
                <AnchorLink to="/tickets/$ticketRef" params={{ ticketRef: task.ticketNumber }} fz="sm">
                  {task.ticketNumber}
                </AnchorLink>{' '}
                <Text span fz="sm" c="dimmed">
                  {task.ticketSubject}
                </Text>
              </Table.Td>
              <Table.Td>{task.organizationName ?? '—'}</Table.Td>
              <Table.Td>
                {task.assigneeId ? (agentById.get(task.assigneeId)?.name ?? '—') : t('planner.unassigned')}
              </Table.Td>
              <Table.Td>{task.dueAt ? format.dateTime(task.dueAt) : '—'}</Table.Td>
              <Table.Td>
                <TaskStateBadge task={task} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  );
}

function TaskStateBadge({ task }: { task: PlannerTask }) {
  const { t } = useTranslation();
  if (task.overdue) {
    return (
      <Badge color="red" variant="filled">
        {t('planner.overdue')}
      </Badge>
    );
  }
  return (
    <Badge color={task.status === 'done' ? 'green' : 'blue'} variant="light">
      {t(`planner.taskStates.${task.status}`)}
    </Badge>
  );
}

function WeekCalendar(props: { filters: PlannerFilters; days: string[]; range: { from: string; to: string } }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { filters, days, range } = props;
  const tasks = useQuery({
    queryKey: plannerKeys.tasks(filters, range),
    queryFn: ({ signal }) => fetchPlannerTasks(filters, range, signal),
  });
  const sessions = useQuery({
    queryKey: plannerKeys.sessions(filters, range),
    queryFn: ({ signal }) => fetchPlannerSessions(filters, range, signal),
  });
  if (tasks.isPending || sessions.isPending) return <LoadingLines />;
  if (tasks.isError) return <LoadError error={tasks.error} onRetry={() => void tasks.refetch()} />;
  if (sessions.isError) return <LoadError error={sessions.error} onRetry={() => void sessions.refetch()} />;
  const dayOf = (iso: string) => toWallTime(iso, format.timeZone).slice(0, 10);
  const today = todayIn(format.timeZone);
  return (
    <SimpleGrid cols={{ base: 1, sm: 4, lg: 7 }} spacing="xs" role="list" aria-label={t('planner.week')}>
      {days.map((day) => {
        const dayTasks = tasks.data.filter((task) => task.dueAt && dayOf(task.dueAt) === day);
        const daySessions = sessions.data.filter((session) => dayOf(session.startsAt) === day);
        const label = new Intl.DateTimeFormat(format.locale, {
          weekday: 'long',
          day: 'numeric',
          month: 'short',
          timeZone: 'UTC',
        }).format(new Date(`${day}T12:00:00Z`));
        return (
          <Paper
            key={day}
            withBorder
            p="xs"
            role="listitem"
            aria-label={label}
            className={day === today ? classes.today : classes.day}
          >
            <Text fw={600} fz="sm" tt="capitalize" mb={6}>
              {label}
            </Text>
            <Stack gap={6}>
              {daySessions.map((session) => (
                <SessionCard key={session.id} session={session} />
              ))}
              {dayTasks.map((task) => (
                <TaskCard key={task.id} task={task} />
              ))}
              {dayTasks.length === 0 && daySessions.length === 0 && (
                <Text fz="xs" c="dimmed">
                  {t('planner.nothing')}
                </Text>
              )}
            </Stack>
          </Paper>
        );
      })}
    </SimpleGrid>
  );
}

function TaskCard({ task }: { task: PlannerTask }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { agentById } = usePeople();
  return (
    <AnchorLink
      to="/tickets/$ticketRef"
      params={{ ticketRef: task.ticketNumber }}
      underline="never"
      c="inherit"
      className={task.overdue ? classes.overdueCard : classes.taskCard}
      aria-label={`${task.title} · ${task.ticketNumber}${task.overdue ? ` · ${t('planner.overdue')}` : ''}`}
    >
      <Text fz="xs" c="dimmed">
        {task.dueAt && format.time(task.dueAt)} · {task.ticketNumber}
      </Text>
      <Text fz="sm" fw={500} lineClamp={2}>
        {task.title}
      </Text>
      <Group gap={4} mt={2}>
        {task.overdue && (
          <Badge size="xs" color="red" variant="filled">
            {t('planner.overdue')}
          </Badge>
        )}
        {task.status === 'done' && (
          <Badge size="xs" color="green" variant="light">
            {t('planner.taskStates.done')}
          </Badge>
        )}
        <Text fz="xs" c="dimmed">
          {task.assigneeId ? (agentById.get(task.assigneeId)?.name ?? '') : t('planner.unassigned')}
        </Text>
      </Group>
    </AnchorLink>
  );
}

function SessionCard({ session }: { session: ScheduledSession }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <AnchorLink
      to="/tickets/$ticketRef"
      params={{ ticketRef: session.ticketNumber }}
      underline="never"
      c="inherit"
      className={classes.sessionCard}
      aria-label={`${t('planner.session')}: ${session.title} · ${session.ticketNumber}`}
    >
      <Group gap={4} wrap="nowrap">
        <IconCalendarEvent size={14} aria-hidden="true" />
        <Text fz="xs" c="dimmed">
          {format.time(session.startsAt)}–{format.time(session.endsAt)} · {session.ticketNumber}
        </Text>
      </Group>
      <Text fz="sm" lineClamp={2}>
        {session.title}
      </Text>
    </AnchorLink>
  );
}

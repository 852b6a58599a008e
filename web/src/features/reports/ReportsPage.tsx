import '@mantine/charts/styles.css';
import { BarChart, LineChart } from '@mantine/charts';
import {
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
import { IconDownload, IconPrinter } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Report } from '../../app/api-types.ts';
import { DateField } from '../../app/ui/DateFields.tsx';
import { EmptyState, LoadError, LoadingLines } from '../../app/ui/States.tsx';
import { useFormat } from '../../app/useFormat.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import type es from '../../i18n/es.json';
import { activeOptions, usePeople } from '../lookups/useLookups.ts';
import { fetchOrganizations } from '../organizations/api.ts';
import {
  exportUrl,
  fetchDashboard,
  fetchReport,
  REPORT_PAGES,
  type ReportName,
  type ReportPage,
  type ReportSearch,
  reportKeys,
} from './api.ts';
import classes from './ReportsPage.module.css';
import { SendTimesheet } from './SendTimesheet.tsx';
import { SubscribeControl } from './SubscribeControl.tsx';

type ColumnKey = keyof typeof es.reports.columns;
type SummaryKey = keyof typeof es.reports.summary;
type Metric = keyof typeof es.reports.metrics;
type Rating = keyof typeof es.reports.ratings;

const CHANNELS = ['email', 'portal', 'whatsapp', 'phone', 'chat', 'skype', 'teams', 'advisory', 'internal'] as const;
const PRIORITIES = ['baja', 'normal', 'alta', 'urgente', 'critica'] as const;
const BY_INTERVAL: ReportName[] = ['volume', 'first-reply', 'resolution', 'satisfaction', 'protocols'];

type Cell = string | number | null;

/** 90 → "1:30", as 003's time sheets write durations. */
function hMm(minutes: number): string {
  const whole = Math.round(minutes);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

/** 2026-11-02 → 02/11/2026, the date form of 003's sheet. */
function dmy(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

/** "Informes": one page per report, its filters in the address, a chart, a table and the exports. */
export function ReportsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { report: page } = useParams({ from: '/console/reports/$report' }) as { report: ReportPage };
  const search = useSearch({ from: '/console/reports/$report' }) as ReportSearch;
  usePageTitle(t(`reports.names.${page}`));
  const name = page === 'dashboard' ? 'volume' : page;

  const result = useQuery({
    queryKey: reportKeys.one(name, search),
    queryFn: ({ signal }) => fetchReport(name, search, signal),
    enabled: page !== 'dashboard',
  });

  const setFilter = (key: keyof ReportSearch, value: string | null) =>
    void navigate({
      to: '/reports/$report',
      params: { report: page },
      search: { ...search, [key]: value || undefined },
    });

  return (
    <Stack gap="lg" maw={1200}>
      <Group justify="space-between" className={classes.noPrint}>
        <Title order={1} fz={{ base: 22, sm: 26 }}>
          {t('reports.title')}
        </Title>
        <SubscribeControl departmentId={search.departmentId} />
      </Group>
      <Tabs
        value={page}
        className={classes.noPrint}
        onChange={(value) =>
          value && void navigate({ to: '/reports/$report', params: { report: value as ReportPage }, search })
        }
      >
        <Tabs.List>
          {REPORT_PAGES.map((report) => (
            <Tabs.Tab key={report} value={report}>
              {t(`reports.names.${report}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Filters name={page} search={search} onChange={setFilter} />
      {page === 'dashboard' ? (
        <DashboardView search={search} />
      ) : result.isPending ? (
        <LoadingLines />
      ) : result.isError ? (
        <LoadError error={result.error} onRetry={() => void result.refetch()} />
      ) : (
        <ReportView name={name} search={search} report={result.data} />
      )}
    </Stack>
  );
}

function Filters(props: {
  name: ReportPage;
  search: ReportSearch;
  onChange: (key: keyof ReportSearch, value: string | null) => void;
}) {
  const { t } = useTranslation();
  const { agents, departments } = usePeople();
  const organizations = useQuery({
    queryKey: ['reports', 'organizations'],
    queryFn: ({ signal }) => fetchOrganizations('', { signal }),
    staleTime: 5 * 60_000,
  });
  const { search, onChange } = props;
  return (
    <Paper withBorder p="md" className={classes.noPrint} component="form" aria-label={t('reports.filters')}>
      <Group align="flex-end" gap="sm" wrap="wrap">
        {props.name !== 'dashboard' && (
          <>
            <DateField
              label={t('reports.from')}
              value={search.from ?? ''}
              onChange={(value) => onChange('from', value)}
            />
            <DateField label={t('reports.to')} value={search.to ?? ''} onChange={(value) => onChange('to', value)} />
          </>
        )}
        <Select
          label={t('reports.department')}
          placeholder={t('reports.all')}
          data={activeOptions(departments)}
          value={search.departmentId ?? null}
          onChange={(v) => onChange('departmentId', v)}
          clearable
          searchable
        />
        <Select
          label={props.name === 'time' ? t('reports.loggedBy') : t('reports.agent')}
          placeholder={t('reports.all')}
          data={activeOptions(agents)}
          value={search.agentId ?? null}
          onChange={(v) => onChange('agentId', v)}
          clearable
          searchable
        />
        <Select
          label={t('reports.organization')}
          placeholder={t('reports.all')}
          data={(organizations.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
          value={search.organizationId ?? null}
          onChange={(v) => onChange('organizationId', v)}
          clearable
          searchable
        />
        <Select
          label={t('reports.priority')}
          placeholder={t('reports.all')}
          data={PRIORITIES.map((p) => ({ value: p, label: t(`ticket.priority.${p}`) }))}
          value={search.priority ?? null}
          onChange={(v) => onChange('priority', v)}
          clearable
        />
        <Select
          label={t('reports.channel')}
          placeholder={t('reports.all')}
          data={CHANNELS.map((c) => ({ value: c, label: t(`ticket.channel.${c}`) }))}
          value={search.channel ?? null}
          onChange={(v) => onChange('channel', v)}
          clearable
        />
        {BY_INTERVAL.includes(props.name as ReportName) && (
          <SegmentedControl
            aria-label={t('reports.interval')}
            data={[
              { value: 'day', label: t('reports.byDay') },
              { value: 'week', label: t('reports.byWeek') },
            ]}
            value={search.interval ?? 'day'}
            onChange={(v) => onChange('interval', v)}
          />
        )}
      </Group>
    </Paper>
  );
}

/**
 * Rows drawn in the table: a month's timesheet at a big desk holds ~17,000 entries, which a browser
 * table cannot show usefully; the downloads carry them all. Past it, the printable customer sheets
 * wait for an organization filter.
 */
const SHOWN_ROWS = 500;

function ReportView({ name, search, report }: { name: ReportName; search: ReportSearch; report: Report }) {
  const { t } = useTranslation();
  const format = useFormat();

  const cell = (type: string, key: string, value: Cell): string => {
    if (value === null) return '—';
    if (type === 'minutes') return hMm(Number(value));
    if (type === 'percent') return `${format.number(Number(value))} %`;
    if (type === 'datetime') return format.dateTime(String(value));
    if (type === 'date') return dmy(String(value));
    if (type === 'number' && key === 'billable') return t(Number(value) === 1 ? 'reports.yes' : 'reports.no');
    if (typeof value === 'number') return format.number(value);
    if (key === 'metric') return t(`reports.metrics.${value as Metric}`);
    if (key === 'rating') return t(`reports.ratings.${value as Rating}`);
    return String(value);
  };
  const summaryValue = (key: string, value: number | null) => {
    if (value === null) return '—';
    if (key.endsWith('Minutes') || key === 'minutes') return hMm(value);
    if (key === 'compliance' || key.endsWith('Share')) return `${format.number(value)} %`;
    return format.number(value);
  };

  return (
    <Stack gap="lg">
      <Group justify="space-between" className={classes.noPrint}>
        <Text c="dimmed" size="sm">
          {t('reports.period', { from: dmy(report.range.from), to: dmy(report.range.to), zone: report.range.timeZone })}
        </Text>
        <Group gap="xs">
          <Button
            component="a"
            href={exportUrl(name, search, 'csv')}
            download
            variant="default"
            leftSection={<IconDownload size={16} aria-hidden="true" />}
          >
            {t('reports.exportCsv')}
          </Button>
          <Button
            component="a"
            href={exportUrl(name, search, 'xlsx')}
            download
            variant="default"
            leftSection={<IconDownload size={16} aria-hidden="true" />}
          >
            {t('reports.exportXlsx')}
          </Button>
        </Group>
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 3, md: 5 }} className={classes.noPrint}>
        {Object.entries(report.summary).map(([key, value]) => (
          <Paper key={key} withBorder p="sm" data-summary={key}>
            <Text size="xs" c="dimmed">
              {t(`reports.summary.${key as SummaryKey}`)}
            </Text>
            <Text fw={700} fz="xl">
              {summaryValue(key, value)}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      <Paper withBorder p="md" className={classes.noPrint} aria-label={t('reports.chart')} role="figure">
        <ReportChart name={name} report={report} />
      </Paper>
      {report.rows.length === 0 ? (
        <EmptyState title={t('reports.empty')} text={t('reports.emptyText')} />
      ) : (
        <ScrollArea className={classes.noPrint}>
          <Table striped highlightOnHover aria-label={t(`reports.names.${name}`)}>
            <Table.Thead>
              <Table.Tr>
                {report.columns.map((c) => (
                  <Table.Th key={c.key}>{t(`reports.columns.${c.key as ColumnKey}`)}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.rows.slice(0, SHOWN_ROWS).map((row, i) => (
                // Rows have no id of their own; their order is the report's.
                // biome-ignore lint/suspicious/noArrayIndexKey: rows of a computed table
                <Table.Tr key={i}>
                  {report.columns.map((c) => (
                    <Table.Td key={c.key}>{cell(c.type, c.key, row[c.key] ?? null)}</Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {report.rows.length > SHOWN_ROWS && (
            <Text size="sm" c="dimmed" mt="xs" role="status">
              {t('reports.rowsCut', {
                shown: format.number(SHOWN_ROWS),
                total: format.number(report.rows.length),
              })}
            </Text>
          )}
        </ScrollArea>
      )}
      {name === 'time' &&
        report.rows.length > 0 &&
        (report.rows.length <= SHOWN_ROWS || search.organizationId ? (
          <CustomerTimesheet report={report} />
        ) : (
          <Text size="sm" c="dimmed">
            {t('reports.sheetNeedsOrganization')}
          </Text>
        ))}
    </Stack>
  );
}

/** A chart per report: counts as bars, times (in hours) as lines. */
function ReportChart({ name, report }: { name: ReportName; report: Report }) {
  const { t } = useTranslation();
  const label = (key: ColumnKey) => t(`reports.columns.${key}`);
  const hours = (key: string) => (row: Record<string, Cell>) => (row[key] === null ? null : Number(row[key]) / 60);
  const common = { h: 280, withLegend: true, tickLine: 'y' as const };
  switch (name) {
    case 'volume':
      return (
        <BarChart
          {...common}
          data={report.series}
          dataKey="bucket"
          xAxisProps={{ tickFormatter: dmy }}
          series={[
            { name: 'created', label: label('created'), color: 'blue.6' },
            { name: 'solved', label: label('solved'), color: 'teal.6' },
            { name: 'reopened', label: label('reopened'), color: 'orange.6' },
          ]}
        />
      );
    case 'first-reply':
    case 'resolution':
      return (
        <LineChart
          {...common}
          data={report.series.map((row) => ({
            bucket: row.bucket,
            median: hours('medianMinutes')(row),
            p90: hours('p90Minutes')(row),
          }))}
          dataKey="bucket"
          xAxisProps={{ tickFormatter: dmy }}
          unit=" h"
          connectNulls
          series={[
            { name: 'median', label: t('reports.medianHours'), color: 'blue.6' },
            { name: 'p90', label: t('reports.p90Hours'), color: 'red.6' },
          ]}
        />
      );
    case 'sla-compliance':
      return (
        <BarChart
          {...common}
          data={report.series.map((row) => ({ ...row, metric: t(`reports.metrics.${row.metric as Metric}`) }))}
          dataKey="metric"
          unit=" %"
          series={[{ name: 'compliance', label: label('compliance'), color: 'teal.6' }]}
        />
      );
    case 'staleness':
      return (
        <BarChart
          {...common}
          data={report.series.map((row) => ({ ...row, agent: row.agent ?? t('reports.unassigned') }))}
          dataKey="agent"
          series={[{ name: 'spells', label: t('reports.summary.spells'), color: 'red.6' }]}
        />
      );
    case 'backlog-age':
      return (
        <BarChart
          {...common}
          data={report.series}
          dataKey="band"
          series={[{ name: 'open', label: label('open'), color: 'blue.6' }]}
        />
      );
    case 'satisfaction':
      return (
        <BarChart
          {...common}
          type="stacked"
          data={report.series}
          dataKey="bucket"
          xAxisProps={{ tickFormatter: dmy }}
          series={[
            { name: 'good', label: t('reports.ratings.good'), color: 'teal.6' },
            { name: 'bad', label: t('reports.ratings.bad'), color: 'red.6' },
          ]}
        />
      );
    case 'protocols':
      return (
        <BarChart
          {...common}
          data={report.series}
          dataKey="bucket"
          xAxisProps={{ tickFormatter: dmy }}
          series={[
            { name: 'applied', label: label('applied'), color: 'blue.6' },
            { name: 'completed', label: label('completed'), color: 'teal.6' },
          ]}
        />
      );
    case 'time':
      return (
        <BarChart
          {...common}
          type="stacked"
          unit=" h"
          data={report.series.map((row) => ({
            initials: row.initials,
            billable: Number(row.billableMinutes) / 60,
            other: (Number(row.minutes) - Number(row.billableMinutes)) / 60,
          }))}
          dataKey="initials"
          series={[
            { name: 'billable', label: t('reports.billableHours'), color: 'blue.6' },
            { name: 'other', label: t('reports.otherHours'), color: 'gray.5' },
          ]}
        />
      );
  }
}

/**
 * 003 (OpenPyme): the sheet sent to the customer, one table per organization: who is who by
 * initials, then "Descripción | Cantidad | Fecha". Printed (or saved as PDF) from the browser.
 */
function CustomerTimesheet({ report }: { report: Report }) {
  const { t } = useTranslation();
  const byOrganization = new Map<string, Report['rows']>();
  for (const row of report.rows) {
    const key = String(row.organization ?? t('reports.noOrganization'));
    const rows = byOrganization.get(key);
    if (rows) rows.push(row);
    else byOrganization.set(key, [row]);
  }
  const people = report.breakdowns.byAgent ?? [];
  return (
    <Stack gap="md" className={classes.sheet}>
      <Group justify="space-between" className={classes.noPrint}>
        <Title order={2} fz="lg">
          {t('reports.sheetTitle')}
        </Title>
        <Button variant="default" leftSection={<IconPrinter size={16} aria-hidden="true" />} onClick={() => print()}>
          {t('reports.print')}
        </Button>
      </Group>
      {[...byOrganization].map(([organization, rows]) => {
        const initials = new Set(rows.map((r) => r.initials));
        const total = rows.reduce((sum, r) => sum + Number(r.minutes), 0);
        const organizationId = rows[0]?.organizationId;
        return (
          <Paper key={organization} withBorder p="md" className={classes.page}>
            <Group justify="space-between">
              <Title order={3} fz="md">
                {organization}
              </Title>
              {typeof organizationId === 'string' && (
                <span className={classes.noPrint}>
                  <SendTimesheet
                    organizationId={organizationId}
                    organization={organization}
                    month={report.range.from.slice(0, 7)}
                  />
                </span>
              )}
            </Group>
            <Text size="sm" c="dimmed">
              {t('reports.period', { from: dmy(report.range.from), to: dmy(report.range.to), zone: '' }).trim()}
            </Text>
            <Stack gap={0} my="xs">
              {people
                .filter((p) => initials.has(p.initials ?? ''))
                .map((p) => (
                  <Text key={String(p.initials)} size="sm">
                    {p.initials} — {p.agent}
                  </Text>
                ))}
            </Stack>
            <Table withTableBorder aria-label={t('reports.sheetFor', { organization })}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('reports.columns.description')}</Table.Th>
                  <Table.Th>{t('reports.columns.minutes')}</Table.Th>
                  <Table.Th>{t('reports.columns.date')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: rows of a computed table
                  <Table.Tr key={i}>
                    <Table.Td>{row.description}</Table.Td>
                    <Table.Td>{hMm(Number(row.minutes)).padStart(5, '0')}</Table.Td>
                    <Table.Td>{dmy(String(row.date))}</Table.Td>
                  </Table.Tr>
                ))}
                <Table.Tr>
                  <Table.Th>{t('reports.total')}</Table.Th>
                  <Table.Th>{hMm(total)}</Table.Th>
                  <Table.Td />
                </Table.Tr>
              </Table.Tbody>
            </Table>
          </Paper>
        );
      })}
    </Stack>
  );
}

const DASHBOARD_COUNTS = [
  'open',
  'unassigned',
  'stale',
  'breachingWithinHour',
  'breachedToday',
  'newToday',
  'solvedToday',
] as const;

/** Issue 17: the supervisor's picture of now; live ticket events refresh it (LiveProvider). */
function DashboardView({ search }: { search: ReportSearch }) {
  const { t } = useTranslation();
  const format = useFormat();
  const board = useQuery({
    queryKey: reportKeys.dashboard(search),
    queryFn: ({ signal }) => fetchDashboard(search, signal),
  });
  if (board.isPending) return <LoadingLines />;
  if (board.isError) return <LoadError error={board.error} onRetry={() => void board.refetch()} />;
  const data = board.data;
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        {DASHBOARD_COUNTS.map((key) => (
          <Paper key={key} withBorder p="sm" data-count={key}>
            <Text size="xs" c="dimmed">
              {t(`reports.dashboard.${key}`)}
            </Text>
            <Text fw={700} fz="xl" c={key === 'stale' && data.counts.stale > 0 ? 'red' : undefined}>
              {format.number(data.counts[key])}
            </Text>
          </Paper>
        ))}
        <Paper withBorder p="sm" data-count="csat">
          <Text size="xs" c="dimmed">
            {t('reports.dashboard.csat30')}
          </Text>
          <Text fw={700} fz="xl">
            {data.csat30.goodShare === null ? '—' : `${format.number(data.csat30.goodShare)} %`}
          </Text>
          <Text size="xs" c="dimmed">
            {t('reports.dashboard.rated', { count: data.csat30.rated })}
          </Text>
        </Paper>
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        {(
          [
            ['byStatus', 'status'],
            ['byDepartment', 'department'],
            ['agentLoad', 'agent'],
          ] as const
        ).map(([key, label]) => (
          <Paper key={key} withBorder p="md" role="figure" aria-label={t(`reports.dashboard.${key}`)}>
            <Title order={2} fz="md" mb="sm">
              {t(`reports.dashboard.${key}`)}
            </Title>
            <BarChart
              h={220}
              orientation="vertical"
              data={data[key].map((row) => ({
                ...row,
                [label]: row[label] ?? (label === 'department' ? t('reports.noDepartment') : t('reports.unassigned')),
              }))}
              dataKey={label}
              series={[{ name: 'open', label: t('reports.columns.open'), color: 'blue.6' }]}
            />
          </Paper>
        ))}
      </SimpleGrid>
    </Stack>
  );
}

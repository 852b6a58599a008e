import {
  ActionIcon,
  Badge,
  Button,
  Checkbox,
  Fieldset,
  Group,
  MultiSelect,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { IconPlus, IconX } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../app/ui/DateFields.tsx';
import { RecordName, RecordsList } from '../../app/ui/RecordsList.tsx';
import { useAdminMutation } from '../admin/useAdminMutation.ts';
import { usePeople } from '../lookups/useLookups.ts';
import {
  automationKeys,
  type Calendar,
  type CalendarInput,
  createCalendar,
  deleteCalendar,
  updateCalendar,
} from './api.ts';
import { fieldProblem, problemAt } from './field-errors.ts';
import { calendarsQuery } from './queries.ts';
import { EditorButtons, RecordEditorModal, SaveProblem } from './shared.tsx';
import { weekdayName } from './weekdays.ts';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** Zones this browser knows, plus the one already stored (the server may know more). */
function timeZones(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return current && !known.includes(current) ? [current, ...known] : known;
}

type Range = { start: string; end: string };
type HolidayDraft = { date: string; name: string; yearly: boolean };
type Draft = {
  name: string;
  timeZone: string;
  isDefault: boolean;
  departmentIds: string[];
  days: Record<number, Range[]>;
  holidays: HolidayDraft[];
};

const thisYear = new Date().getFullYear();

function toDraft(calendar: Calendar | null): Draft {
  const days: Record<number, Range[]> = {};
  for (const day of WEEKDAYS) days[day] = [];
  const ranges = calendar?.ranges ?? [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:00', end: '18:00' }));
  for (const r of ranges) days[r.weekday]?.push({ start: r.start, end: r.end });
  return {
    name: calendar?.name ?? '',
    timeZone: calendar?.timeZone ?? 'America/Costa_Rica',
    isDefault: calendar?.isDefault ?? false,
    departmentIds: calendar?.departmentIds ?? [],
    days,
    // A yearly holiday is stored as MM-DD; the date picker shows it in this year.
    holidays: (calendar?.holidays ?? []).map((h) =>
      h.date.length === 5
        ? { date: `${thisYear}-${h.date}`, name: h.name, yearly: true }
        : { date: h.date, name: h.name, yearly: false },
    ),
  };
}

/**
 * The body the server takes, and for each range its place in the flat list, so a problem the
 * server reports at `ranges[4].end` lands under the right day's input.
 */
function toInput(draft: Draft): { body: CalendarInput; rangeIndex: Map<string, number> } {
  const ranges: CalendarInput['ranges'] = [];
  const rangeIndex = new Map<string, number>();
  for (const day of WEEKDAYS) {
    for (const [i, r] of (draft.days[day] ?? []).entries()) {
      rangeIndex.set(`${day}:${i}`, ranges.length);
      ranges.push({ weekday: day, start: r.start.trim(), end: r.end.trim() });
    }
  }
  return {
    body: {
      name: draft.name.trim(),
      timeZone: draft.timeZone,
      isDefault: draft.isDefault,
      departmentIds: draft.departmentIds,
      ranges,
      holidays: draft.holidays.map((h) => ({ date: h.yearly ? h.date.slice(5) : h.date, name: h.name.trim() })),
    },
    rangeIndex,
  };
}

/** Business-hours calendars: each department's week, its holidays and its time zone. */
export function CalendarsAdmin() {
  const { t } = useTranslation();
  const calendars = useQuery(calendarsQuery);
  const { departmentById } = usePeople();
  const [editing, setEditing] = useState<Calendar | 'new' | null>(null);
  const remove = useAdminMutation(deleteCalendar, { refresh: [[...automationKeys.calendars]] });

  return (
    <RecordsList
      intro={t('automation.calendars.intro')}
      newLabel={t('automation.calendars.new')}
      onNew={() => setEditing('new')}
      query={calendars}
      empty={{ title: t('automation.calendars.none'), text: t('automation.calendars.noneHint') }}
      label={t('admin.sections.calendars')}
      miw={640}
      name={(calendar) => calendar.name}
      columns={[
        {
          header: t('automation.calendars.name'),
          cell: (calendar) => (
            <Group gap={6}>
              <RecordName>{calendar.name}</RecordName>
              {calendar.isDefault && (
                <Badge size="xs" variant="light">
                  {t('automation.calendars.default')}
                </Badge>
              )}
            </Group>
          ),
        },
        { header: t('automation.calendars.timeZone'), cell: (calendar) => <Text fz="sm">{calendar.timeZone}</Text> },
        {
          header: t('automation.calendars.departments'),
          cell: (calendar) => (
            <Text fz="sm" c="dimmed">
              {calendar.departmentIds.map((id) => departmentById.get(id)?.name ?? id).join(', ') || '—'}
            </Text>
          ),
        },
      ]}
      edit={{ onEdit: setEditing, onRemove: (calendar) => remove.mutate(calendar.id) }}
    >
      <RecordEditorModal editing={editing} onClose={() => setEditing(null)} newTitle={t('automation.calendars.new')}>
        {(calendar) => <CalendarEditor calendar={calendar} onDone={() => setEditing(null)} />}
      </RecordEditorModal>
    </RecordsList>
  );
}

function CalendarEditor({ calendar, onDone }: { calendar: Calendar | null; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const { departments } = usePeople();
  const [draft, setDraft] = useState<Draft>(() => toDraft(calendar));
  const zones = useMemo(() => timeZones(draft.timeZone), [draft.timeZone]);
  const { body, rangeIndex } = toInput(draft);
  const save = useAdminMutation(
    (input: CalendarInput) => (calendar ? updateCalendar(calendar.id, input) : createCalendar(input)),
    { refresh: [[...automationKeys.calendars]], onSuccess: onDone },
  );
  const problem = save.isError ? fieldProblem(save.error) : null;
  const here = (path: string, ...also: string[]) =>
    problemAt(problem, path, ...also) ? t('automation.invalidHere', { named: problem?.named ?? '' }) : undefined;

  const setDay = (day: number, ranges: Range[]) => setDraft({ ...draft, days: { ...draft.days, [day]: ranges } });
  const setHoliday = (index: number, patch: Partial<HolidayDraft>) =>
    setDraft({ ...draft, holidays: draft.holidays.map((h, i) => (i === index ? { ...h, ...patch } : h)) });

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(body);
  }

  return (
    <Stack gap="md" component="form" onSubmit={submit}>
      <SaveProblem error={save.error} />
      <Group grow align="flex-start">
        <TextInput
          label={t('automation.calendars.name')}
          value={draft.name}
          onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
          error={here('name')}
          required
        />
        <Select
          label={t('automation.calendars.timeZone')}
          searchable
          allowDeselect={false}
          data={zones}
          value={draft.timeZone}
          onChange={(v) => v && setDraft({ ...draft, timeZone: v })}
          error={here('timeZone')}
          limit={50}
        />
      </Group>
      <Group grow align="flex-start">
        <MultiSelect
          label={t('automation.calendars.departments')}
          description={t('automation.calendars.departmentsHint')}
          data={departments.map((d) => ({ value: d.id, label: d.name }))}
          value={draft.departmentIds}
          onChange={(departmentIds) => setDraft({ ...draft, departmentIds })}
          error={here('departmentIds')}
          searchable
        />
        <Switch
          mt="lg"
          label={t('automation.calendars.isDefault')}
          description={t('automation.calendars.isDefaultHint')}
          checked={draft.isDefault}
          onChange={(e) => setDraft({ ...draft, isDefault: e.currentTarget.checked })}
        />
      </Group>

      <Fieldset legend={t('automation.calendars.week')}>
        <Stack gap="xs">
          {here('ranges') && (
            <Text c="red" fz="sm" role="alert">
              {t('automation.calendars.rangesProblem')}
            </Text>
          )}
          {WEEKDAYS.map((day) => {
            const dayName = weekdayName(day, i18n.language);
            const ranges = draft.days[day] ?? [];
            return (
              <Group key={day} align="flex-start" gap="sm" wrap="wrap">
                <Text fz="sm" fw={600} w={100} pt={6}>
                  {dayName}
                </Text>
                <Stack gap={6} style={{ flex: 1 }}>
                  {ranges.length === 0 && (
                    <Text fz="sm" c="dimmed" pt={6}>
                      {t('automation.calendars.closed')}
                    </Text>
                  )}
                  {ranges.map((range, i) => {
                    const flat = `ranges[${rangeIndex.get(`${day}:${i}`)}]`;
                    const update = (patch: Partial<Range>) =>
                      setDay(
                        day,
                        ranges.map((r, j) => (j === i ? { ...r, ...patch } : r)),
                      );
                    const names = { day: dayName, n: i + 1 };
                    return (
                      // biome-ignore lint/suspicious/noArrayIndexKey: draft rows have no id; the server names them by position
                      <Group key={i} gap="xs" align="flex-start" wrap="nowrap">
                        <TextInput
                          w={96}
                          aria-label={t('automation.calendars.from', names)}
                          placeholder="08:00"
                          maxLength={5}
                          value={range.start}
                          onChange={(e) => update({ start: e.currentTarget.value })}
                          error={here(`${flat}.start`, flat, `${flat}.weekday`)}
                        />
                        <Text pt={6} aria-hidden="true">
                          –
                        </Text>
                        <TextInput
                          w={96}
                          aria-label={t('automation.calendars.to', names)}
                          placeholder="18:00"
                          maxLength={5}
                          value={range.end}
                          onChange={(e) => update({ end: e.currentTarget.value })}
                          error={here(`${flat}.end`, flat)}
                        />
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          mt={4}
                          aria-label={t('automation.calendars.removeRange', names)}
                          onClick={() =>
                            setDay(
                              day,
                              ranges.filter((_, j) => j !== i),
                            )
                          }
                        >
                          <IconX size={16} aria-hidden="true" />
                        </ActionIcon>
                      </Group>
                    );
                  })}
                </Stack>
                <Button
                  variant="subtle"
                  size="compact-sm"
                  mt={4}
                  leftSection={<IconPlus size={14} aria-hidden="true" />}
                  aria-label={t('automation.calendars.addRange', { day: dayName })}
                  onClick={() => {
                    const last = ranges.at(-1);
                    setDay(day, [...ranges, last ? { start: last.end, end: '' } : { start: '08:00', end: '18:00' }]);
                  }}
                >
                  {t('automation.calendars.addRangeShort')}
                </Button>
              </Group>
            );
          })}
        </Stack>
      </Fieldset>

      <Fieldset legend={t('automation.calendars.holidays')}>
        <Stack gap="xs">
          {here('holidays') && (
            <Text c="red" fz="sm" role="alert">
              {t('automation.calendars.holidaysProblem')}
            </Text>
          )}
          {draft.holidays.length === 0 && (
            <Text fz="sm" c="dimmed">
              {t('automation.calendars.noHolidays')}
            </Text>
          )}
          {draft.holidays.map((holiday, i) => {
            const n = { n: i + 1 };
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: draft rows have no id; the server names them by position
              <Group key={i} gap="xs" align="flex-start" wrap="wrap">
                <DateField
                  w={170}
                  aria-label={t('automation.calendars.holidayDate', n)}
                  value={holiday.date}
                  onChange={(date) => setHoliday(i, { date })}
                  error={here(`holidays[${i}].date`)}
                />
                <TextInput
                  style={{ flex: 1, minWidth: 160 }}
                  aria-label={t('automation.calendars.holidayName', n)}
                  placeholder={t('automation.calendars.holidayNamePlaceholder')}
                  value={holiday.name}
                  onChange={(e) => setHoliday(i, { name: e.currentTarget.value })}
                  error={here(`holidays[${i}].name`)}
                />
                <Checkbox
                  mt={8}
                  label={t('automation.calendars.yearly')}
                  aria-label={t('automation.calendars.yearlyOf', n)}
                  checked={holiday.yearly}
                  onChange={(e) => setHoliday(i, { yearly: e.currentTarget.checked })}
                />
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  mt={4}
                  aria-label={t('automation.calendars.removeHoliday', n)}
                  onClick={() => setDraft({ ...draft, holidays: draft.holidays.filter((_, j) => j !== i) })}
                >
                  <IconX size={16} aria-hidden="true" />
                </ActionIcon>
              </Group>
            );
          })}
          <Group>
            <Button
              variant="light"
              size="compact-sm"
              leftSection={<IconPlus size={14} aria-hidden="true" />}
              onClick={() =>
                setDraft({ ...draft, holidays: [...draft.holidays, { date: '', name: '', yearly: false }] })
              }
            >
              {t('automation.calendars.addHoliday')}
            </Button>
          </Group>
        </Stack>
      </Fieldset>

      <EditorButtons onCancel={onDone} saving={save.isPending} />
    </Stack>
  );
}

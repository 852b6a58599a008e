import {
  ActionIcon,
  Button,
  Fieldset,
  Group,
  MultiSelect,
  Select,
  Stack,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { IconPlus, IconX } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANNELS, FLAGS, PRIORITIES, STATUS_CATEGORIES } from '../../app/api-types.ts';
import { NumberField } from '../../app/ui/NumberField.tsx';
import { usePeople, useTicketSettings } from '../lookups/useLookups.ts';
import type { Rule } from './api.ts';
import {
  CONDITION_FIELDS,
  type ConditionDraft,
  needsValue,
  type Operator,
  specOf,
  takesList,
  type ValueSource,
  valueFor,
} from './condition-fields.ts';
import { type FieldProblem, problemAt } from './field-errors.ts';
import { weekdayName } from './weekdays.ts';

export type Conditions = Rule['conditions'];
type Node = NonNullable<Conditions['all']>[number];
type Option = { value: string; label: string };

const EVENTS = ['created', 'updated', 'message_from_customer', 'message_from_agent', 'satisfaction_rated'] as const;

/** The choices of each kind of value, in the reader's language. */
export function useChoices(): (source: ValueSource) => Option[] | null {
  const { t, i18n } = useTranslation();
  const settings = useTicketSettings();
  const { agents, departments } = usePeople();
  return useMemo(() => {
    const named = (items: { name: string }[] | undefined) =>
      (items ?? []).map((i) => ({ value: i.name, label: i.name }));
    const table: Partial<Record<ValueSource, Option[]>> = {
      boolean: [
        { value: 'true', label: t('admin.yes') },
        { value: 'false', label: t('admin.no') },
      ],
      statuses: named(settings?.statuses),
      statusCategories: STATUS_CATEGORIES.map((c) => ({ value: c, label: t(`admin.statuses.categories.${c}`) })),
      priorities: PRIORITIES.map((p) => ({ value: p, label: t(`ticket.priority.${p}`) })),
      types: named(settings?.types),
      categories: named(settings?.categories),
      departments: departments.map((d) => ({ value: d.id, label: d.name })),
      agents: agents.map((a) => ({ value: a.id, label: a.name })),
      channels: CHANNELS.map((c) => ({ value: c, label: t(`ticket.channel.${c}`) })),
      flags: FLAGS.map((f) => ({ value: f, label: t(`ticket.flag.${f}`) })),
      tiers: (['general', 'special'] as const).map((tier) => ({ value: tier, label: t(`automation.tiers.${tier}`) })),
      events: EVENTS.map((e) => ({ value: e, label: t(`automation.events.${e}`) })),
      ratings: (['good', 'bad'] as const).map((r) => ({ value: r, label: t(`satisfaction.ratings.${r}`) })),
      weekdays: [1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: String(d), label: weekdayName(d, i18n.language) })),
    };
    return (source) => table[source] ?? null;
  }, [t, i18n.language, settings, agents, departments]);
}

function isCondition(node: Node): node is ConditionDraft {
  return typeof node === 'object' && node !== null && 'field' in node;
}

/** Values travel as the server compares them: numbers for hours and weekdays, booleans for yes/no. */
function typed(source: ValueSource, raw: string): unknown {
  if (source === 'boolean') return raw === 'true';
  if (source === 'weekdays' || source === 'number') return Number(raw);
  return raw;
}

/**
 * The one condition language as a form: "all of these" and "at least one of these", each a list of
 * field / operator / value rows. Nested groups that came from the API are kept as they are.
 */
export function ConditionEditor({
  value,
  onChange,
  problem,
  label,
}: {
  value: Conditions;
  onChange: (next: Conditions) => void;
  problem: FieldProblem | null;
  label: string;
}) {
  const { t } = useTranslation();
  return (
    <Fieldset legend={label}>
      <Stack gap="md">
        {(['all', 'any'] as const).map((group) => (
          <ConditionList
            key={group}
            group={group}
            nodes={value[group] ?? []}
            problem={problem}
            onChange={(nodes) => {
              const next = { ...value, [group]: nodes };
              if (nodes.length === 0) delete next[group];
              onChange(next);
            }}
          />
        ))}
        {!value.all?.length && !value.any?.length && (
          <Text fz="sm" c="dimmed">
            {t('automation.conditions.matchesAll')}
          </Text>
        )}
      </Stack>
    </Fieldset>
  );
}

function ConditionList({
  group,
  nodes,
  onChange,
  problem,
}: {
  group: 'all' | 'any';
  nodes: Node[];
  onChange: (nodes: Node[]) => void;
  problem: FieldProblem | null;
}) {
  const { t } = useTranslation();
  const groupName = t(`automation.conditions.${group}`);
  return (
    <Stack gap={6} role="group" aria-label={groupName}>
      <Text fz="sm" fw={600}>
        {groupName}
      </Text>
      {nodes.map((node, i) => {
        const path = `conditions.${group}[${i}]`;
        const remove = () => onChange(nodes.filter((_, j) => j !== i));
        if (!isCondition(node)) {
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: draft rows have no id; the server names them by position
            <Group key={i} gap="xs">
              <Text fz="sm" c="dimmed">
                {t('automation.conditions.nested')}
              </Text>
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label={t('automation.conditions.remove', { n: i + 1, group: groupName })}
                onClick={remove}
              >
                <IconX size={16} aria-hidden="true" />
              </ActionIcon>
            </Group>
          );
        }
        return (
          <ConditionRow
            // biome-ignore lint/suspicious/noArrayIndexKey: draft rows have no id; the server names them by position
            key={i}
            condition={node}
            names={{ n: i + 1, group: groupName }}
            path={path}
            problem={problem}
            onChange={(next) => onChange(nodes.map((n, j) => (j === i ? next : n)))}
            onRemove={remove}
          />
        );
      })}
      <Group>
        <Button
          variant="light"
          size="compact-sm"
          leftSection={<IconPlus size={14} aria-hidden="true" />}
          onClick={() => onChange([...nodes, { field: 'priority', op: 'is', value: 'normal' }])}
        >
          {t(`automation.conditions.add_${group}`)}
        </Button>
      </Group>
    </Stack>
  );
}

function ConditionRow({
  condition,
  names,
  path,
  problem,
  onChange,
  onRemove,
}: {
  condition: ConditionDraft;
  names: { n: number; group: string };
  path: string;
  problem: FieldProblem | null;
  onChange: (next: ConditionDraft) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const choices = useChoices();
  const spec = specOf(condition.field);
  const operators = spec?.operators ?? [condition.op];
  const here = (part: string) =>
    problemAt(problem, `${path}.${part}`, part === 'field' ? path : '')
      ? t('automation.invalidHere', { named: problem?.named ?? '' })
      : undefined;

  const fieldOptions: Option[] = CONDITION_FIELDS.map((f) => ({
    value: f.field,
    label: t(`automation.fields.${f.field}`),
  }));
  if (!spec) fieldOptions.push({ value: condition.field, label: condition.field });

  return (
    <Group gap="xs" align="flex-start" wrap="wrap">
      <Select
        w={200}
        aria-label={t('automation.conditions.field', names)}
        data={fieldOptions}
        value={condition.field}
        searchable
        allowDeselect={false}
        error={here('field')}
        onChange={(field) => {
          if (!field) return;
          const next = specOf(field);
          const op = next?.operators.includes(condition.op) ? condition.op : (next?.operators[0] ?? 'is');
          onChange({ field, op, value: valueFor(op, undefined) });
        }}
      />
      <Select
        w={190}
        aria-label={t('automation.conditions.operator', names)}
        data={operators.map((op) => ({ value: op, label: t(`automation.operators.${op}`) }))}
        value={condition.op}
        allowDeselect={false}
        error={here('op')}
        onChange={(op) =>
          op && onChange({ ...condition, op: op as Operator, value: valueFor(op as Operator, condition.value) })
        }
      />
      {needsValue(condition.op) && (
        <ValueInput
          source={spec?.source ?? 'text'}
          list={takesList(condition.op)}
          value={condition.value}
          label={t('automation.conditions.value', names)}
          error={here('value')}
          options={choices(spec?.source ?? 'text')}
          onChange={(value) => onChange({ ...condition, value })}
        />
      )}
      <ActionIcon
        variant="subtle"
        color="gray"
        mt={4}
        aria-label={t('automation.conditions.remove', names)}
        onClick={onRemove}
      >
        <IconX size={16} aria-hidden="true" />
      </ActionIcon>
    </Group>
  );
}

function ValueInput({
  source,
  list,
  value,
  label,
  error,
  options,
  onChange,
}: {
  source: ValueSource;
  list: boolean;
  value: unknown;
  label: string;
  error?: string;
  options: Option[] | null;
  onChange: (value: unknown) => void;
}) {
  const common = { 'aria-label': label, error, style: { flex: 1, minWidth: 180 } } as const;
  if (source === 'number') {
    return (
      <NumberField
        {...common}
        min={0}
        max={23}
        value={typeof value === 'number' ? value : ''}
        onChange={(v) => onChange(v === '' ? 0 : v)}
      />
    );
  }
  if (options) {
    const strings = (Array.isArray(value) ? value : value === undefined ? [] : [value]).map(String);
    return list ? (
      <MultiSelect
        {...common}
        data={options}
        value={strings}
        searchable
        onChange={(values) => onChange(values.map((v) => typed(source, v)))}
      />
    ) : (
      <Select
        {...common}
        data={options}
        value={strings[0] ?? null}
        searchable
        allowDeselect={false}
        onChange={(v) => v !== null && onChange(typed(source, v))}
      />
    );
  }
  return list ? (
    <TagsInput {...common} value={Array.isArray(value) ? value.map(String) : []} onChange={onChange} />
  ) : (
    <TextInput
      {...common}
      value={typeof value === 'string' ? value : ''}
      onChange={(e) => onChange(e.currentTarget.value)}
    />
  );
}

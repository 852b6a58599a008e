import {
  ActionIcon,
  Checkbox,
  Fieldset,
  Group,
  MultiSelect,
  PasswordInput,
  Select,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { usePeople } from '../lookups/useLookups.ts';
import type { Rule } from './api.ts';
import { useChoices } from './ConditionEditor.tsx';
import { type FieldProblem, problemAt } from './field-errors.ts';

/** The actions the server runs (src/core/automation/rules.ts, Action). */
export type Action =
  | { type: 'set'; field: SettableField; value: string | null; override?: boolean }
  | { type: 'assign'; strategy: 'least_open' | 'round_robin'; department?: string; override?: boolean }
  | { type: 'assign_by_keyword'; override?: boolean }
  | { type: 'tags'; add?: string[]; remove?: string[] }
  | { type: 'note'; body: string }
  | { type: 'email'; template: string; to: Recipient[] }
  | { type: 'notify'; to: Recipient[]; title: string }
  | { type: 'webhook'; url: string; secret: string };
export type ActionType = Action['type'];
type SettableField = 'status' | 'priority' | 'type' | 'category' | 'department' | 'assignee' | 'flag';
type Recipient = 'requester' | 'assignee' | 'department' | 'supervisors' | { agentId: string };

export const ACTION_TYPES: readonly ActionType[] = [
  'set',
  'assign',
  'assign_by_keyword',
  'tags',
  'note',
  'email',
  'notify',
  'webhook',
];
const SETTABLE: readonly SettableField[] = ['status', 'priority', 'type', 'category', 'department', 'assignee', 'flag'];
const ROLES = ['requester', 'assignee', 'department', 'supervisors'] as const;
/** Actions that change ticket fields: by default they yield to what the agent chose in the same save. */
const FIELD_ACTIONS: readonly ActionType[] = ['set', 'assign', 'assign_by_keyword'];

/** The field a "set" action writes, and where its choices come from. */
const SET_SOURCE = {
  status: 'statuses',
  priority: 'priorities',
  type: 'types',
  category: 'categories',
  department: 'departments',
  assignee: 'agents',
  flag: 'flags',
} as const;

export function blankAction(type: ActionType): Action {
  switch (type) {
    case 'set':
      return { type, field: 'priority', value: 'normal' };
    case 'assign':
      return { type, strategy: 'least_open' };
    case 'assign_by_keyword':
      return { type };
    case 'tags':
      return { type, add: [], remove: [] };
    case 'note':
      return { type, body: '' };
    case 'email':
      return { type, template: '', to: ['requester'] };
    case 'notify':
      return { type, to: ['assignee'], title: '' };
    case 'webhook':
      return { type, url: '', secret: '' };
  }
}

const recipientKey = (r: Recipient) => (typeof r === 'string' ? r : `agent:${r.agentId}`);
const recipientOf = (key: string): Recipient =>
  key.startsWith('agent:') ? { agentId: key.slice(6) } : (key as (typeof ROLES)[number]);

/** Actions in words, for the list and for "what this rule would do" after a test. */
export function useDescribeAction() {
  const { t } = useTranslation();
  const choices = useChoices();
  const { agentById } = usePeople();
  const labelOf = (source: Parameters<typeof choices>[0], value: string | null) =>
    value === null
      ? t('automation.actions.nothing')
      : (choices(source)?.find((o) => o.value === value)?.label ?? value);
  const recipients = (to: Recipient[]) =>
    to
      .map((r) =>
        typeof r === 'string' ? t(`automation.recipients.${r}`) : (agentById.get(r.agentId)?.name ?? r.agentId),
      )
      .join(', ');
  return (raw: Rule['actions'][number]): string => {
    const action = raw as Action;
    const text = describe(action);
    return 'override' in action && action.override ? `${text} ${t('automation.describe.override')}` : text;
  };
  function describe(action: Action): string {
    switch (action.type) {
      case 'set':
        return t('automation.describe.set', {
          field: t(`automation.actions.fields.${action.field}`),
          value: labelOf(SET_SOURCE[action.field] ?? 'text', action.value),
        });
      case 'assign':
        return t(`automation.describe.assign_${action.strategy}`);
      case 'assign_by_keyword':
        return t('automation.describe.assign_by_keyword');
      case 'tags':
        return t('automation.describe.tags', {
          add: (action.add ?? []).join(', ') || '—',
          remove: (action.remove ?? []).join(', ') || '—',
        });
      case 'note':
        return t('automation.describe.note', { body: action.body });
      case 'email':
        return t('automation.describe.email', { template: action.template, to: recipients(action.to) });
      case 'notify':
        return t('automation.describe.notify', { title: action.title, to: recipients(action.to) });
      case 'webhook':
        return t('automation.describe.webhook', { url: action.url });
      default:
        return (action as { type: string }).type;
    }
  }
}

/** The list of what a trigger does, each action with its own small form. */
export function ActionsEditor({
  actions,
  onChange,
  problem,
}: {
  actions: Action[];
  onChange: (actions: Action[]) => void;
  problem: FieldProblem | null;
}) {
  const { t } = useTranslation();
  const typeOptions = ACTION_TYPES.map((type) => ({ value: type, label: t(`automation.actions.types.${type}`) }));
  return (
    <Fieldset legend={t('automation.actions.legend')}>
      <Stack gap="sm">
        {problemAt(problem, 'actions') && (
          <Text c="red" fz="sm" role="alert">
            {t('automation.actions.needOne')}
          </Text>
        )}
        {actions.map((action, i) => {
          const n = { n: i + 1 };
          return (
            <Group
              // biome-ignore lint/suspicious/noArrayIndexKey: draft rows have no id; the server names them by position
              key={i}
              gap="xs"
              align="flex-start"
              wrap="wrap"
              role="group"
              aria-label={t('automation.actions.nth', n)}
            >
              <Select
                w={220}
                aria-label={t('automation.actions.type', n)}
                data={typeOptions}
                value={action.type}
                allowDeselect={false}
                onChange={(type) =>
                  type && onChange(actions.map((a, j) => (j === i ? blankAction(type as ActionType) : a)))
                }
              />
              <ActionFields
                action={action}
                index={i}
                problem={problem}
                onChange={(next) => onChange(actions.map((a, j) => (j === i ? next : a)))}
              />
              {FIELD_ACTIONS.includes(action.type) && (
                <Checkbox
                  mt={8}
                  label={t('automation.actions.override')}
                  aria-label={t('automation.actions.overrideNth', n)}
                  checked={'override' in action && action.override === true}
                  onChange={(e) => {
                    const { override: _o, ...rest } = action as Action & { override?: boolean };
                    const next = (e.currentTarget.checked ? { ...rest, override: true } : rest) as Action;
                    onChange(actions.map((a, j) => (j === i ? next : a)));
                  }}
                />
              )}
              <ActionIcon
                variant="subtle"
                color="gray"
                mt={4}
                aria-label={t('automation.actions.remove', n)}
                onClick={() => onChange(actions.filter((_, j) => j !== i))}
              >
                <IconX size={16} aria-hidden="true" />
              </ActionIcon>
            </Group>
          );
        })}
        <Group>
          <Select
            w={260}
            aria-label={t('automation.actions.add')}
            placeholder={t('automation.actions.add')}
            data={typeOptions}
            value={null}
            onChange={(type) => type && onChange([...actions, blankAction(type as ActionType)])}
          />
        </Group>
      </Stack>
    </Fieldset>
  );
}

function ActionFields({
  action,
  index,
  problem,
  onChange,
}: {
  action: Action;
  index: number;
  problem: FieldProblem | null;
  onChange: (next: Action) => void;
}) {
  const { t } = useTranslation();
  const choices = useChoices();
  const { agents, departments } = usePeople();
  const n = { n: index + 1 };
  const at = `actions[${index}]`;
  const here = (part: string) =>
    problemAt(problem, `${at}.${part}`, part === '' ? at : '')
      ? t('automation.invalidHere', { named: problem?.named ?? '' })
      : undefined;
  const flex = { flex: 1, minWidth: 180 } as const;
  const recipientOptions = [
    ...ROLES.map((r) => ({ value: r, label: t(`automation.recipients.${r}`) })),
    ...agents.map((a) => ({ value: `agent:${a.id}`, label: a.name })),
  ];

  switch (action.type) {
    case 'set': {
      const options = choices(SET_SOURCE[action.field]) ?? [];
      return (
        <>
          <Select
            w={170}
            aria-label={t('automation.actions.setField', n)}
            data={SETTABLE.map((f) => ({ value: f, label: t(`automation.actions.fields.${f}`) }))}
            value={action.field}
            allowDeselect={false}
            error={here('field')}
            onChange={(field) => field && onChange({ type: 'set', field: field as SettableField, value: null })}
          />
          <Select
            style={flex}
            aria-label={t('automation.actions.setValue', n)}
            data={options}
            value={action.value}
            searchable
            clearable={action.field === 'flag' || action.field === 'assignee' || action.field === 'department'}
            placeholder={t('automation.actions.nothing')}
            error={here('value')}
            onChange={(value) => onChange({ ...action, value })}
          />
        </>
      );
    }
    case 'assign':
      return (
        <>
          <Select
            w={230}
            aria-label={t('automation.actions.strategy', n)}
            data={(['least_open', 'round_robin'] as const).map((s) => ({
              value: s,
              label: t(`automation.actions.strategies.${s}`),
            }))}
            value={action.strategy}
            allowDeselect={false}
            error={here('strategy')}
            onChange={(s) => s && onChange({ ...action, strategy: s as 'least_open' | 'round_robin' })}
          />
          <Select
            style={flex}
            aria-label={t('automation.actions.department', n)}
            placeholder={t('automation.actions.ticketDepartment')}
            data={departments.map((d) => ({ value: d.id, label: d.name }))}
            value={action.department ?? null}
            clearable
            onChange={(d) => {
              const { department: _d, ...rest } = action;
              onChange(d ? { ...rest, department: d } : rest);
            }}
          />
        </>
      );
    case 'assign_by_keyword':
      return (
        <Text fz="sm" c="dimmed" pt={6} style={flex}>
          {t('automation.actions.byKeywordHint')}
        </Text>
      );
    case 'tags':
      return (
        <>
          <TagsInput
            style={flex}
            aria-label={t('automation.actions.tagsAdd', n)}
            placeholder={t('automation.actions.tagsAddPlaceholder')}
            value={action.add ?? []}
            error={here('')}
            onChange={(add) => onChange({ ...action, add })}
          />
          <TagsInput
            style={flex}
            aria-label={t('automation.actions.tagsRemove', n)}
            placeholder={t('automation.actions.tagsRemovePlaceholder')}
            value={action.remove ?? []}
            onChange={(remove) => onChange({ ...action, remove })}
          />
        </>
      );
    case 'note':
      return (
        <Textarea
          style={flex}
          autosize
          minRows={2}
          aria-label={t('automation.actions.noteBody', n)}
          value={action.body}
          error={here('body')}
          onChange={(e) => onChange({ ...action, body: e.currentTarget.value })}
        />
      );
    case 'email':
    case 'notify':
      return (
        <Stack gap={6} style={flex}>
          {action.type === 'email' ? (
            <TextInput
              aria-label={t('automation.actions.template', n)}
              placeholder={t('automation.actions.templatePlaceholder')}
              value={action.template}
              error={here('template')}
              onChange={(e) => onChange({ ...action, template: e.currentTarget.value })}
            />
          ) : (
            <TextInput
              aria-label={t('automation.actions.title', n)}
              placeholder={t('automation.actions.titlePlaceholder')}
              value={action.title}
              error={here('title')}
              onChange={(e) => onChange({ ...action, title: e.currentTarget.value })}
            />
          )}
          <MultiSelect
            aria-label={t('automation.actions.recipients', n)}
            data={recipientOptions}
            value={action.to.map(recipientKey)}
            searchable
            error={
              problem?.field.startsWith(`${at}.to`) ? t('automation.invalidHere', { named: problem.named }) : undefined
            }
            onChange={(keys) => onChange({ ...action, to: keys.map(recipientOf) })}
          />
        </Stack>
      );
    case 'webhook':
      return (
        <>
          <TextInput
            style={flex}
            type="url"
            aria-label={t('automation.actions.url', n)}
            placeholder="https://"
            value={action.url}
            error={here('url')}
            onChange={(e) => onChange({ ...action, url: e.currentTarget.value })}
          />
          <PasswordInput
            style={flex}
            aria-label={t('automation.actions.secret', n)}
            description={t('automation.actions.secretHint')}
            value={action.secret}
            error={here('secret')}
            onChange={(e) => onChange({ ...action, secret: e.currentTarget.value })}
          />
        </>
      );
  }
}

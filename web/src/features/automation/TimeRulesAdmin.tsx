import { Group, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NumberField } from '../../app/ui/NumberField.tsx';
import { RecordName, RecordsList } from '../../app/ui/RecordsList.tsx';
import { useAdminMutation } from '../admin/useAdminMutation.ts';
import {
  automationKeys,
  createTimeRule,
  deleteRule,
  type Rule,
  type Schedule,
  type TimeRuleInput,
  updateTimeRule,
} from './api.ts';
import { fieldProblem, problemAt } from './field-errors.ts';
import { timeRulesQuery } from './queries.ts';
import { EditorButtons, RecordEditorModal, SaveProblem, useListChanges } from './shared.tsx';

function timeRuleInput(rule: Rule): TimeRuleInput {
  return {
    name: rule.name,
    position: rule.position,
    active: rule.active,
    conditions: rule.conditions,
    schedule: rule.schedule ?? { kind: 'close_solved', days: 4 },
  };
}

function useScheduleText() {
  const { t } = useTranslation();
  return (s: Schedule | null) =>
    s === null
      ? '—'
      : s.kind === 'close_solved'
        ? t('automation.timeRules.closeSolvedText', { count: s.days })
        : t('automation.timeRules.pendingText', { remind: s.remindAfterDays, solve: s.solveAfterDays });
}

/** Time rules, checked every minute: close solved tickets after N days (Cimatic VIII), remind pending customers. */
export function TimeRulesAdmin() {
  const { t } = useTranslation();
  const rules = useQuery(timeRulesQuery);
  const scheduleText = useScheduleText();
  const [editing, setEditing] = useState<Rule | 'new' | null>(null);
  const { remove, toggle } = useListChanges(automationKeys.timeRules, deleteRule, updateTimeRule, timeRuleInput);

  return (
    <RecordsList
      intro={t('automation.timeRules.intro')}
      newLabel={t('automation.timeRules.new')}
      onNew={() => setEditing('new')}
      query={rules}
      empty={{ title: t('automation.timeRules.none') }}
      label={t('admin.sections.time-rules')}
      miw={600}
      name={(rule) => rule.name}
      toggle={(rule) => toggle.mutate(rule)}
      columns={[
        { header: t('automation.timeRules.name'), cell: (rule) => <RecordName>{rule.name}</RecordName> },
        {
          header: t('automation.timeRules.schedule'),
          cell: (rule) => <Text fz="sm">{scheduleText(rule.schedule)}</Text>,
        },
      ]}
      edit={{ onEdit: setEditing, onRemove: (rule) => remove.mutate(rule.id) }}
    >
      <RecordEditorModal
        size="lg"
        editing={editing}
        onClose={() => setEditing(null)}
        newTitle={t('automation.timeRules.new')}
      >
        {(rule) => <TimeRuleEditor rule={rule} onDone={() => setEditing(null)} />}
      </RecordEditorModal>
    </RecordsList>
  );
}

function TimeRuleEditor({ rule, onDone }: { rule: Rule | null; onDone: () => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<TimeRuleInput>(() =>
    rule
      ? timeRuleInput(rule)
      : { name: '', active: false, conditions: {}, schedule: { kind: 'close_solved', days: 4 } },
  );
  const save = useAdminMutation(
    (input: TimeRuleInput) => (rule ? updateTimeRule(rule.id, input) : createTimeRule(input)),
    { refresh: [[...automationKeys.timeRules]], onSuccess: onDone },
  );
  const problem = save.isError ? fieldProblem(save.error) : null;
  const here = (path: string, ...also: string[]) =>
    problemAt(problem, path, ...also) ? t('automation.invalidHere', { named: problem?.named ?? '' }) : undefined;
  const s = draft.schedule;
  const num = (v: string | number) => (typeof v === 'number' ? v : Number(v));

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate({ ...draft, name: draft.name.trim() });
  }

  return (
    <Stack gap="md" component="form" onSubmit={submit}>
      <SaveProblem error={save.error} />
      <TextInput
        label={t('automation.timeRules.name')}
        value={draft.name}
        onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
        error={here('name')}
        required
      />
      <Select
        label={t('automation.timeRules.kind')}
        data={(['close_solved', 'pending_reminder'] as const).map((k) => ({
          value: k,
          label: t(`automation.timeRules.kinds.${k}`),
        }))}
        value={s.kind}
        allowDeselect={false}
        error={here('schedule.kind')}
        onChange={(kind) =>
          kind &&
          setDraft({
            ...draft,
            schedule:
              kind === 'close_solved'
                ? { kind, days: 4 }
                : { kind: 'pending_reminder', remindAfterDays: 3, solveAfterDays: 7 },
          })
        }
      />
      {s.kind === 'close_solved' ? (
        <NumberField
          label={t('automation.timeRules.days')}
          description={t('automation.timeRules.daysHint')}
          min={1}
          value={s.days}
          error={here('schedule.days', 'schedule')}
          onChange={(v) => setDraft({ ...draft, schedule: { ...s, days: num(v) } })}
        />
      ) : (
        <Group grow align="flex-start">
          <NumberField
            label={t('automation.timeRules.remindAfter')}
            min={1}
            value={s.remindAfterDays}
            error={here('schedule')}
            onChange={(v) => setDraft({ ...draft, schedule: { ...s, remindAfterDays: num(v) } })}
          />
          <NumberField
            label={t('automation.timeRules.solveAfter')}
            min={1}
            value={s.solveAfterDays}
            error={here('schedule')}
            onChange={(v) => setDraft({ ...draft, schedule: { ...s, solveAfterDays: num(v) } })}
          />
        </Group>
      )}
      <Switch
        label={t('admin.active')}
        description={t('automation.timeRules.activeHint')}
        checked={draft.active ?? false}
        onChange={(e) => setDraft({ ...draft, active: e.currentTarget.checked })}
      />
      <EditorButtons onCancel={onDone} saving={save.isPending} />
    </Stack>
  );
}

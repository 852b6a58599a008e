import { Button, Group, Paper, Select, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NumberField } from '../../app/ui/NumberField.tsx';
import { RowActionsCell } from '../../app/ui/RowActionsCell.tsx';
import { EmptyState, LoadError, LoadingLines } from '../../app/ui/States.tsx';
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
import { EditorModal, SaveProblem } from './shared.tsx';

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
  const refresh = { refresh: [[...automationKeys.timeRules]] };
  const remove = useAdminMutation(deleteRule, refresh);
  const toggle = useAdminMutation(
    (rule: Rule) => updateTimeRule(rule.id, { ...timeRuleInput(rule), active: !rule.active }),
    refresh,
  );

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <Text c="dimmed" fz="sm" maw={680}>
          {t('automation.timeRules.intro')}
        </Text>
        <Button leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={() => setEditing('new')}>
          {t('automation.timeRules.new')}
        </Button>
      </Group>
      {rules.isPending ? (
        <LoadingLines />
      ) : rules.isError ? (
        <LoadError error={rules.error} onRetry={() => void rules.refetch()} />
      ) : rules.data.length === 0 ? (
        <EmptyState title={t('automation.timeRules.none')} />
      ) : (
        <Paper withBorder radius="md" style={{ overflowX: 'auto' }}>
          <Table verticalSpacing="sm" aria-label={t('admin.sections.time-rules')} miw={600}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('automation.timeRules.name')}</Table.Th>
                <Table.Th>{t('automation.timeRules.schedule')}</Table.Th>
                <Table.Th w={80}>{t('admin.active')}</Table.Th>
                <Table.Th w={90} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rules.data.map((rule) => (
                <Table.Tr key={rule.id}>
                  <Table.Td>
                    <Text fz="sm" fw={600}>
                      {rule.name}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text fz="sm">{scheduleText(rule.schedule)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Switch
                      aria-label={t('admin.activeOf', { name: rule.name })}
                      checked={rule.active}
                      onChange={() => toggle.mutate(rule)}
                    />
                  </Table.Td>
                  <RowActionsCell
                    name={rule.name}
                    onEdit={() => setEditing(rule)}
                    onRemove={() => remove.mutate(rule.id)}
                  />
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      <EditorModal
        size="lg"
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={
          editing === 'new' || editing === null
            ? t('automation.timeRules.new')
            : t('automation.editNamed', { name: editing.name })
        }
      >
        {editing !== null && (
          <TimeRuleEditor rule={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
        )}
      </EditorModal>
    </Stack>
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
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          {t('automation.cancel')}
        </Button>
        <Button type="submit" loading={save.isPending}>
          {t('automation.save')}
        </Button>
      </Group>
    </Stack>
  );
}

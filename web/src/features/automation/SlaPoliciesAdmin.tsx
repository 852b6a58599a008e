import { Badge, Checkbox, Fieldset, Group, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NumberField } from '../../app/ui/NumberField.tsx';
import { RecordName, RecordsList } from '../../app/ui/RecordsList.tsx';
import { useAdminMutation } from '../admin/useAdminMutation.ts';
import { useTicketSettings } from '../lookups/useLookups.ts';
import { StatusBadge } from '../tickets/badges.tsx';
import {
  automationKeys,
  createPolicy,
  deletePolicy,
  type SlaDuration,
  type SlaMetric,
  type SlaPolicy,
  type SlaPolicyInput,
  updatePolicy,
} from './api.ts';
import { ConditionEditor } from './ConditionEditor.tsx';
import { fieldProblem, problemAt } from './field-errors.ts';
import { calendarsQuery, policiesQuery } from './queries.ts';
import { EditorButtons, RecordEditorModal, SaveProblem, useListChanges } from './shared.tsx';

const METRICS: readonly SlaMetric[] = ['first_reply', 'next_reply', 'periodic_update', 'resolution'];
const UNITS: readonly SlaDuration['unit'][] = ['business_hours', 'calendar_hours', 'end_of_business_day'];

export function policyInput(policy: SlaPolicy): SlaPolicyInput {
  const { id: _id, ...body } = policy;
  return body;
}

/** "4 h hábiles", "24 h naturales", "fin del día hábil". */
function useDurationText() {
  const { t } = useTranslation();
  return (d: SlaDuration) =>
    d.unit === 'end_of_business_day'
      ? t('automation.sla.units.end_of_business_day')
      : t(`automation.sla.hoursOf.${d.unit}`, { hours: d.hours });
}

/** SLA policies, in the order they are tried: the first whose conditions match a ticket applies. */
export function SlaPoliciesAdmin() {
  const { t } = useTranslation();
  const policies = useQuery(policiesQuery);
  const durationText = useDurationText();
  const [editing, setEditing] = useState<SlaPolicy | 'new' | null>(null);
  const { remove, reorder, toggle } = useListChanges(automationKeys.policies, deletePolicy, updatePolicy, policyInput);

  return (
    <RecordsList
      intro={t('automation.sla.intro')}
      newLabel={t('automation.sla.new')}
      onNew={() => setEditing('new')}
      query={policies}
      empty={{ title: t('automation.sla.none') }}
      label={t('admin.sections.sla')}
      miw={720}
      name={(policy) => policy.name}
      rowProps={(policy) => ({ 'data-policy': policy.name })}
      reorder={{ move: (order) => reorder.mutate(order), pending: reorder.isPending }}
      toggle={(policy) => toggle.mutate(policy)}
      columns={[
        { header: t('automation.sla.name'), cell: (policy) => <RecordName>{policy.name}</RecordName> },
        {
          header: t('automation.sla.targets'),
          cell: (policy) => (
            <Group gap={4}>
              {METRICS.map((metric) => {
                const d = policy.targets[metric];
                return d ? (
                  <Badge key={metric} size="sm" variant="light" tt="none">
                    {t(`automation.sla.metrics.${metric}`)}: {durationText(d)}
                  </Badge>
                ) : null;
              })}
            </Group>
          ),
        },
      ]}
      edit={{ onEdit: setEditing, onRemove: (policy) => remove.mutate(policy.id) }}
    >
      <RecordEditorModal editing={editing} onClose={() => setEditing(null)} newTitle={t('automation.sla.new')}>
        {(policy) => <PolicyEditor policy={policy} onDone={() => setEditing(null)} />}
      </RecordEditorModal>
    </RecordsList>
  );
}

const EMPTY: SlaPolicyInput = {
  name: '',
  active: true,
  conditions: {},
  targets: { first_reply: { unit: 'business_hours', hours: 4 } },
  calendarId: null,
  pauseWhenWaiting: true,
  warningShare: 0.75,
};

function PolicyEditor({ policy, onDone }: { policy: SlaPolicy | null; onDone: () => void }) {
  const { t } = useTranslation();
  const calendars = useQuery(calendarsQuery);
  const settings = useTicketSettings();
  const [draft, setDraft] = useState<SlaPolicyInput>(() => (policy ? policyInput(policy) : EMPTY));
  const save = useAdminMutation(
    (input: SlaPolicyInput) => (policy ? updatePolicy(policy.id, input) : createPolicy(input)),
    { refresh: [[...automationKeys.policies]], onSuccess: onDone },
  );
  const problem = save.isError ? fieldProblem(save.error) : null;
  const here = (path: string, ...also: string[]) =>
    problemAt(problem, path, ...also) ? t('automation.invalidHere', { named: problem?.named ?? '' }) : undefined;
  const waiting = (settings?.statuses ?? []).filter((s) => s.category === 'pending' || s.category === 'on_hold');

  function setTarget(metric: SlaMetric, duration: SlaDuration | null) {
    const targets = { ...draft.targets };
    if (duration) targets[metric] = duration;
    else delete targets[metric];
    setDraft({ ...draft, targets });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate({ ...draft, name: draft.name.trim() });
  }

  return (
    <Stack gap="md" component="form" onSubmit={submit}>
      <SaveProblem error={save.error} />
      <Group grow align="flex-start">
        <TextInput
          label={t('automation.sla.name')}
          value={draft.name}
          onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
          error={here('name')}
          required
        />
        <Select
          label={t('automation.sla.calendar')}
          description={t('automation.sla.calendarHint')}
          data={[
            { value: '', label: t('automation.sla.departmentCalendar') },
            ...(calendars.data ?? []).map((c) => ({ value: c.id, label: c.name })),
          ]}
          value={draft.calendarId ?? ''}
          allowDeselect={false}
          onChange={(v) => setDraft({ ...draft, calendarId: v ? v : null })}
          error={here('calendarId')}
        />
      </Group>
      <ConditionEditor
        label={t('automation.sla.appliesWhen')}
        value={draft.conditions ?? {}}
        problem={problem}
        onChange={(conditions) => setDraft({ ...draft, conditions })}
      />
      <Fieldset legend={t('automation.sla.targets')}>
        <Stack gap="sm">
          {here('targets') && (
            <Text c="red" fz="sm" role="alert">
              {t('automation.sla.needsTarget')}
            </Text>
          )}
          {METRICS.map((metric) => {
            const d = draft.targets[metric];
            const metricName = t(`automation.sla.metrics.${metric}`);
            return (
              <Group key={metric} gap="sm" align="flex-start" wrap="wrap">
                <Checkbox
                  w={220}
                  mt={8}
                  label={metricName}
                  description={t(`automation.sla.metricHints.${metric}`)}
                  checked={d !== undefined}
                  onChange={(e) =>
                    setTarget(metric, e.currentTarget.checked ? { unit: 'business_hours', hours: 4 } : null)
                  }
                />
                {d && (
                  <>
                    <Select
                      w={230}
                      aria-label={t('automation.sla.unitOf', { metric: metricName })}
                      data={UNITS.map((u) => ({ value: u, label: t(`automation.sla.units.${u}`) }))}
                      value={d.unit}
                      allowDeselect={false}
                      error={here(`targets.${metric}.unit`)}
                      onChange={(unit) => {
                        if (!unit) return;
                        const hours = 'hours' in d ? d.hours : 4;
                        setTarget(
                          metric,
                          unit === 'end_of_business_day'
                            ? { unit }
                            : { unit: unit as 'business_hours' | 'calendar_hours', hours },
                        );
                      }}
                    />
                    {d.unit !== 'end_of_business_day' && (
                      <NumberField
                        w={130}
                        aria-label={t('automation.sla.hoursOfMetric', { metric: metricName })}
                        unit="h"
                        min={0}
                        decimals={2}
                        value={d.hours}
                        error={here(`targets.${metric}.hours`, `targets.${metric}`)}
                        onChange={(v) => setTarget(metric, { unit: d.unit, hours: v === '' ? 0 : v })}
                      />
                    )}
                  </>
                )}
              </Group>
            );
          })}
        </Stack>
      </Fieldset>
      <Group grow align="flex-start">
        <Stack gap={6}>
          <Switch
            label={t('automation.sla.pauseWhenWaiting')}
            checked={draft.pauseWhenWaiting ?? true}
            onChange={(e) => setDraft({ ...draft, pauseWhenWaiting: e.currentTarget.checked })}
          />
          <Text fz="xs" c="dimmed">
            {t('automation.sla.pausedBy')}
          </Text>
          <Group
            component="ul"
            gap={4}
            m={0}
            p={0}
            style={{ listStyle: 'none' }}
            aria-label={t('automation.sla.pauseStatuses')}
          >
            {waiting.map((s) => (
              <li key={s.id}>
                <StatusBadge name={s.name} category={s.category} size="xs" />
              </li>
            ))}
          </Group>
        </Stack>
        <NumberField
          label={t('automation.sla.warningShare')}
          description={t('automation.sla.warningShareHint')}
          unit="%"
          min={1}
          max={99}
          value={Math.round((draft.warningShare ?? 0.75) * 100)}
          error={here('warningShare')}
          onChange={(v) => setDraft({ ...draft, warningShare: (v === '' ? 0 : v) / 100 })}
        />
      </Group>
      <Switch
        label={t('admin.active')}
        checked={draft.active ?? true}
        onChange={(e) => setDraft({ ...draft, active: e.currentTarget.checked })}
      />
      <EditorButtons onCancel={onDone} saving={save.isPending} />
    </Stack>
  );
}

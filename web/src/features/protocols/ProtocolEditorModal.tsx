import { ActionIcon, Group, Modal, MultiSelect, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api.ts';
import { PRIORITIES, type Protocol, type TicketSettings } from '../../app/api-types.ts';
import { errorMessage } from '../../app/error-message.ts';
import { DialogActions } from '../../app/ui/DialogActions.tsx';
import { AddStepButton, StepCard } from '../../app/ui/StepCard.tsx';
import { activeOptions, usePeople, useTicketSettings } from '../lookups/useLookups.ts';
import { macrosQuery } from '../tickets/queries.ts';
import { createProtocol, type ProtocolInput, protocolKeys, updateProtocol } from './api.ts';

type StepInput = ProtocolInput['steps'][number];
type SetsInput = NonNullable<StepInput['sets']>;
type StepDraft = { key: number; text: string; macroId: string | null; sets: SetsInput | null };

let nextKey = 0;
const draftOf = (step: Partial<Omit<StepDraft, 'key'>> = {}): StepDraft => ({
  text: '',
  macroId: null,
  sets: null,
  ...step,
  key: nextKey++,
});

const SET_FIELDS = ['priority', 'status', 'type', 'category', 'customField'] as const;

/**
 * Writes a protocol: the scenario it answers, its steps in order (each may send a shared macro
 * and may set a ticket field when ticked), the observations and the scripts it uses. Tickets it
 * was already applied on keep the steps they were given; the server says so, the dialog too.
 */
export function ProtocolEditorModal({ protocol, onClose }: { protocol: Protocol | null; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { departments } = usePeople();
  const macros = useQuery(macrosQuery);
  // Only shared macros: everyone applying the protocol must be able to send its scripts.
  const macroOptions = (macros.data?.items ?? [])
    .filter((macro) => macro.scope === 'shared')
    .map((macro) => ({ value: macro.id, label: macro.name }));
  const [title, setTitle] = useState(protocol?.title ?? '');
  const [scenario, setScenario] = useState(protocol?.scenario ?? '');
  const [observations, setObservations] = useState(protocol?.observations ?? '');
  const [departmentId, setDepartmentId] = useState<string | null>(protocol?.departmentId ?? null);
  const [scriptIds, setScriptIds] = useState<string[]>(protocol?.scripts.map((s) => s.macroId) ?? []);
  const [steps, setSteps] = useState<StepDraft[]>(() =>
    protocol ? protocol.steps.map((step) => draftOf(step)) : [draftOf()],
  );
  const save = useMutation({
    mutationFn: () => {
      const body: ProtocolInput = {
        title: title.trim(),
        scenario: scenario.trim(),
        observations: observations.trim() || null,
        departmentId,
        // The console does not choose the article; an edit keeps the one it had.
        articleId: protocol?.articleId ?? null,
        steps: steps.map((step) => ({ text: step.text.trim(), macroId: step.macroId, sets: step.sets })),
        scriptMacroIds: scriptIds,
      };
      return protocol ? updateProtocol(protocol.id, body) : createProtocol(body);
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: protocolKeys.all });
      onClose();
    },
  });

  const change = (index: number, patch: Partial<StepDraft>) =>
    setSteps((list) => list.map((step, i) => (i === index ? { ...step, ...patch } : step)));
  const move = (index: number, by: -1 | 1) =>
    setSteps((list) => {
      const next = [...list];
      const [step] = next.splice(index, 1);
      if (step) next.splice(index + by, 0, step);
      return next;
    });

  function submit(event: FormEvent) {
    event.preventDefault();
    const complete = steps.every((step) => step.text.trim() && step.sets?.value !== '');
    if (title.trim() && scenario.trim() && complete) save.mutate();
  }

  return (
    <Modal
      opened
      onClose={onClose}
      size="xl"
      title={protocol ? t('protocols.admin.editTitle', { title: protocol.title }) : t('protocols.admin.new')}
    >
      <form onSubmit={submit}>
        <Stack gap="sm">
          <TextInput
            label={t('protocols.admin.titleLabel')}
            placeholder={t('protocols.admin.titlePlaceholder')}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            required
          />
          <Textarea
            label={t('protocols.scenario')}
            value={scenario}
            onChange={(e) => setScenario(e.currentTarget.value)}
            autosize
            minRows={2}
            required
          />
          <Select
            label={t('protocols.admin.department')}
            description={t('protocols.admin.departmentHint')}
            placeholder={t('protocols.admin.everyone')}
            data={activeOptions(departments)}
            value={departmentId}
            onChange={setDepartmentId}
            clearable
          />
          <Text fw={600} fz="sm">
            {t('protocols.admin.steps')}
          </Text>
          {protocol && (
            <Text fz="xs" c="dimmed">
              {t('protocols.admin.appliedKeep')}
            </Text>
          )}
          {steps.map((step, index) => (
            <StepCard
              key={step.key}
              position={index + 1}
              field={
                <TextInput
                  style={{ flex: 1 }}
                  label={t('protocols.admin.stepText', { position: index + 1 })}
                  value={step.text}
                  onChange={(e) => change(index, { text: e.currentTarget.value })}
                  required
                />
              }
              actions={
                <>
                  <ActionIcon
                    variant="subtle"
                    mb={4}
                    disabled={index === 0}
                    aria-label={t('protocols.admin.moveUp', { position: index + 1 })}
                    onClick={() => move(index, -1)}
                  >
                    <IconArrowUp size={16} aria-hidden="true" />
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    mb={4}
                    disabled={index === steps.length - 1}
                    aria-label={t('protocols.admin.moveDown', { position: index + 1 })}
                    onClick={() => move(index, 1)}
                  >
                    <IconArrowDown size={16} aria-hidden="true" />
                  </ActionIcon>
                </>
              }
              removeLabel={t('protocols.admin.removeStep', { position: index + 1 })}
              canRemove={steps.length > 1}
              onRemove={() => setSteps((list) => list.filter((_, i) => i !== index))}
            >
              <Group grow align="flex-start" gap="xs" pl={32}>
                <Select
                  label={t('protocols.admin.stepMacro', { position: index + 1 })}
                  placeholder={t('protocols.admin.noMacro')}
                  data={macroOptions}
                  value={step.macroId}
                  onChange={(macroId) => change(index, { macroId })}
                  searchable
                  clearable
                />
                <Select
                  label={t('protocols.admin.setsField', { position: index + 1 })}
                  placeholder={t('protocols.admin.setsNothing')}
                  data={SET_FIELDS.map((field) => ({
                    value: field,
                    label: t(`protocols.admin.setsFields.${field}`),
                  }))}
                  value={step.sets?.field ?? null}
                  onChange={(field) =>
                    change(index, {
                      sets: field ? { field: field as SetsInput['field'], key: null, value: '' } : null,
                    })
                  }
                  clearable
                />
              </Group>
              {step.sets && (
                <SetsValue position={index + 1} sets={step.sets} onChange={(sets) => change(index, { sets })} />
              )}
            </StepCard>
          ))}
          <AddStepButton
            label={t('protocols.admin.addStep')}
            onClick={() => setSteps((list) => [...list, draftOf()])}
          />
          <Textarea
            label={t('protocols.observations')}
            value={observations}
            onChange={(e) => setObservations(e.currentTarget.value)}
            autosize
            minRows={2}
          />
          <MultiSelect
            label={t('protocols.scripts')}
            description={t('protocols.admin.scriptsHint')}
            data={macroOptions}
            value={scriptIds}
            onChange={setScriptIds}
            searchable
          />
          <DialogActions
            error={save.isError ? protocolError(t, save.error) : null}
            onCancel={onClose}
            submitLabel={t('common.save')}
            loading={save.isPending}
          />
        </Stack>
      </form>
    </Modal>
  );
}

/** The value the step sets: chosen from the ticket's own lists, or typed for a free custom field. */
function SetsValue({
  position,
  sets,
  onChange,
}: {
  position: number;
  sets: SetsInput;
  onChange: (sets: SetsInput) => void;
}) {
  const { t } = useTranslation();
  const settings = useTicketSettings();
  const label = t('protocols.admin.setsValue', { position });
  const value = sets.value === '' ? null : String(sets.value);
  const choose = (
    data: Array<{ value: string; label: string }>,
    parse: (raw: string) => SetsInput['value'] = String,
  ) => (
    <Select
      label={label}
      data={data}
      value={value}
      onChange={(raw) => onChange({ ...sets, value: raw === null ? '' : parse(raw) })}
      searchable
      required
    />
  );
  const fieldChoice = () => {
    if (sets.field === 'priority')
      return choose(PRIORITIES.map((p) => ({ value: p, label: t(`ticket.priority.${p}`) })));
    if (sets.field !== 'customField') return choose(vocabularyOptions(settings, sets.field));
    const field = settings?.fields.find((f) => f.key === sets.key);
    if (!field) return null;
    if (field.kind === 'checkbox') {
      return choose(
        [
          { value: 'true', label: t('common.yes') },
          { value: 'false', label: t('common.no') },
        ],
        (raw) => raw === 'true',
      );
    }
    if (field.options.length > 0) return choose(field.options.map((option) => ({ value: option, label: option })));
    return (
      <TextInput
        label={label}
        value={value ?? ''}
        onChange={(e) => {
          const raw = e.currentTarget.value;
          onChange({
            ...sets,
            value: field.kind === 'number' && raw.trim() && !Number.isNaN(Number(raw)) ? Number(raw) : raw,
          });
        }}
        required
      />
    );
  };
  // A key may be on several types' fields: one choice per key.
  const keys = [...new Map((settings?.fields ?? []).map((f) => [f.key, f.label])).entries()];

  return (
    <Group grow align="flex-start" gap="xs" pl={32}>
      {sets.field === 'customField' && (
        <Select
          label={t('protocols.admin.setsCustomField', { position })}
          data={keys.map(([key, fieldLabel]) => ({ value: key, label: fieldLabel }))}
          value={sets.key ?? null}
          onChange={(key) => onChange({ field: 'customField', key, value: '' })}
          required
        />
      )}
      {fieldChoice()}
    </Group>
  );
}

function vocabularyOptions(settings: TicketSettings | undefined, field: 'type' | 'status' | 'category') {
  const items = { type: settings?.types, status: settings?.statuses, category: settings?.categories }[field] ?? [];
  return items.filter((item) => item.active).map((item) => ({ value: item.id, label: item.name }));
}

/** The server names the field it refused ("steps[2].sets"): say which step, in words. */
function protocolError(t: TFunction, error: unknown): string {
  if (isApiError(error)) {
    if (error.code === 'NAME_TAKEN') return t('protocols.admin.errors.titleTaken');
    const details = error.details as { field?: unknown } | null;
    const field = typeof details?.field === 'string' ? details.field : '';
    const step = /^steps\[(\d+)\]\.(text|macroId|sets)$/.exec(field);
    if (step) {
      const which = step[2] as 'text' | 'macroId' | 'sets';
      return t(`protocols.admin.errors.${which}`, { position: Number(step[1]) + 1 });
    }
    if (field === 'scriptMacroIds') return t('protocols.admin.errors.scripts');
  }
  return errorMessage(t, error);
}

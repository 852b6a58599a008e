import { Checkbox, Group, Modal, MultiSelect, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Playbook } from '../../app/api-types.ts';
import { errorMessage } from '../../app/error-message.ts';
import { DialogActions } from '../../app/ui/DialogActions.tsx';
import { AddStepButton, StepCard } from '../../app/ui/StepCard.tsx';
import { activeOptions, usePeople } from '../lookups/useLookups.ts';
import { createPlaybook, type PlaybookInput, playbookKeys, updatePlaybook } from './api.ts';

type StepDraft = PlaybookInput['steps'][number] & { key: number };

let nextKey = 0;
const draftOf = (step: Partial<StepDraft> = {}): StepDraft => ({
  title: '',
  description: null,
  owner: 'starter',
  optional: false,
  dependsOn: [],
  ...step,
  key: nextKey++,
});

/**
 * Writes a playbook: its tasks in order, who owns each (who starts it, or the organization's
 * account leader), which may be left out, and which earlier or later tasks each waits for. The
 * server refuses a cycle and names its steps; the dialog shows that refusal in words.
 */
export function PlaybookEditorModal({ playbook, onClose }: { playbook: Playbook | null; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { departments } = usePeople();
  const [name, setName] = useState(playbook?.name ?? '');
  const [description, setDescription] = useState(playbook?.description ?? '');
  const [departmentId, setDepartmentId] = useState<string | null>(playbook?.departmentId ?? null);
  const [steps, setSteps] = useState<StepDraft[]>(() =>
    playbook ? playbook.steps.map((step) => draftOf(step)) : [draftOf()],
  );
  const save = useMutation({
    mutationFn: () => {
      const body: PlaybookInput = {
        name: name.trim(),
        description: description.trim() || null,
        departmentId,
        steps: steps.map((step) => ({
          title: step.title.trim(),
          description: step.description?.trim() || null,
          owner: step.owner,
          optional: step.optional,
          dependsOn: step.dependsOn,
        })),
      };
      return playbook ? updatePlaybook(playbook.id, body) : createPlaybook(body);
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: playbookKeys.all });
      onClose();
    },
  });

  const change = (index: number, patch: Partial<StepDraft>) =>
    setSteps((list) => list.map((step, i) => (i === index ? { ...step, ...patch } : step)));
  // Removing a step renumbers the later ones: dependencies follow their step, and none points at the removed one.
  const remove = (index: number) =>
    setSteps((list) =>
      list
        .filter((_, i) => i !== index)
        .map((step) => ({
          ...step,
          dependsOn: (step.dependsOn ?? []).filter((p) => p !== index + 1).map((p) => (p > index + 1 ? p - 1 : p)),
        })),
    );

  function submit(event: FormEvent) {
    event.preventDefault();
    if (name.trim() && steps.every((step) => step.title.trim())) save.mutate();
  }

  return (
    <Modal
      opened
      onClose={onClose}
      size="xl"
      title={playbook ? t('playbooks.admin.editTitle', { name: playbook.name }) : t('playbooks.admin.new')}
    >
      <form onSubmit={submit}>
        <Stack gap="sm">
          <TextInput
            label={t('playbooks.admin.name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            required
          />
          <Textarea
            label={t('playbooks.admin.description')}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            autosize
            minRows={2}
          />
          <Select
            label={t('playbooks.admin.department')}
            description={t('playbooks.admin.departmentHint')}
            data={activeOptions(departments)}
            value={departmentId}
            onChange={setDepartmentId}
            clearable
          />
          <Text fw={600} fz="sm">
            {t('playbooks.admin.steps')}
          </Text>
          {steps.map((step, index) => (
            <StepCard
              key={step.key}
              position={index + 1}
              field={
                <TextInput
                  style={{ flex: 1 }}
                  label={t('playbooks.admin.stepTitle', { position: index + 1 })}
                  value={step.title}
                  onChange={(e) => change(index, { title: e.currentTarget.value })}
                  required
                />
              }
              removeLabel={t('playbooks.admin.removeStep', { position: index + 1 })}
              canRemove={steps.length > 1}
              onRemove={() => remove(index)}
            >
              <Group grow align="flex-start" gap="xs" pl={32}>
                <Select
                  label={t('playbooks.admin.ownerLabel', { position: index + 1 })}
                  data={(['starter', 'account_leader'] as const).map((owner) => ({
                    value: owner,
                    label: t(`playbooks.admin.owner.${owner}`),
                  }))}
                  value={step.owner ?? 'starter'}
                  onChange={(owner) => owner && change(index, { owner: owner as StepDraft['owner'] })}
                  allowDeselect={false}
                />
                <MultiSelect
                  label={t('playbooks.admin.dependsOn', { position: index + 1 })}
                  data={steps.flatMap((other, i) =>
                    i === index ? [] : [{ value: String(i + 1), label: `${i + 1}. ${other.title || '…'}` }],
                  )}
                  value={(step.dependsOn ?? []).map(String)}
                  onChange={(values) => change(index, { dependsOn: values.map(Number).sort((a, b) => a - b) })}
                  placeholder={step.dependsOn?.length ? undefined : t('playbooks.admin.noDependencies')}
                />
              </Group>
              <Checkbox
                pl={32}
                label={t('playbooks.admin.optionalHint')}
                checked={step.optional ?? false}
                onChange={(e) => change(index, { optional: e.currentTarget.checked })}
              />
            </StepCard>
          ))}
          <AddStepButton
            label={t('playbooks.admin.addStep')}
            onClick={() => setSteps((list) => [...list, draftOf()])}
          />
          <DialogActions
            error={save.isError ? errorMessage(t, save.error) : null}
            onCancel={onClose}
            submitLabel={t('common.save')}
            loading={save.isPending}
          />
        </Stack>
      </form>
    </Modal>
  );
}

import { Checkbox, Modal, Select, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/error-message.ts';
import { DialogActions } from '../../app/ui/DialogActions.tsx';
import { fetchContacts } from '../contacts/api.ts';
import { organizationKeys } from '../organizations/api.ts';
import { organizationPlaybooksQuery, playbooksQuery, startPlaybook } from './api.ts';

/**
 * "Iniciar playbook": the playbook, whom the follow-ups are with (000: the owner unless told
 * otherwise; empty lets the server pick the owner) and the optional steps the customer does not
 * take (000: the migration). The server's refusal is shown in words inside the dialog.
 */
export function StartPlaybookModal({
  opened,
  onClose,
  organizationId,
}: {
  opened: boolean;
  onClose: () => void;
  organizationId: string;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const playbooks = useQuery({ ...playbooksQuery(), enabled: opened });
  const contacts = useQuery({
    queryKey: ['contacts', 'of', organizationId],
    queryFn: ({ signal }) => fetchContacts('', { organizationId, signal }),
    enabled: opened,
  });
  const [playbookId, setPlaybookId] = useState<string | null>(null);
  const [contactId, setContactId] = useState<string | null>(null);
  const [skipped, setSkipped] = useState<number[]>([]);
  const chosen = playbooks.data?.items.find((p) => p.id === playbookId);
  const start = useMutation({
    mutationFn: () =>
      startPlaybook(organizationId, {
        playbookId: playbookId as string,
        ...(contactId && { contactId }),
        ...(skipped.length > 0 && { skipSteps: skipped }),
      }),
    onSuccess: (run) => {
      queryClient.setQueryData(organizationPlaybooksQuery(organizationId).queryKey, (old) =>
        old ? { ...old, items: [run, ...old.items] } : old,
      );
      // The organization's key holds its playbooks and its open-ticket count, which the onboarding ticket raises.
      void queryClient.invalidateQueries({ queryKey: organizationKeys.one(organizationId) });
      void queryClient.invalidateQueries({ queryKey: ['tickets'] });
      close();
    },
  });

  function close() {
    setPlaybookId(null);
    setContactId(null);
    setSkipped([]);
    start.reset();
    onClose();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (playbookId) start.mutate();
  }

  return (
    <Modal opened={opened} onClose={close} title={t('playbooks.start')}>
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Select
            label={t('playbooks.choose')}
            placeholder={t('playbooks.choosePlaceholder')}
            data={(playbooks.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
            value={playbookId}
            onChange={(value) => {
              setPlaybookId(value);
              setSkipped([]);
            }}
            required
            searchable
          />
          {chosen?.description && (
            <Text fz="xs" c="dimmed">
              {chosen.description}
            </Text>
          )}
          <Select
            label={t('playbooks.followUpWith')}
            description={t('playbooks.followUpHint')}
            placeholder={t('playbooks.followUpDefault')}
            data={(contacts.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
            value={contactId}
            onChange={setContactId}
            clearable
          />
          {chosen?.steps
            .filter((step) => step.optional)
            .map((step) => (
              <Checkbox
                key={step.position}
                label={t('playbooks.skip', { title: step.title })}
                checked={skipped.includes(step.position)}
                onChange={(event) => {
                  const { checked } = event.currentTarget;
                  setSkipped((list) => (checked ? [...list, step.position] : list.filter((p) => p !== step.position)));
                }}
              />
            ))}
          <DialogActions
            error={start.isError ? errorMessage(t, start.error) : null}
            onCancel={close}
            submitLabel={t('playbooks.startSubmit')}
            loading={start.isPending}
            disabled={!playbookId}
          />
        </Stack>
      </form>
    </Modal>
  );
}

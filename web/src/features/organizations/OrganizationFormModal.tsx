import { Alert, Button, Group, Modal, Select, Stack, TagsInput, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrganizationDetail } from '../../app/api-types.ts';
import { errorMessage } from '../../app/error-message.ts';
import { usePeople } from '../lookups/useLookups.ts';
import { createOrganization, type OrganizationInput, updateOrganization } from './api.ts';

type Props = { opened: boolean; onClose: () => void; organization?: OrganizationDetail };

export function OrganizationFormModal({ opened, onClose, organization }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { agents } = usePeople();
  const [name, setName] = useState('');
  const [code, setCode] = useState('');
  const [taxId, setTaxId] = useState('');
  const [tier, setTier] = useState<'general' | 'special'>('general');
  const [domains, setDomains] = useState<string[]>([]);
  const [leader, setLeader] = useState<string | null>(null);
  const [notes, setNotes] = useState('');

  useEffect(() => {
    if (!opened) return;
    setName(organization?.name ?? '');
    setCode(organization?.code ?? '');
    setTaxId(organization?.taxId ?? '');
    setTier(organization?.tier ?? 'general');
    setDomains(organization?.domains ?? []);
    setLeader(organization?.accountLeaderId ?? null);
    setNotes(organization?.notes ?? '');
  }, [opened, organization]);

  const save = useMutation({
    mutationFn: () => {
      const input: OrganizationInput = {
        name: name.trim(),
        code: code.trim() || null,
        taxId: taxId.trim() || null,
        tier,
        domains,
        accountLeaderId: leader,
        notes,
      };
      return organization ? updateOrganization(organization.id, input) : createOrganization(input);
    },
    onSuccess: (saved) => {
      notifications.show({ color: 'teal', message: t('organization.saved', { name: saved.name }) });
      void queryClient.invalidateQueries({ queryKey: ['organizations'] });
      void queryClient.invalidateQueries({ queryKey: ['organization'] });
      onClose();
      if (!organization) void navigate({ to: '/organizations/$organizationId', params: { organizationId: saved.id } });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (name.trim()) save.mutate();
  }

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={organization ? t('organization.edit') : t('organization.new')}
      centered
    >
      <form onSubmit={submit}>
        <Stack gap="sm">
          <TextInput
            label={t('organization.name')}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            data-autofocus
          />
          <Group grow>
            <TextInput
              label={t('organization.code')}
              placeholder="ID Wolk 1234"
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
            />
            <TextInput
              label={t('organization.taxId')}
              value={taxId}
              onChange={(e) => setTaxId(e.currentTarget.value)}
            />
          </Group>
          <Group grow>
            <Select
              label={t('organization.tierLabel')}
              allowDeselect={false}
              value={tier}
              onChange={(v) => v && setTier(v as 'general' | 'special')}
              data={[
                { value: 'general', label: t('organization.tier.general') },
                { value: 'special', label: t('organization.tier.special') },
              ]}
            />
            <Select
              label={t('organization.accountLeader')}
              clearable
              searchable
              value={leader}
              onChange={setLeader}
              data={agents.filter((a) => a.active).map((a) => ({ value: a.id, label: a.name }))}
            />
          </Group>
          <TagsInput
            label={t('organization.domains')}
            description={t('organization.domainsHint')}
            value={domains}
            onChange={setDomains}
          />
          <Textarea
            label={t('organization.notes')}
            autosize
            minRows={2}
            value={notes}
            onChange={(e) => setNotes(e.currentTarget.value)}
          />
          {save.isError && (
            <Alert color="red" variant="light" role="alert">
              {errorMessage(t, save.error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

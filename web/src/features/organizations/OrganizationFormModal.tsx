import { Group, Select, TagsInput, Textarea, TextInput } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrganizationDetail } from '../../app/api-types.ts';
import { RecordFormModal } from '../../app/ui/RecordFormModal.tsx';
import { activeOptions, usePeople } from '../lookups/useLookups.ts';
import { createOrganization, type OrganizationInput, updateOrganization } from './api.ts';

type Props = { opened: boolean; onClose: () => void; organization?: OrganizationDetail };

export function OrganizationFormModal({ opened, onClose, organization }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
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

  function save() {
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
  }

  return (
    <RecordFormModal
      opened={opened}
      onClose={onClose}
      title={organization ? t('organization.edit') : t('organization.new')}
      save={save}
      canSave={name.trim() !== ''}
      savedMessage={(saved) => t('organization.saved', { name: saved.name })}
      refresh={[['organizations'], ['organization']]}
      onSaved={(saved) => {
        if (!organization)
          void navigate({ to: '/organizations/$organizationId', params: { organizationId: saved.id } });
      }}
    >
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
        <TextInput label={t('organization.taxId')} value={taxId} onChange={(e) => setTaxId(e.currentTarget.value)} />
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
          data={activeOptions(agents)}
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
    </RecordFormModal>
  );
}

import { Checkbox, Group, TextInput } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactDetail } from '../../app/api-types.ts';
import { RecordFormModal } from '../../app/ui/RecordFormModal.tsx';
import { type ContactInput, createContact, updateContact } from './api.ts';

type Props = { opened: boolean; onClose: () => void; contact?: ContactDetail };

/** Add a customer (weknow 001: full name, organization without duplicates, title, emails, phone) or edit one. */
export function ContactFormModal({ opened, onClose, contact }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [title, setTitle] = useState('');
  const [organization, setOrganization] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [whatsapp, setWhatsapp] = useState(false);

  useEffect(() => {
    if (!opened) return;
    setName(contact?.name ?? '');
    setTitle(contact?.title ?? '');
    setOrganization(contact?.organizationName ?? '');
    setEmail(contact?.emails[0]?.email ?? '');
    setPhone(contact?.phones[0]?.phone ?? '');
    setWhatsapp(contact?.phones[0]?.whatsapp ?? false);
  }, [opened, contact]);

  function save() {
    const input: ContactInput = {
      name: name.trim(),
      title: title.trim() || null,
      emails: email.trim() ? [{ email: email.trim(), primary: true }, ...(contact?.emails.slice(1) ?? [])] : [],
      phones: phone.trim() ? [{ phone: phone.trim(), whatsapp }, ...(contact?.phones.slice(1) ?? [])] : [],
      ...(organization.trim() ? { organizationName: organization.trim() } : {}),
    };
    return contact ? updateContact(contact.id, input) : createContact(input);
  }

  return (
    <RecordFormModal
      opened={opened}
      onClose={onClose}
      title={contact ? t('contacts.edit') : t('contacts.new')}
      save={save}
      canSave={name.trim() !== ''}
      savedMessage={(saved) => t('contacts.saved', { name: saved.name })}
      refresh={[['contacts'], ['contact']]}
      onSaved={(saved) => {
        if (!contact) void navigate({ to: '/contacts/$contactId', params: { contactId: saved.id } });
      }}
    >
      <TextInput
        label={t('contacts.fields.name')}
        required
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        data-autofocus
      />
      <TextInput
        label={t('contacts.fields.title')}
        placeholder={t('contacts.titlePlaceholder')}
        value={title}
        onChange={(e) => setTitle(e.currentTarget.value)}
      />
      <TextInput
        label={t('contacts.fields.organization')}
        description={t('ticket.new.organizationHint')}
        value={organization}
        onChange={(e) => setOrganization(e.currentTarget.value)}
      />
      <TextInput
        label={t('contacts.fields.email')}
        type="email"
        value={email}
        onChange={(e) => setEmail(e.currentTarget.value)}
      />
      <Group align="flex-end" grow>
        <TextInput
          label={t('contacts.fields.phone')}
          type="tel"
          value={phone}
          onChange={(e) => setPhone(e.currentTarget.value)}
        />
        <Checkbox
          label={t('contacts.whatsapp')}
          checked={whatsapp}
          onChange={(e) => setWhatsapp(e.currentTarget.checked)}
          mb={8}
        />
      </Group>
    </RecordFormModal>
  );
}

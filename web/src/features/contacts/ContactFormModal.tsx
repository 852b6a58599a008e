import { Alert, Button, Checkbox, Group, Modal, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactDetail } from '../../app/api-types.ts';
import { errorMessage } from '../../app/error-message.ts';
import { type ContactInput, createContact, updateContact } from './api.ts';

type Props = { opened: boolean; onClose: () => void; contact?: ContactDetail };

/** Add a customer (weknow 001: full name, organization without duplicates, title, emails, phone) or edit one. */
export function ContactFormModal({ opened, onClose, contact }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
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

  const save = useMutation({
    mutationFn: () => {
      const input: ContactInput = {
        name: name.trim(),
        title: title.trim() || null,
        emails: email.trim() ? [{ email: email.trim(), primary: true }, ...(contact?.emails.slice(1) ?? [])] : [],
        phones: phone.trim() ? [{ phone: phone.trim(), whatsapp }, ...(contact?.phones.slice(1) ?? [])] : [],
        ...(organization.trim() ? { organizationName: organization.trim() } : {}),
      };
      return contact ? updateContact(contact.id, input) : createContact(input);
    },
    onSuccess: (saved) => {
      notifications.show({ color: 'teal', message: t('contacts.saved', { name: saved.name }) });
      void queryClient.invalidateQueries({ queryKey: ['contacts'] });
      void queryClient.invalidateQueries({ queryKey: ['contact'] });
      onClose();
      if (!contact) void navigate({ to: '/contacts/$contactId', params: { contactId: saved.id } });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (name.trim()) save.mutate();
  }

  return (
    <Modal opened={opened} onClose={onClose} title={contact ? t('contacts.edit') : t('contacts.new')} centered>
      <form onSubmit={submit}>
        <Stack gap="sm">
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

import {
  ActionIcon,
  Badge,
  Group,
  Modal,
  PasswordInput,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { IconMailbox, IconPencil } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PRIORITIES } from '../../app/api-types.ts';
import { errorMessage } from '../../app/error-message.ts';
import { DialogActions } from '../../app/ui/DialogActions.tsx';
import { NumberField } from '../../app/ui/NumberField.tsx';
import { RecordName, RecordsList } from '../../app/ui/RecordsList.tsx';
import { useAdminMutation } from '../admin/useAdminMutation.ts';
import { usePeople, useTicketSettings } from '../lookups/useLookups.ts';
import { createMailbox, type Mailbox, type MailboxInput, mailboxesQuery, mailKeys, updateMailbox } from './api.ts';
import { OutboundMailWarning } from './OutboundMailWarning.tsx';

/** Addresses that receive mail (soporte@, ventas@): the department their tickets go to and how they send. */
export function MailboxesAdmin() {
  const { t } = useTranslation();
  const mailboxes = useQuery(mailboxesQuery);
  const { departmentById } = usePeople();
  const [editing, setEditing] = useState<Mailbox | 'new' | null>(null);

  return (
    <Stack gap="md">
      <OutboundMailWarning where="mailboxes" />
      <RecordsList
        intro={t('mail.mailboxes.intro')}
        newLabel={t('mail.mailboxes.new')}
        onNew={() => setEditing('new')}
        query={mailboxes}
        empty={{
          icon: <IconMailbox size={30} stroke={1.5} aria-hidden="true" />,
          title: t('mail.mailboxes.empty'),
          text: t('mail.mailboxes.emptyHint'),
        }}
        label={t('admin.sections.mailboxes')}
        miw={720}
        verticalSpacing="xs"
        name={(mailbox) => mailbox.address}
        columns={[
          { header: t('mail.mailboxes.address'), cell: (mailbox) => <RecordName>{mailbox.address}</RecordName> },
          {
            header: t('mail.mailboxes.department'),
            cell: (mailbox) => (
              <Text fz="sm">
                {mailbox.departmentId ? (departmentById.get(mailbox.departmentId)?.name ?? mailbox.departmentId) : '—'}
              </Text>
            ),
          },
          {
            header: t('mail.mailboxes.language'),
            cell: (mailbox) => <Text fz="sm">{t(`language.${mailbox.language === 'en' ? 'en' : 'es'}`)}</Text>,
          },
          {
            header: t('mail.mailboxes.sending'),
            cell: (mailbox) =>
              mailbox.secretsUnreadable ? (
                <SecretsUnreadable />
              ) : mailbox.smtpUrl ? (
                <Text fz="xs" ff="monospace">
                  {mailbox.smtpUrl}
                </Text>
              ) : (
                <Badge variant="light" color="gray">
                  {t('mail.mailboxes.globalSmtp')}
                </Badge>
              ),
          },
          {
            header: t('mail.mailboxes.receiving'),
            cell: (mailbox) =>
              mailbox.secretsUnreadable && mailbox.imap ? (
                <SecretsUnreadable />
              ) : mailbox.imap ? (
                <Text fz="xs" ff="monospace">
                  {`imap${mailbox.imap.secure ? 's' : ''}://${mailbox.imap.user}@${mailbox.imap.host}:${mailbox.imap.port}/${mailbox.imap.folder}`}
                </Text>
              ) : (
                <Badge variant="light" color="gray">
                  {t('mail.mailboxes.smtpOnly')}
                </Badge>
              ),
          },
        ]}
        actionsWidth={50}
        actions={(mailbox) => (
          <Table.Td>
            <ActionIcon
              variant="subtle"
              aria-label={t('mail.mailboxes.edit', { address: mailbox.address })}
              onClick={() => setEditing(mailbox)}
            >
              <IconPencil size={16} aria-hidden="true" />
            </ActionIcon>
          </Table.Td>
        )}
      >
        <MailboxModal mailbox={editing} onClose={() => setEditing(null)} />
      </RecordsList>
    </Stack>
  );
}

/** Saved with another SESSION_SECRET: the admin must type the password again (see README). */
function SecretsUnreadable() {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color="red" title={t('mail.mailboxes.secretsUnreadableHint')}>
      {t('mail.mailboxes.secretsUnreadable')}
    </Badge>
  );
}

type ImapForm = {
  enabled: boolean;
  host: string;
  port: number;
  secure: boolean;
  user: string;
  password: string;
  folder: string;
};

const NO_IMAP: ImapForm = {
  enabled: false,
  host: '',
  port: 993,
  secure: true,
  user: '',
  password: '',
  folder: 'INBOX',
};

function MailboxModal({ mailbox, onClose }: { mailbox: Mailbox | 'new' | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { departments } = usePeople();
  const settings = useTicketSettings();
  const existing = mailbox && mailbox !== 'new' ? mailbox : null;
  const [form, setForm] = useState<Omit<MailboxInput, 'imap' | 'smtpUrl'> & { smtpUrl: string }>({
    address: '',
    departmentId: null,
    defaultTypeId: null,
    defaultPriority: null,
    language: 'es',
    smtpUrl: '',
    requireSenderAuth: false,
  });
  const [imap, setImap] = useState<ImapForm>(NO_IMAP);

  useEffect(() => {
    if (!mailbox) return;
    setForm({
      address: existing?.address ?? '',
      departmentId: existing?.departmentId ?? null,
      defaultTypeId: existing?.defaultTypeId ?? null,
      defaultPriority: existing?.defaultPriority ?? null,
      language: existing?.language === 'en' ? 'en' : 'es',
      smtpUrl: existing?.smtpUrl ?? '',
      requireSenderAuth: existing?.requireSenderAuth ?? false,
    });
    const stored = existing?.imap;
    setImap(
      stored
        ? {
            enabled: true,
            host: stored.host,
            port: stored.port,
            secure: stored.secure,
            user: stored.user,
            folder: stored.folder,
            password: '',
          }
        : NO_IMAP,
    );
  }, [mailbox, existing]);

  const save = useAdminMutation(
    (input: MailboxInput) => (existing ? updateMailbox(existing.id, input) : createMailbox(input)),
    { refresh: [[...mailKeys.mailboxes]], onSuccess: onClose },
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    const { enabled, password, ...server } = imap;
    save.mutate({
      ...form,
      smtpUrl: form.smtpUrl.trim() || null,
      // An edit without a new password keeps the stored one; a new mailbox without IMAP sends none.
      imap: enabled ? { ...server, ...(password ? { password } : {}) } : existing?.imap ? null : undefined,
    });
  }

  const needsPassword = imap.enabled && !existing?.imap && !imap.password;
  return (
    <Modal
      opened={mailbox !== null}
      onClose={onClose}
      title={existing ? existing.address : t('mail.mailboxes.new')}
      size="lg"
      centered
    >
      <form onSubmit={submit}>
        <Stack gap="sm">
          <TextInput
            label={t('mail.mailboxes.address')}
            type="email"
            required
            data-autofocus
            value={form.address}
            onChange={(e) => setForm({ ...form, address: e.currentTarget.value })}
          />
          <Group grow align="flex-start">
            <Select
              label={t('mail.mailboxes.department')}
              clearable
              value={form.departmentId}
              onChange={(departmentId) => setForm({ ...form, departmentId })}
              data={departments.map((d) => ({ value: d.id, label: d.name }))}
            />
            <Select
              label={t('mail.mailboxes.language')}
              description={t('mail.mailboxes.languageHint')}
              allowDeselect={false}
              value={form.language}
              onChange={(language) => language && setForm({ ...form, language: language as MailboxInput['language'] })}
              data={[
                { value: 'es', label: t('language.es') },
                { value: 'en', label: t('language.en') },
              ]}
            />
          </Group>
          <Group grow align="flex-start">
            <Select
              label={t('mail.mailboxes.defaultType')}
              clearable
              value={form.defaultTypeId}
              onChange={(defaultTypeId) => setForm({ ...form, defaultTypeId })}
              data={(settings?.types ?? [])
                .filter((type) => type.active)
                .map((type) => ({ value: type.id, label: type.name }))}
            />
            <Select
              label={t('mail.mailboxes.defaultPriority')}
              clearable
              value={form.defaultPriority}
              onChange={(defaultPriority) => setForm({ ...form, defaultPriority })}
              data={PRIORITIES.map((p) => ({ value: p, label: t(`ticket.priority.${p}`) }))}
            />
          </Group>
          <TextInput
            label={t('mail.mailboxes.smtpUrl')}
            description={t('mail.mailboxes.smtpUrlHint')}
            placeholder="smtp://usuario:contraseña@smtp.ejemplo.com:587"
            value={form.smtpUrl}
            onChange={(e) => setForm({ ...form, smtpUrl: e.currentTarget.value })}
            autoComplete="off"
          />
          <Switch
            label={t('mail.mailboxes.requireSenderAuth')}
            description={t('mail.mailboxes.requireSenderAuthHint')}
            checked={form.requireSenderAuth}
            onChange={(e) => setForm({ ...form, requireSenderAuth: e.currentTarget.checked })}
          />
          <Switch
            label={t('mail.mailboxes.imapEnabled')}
            description={t('mail.mailboxes.imapHint')}
            checked={imap.enabled}
            onChange={(e) => setImap({ ...imap, enabled: e.currentTarget.checked })}
          />
          {imap.enabled && (
            <Stack gap="sm" pl="md">
              <Group grow align="flex-start">
                <TextInput
                  label={t('mail.mailboxes.imapHost')}
                  required
                  value={imap.host}
                  onChange={(e) => setImap({ ...imap, host: e.currentTarget.value })}
                />
                <NumberField
                  label={t('mail.mailboxes.imapPort')}
                  required
                  min={1}
                  max={65535}
                  value={imap.port}
                  onChange={(v) => setImap({ ...imap, port: v === '' ? 993 : v })}
                />
              </Group>
              <Group grow align="flex-start">
                <TextInput
                  label={t('mail.mailboxes.imapUser')}
                  required
                  value={imap.user}
                  onChange={(e) => setImap({ ...imap, user: e.currentTarget.value })}
                  autoComplete="off"
                />
                <PasswordInput
                  label={t('mail.mailboxes.imapPassword')}
                  description={existing?.imap ? t('mail.mailboxes.imapPasswordKept') : undefined}
                  required={!existing?.imap}
                  value={imap.password}
                  onChange={(e) => setImap({ ...imap, password: e.currentTarget.value })}
                  autoComplete="new-password"
                />
              </Group>
              <Group grow align="flex-end">
                <TextInput
                  label={t('mail.mailboxes.imapFolder')}
                  value={imap.folder}
                  onChange={(e) => setImap({ ...imap, folder: e.currentTarget.value })}
                />
                <Switch
                  label={t('mail.mailboxes.imapSecure')}
                  checked={imap.secure}
                  onChange={(e) => setImap({ ...imap, secure: e.currentTarget.checked })}
                  mb={8}
                />
              </Group>
            </Stack>
          )}
          <DialogActions
            error={save.isError ? errorMessage(t, save.error) : null}
            onCancel={onClose}
            submitLabel={t('common.save')}
            loading={save.isPending}
            disabled={needsPassword}
          />
        </Stack>
      </form>
    </Modal>
  );
}

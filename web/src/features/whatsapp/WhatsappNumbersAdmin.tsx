import {
  Badge,
  Button,
  Divider,
  Group,
  Modal,
  PasswordInput,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconBrandWhatsapp } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/error-message.ts';
import { DialogActions } from '../../app/ui/DialogActions.tsx';
import { RecordName, RecordsList } from '../../app/ui/RecordsList.tsx';
import { useFormat } from '../../app/useFormat.ts';
import { useAdminMutation } from '../admin/useAdminMutation.ts';
import { usePeople } from '../lookups/useLookups.ts';
import {
  createWhatsappNumber,
  deleteWhatsappNumber,
  failedWebhooksQuery,
  retryFailedWebhooks,
  updateWhatsappNumber,
  type WhatsappNumber,
  type WhatsappNumberInput,
  whatsappKeys,
  whatsappNumbersQuery,
} from './api.ts';

const SECRETS = ['accessToken', 'appSecret', 'verifyToken'] as const;
type Secret = (typeof SECRETS)[number];

/** The WhatsApp Business numbers that receive messages: their Graph ids, secrets and department. */
export function WhatsappNumbersAdmin() {
  const { t } = useTranslation();
  const numbers = useQuery(whatsappNumbersQuery);
  const { departmentById } = usePeople();
  const [editing, setEditing] = useState<WhatsappNumber | 'new' | null>(null);
  const remove = useAdminMutation(deleteWhatsappNumber, { refresh: [[...whatsappKeys.numbers]] });

  return (
    <Stack gap="xl">
      <RecordsList
        intro={t('whatsapp.numbers.intro')}
        newLabel={t('whatsapp.numbers.new')}
        onNew={() => setEditing('new')}
        query={numbers}
        empty={{
          icon: <IconBrandWhatsapp size={30} stroke={1.5} aria-hidden="true" />,
          title: t('whatsapp.numbers.empty'),
          text: t('whatsapp.numbers.emptyHint'),
        }}
        label={t('admin.sections.whatsapp')}
        miw={720}
        verticalSpacing="xs"
        name={(number) => number.displayNumber}
        columns={[
          { header: t('whatsapp.numbers.displayNumber'), cell: (n) => <RecordName>{n.displayNumber}</RecordName> },
          {
            header: t('whatsapp.numbers.idColumn'),
            cell: (n) => (
              <Text fz="xs" ff="monospace">
                {n.phoneNumberId}
              </Text>
            ),
          },
          {
            header: t('whatsapp.numbers.department'),
            cell: (n) => (
              <Text fz="sm">{n.departmentId ? (departmentById.get(n.departmentId)?.name ?? n.departmentId) : '—'}</Text>
            ),
          },
          {
            header: t('whatsapp.numbers.secrets'),
            cell: (n) =>
              n.secretsUnreadable ? (
                <Badge variant="light" color="red" title={t('whatsapp.numbers.secretsUnreadableHint')}>
                  {t('whatsapp.numbers.secretsUnreadable')}
                </Badge>
              ) : (
                <Badge variant="light" color="teal">
                  {t('whatsapp.numbers.secretsSet')}
                </Badge>
              ),
          },
        ]}
        edit={{
          onEdit: setEditing,
          onRemove: (number) => remove.mutate(number.id),
          labels: (name) => ({
            edit: t('whatsapp.numbers.edit', { number: name }),
            remove: t('whatsapp.numbers.remove', { number: name }),
            confirmRemove: t('whatsapp.numbers.confirmRemove', { number: name }),
          }),
        }}
      >
        <NumberModal number={editing} onClose={() => setEditing(null)} />
      </RecordsList>
      <FailedWebhooks />
    </Stack>
  );
}

/** Webhook bodies given up on after their retries: shown with their error, put back in line on request. */
function FailedWebhooks() {
  const { t } = useTranslation();
  const format = useFormat();
  const failed = useQuery(failedWebhooksQuery);
  const retry = useAdminMutation((ids?: string[]) => retryFailedWebhooks(ids), {
    refresh: [[...failedWebhooksQuery.queryKey]],
  });
  if (!failed.data?.length) return null;
  return (
    <Stack gap="xs" component="section" aria-label={t('whatsapp.numbers.failedTitle')}>
      <Group justify="space-between">
        <Title order={3} fz="md">
          {t('whatsapp.numbers.failedTitle')}
        </Title>
        <Button size="compact-sm" variant="light" loading={retry.isPending} onClick={() => retry.mutate(undefined)}>
          {t('whatsapp.numbers.retryAll')}
        </Button>
      </Group>
      <Text fz="sm" c="dimmed">
        {t('whatsapp.numbers.failedIntro')}
      </Text>
      <Table verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('whatsapp.numbers.failedReceived')}</Table.Th>
            <Table.Th>{t('whatsapp.numbers.failedAttempts')}</Table.Th>
            <Table.Th>{t('whatsapp.numbers.failedError')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {failed.data.map((webhook) => (
            <Table.Tr key={webhook.id}>
              <Table.Td fz="sm">{format.dateTime(webhook.receivedAt)}</Table.Td>
              <Table.Td fz="sm">{webhook.attempts}</Table.Td>
              <Table.Td>
                <Text fz="xs" ff="monospace" lineClamp={3}>
                  {webhook.error ?? '—'}
                </Text>
              </Table.Td>
              <Table.Td>
                <Button size="compact-xs" variant="subtle" onClick={() => retry.mutate([webhook.id])}>
                  {t('whatsapp.numbers.retry')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

type TemplateField = 'welcomeTemplate' | 'sessionTemplate';
type Draft = Omit<WhatsappNumberInput, Secret | TemplateField | 'welcomeText'> &
  Record<Secret, string> & {
    welcomeText: string;
    welcomeTemplateName: string;
    welcomeTemplateLanguage: string;
    sessionTemplateName: string;
    sessionTemplateLanguage: string;
  };

const EMPTY: Draft = {
  phoneNumberId: '',
  businessAccountId: '',
  displayNumber: '',
  departmentId: null,
  graphBaseUrl: 'https://graph.facebook.com',
  graphVersion: 'v23.0',
  accessToken: '',
  appSecret: '',
  verifyToken: '',
  welcomeText: '',
  welcomeTemplateName: '',
  welcomeTemplateLanguage: 'es',
  sessionTemplateName: '',
  sessionTemplateLanguage: 'es',
};

/** A template typed by name and language; no name is no template. */
function templateOf(name: string, language: string) {
  return name.trim() ? { name: name.trim(), language: language.trim() || 'es' } : null;
}

function NumberModal({ number, onClose }: { number: WhatsappNumber | 'new' | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { departments } = usePeople();
  const existing = number && number !== 'new' ? number : null;
  const [form, setForm] = useState<Draft>(EMPTY);

  useEffect(() => {
    if (!number) return;
    // The secrets are never sent back: an edit starts with them empty, and empty keeps them.
    setForm(
      existing
        ? {
            ...EMPTY,
            phoneNumberId: existing.phoneNumberId,
            businessAccountId: existing.businessAccountId,
            displayNumber: existing.displayNumber,
            departmentId: existing.departmentId,
            graphBaseUrl: existing.graphBaseUrl,
            graphVersion: existing.graphVersion,
            welcomeText: existing.welcomeText ?? '',
            welcomeTemplateName: existing.welcomeTemplate?.name ?? '',
            welcomeTemplateLanguage: existing.welcomeTemplate?.language ?? 'es',
            sessionTemplateName: existing.sessionTemplate?.name ?? '',
            sessionTemplateLanguage: existing.sessionTemplate?.language ?? 'es',
          }
        : EMPTY,
    );
  }, [number, existing]);

  const save = useAdminMutation(
    (input: WhatsappNumberInput) => (existing ? updateWhatsappNumber(existing.id, input) : createWhatsappNumber(input)),
    { refresh: [[...whatsappKeys.numbers]], onSuccess: onClose },
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    const {
      welcomeTemplateName,
      welcomeTemplateLanguage,
      sessionTemplateName,
      sessionTemplateLanguage,
      welcomeText,
      ...rest
    } = form;
    const input: WhatsappNumberInput = {
      ...rest,
      welcomeText: welcomeText.trim() || null,
      welcomeTemplate: templateOf(welcomeTemplateName, welcomeTemplateLanguage),
      sessionTemplate: templateOf(sessionTemplateName, sessionTemplateLanguage),
    };
    for (const key of SECRETS) if (!form[key].trim()) delete input[key];
    save.mutate(input);
  }

  const field = (key: Exclude<keyof Draft, 'departmentId'>) => ({
    value: form[key],
    onChange: (event: { currentTarget: { value: string } }) => setForm({ ...form, [key]: event.currentTarget.value }),
  });
  const secretField = (key: Secret) => ({
    ...field(key),
    label: t(`whatsapp.numbers.${key}`),
    required: !existing,
    description: existing ? t('whatsapp.numbers.secretKept') : undefined,
    autoComplete: 'new-password',
  });

  return (
    <Modal
      opened={number !== null}
      onClose={onClose}
      title={existing ? existing.displayNumber : t('whatsapp.numbers.new')}
      size="lg"
      centered
    >
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Group grow align="flex-start">
            <TextInput
              label={t('whatsapp.numbers.displayNumber')}
              placeholder="+506 4000 1234"
              required
              data-autofocus
              {...field('displayNumber')}
            />
            <Select
              label={t('whatsapp.numbers.department')}
              clearable
              value={form.departmentId}
              onChange={(departmentId) => setForm({ ...form, departmentId })}
              data={departments.map((d) => ({ value: d.id, label: d.name }))}
            />
          </Group>
          <Group grow align="flex-start">
            <TextInput
              label={t('whatsapp.numbers.phoneNumberId')}
              inputMode="numeric"
              required
              {...field('phoneNumberId')}
            />
            <TextInput
              label={t('whatsapp.numbers.businessAccountId')}
              inputMode="numeric"
              required
              {...field('businessAccountId')}
            />
          </Group>
          <PasswordInput {...secretField('accessToken')} />
          <Group grow align="flex-start">
            <PasswordInput {...secretField('appSecret')} />
            <PasswordInput {...secretField('verifyToken')} />
          </Group>
          <Group grow align="flex-start">
            <TextInput
              label={t('whatsapp.numbers.graphBaseUrl')}
              description={t('whatsapp.numbers.graphBaseUrlHint')}
              required
              {...field('graphBaseUrl')}
            />
            <TextInput label={t('whatsapp.numbers.graphVersion')} required w={120} {...field('graphVersion')} />
          </Group>
          <Divider label={t('whatsapp.numbers.habits')} labelPosition="left" />
          <Textarea
            label={t('whatsapp.numbers.welcomeText')}
            description={t('whatsapp.numbers.welcomeTextHint', { nameTag: '{{name}}', numberTag: '{{number}}' })}
            autosize
            minRows={2}
            maxLength={4096}
            {...field('welcomeText')}
          />
          <Text fz="xs" c="dimmed">
            {t('whatsapp.numbers.templateHint', { p1: '{{1}}', p2: '{{2}}', p3: '{{3}}' })}
          </Text>
          <Group grow align="flex-start">
            <TextInput label={t('whatsapp.numbers.welcomeTemplate')} {...field('welcomeTemplateName')} />
            <TextInput label={t('whatsapp.numbers.templateLanguage')} maw={110} {...field('welcomeTemplateLanguage')} />
          </Group>
          <Group grow align="flex-start">
            <TextInput label={t('whatsapp.numbers.sessionTemplate')} {...field('sessionTemplateName')} />
            <TextInput label={t('whatsapp.numbers.templateLanguage')} maw={110} {...field('sessionTemplateLanguage')} />
          </Group>
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

import { Badge, Button, Modal, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconSend } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api.ts';
import { errorMessage } from '../../app/error-message.ts';
import { DialogActions } from '../../app/ui/DialogActions.tsx';
import { useFormat } from '../../app/useFormat.ts';
import { fetchTimesheetRecipients, fetchTimesheetSends, mailKeys, sendTimesheet } from './mail-api.ts';

/**
 * "Enviar al cliente" (003, OpenPyme): the organization's timesheet of a month by mail to its main
 * contacts (the agent may change them, among the organization's own contacts), with the sends so far.
 */
export function SendTimesheet(props: { organizationId: string; organization: string; month: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        size="xs"
        variant="light"
        leftSection={<IconSend size={14} aria-hidden="true" />}
        onClick={() => setOpen(true)}
      >
        {t('reports.send.button')}
      </Button>
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
        title={t('reports.send.title', { organization: props.organization })}
        size="lg"
      >
        {open && <SendForm {...props} onClose={() => setOpen(false)} />}
      </Modal>
    </>
  );
}

/** 2026-11 → "noviembre de 2026", in the reader's language. */
function monthName(month: string, language: string): string {
  const date = new Date(`${month}-01T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return month;
  return new Intl.DateTimeFormat(language, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

function SendForm(props: { organizationId: string; month: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [month, setMonth] = useState(props.month);
  const [to, setTo] = useState<string[]>([]);
  const recipients = useQuery({
    queryKey: mailKeys.recipients(props.organizationId),
    queryFn: ({ signal }) => fetchTimesheetRecipients(props.organizationId, signal),
  });
  const sends = useQuery({
    queryKey: mailKeys.sends(props.organizationId),
    queryFn: ({ signal }) => fetchTimesheetSends(props.organizationId, signal),
  });
  // The main contacts, once known, are the starting recipients.
  useEffect(() => {
    if (recipients.data) setTo(recipients.data);
  }, [recipients.data]);

  const send = useMutation({
    mutationFn: () => sendTimesheet({ organizationId: props.organizationId, month, to }),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: t('reports.send.done', { count: to.length }) });
      void queryClient.invalidateQueries({ queryKey: mailKeys.sends(props.organizationId) });
      props.onClose();
    },
  });
  const failure = () => {
    const error = send.error;
    const details = (isApiError(error) && typeof error.details === 'object' && error.details) || {};
    const { field, address } = details as { field?: unknown; address?: unknown };
    if (field === 'to' && typeof address === 'string') return t('reports.send.notContact', { address });
    if (field === 'month') return t('reports.send.noTime');
    return errorMessage(t, error);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send.mutate();
  };

  return (
    <Stack gap="md" component="form" onSubmit={submit}>
      <TextInput
        type="month"
        label={t('reports.send.month')}
        value={month}
        onChange={(event) => setMonth(event.currentTarget.value)}
        required
      />
      <TagsInput
        label={t('reports.send.to')}
        description={t('reports.send.toHelp')}
        value={to}
        onChange={setTo}
        splitChars={[',', ' ', ';']}
        clearable
      />
      {recipients.data?.length === 0 && (
        <Text fz="sm" c="orange">
          {t('reports.send.noMainContact')}
        </Text>
      )}
      <DialogActions
        error={send.isError ? failure() : null}
        onCancel={props.onClose}
        submitLabel={t('reports.send.submit')}
        loading={send.isPending}
        disabled={to.length === 0 || month === ''}
      />
      <Stack gap={4} role="list" aria-label={t('reports.send.history')}>
        <Text fw={600} fz="sm">
          {t('reports.send.history')}
        </Text>
        {sends.data?.length === 0 && (
          <Text fz="sm" c="dimmed">
            {t('reports.send.never')}
          </Text>
        )}
        {sends.data?.map((s) => (
          <Text key={s.id} fz="sm" role="listitem">
            {t('reports.send.sentLine', {
              month: monthName(s.month, i18n.language),
              who: s.sentBy?.name ?? t('reports.send.someone'),
              when: format.dateTime(s.createdAt),
              to: s.recipients.join(', '),
            })}{' '}
            <Badge
              size="xs"
              variant="light"
              color={s.delivery === 'failed' ? 'red' : s.delivery === 'sent' ? 'teal' : 'gray'}
            >
              {t(`reports.send.delivery.${s.delivery}`)}
            </Badge>
          </Text>
        ))}
      </Stack>
    </Stack>
  );
}

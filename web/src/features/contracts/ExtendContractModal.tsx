import { Alert, Button, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contract, Ticket } from '../../app/api-types.ts';
import { AnchorLink } from '../../app/ui/links.tsx';
import { NumberField } from '../../app/ui/NumberField.tsx';
import { useAdminMutation } from '../admin/useAdminMutation.ts';
import { contractKeys, extendContract } from './api.ts';

/**
 * Wolk's emergency rule (seed 002): the system is deactivated and accounting cannot confirm the
 * payment, so the end moves 3 days and a ticket goes to Contabilidad. Shows the ticket it opened.
 */
export function ExtendContractModal({
  opened,
  onClose,
  contract,
  ticketNumber,
}: {
  opened: boolean;
  onClose: () => void;
  contract: Contract;
  /** The ticket the agent is on: the escalation is linked to it. */
  ticketNumber?: string;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [days, setDays] = useState<number | ''>(3);
  const [reason, setReason] = useState('');
  const [original, setOriginal] = useState(ticketNumber ?? '');
  const [escalation, setEscalation] = useState<Ticket | null>(null);
  const extend = useAdminMutation(
    () =>
      extendContract(contract.id, { days: days || 3, reason: reason.trim(), ticketId: original.trim() || undefined }),
    {
      onSuccess: (result) => {
        setEscalation(result.ticket);
        void queryClient.invalidateQueries({ queryKey: contractKeys.all });
        void queryClient.invalidateQueries({ queryKey: ['tickets'] });
      },
    },
  );

  function close() {
    setEscalation(null);
    setReason('');
    onClose();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim() || days === '') return;
    extend.mutate();
  }

  return (
    <Modal opened={opened} onClose={close} title={t('contracts.extend.title', { plan: contract.planName })}>
      {escalation ? (
        <Stack gap="sm" data-escalation-ticket={escalation.number}>
          <Alert color="teal" variant="light">
            <Text fz="sm">{t('contracts.extend.done', { date: contract.endsOn })}</Text>
          </Alert>
          <Text fz="sm">
            {t('contracts.extend.escalation')}{' '}
            <AnchorLink to="/tickets/$ticketRef" params={{ ticketRef: escalation.number }} fw={600}>
              {escalation.number}
            </AnchorLink>
          </Text>
          <Group justify="flex-end">
            <Button onClick={close}>{t('contracts.extend.close')}</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit}>
          <Stack gap="sm">
            <Text fz="sm" c="dimmed">
              {t('contracts.extend.intro', { date: contract.endsOn })}
            </Text>
            <NumberField
              label={t('contracts.extend.days')}
              min={1}
              max={31}
              required
              value={days}
              onChange={setDays}
              maw={160}
            />
            <Textarea
              label={t('contracts.form.reason')}
              description={t('contracts.extend.reasonHint')}
              required
              autosize
              minRows={2}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              data-autofocus
            />
            <TextInput
              label={t('contracts.extend.ticket')}
              description={t('contracts.extend.ticketHint')}
              value={original}
              onChange={(e) => setOriginal(e.currentTarget.value)}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" color="orange" loading={extend.isPending} disabled={!reason.trim() || days === ''}>
                {t('contracts.extend.submit', { count: days || 3 })}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

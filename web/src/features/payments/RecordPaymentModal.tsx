import { Alert, Button, Group, Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Attachment, Payment, Ticket } from '../../app/api-types.ts';
import { errorMessage } from '../../app/error-message.ts';
import { todayIn } from '../../app/time.ts';
import { DateField } from '../../app/ui/DateFields.tsx';
import { useFormat } from '../../app/useFormat.ts';
import { organizationContractsQuery } from '../contracts/api.ts';
import { currentContract } from '../contracts/ContractFacts.tsx';
import { minorToInput, parseMinor } from '../contracts/money.ts';
import { paymentKeys, recordPayment } from './api.ts';

const CURRENCIES: Payment['currency'][] = ['CRC', 'USD', 'MXN'];

/**
 * "Registrar pago" on a receipt (seed 002): what the receipt says, prefilled from the organization's
 * contract (amount due with tax, its currency, the organization as payer) for the agent to correct.
 * Reading the image itself (OCR) is a later step.
 */
export function RecordPaymentModal({
  ticket,
  receipt,
  onClose,
  onRecorded,
}: {
  ticket: Ticket;
  receipt: Attachment;
  onClose: () => void;
  onRecorded: (payment: Payment) => void;
}) {
  const { t } = useTranslation();
  const { timeZone } = useFormat();
  const queryClient = useQueryClient();
  const contracts = useQuery({
    ...organizationContractsQuery(ticket.organizationId ?? ''),
    enabled: ticket.organizationId !== null,
  });
  const contract = contracts.data ? currentContract(contracts.data.items) : undefined;
  const [edited, setEdited] = useState<
    Partial<Record<'amount' | 'currency' | 'date' | 'payerName' | 'reference', string>>
  >({});
  const prefill = {
    amount: contract ? minorToInput(contract.amountDue.totalMinor) : '',
    currency: contract?.currency ?? 'CRC',
    date: todayIn(timeZone),
    payerName: contract?.organizationName ?? '',
    reference: '',
  };
  const value = { ...prefill, ...edited };
  const set = (field: keyof typeof prefill) => (next: string) =>
    setEdited((current) => ({ ...current, [field]: next }));

  const save = useMutation({
    mutationFn: () => {
      const minor = parseMinor(value.amount);
      return recordPayment(ticket.id, {
        // "45.200,50" as the agent typed it becomes "45200.50"; anything else goes as written, for the server's message.
        amount: minor === null ? value.amount : minorToInput(minor),
        currency: value.currency as Payment['currency'],
        date: value.date,
        payerName: value.payerName,
        reference: value.reference,
        receiptAttachmentId: receipt.id,
      });
    },
    onSuccess: (payment) => {
      void queryClient.invalidateQueries({ queryKey: paymentKeys.ofTicket(ticket.id) });
      onRecorded(payment);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }

  return (
    <Modal opened onClose={onClose} title={t('payments.form.title', { file: receipt.filename })}>
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Group grow align="flex-start">
            <TextInput
              label={t('payments.form.amount')}
              value={value.amount}
              onChange={(e) => set('amount')(e.currentTarget.value)}
              required
              inputMode="decimal"
            />
            <Select
              label={t('payments.form.currency')}
              data={CURRENCIES}
              value={value.currency}
              onChange={(next) => next && set('currency')(next)}
              allowDeselect={false}
            />
          </Group>
          <DateField label={t('payments.form.date')} value={value.date} onChange={set('date')} required />
          <TextInput
            label={t('payments.form.payer')}
            value={value.payerName}
            onChange={(e) => set('payerName')(e.currentTarget.value)}
            required
          />
          <Textarea
            label={t('payments.form.reference')}
            description={t('payments.form.referenceHint')}
            value={value.reference}
            onChange={(e) => set('reference')(e.currentTarget.value)}
            autosize
            minRows={2}
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
              {t('payments.form.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

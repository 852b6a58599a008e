import { Alert, Badge, Button, Group, Loader, Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Attachment, Payment, ReceiptReading, Ticket } from '../../app/api-types.ts';
import { errorMessage } from '../../app/error-message.ts';
import { todayIn } from '../../app/time.ts';
import { DateField } from '../../app/ui/DateFields.tsx';
import { useFormat } from '../../app/useFormat.ts';
import { organizationContractsQuery } from '../contracts/api.ts';
import { currentContract } from '../contracts/ContractFacts.tsx';
import { minorToInput, parseMinor } from '../contracts/money.ts';
import { paymentKeys, readingQuery, recordPayment, startReadingQuery } from './api.ts';

const CURRENCIES: Payment['currency'][] = ['CRC', 'USD', 'MXN'];

type Field = 'amount' | 'currency' | 'date' | 'payerName' | 'reference';

/** The form's values that OCR found on the receipt (amount and currency come together). */
function readValues(reading: ReceiptReading | undefined): Partial<Record<Field, string>> {
  const fields = reading?.status === 'done' ? reading.fields : null;
  if (!fields) return {};
  const values: Partial<Record<Field, string>> = {};
  if (fields.amount) {
    values.amount = fields.amount.value;
    values.currency = fields.amount.currency;
  }
  if (fields.date) values.date = fields.date;
  if (fields.payerName) values.payerName = fields.payerName;
  if (fields.reference) values.reference = fields.reference;
  return values;
}

/**
 * "Registrar pago" on a receipt (seed 002): prefilled from the organization's contract (amount due
 * with tax, its currency, the organization as payer), then from what OCR read on the receipt itself
 * (issue 16). Each value read from the receipt is marked until the agent confirms or edits it, and the
 * payment is not recorded before; when nothing can be read the form is filled by hand as before.
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
  const started = useQuery(startReadingQuery(ticket.id, receipt.id));
  const polled = useQuery({ ...readingQuery(ticket.id, receipt.id), enabled: started.data?.status === 'pending' });
  const reading = polled.data ?? started.data;
  const read = readValues(reading);
  const [edited, setEdited] = useState<Partial<Record<Field, string>>>({});
  const [confirmed, setConfirmed] = useState<Partial<Record<Field, boolean>>>({});
  const [mustConfirm, setMustConfirm] = useState(false);
  const prefill: Record<Field, string> = {
    amount: contract ? minorToInput(contract.amountDue.totalMinor) : '',
    currency: contract?.currency ?? 'CRC',
    date: todayIn(timeZone),
    payerName: contract?.organizationName ?? '',
    reference: '',
    ...read,
  };
  const value = { ...prefill, ...edited };
  const set = (field: Field) => (next: string) => setEdited((current) => ({ ...current, [field]: next }));
  /** Read from the receipt and neither confirmed nor edited yet. */
  const unconfirmed = (Object.keys(read) as Field[]).filter((field) => !confirmed[field] && !(field in edited));
  const mark = (field: Field): ReactNode =>
    unconfirmed.includes(field) ? (
      <Group gap={6} component="span" data-from-receipt={field}>
        <Badge size="xs" variant="light" color="orange" component="span">
          {t('payments.form.fromReceipt')}
        </Badge>
        <Button
          size="compact-xs"
          variant="subtle"
          onClick={() => setConfirmed((current) => ({ ...current, [field]: true }))}
        >
          {t('payments.form.confirm')}
        </Button>
      </Group>
    ) : undefined;

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
    setMustConfirm(unconfirmed.length > 0);
    if (unconfirmed.length === 0) save.mutate();
  }

  return (
    <Modal opened onClose={onClose} title={t('payments.form.title', { file: receipt.filename })}>
      <form onSubmit={submit}>
        <Stack gap="sm">
          <ReadingStatus reading={reading} error={started.error ?? polled.error} />
          <Group grow align="flex-start">
            <TextInput
              label={t('payments.form.amount')}
              description={mark('amount')}
              value={value.amount}
              onChange={(e) => set('amount')(e.currentTarget.value)}
              required
              inputMode="decimal"
            />
            <Select
              label={t('payments.form.currency')}
              description={mark('currency')}
              data={CURRENCIES}
              value={value.currency}
              onChange={(next) => next && set('currency')(next)}
              allowDeselect={false}
            />
          </Group>
          <DateField
            label={t('payments.form.date')}
            description={mark('date')}
            value={value.date}
            onChange={set('date')}
            required
          />
          <TextInput
            label={t('payments.form.payer')}
            description={mark('payerName')}
            value={value.payerName}
            onChange={(e) => set('payerName')(e.currentTarget.value)}
            required
          />
          <Textarea
            label={t('payments.form.reference')}
            description={mark('reference') ?? t('payments.form.referenceHint')}
            value={value.reference}
            onChange={(e) => set('reference')(e.currentTarget.value)}
            autosize
            minRows={2}
          />
          {mustConfirm && unconfirmed.length > 0 && (
            <Alert color="orange" variant="light" role="alert">
              {t('payments.form.confirmFirst')}
            </Alert>
          )}
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

/** Where reading the receipt is: under way, failed (why, and that the form works by hand) or found nothing. */
function ReadingStatus({ reading, error }: { reading: ReceiptReading | undefined; error: Error | null }) {
  const { t } = useTranslation();
  if (error) {
    return (
      <Alert color="yellow" variant="light" data-reading="failed">
        {errorMessage(t, error)}
      </Alert>
    );
  }
  if (!reading || reading.status === 'pending') {
    return (
      <Group gap="xs" data-reading="pending">
        <Loader size="xs" />
        <Text size="sm" c="dimmed">
          {t('payments.form.reading')}
        </Text>
      </Group>
    );
  }
  if (reading.status === 'failed') {
    return (
      <Alert color="yellow" variant="light" data-reading="failed">
        {reading.error?.message}
      </Alert>
    );
  }
  const found = reading.fields && Object.values(reading.fields).some((v) => v !== null);
  return found ? null : (
    <Text size="sm" c="dimmed" data-reading="empty">
      {t('payments.form.readNothing')}
    </Text>
  );
}

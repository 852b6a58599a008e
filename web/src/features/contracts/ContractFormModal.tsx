import { Button, Group, Modal, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contract } from '../../app/api-types.ts';
import { todayIn } from '../../app/time.ts';
import { DateField } from '../../app/ui/DateFields.tsx';
import { NumberField } from '../../app/ui/NumberField.tsx';
import { useFormat } from '../../app/useFormat.ts';
import { useAdminMutation } from '../admin/useAdminMutation.ts';
import { type ContractInput, contractKeys, createContract, updateContract } from './api.ts';
import { minorToInput, parseMinor } from './money.ts';

const CURRENCIES = ['USD', 'CRC', 'MXN'] as const;

function nextYear(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const end = new Date(Date.UTC((y ?? 2000) + 1, (m ?? 1) - 1, d ?? 1));
  end.setUTCDate(end.getUTCDate() - 1);
  return end.toISOString().slice(0, 10);
}

/** Adds a contract, or changes one with the reason the audit keeps. */
export function ContractFormModal({
  opened,
  onClose,
  organizationId,
  contract,
}: {
  opened: boolean;
  onClose: () => void;
  organizationId: string;
  contract?: Contract;
}) {
  const { t } = useTranslation();
  const { timeZone } = useFormat();
  const queryClient = useQueryClient();
  // Today where the agent works (the server judges the contract's state in the desk's zone), not in UTC:
  // late in the evening in Costa Rica, UTC is already tomorrow and the new contract read "Por iniciar".
  const start = contract?.startsOn ?? todayIn(timeZone);
  const [planName, setPlanName] = useState(contract?.planName ?? '');
  const [amount, setAmount] = useState(contract ? minorToInput(contract.amountMinor) : '');
  const [currency, setCurrency] = useState<Contract['currency']>(contract?.currency ?? 'USD');
  const [taxPercent, setTaxPercent] = useState<number | ''>(contract ? contract.taxRateBp / 100 : 13);
  const [period, setPeriod] = useState<Contract['period']>(contract?.period ?? 'annual');
  const [startsOn, setStartsOn] = useState(start);
  const [endsOn, setEndsOn] = useState(contract?.endsOn ?? nextYear(start));
  const [notes, setNotes] = useState(contract?.notes ?? '');
  const [reason, setReason] = useState('');
  const amountMinor = parseMinor(amount);
  const datesOk = startsOn !== '' && endsOn !== '' && endsOn >= startsOn;

  const save = useAdminMutation(
    (input: ContractInput) =>
      contract
        ? updateContract(contract.id, { ...input, reason: reason.trim() })
        : createContract(organizationId, input),
    {
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: contractKeys.all });
        onClose();
      },
    },
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    if (amountMinor === null || taxPercent === '' || !datesOk) return;
    save.mutate({
      planName: planName.trim(),
      amountMinor,
      currency,
      // Basis points from the percentage typed (13 → 1300), rounded to a whole basis point.
      taxRateBp: Math.round(taxPercent * 100),
      period,
      startsOn,
      endsOn,
      notes,
    });
  }

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={contract ? t('contracts.form.editTitle') : t('contracts.form.addTitle')}
      size="lg"
    >
      <form onSubmit={submit}>
        <Stack gap="sm">
          <TextInput
            label={t('contracts.form.plan')}
            required
            value={planName}
            onChange={(e) => setPlanName(e.currentTarget.value)}
            data-autofocus
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label={t('contracts.form.amount')}
              description={t('contracts.form.amountHint')}
              required
              inputMode="decimal"
              value={amount}
              onChange={(e) => setAmount(e.currentTarget.value)}
              error={amount !== '' && amountMinor === null ? t('contracts.form.amountInvalid') : undefined}
            />
            <Select
              label={t('contracts.form.currency')}
              required
              data={CURRENCIES.map((c) => ({ value: c, label: c }))}
              value={currency}
              onChange={(v) => v && setCurrency(v as Contract['currency'])}
              allowDeselect={false}
            />
            <NumberField
              label={t('contracts.form.tax')}
              unit="%"
              min={0}
              max={100}
              decimals={2}
              required
              value={taxPercent}
              onChange={setTaxPercent}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label={t('contracts.form.period')}
              data={(['annual', 'monthly'] as const).map((p) => ({ value: p, label: t(`contracts.period.${p}`) }))}
              value={period}
              onChange={(v) => v && setPeriod(v as Contract['period'])}
              allowDeselect={false}
            />
            <DateField label={t('contracts.form.startsOn')} required value={startsOn} onChange={setStartsOn} />
            <DateField
              label={t('contracts.form.endsOn')}
              required
              value={endsOn}
              onChange={setEndsOn}
              error={!datesOk && endsOn !== '' ? t('contracts.form.endBeforeStart') : undefined}
            />
          </SimpleGrid>
          <Textarea
            label={t('contracts.form.notes')}
            autosize
            minRows={2}
            value={notes}
            onChange={(e) => setNotes(e.currentTarget.value)}
          />
          {contract && (
            <Textarea
              label={t('contracts.form.reason')}
              description={t('contracts.form.reasonHint')}
              required
              autosize
              minRows={2}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              loading={save.isPending}
              disabled={
                !planName.trim() ||
                amountMinor === null ||
                taxPercent === '' ||
                !datesOk ||
                (contract !== undefined && !reason.trim())
              }
            >
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

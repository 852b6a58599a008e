import { Button, Group, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContractState, Settings } from '../../app/api-types.ts';
import { AnchorLink } from '../../app/ui/links.tsx';
import { NumberField } from '../../app/ui/NumberField.tsx';
import { LoadError, LoadingLines } from '../../app/ui/States.tsx';
import { settingsKeys, settingsQuery, updateSettings } from '../admin/api.ts';
import { useAdminMutation } from '../admin/useAdminMutation.ts';
import { contractKeys, contractsByStateQuery } from './api.ts';
import { AmountDue, ContractStateBadge } from './ContractFacts.tsx';
import { minorToInput, parseMinor } from './money.ts';

/** Renewals due: contracts expiring soon and those already expired, soonest end first. */
function ContractList({ state }: { state: ContractState }) {
  const { t } = useTranslation();
  const contracts = useQuery(contractsByStateQuery(state));
  if (contracts.isPending) return <LoadingLines lines={3} />;
  if (contracts.isError) return <LoadError error={contracts.error} onRetry={() => void contracts.refetch()} />;
  if (contracts.data.items.length === 0) {
    return (
      <Text fz="sm" c="dimmed">
        {t(`contracts.admin.empty.${state}`)}
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table verticalSpacing="xs" data-contract-list={state}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('contracts.admin.organization')}</Table.Th>
            <Table.Th>{t('contracts.form.plan')}</Table.Th>
            <Table.Th>{t('contracts.form.endsOn')}</Table.Th>
            <Table.Th>{t('contracts.admin.state')}</Table.Th>
            <Table.Th>{t('contracts.admin.due')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {contracts.data.items.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>
                <AnchorLink to="/organizations/$organizationId" params={{ organizationId: c.organizationId }} fz="sm">
                  {c.organizationName}
                </AnchorLink>
              </Table.Td>
              <Table.Td fz="sm">{c.planName}</Table.Td>
              <Table.Td fz="sm">{c.endsOn}</Table.Td>
              <Table.Td>
                <ContractStateBadge state={c.state} />
              </Table.Td>
              <Table.Td>
                <AmountDue contract={c} size="xs" />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Who may open tickets, when a contract counts as expiring, and the exchange rates to colones. */
function ContractSettingsForm({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const [entitlement, setEntitlement] = useState(settings.entitlement);
  const [days, setDays] = useState<number | ''>(settings.contractExpiringDays);
  const [usd, setUsd] = useState(settings.exchangeRates.USD ? minorToInput(settings.exchangeRates.USD) : '');
  const [mxn, setMxn] = useState(settings.exchangeRates.MXN ? minorToInput(settings.exchangeRates.MXN) : '');
  useEffect(() => setEntitlement(settings.entitlement), [settings.entitlement]);
  const save = useAdminMutation(updateSettings, { refresh: [[...settingsKeys.all], [...contractKeys.all]] });
  const usdMinor = usd === '' ? undefined : parseMinor(usd);
  const mxnMinor = mxn === '' ? undefined : parseMinor(mxn);
  const valid = days !== '' && usdMinor !== null && mxnMinor !== null && usdMinor !== 0 && mxnMinor !== 0;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!valid) return;
    save.mutate({
      entitlement,
      contractExpiringDays: days,
      exchangeRates: {
        ...(usdMinor !== undefined && usdMinor !== null && { USD: usdMinor }),
        ...(mxnMinor !== undefined && mxnMinor !== null && { MXN: mxnMinor }),
      },
    });
  }

  return (
    <Paper withBorder radius="md" p="lg" component="form" onSubmit={submit} maw={720}>
      <Stack gap="md">
        <Select
          label={t('contracts.admin.entitlement')}
          description={t('contracts.admin.entitlementHint')}
          data={(['open', 'contract_required'] as const).map((value) => ({
            value,
            label: t(`contracts.entitlement.${value}`),
          }))}
          value={entitlement}
          onChange={(v) => v && setEntitlement(v as Settings['entitlement'])}
          allowDeselect={false}
          maw={420}
        />
        <NumberField
          label={t('contracts.admin.expiringDays')}
          unit={t('contracts.admin.daysUnit')}
          min={0}
          max={365}
          required
          value={days}
          onChange={setDays}
          maw={200}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('contracts.admin.rate', { currency: 'USD' })}
            description={t('contracts.admin.rateHint', { currency: 'USD' })}
            inputMode="decimal"
            value={usd}
            onChange={(e) => setUsd(e.currentTarget.value)}
            error={usdMinor === null || usdMinor === 0 ? t('contracts.form.amountInvalid') : undefined}
          />
          <TextInput
            label={t('contracts.admin.rate', { currency: 'MXN' })}
            description={t('contracts.admin.rateHint', { currency: 'MXN' })}
            inputMode="decimal"
            value={mxn}
            onChange={(e) => setMxn(e.currentTarget.value)}
            error={mxnMinor === null || mxnMinor === 0 ? t('contracts.form.amountInvalid') : undefined}
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending} disabled={!valid}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

export function ContractsAdmin() {
  const { t } = useTranslation();
  const settings = useQuery(settingsQuery);
  return (
    <Stack gap="lg">
      <Text c="dimmed" fz="sm">
        {t('contracts.admin.intro')}
      </Text>
      <section aria-labelledby="contracts-expiring">
        <Title order={2} fz="md" mb="xs" id="contracts-expiring">
          {t('contracts.admin.expiring')}
        </Title>
        <ContractList state="expiring" />
      </section>
      <section aria-labelledby="contracts-expired">
        <Title order={2} fz="md" mb="xs" id="contracts-expired">
          {t('contracts.admin.expired')}
        </Title>
        <ContractList state="expired" />
      </section>
      <section aria-labelledby="contracts-settings">
        <Title order={2} fz="md" mb="xs" id="contracts-settings">
          {t('contracts.admin.settings')}
        </Title>
        {settings.isPending ? (
          <LoadingLines />
        ) : settings.isError ? (
          <LoadError error={settings.error} onRetry={() => void settings.refetch()} />
        ) : (
          <ContractSettingsForm settings={settings.data} />
        )}
      </section>
    </Stack>
  );
}

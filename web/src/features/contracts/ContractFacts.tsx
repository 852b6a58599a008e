import { Alert, Badge, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Contract, ContractState } from '../../app/api-types.ts';
import { formatMoney } from './money.ts';

const STATE_COLORS: Record<ContractState, string> = {
  upcoming: 'blue',
  active: 'teal',
  expiring: 'yellow',
  expired: 'red',
};

export function ContractStateBadge({ state }: { state: ContractState }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={STATE_COLORS[state]} data-contract-state={state} style={{ flexShrink: 0 }}>
      {t(`contracts.state.${state}`)}
    </Badge>
  );
}

/** The amount due with tax in the contract's currency and, at the configured rate, in colones. */
export function AmountDue({ contract, size = 'sm' }: { contract: Contract; size?: 'xs' | 'sm' }) {
  const { t, i18n } = useTranslation();
  const due = contract.amountDue;
  const locale = i18n.language;
  return (
    <Stack gap={0}>
      <Text fz={size} fw={600} data-amount-due>
        {t('contracts.amountDue', { amount: formatMoney(due.totalMinor, due.currency, locale) })}
      </Text>
      <Text fz="xs" c="dimmed">
        {t('contracts.amountBreakdown', {
          amount: formatMoney(due.amountMinor, due.currency, locale),
          tax: formatMoney(due.taxMinor, due.currency, locale),
          rate: new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(contract.taxRateBp / 100),
        })}
      </Text>
      {due.currency !== 'CRC' && (
        <Text fz="xs" c="dimmed" data-amount-crc>
          {due.crc
            ? t('contracts.inCrc', { amount: formatMoney(due.crc.totalMinor, 'CRC', locale) })
            : t('contracts.noRate', { currency: due.currency })}
        </Text>
      )}
    </Stack>
  );
}

/** An expired contract is a warning the agent cannot miss (seed 004: maintenance gates support). */
export function ExpiredWarning({ contract }: { contract: Contract }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} aria-hidden="true" />} p="xs">
      <Text fz="sm">{t('contracts.expiredWarning', { plan: contract.planName, date: contract.endsOn })}</Text>
    </Alert>
  );
}

/** The contract that decides today: one in force (latest end), else the latest one. */
export function currentContract(contracts: Contract[]): Contract | undefined {
  const inForce = contracts.filter((c) => c.state === 'active' || c.state === 'expiring');
  const pool = inForce.length > 0 ? inForce : contracts;
  return [...pool].sort((a, b) => b.endsOn.localeCompare(a.endsOn))[0];
}

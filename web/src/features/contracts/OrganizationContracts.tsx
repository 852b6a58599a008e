import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCalendarPlus, IconPencil, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contract } from '../../app/api-types.ts';
import { LoadError, LoadingLines } from '../../app/ui/States.tsx';
import { useCurrentUser } from '../auth/useSession.ts';
import { organizationContractsQuery } from './api.ts';
import { AmountDue, ContractStateBadge, currentContract, ExpiredWarning } from './ContractFacts.tsx';
import { ContractFormModal } from './ContractFormModal.tsx';
import { ExtendContractModal } from './ExtendContractModal.tsx';

/** The organization page's contracts: state, amount due, and (admins, supervisors) add, edit, extend. */
export function OrganizationContracts({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const mayManage = me.role === 'admin' || me.role === 'supervisor';
  const contracts = useQuery(organizationContractsQuery(organizationId));
  const [adding, add] = useDisclosure(false);
  const [editing, setEditing] = useState<Contract | null>(null);
  const [extending, setExtending] = useState<Contract | null>(null);
  const items = contracts.data?.items ?? [];
  const current = currentContract(items);

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="contracts-title">
      <Group justify="space-between" mb="xs">
        <Title order={2} fz="sm" id="contracts-title">
          {t('contracts.title')}
        </Title>
        {mayManage && (
          <Button
            size="compact-sm"
            variant="light"
            leftSection={<IconPlus size={14} aria-hidden="true" />}
            onClick={add.open}
          >
            {t('contracts.add')}
          </Button>
        )}
      </Group>
      {contracts.isPending ? (
        <LoadingLines lines={2} height={16} />
      ) : contracts.isError ? (
        <LoadError error={contracts.error} onRetry={() => void contracts.refetch()} />
      ) : items.length === 0 ? (
        <Text fz="sm" c="dimmed">
          {t('contracts.none')}
        </Text>
      ) : (
        <Stack gap="md">
          {current?.state === 'expired' && <ExpiredWarning contract={current} />}
          {items.map((contract) => (
            <Stack key={contract.id} gap={4} data-contract={contract.planName}>
              <Group gap="xs" justify="space-between" wrap="nowrap">
                <Text fz="sm" fw={600}>
                  {contract.planName}
                </Text>
                <ContractStateBadge state={contract.state} />
              </Group>
              <Text fz="xs" c="dimmed">
                {t('contracts.dates', {
                  period: t(`contracts.period.${contract.period}`),
                  from: contract.startsOn,
                  to: contract.endsOn,
                })}
              </Text>
              <AmountDue contract={contract} />
              {mayManage && (
                <Group gap="xs" mt={4}>
                  <Button
                    size="compact-xs"
                    variant="default"
                    leftSection={<IconPencil size={12} aria-hidden="true" />}
                    onClick={() => setEditing(contract)}
                  >
                    {t('common.edit')}
                  </Button>
                  <Button
                    size="compact-xs"
                    variant="light"
                    color="orange"
                    leftSection={<IconCalendarPlus size={12} aria-hidden="true" />}
                    onClick={() => setExtending(contract)}
                  >
                    {t('contracts.extend.button')}
                  </Button>
                </Group>
              )}
            </Stack>
          ))}
        </Stack>
      )}
      {adding && <ContractFormModal opened onClose={add.close} organizationId={organizationId} />}
      {editing && (
        <ContractFormModal opened onClose={() => setEditing(null)} organizationId={organizationId} contract={editing} />
      )}
      {extending && <ExtendContractModal opened onClose={() => setExtending(null)} contract={extending} />}
    </Paper>
  );
}

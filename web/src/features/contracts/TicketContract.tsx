import { Button, Group, Skeleton, Stack, Text } from '@mantine/core';
import { IconCalendarPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../auth/useSession.ts';
import { organizationContractsQuery } from './api.ts';
import { AmountDue, ContractStateBadge, currentContract, ExpiredWarning } from './ContractFacts.tsx';
import { ExtendContractModal } from './ExtendContractModal.tsx';

/** The ticket's side panel: the requester's organization's contract, so the agent knows at once. */
export function TicketContract({ organizationId, ticketNumber }: { organizationId: string; ticketNumber: string }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const contracts = useQuery(organizationContractsQuery(organizationId));
  const [extending, setExtending] = useState(false);
  if (contracts.isPending) return <Skeleton height={36} />;
  if (contracts.isError) return null;
  const contract = currentContract(contracts.data.items);
  if (!contract) {
    return (
      <Text fz="xs" c="dimmed" data-ticket-contract="none">
        {t('contracts.none')}
      </Text>
    );
  }
  return (
    <Stack gap={4} data-ticket-contract={contract.state}>
      <Group gap={6} wrap="nowrap">
        <Text fz="xs" fw={600}>
          {t('contracts.contract', { plan: contract.planName })}
        </Text>
        <ContractStateBadge state={contract.state} />
      </Group>
      {contract.state === 'expired' && <ExpiredWarning contract={contract} />}
      <AmountDue contract={contract} size="xs" />
      {(me.role === 'admin' || me.role === 'supervisor') && (
        <Group>
          <Button
            size="compact-xs"
            variant="light"
            color="orange"
            leftSection={<IconCalendarPlus size={12} aria-hidden="true" />}
            onClick={() => setExtending(true)}
          >
            {t('contracts.extend.button')}
          </Button>
        </Group>
      )}
      {extending && (
        <ExtendContractModal
          opened
          onClose={() => setExtending(false)}
          contract={contract}
          ticketNumber={ticketNumber}
        />
      )}
    </Stack>
  );
}

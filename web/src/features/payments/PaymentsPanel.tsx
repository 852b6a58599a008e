import { Alert, Badge, Button, Group, List, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCalendarPlus, IconCheck, IconMessagePlus, IconReceipt, IconX } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Payment } from '../../app/api-types.ts';
import { errorMessage } from '../../app/error-message.ts';
import { AnchorLink } from '../../app/ui/links.tsx';
import { useCurrentUser } from '../auth/useSession.ts';
import { contractKeys, organizationContractsQuery } from '../contracts/api.ts';
import { ExtendContractModal } from '../contracts/ExtendContractModal.tsx';
import { formatMoney } from '../contracts/money.ts';
import { advancePayment, type PaymentStep, paymentKeys, ticketPaymentsQuery } from './api.ts';

const STATE_COLORS: Record<Payment['state'], string> = {
  recorded: 'gray',
  sent_to_accounting: 'blue',
  verified: 'yellow',
  applied: 'teal',
};

const STEP_OF: Record<Payment['actions'][number], PaymentStep> = {
  send_to_accounting: 'send-to-accounting',
  verify: 'verify',
  apply: 'apply',
};

/**
 * The payments of a ticket (seed 002): the receipt's checks ✓/✗, the amounts in the contract's
 * currency and in colones, the next step of the workflow, and the script that fits, for the composer.
 */
export function PaymentsPanel({
  ticketId,
  ticketNumber,
  onUseScript,
}: {
  ticketId: string;
  ticketNumber: string;
  onUseScript: (text: string) => void;
}) {
  const { t } = useTranslation();
  const payments = useQuery(ticketPaymentsQuery(ticketId));
  if (!payments.data || payments.data.items.length === 0) return null;
  return (
    <Stack gap="sm" component="section" aria-label={t('payments.title')}>
      <Title order={2} fz="md">
        {t('payments.title')}
      </Title>
      {payments.data.items.map((payment) => (
        <PaymentCard
          key={payment.id}
          payment={payment}
          ticketId={ticketId}
          ticketNumber={ticketNumber}
          onUseScript={onUseScript}
        />
      ))}
    </Stack>
  );
}

function PaymentCard({
  payment,
  ticketId,
  ticketNumber,
  onUseScript,
}: {
  payment: Payment;
  ticketId: string;
  ticketNumber: string;
  onUseScript: (text: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const locale = i18n.language;
  const [extending, setExtending] = useState(false);
  const step = useMutation({
    mutationFn: (next: PaymentStep) => advancePayment(payment.id, next),
    onSuccess: (updated) => {
      queryClient.setQueryData(paymentKeys.ofTicket(ticketId), (current: { items: Payment[] } | undefined) =>
        current ? { items: current.items.map((p) => (p.id === updated.id ? updated : p)) } : current,
      );
      void queryClient.invalidateQueries({ queryKey: contractKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['tickets'] });
    },
  });
  const expired = payment.checks.some((c) => c.key === 'contract' && c.reason === 'contract_expired');
  const mayExtend = expired && (me.role === 'admin' || me.role === 'supervisor') && payment.organizationId !== null;
  const contracts = useQuery({
    ...organizationContractsQuery(payment.organizationId ?? ''),
    enabled: mayExtend,
  });
  const contract = contracts.data?.items.find((c) => c.id === payment.contractId);
  const due = payment.contract?.amountDue;

  return (
    <Paper withBorder radius="md" p="md" data-payment={payment.id} data-payment-state={payment.state}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Group gap="xs">
            <IconReceipt size={18} aria-hidden="true" />
            <Text fw={600} data-payment-amount>
              {formatMoney(payment.amountMinor, payment.currency, locale)}
            </Text>
            <Text fz="sm" c="dimmed">
              {t('payments.paidBy', { payer: payment.payerName, date: payment.paidOn })}
            </Text>
          </Group>
          <Badge color={STATE_COLORS[payment.state]} variant="light" data-payment-state-label>
            {t(`payments.state.${payment.state}`)}
          </Badge>
        </Group>
        {payment.contract && due && (
          <Text fz="sm" data-payment-due>
            {t('payments.due', {
              plan: payment.contract.planName,
              amount: formatMoney(due.totalMinor, due.currency, locale),
            })}
            {due.crc && due.currency !== 'CRC' && ` · ${formatMoney(due.crc.totalMinor, 'CRC', locale)}`}
            {' · '}
            {t('payments.endsOn', { date: payment.contract.endsOn })}
          </Text>
        )}
        <List spacing={4} size="sm" center data-payment-checks>
          {payment.checks.map((check) => (
            <List.Item
              key={check.key}
              data-check={check.key}
              data-ok={check.ok}
              icon={
                <ThemeIcon size={18} radius="xl" color={check.ok ? 'teal' : 'red'} variant="light">
                  {check.ok ? <IconCheck size={12} aria-label="✓" /> : <IconX size={12} aria-label="✗" />}
                </ThemeIcon>
              }
            >
              {check.message}
            </List.Item>
          ))}
        </List>
        {payment.accountingTicketNumber && payment.accountingTicketNumber !== ticketNumber && (
          <Text fz="sm">
            {t('payments.accountingTicket')}{' '}
            <AnchorLink to="/tickets/$ticketRef" params={{ ticketRef: payment.accountingTicketNumber }}>
              {payment.accountingTicketNumber}
            </AnchorLink>
          </Text>
        )}
        {payment.ticketNumber !== ticketNumber && (
          <Text fz="sm">
            {t('payments.originalTicket')}{' '}
            <AnchorLink to="/tickets/$ticketRef" params={{ ticketRef: payment.ticketNumber }}>
              {payment.ticketNumber}
            </AnchorLink>
          </Text>
        )}
        {step.isError && (
          <Alert color="red" variant="light" role="alert">
            {errorMessage(t, step.error)}
          </Alert>
        )}
        <Group gap="xs" wrap="wrap">
          {payment.actions.map((action) => (
            <Button
              key={action}
              size="xs"
              variant={action === 'send_to_accounting' && payment.state === 'sent_to_accounting' ? 'default' : 'filled'}
              loading={step.isPending && step.variables === STEP_OF[action]}
              onClick={() => step.mutate(STEP_OF[action])}
            >
              {t(
                action === 'send_to_accounting' && payment.state === 'sent_to_accounting'
                  ? 'payments.actions.resend'
                  : `payments.actions.${action}`,
              )}
            </Button>
          ))}
          {payment.script && (
            <Button
              size="xs"
              variant="light"
              leftSection={<IconMessagePlus size={14} aria-hidden="true" />}
              onClick={() => payment.script && onUseScript(payment.script.body)}
              data-script={payment.script.key}
            >
              {t('payments.useScript', { name: payment.script.name })}
            </Button>
          )}
          {mayExtend && contract && (
            <Button
              size="xs"
              variant="light"
              color="orange"
              leftSection={<IconCalendarPlus size={14} aria-hidden="true" />}
              onClick={() => setExtending(true)}
            >
              {t('contracts.extend.button')}
            </Button>
          )}
        </Group>
        {payment.audit.appliedBy && (
          <Text fz="xs" c="dimmed">
            {t('payments.appliedBy', { name: payment.audit.appliedBy })}
          </Text>
        )}
      </Stack>
      {extending && contract && (
        <ExtendContractModal
          opened
          onClose={() => setExtending(false)}
          contract={contract}
          ticketNumber={ticketNumber}
        />
      )}
    </Paper>
  );
}

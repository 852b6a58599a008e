import { Badge, Button, Group, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCheck, IconChecks, IconClockHour4, IconRefresh } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Message } from '../../app/api-types.ts';
import { errorMessage } from '../../app/error-message.ts';
import { useFormat } from '../../app/useFormat.ts';
import { retryDelivery } from './api.ts';
import { ticketKeys } from './queries.ts';

type Delivery = NonNullable<Message['delivery']>;

const LOOK = {
  queued: { color: 'gray', Icon: IconClockHour4 },
  retrying: { color: 'orange', Icon: IconAlertTriangle },
  sent: { color: 'teal', Icon: IconCheck },
  delivered: { color: 'teal', Icon: IconChecks },
  // WhatsApp's blue ticks.
  read: { color: 'blue', Icon: IconChecks },
  failed: { color: 'red', Icon: IconAlertTriangle },
} as const;

/**
 * Where an outgoing reply's mail is (issue 13): in words, with the server's reason when it failed
 * and a retry that sends it now.
 */
export function DeliveryStatus({ message }: { message: Message & { delivery: Delivery } }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const { delivery } = message;
  const retry = useMutation({
    mutationFn: () => retryDelivery(message.ticketId, message.id),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ticketKeys.part(message.ticketId, 'messages') }),
    onError: (error) =>
      notifications.show({ color: 'red', title: t('delivery.retryFailed'), message: errorMessage(t, error) }),
  });
  const { color, Icon } = LOOK[delivery.state];
  const settled = delivery.state !== 'queued' && delivery.state !== 'retrying';
  const when = settled
    ? delivery.settledAt && format.dateTime(delivery.settledAt)
    : delivery.nextAttemptAt && format.relative(delivery.nextAttemptAt);
  const detail = t(`delivery.detail.${delivery.bounced ? 'bounced' : delivery.state}`, {
    when: when ?? '',
    attempts: delivery.attempts,
  });
  return (
    <Group gap={6} mt="xs" wrap="wrap" data-testid="delivery">
      <Tooltip label={detail} withinPortal multiline maw={320}>
        <Badge size="sm" variant="light" color={color} leftSection={<Icon size={12} aria-hidden="true" />}>
          {t(`delivery.state.${delivery.state}`)}
        </Badge>
      </Tooltip>
      {delivery.error && (delivery.state === 'retrying' || delivery.state === 'failed') && (
        <Text fz="xs" c={color} style={{ overflowWrap: 'anywhere' }}>
          {t('delivery.reason', { error: delivery.error })}
        </Text>
      )}
      {(delivery.state === 'retrying' || delivery.state === 'failed') && (
        <Button
          size="compact-xs"
          variant="light"
          color={color}
          leftSection={<IconRefresh size={12} aria-hidden="true" />}
          loading={retry.isPending}
          onClick={() => retry.mutate()}
        >
          {t('delivery.retry')}
        </Button>
      )}
    </Group>
  );
}

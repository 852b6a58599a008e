import { Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Ticket } from '../../app/api-types.ts';
import { LoadError, LoadingLines } from '../../app/ui/States.tsx';
import { useFormat } from '../../app/useFormat.ts';
import type { SlaTarget } from './api.ts';
import { slaQuery } from './queries.ts';
import { SlaBadge } from './SlaBadges.tsx';

/** Every SLA target of the ticket (first reply, next reply, update, resolution): state, time left, due. */
export function SlaPanel({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const sla = useQuery(slaQuery(ticket.id));

  if (sla.isPending) return <LoadingLines lines={2} height={20} />;
  if (sla.isError) return <LoadError error={sla.error} onRetry={() => void sla.refetch()} />;
  if (sla.data.items.length === 0) {
    return (
      <Text fz="sm" c="dimmed">
        {t('sla.panel.none')}
      </Text>
    );
  }
  return (
    <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: 'none' }} aria-label={t('sla.panel.label')}>
      {sla.data.items.map((target) => (
        <TargetRow key={target.metric} target={target} />
      ))}
    </Stack>
  );
}

function TargetRow({ target }: { target: SlaTarget }) {
  const { t } = useTranslation();
  const format = useFormat();
  const metric = t(`automation.sla.metrics.${target.metric}`);
  const when =
    target.state === 'met' && target.metAt
      ? t('sla.panel.metAt', { time: format.dateTime(target.metAt) })
      : target.state === 'paused'
        ? t('sla.panel.paused')
        : target.dueAt
          ? t('sla.dueAt', { time: format.dateTime(target.dueAt) })
          : null;
  return (
    <li data-sla-metric={target.metric} aria-label={metric}>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text fz="sm" fw={600}>
          {metric}
        </Text>
        {/* The same badge as the queues and the page header, fed one target instead of the nearest. */}
        <SlaBadge ticket={{ slaState: target.state, slaDueAt: target.dueAt }} />
      </Group>
      {when && (
        <Text fz="xs" c="dimmed">
          {when}
        </Text>
      )}
      <Text fz="xs" c="dimmed">
        {target.policyName ? t('sla.panel.policy', { name: target.policyName }) : t('sla.panel.policyRemoved')}
        {' · '}
        {t('sla.panel.startedAt', { time: format.dateTime(target.startedAt) })}
      </Text>
    </li>
  );
}

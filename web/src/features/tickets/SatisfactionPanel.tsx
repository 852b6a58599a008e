import { Badge, Stack, Text } from '@mantine/core';
import { IconMoodHappy, IconMoodSad } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Ticket } from '../../app/api-types.ts';
import { useFormat } from '../../app/useFormat.ts';

/** The requester's answer to the satisfaction survey, as the solved mail's link or the portal left it. */
export function SatisfactionPanel({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const format = useFormat();
  const satisfaction = ticket.satisfaction;
  if (!satisfaction) {
    return (
      <Text fz="sm" c="dimmed">
        {t('satisfaction.panel.none')}
      </Text>
    );
  }
  const good = satisfaction.rating === 'good';
  return (
    <Stack gap={6} data-satisfaction={satisfaction.rating}>
      <Badge
        size="lg"
        variant="light"
        color={good ? 'teal' : 'red'}
        leftSection={
          good ? <IconMoodHappy size={16} aria-hidden="true" /> : <IconMoodSad size={16} aria-hidden="true" />
        }
        style={{ alignSelf: 'flex-start' }}
      >
        {t(`satisfaction.ratings.${satisfaction.rating}`)}
      </Badge>
      <Text fz="sm" fs={satisfaction.comment ? undefined : 'italic'} c={satisfaction.comment ? undefined : 'dimmed'}>
        {satisfaction.comment ?? t('satisfaction.panel.noComment')}
      </Text>
      <Text fz="xs" c="dimmed">
        {t('satisfaction.panel.ratedAt', { date: format.dateTime(satisfaction.ratedAt) })}
      </Text>
    </Stack>
  );
}

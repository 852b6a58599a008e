import { Badge, type BadgeProps, type MantineColor, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconCircleCheck, IconClockExclamation, IconClockHour4, IconClockPause } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/useFormat.ts';
import { type SlaDisplayState, slaClock, splitDuration } from './sla-time.ts';

const SLA_STYLE: Record<SlaDisplayState, { color: MantineColor; variant: 'filled' | 'light' | 'outline' }> = {
  ok: { color: 'teal', variant: 'light' },
  warning: { color: 'orange', variant: 'filled' },
  breached: { color: 'red', variant: 'filled' },
  met: { color: 'teal', variant: 'outline' },
  paused: { color: 'gray', variant: 'light' },
};

const SLA_ICON = {
  ok: IconClockHour4,
  warning: IconClockExclamation,
  breached: IconClockExclamation,
  met: IconCircleCheck,
  paused: IconClockPause,
} as const;

/** The current time, refreshed every half minute, so countdowns move without a reload. */
function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}

type Ticket = { slaState?: string | null; slaDueAt?: string | null };

/**
 * Time left on the ticket's nearest SLA target ("1 h 20 min", "vencido hace 3 h"), coloured by
 * its state; the state is also in words for screen readers and in the tooltip, never colour alone.
 */
export function SlaBadge({ ticket, size = 'sm' }: { ticket: Ticket; size?: BadgeProps['size'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const now = useNow();
  const clock = slaClock(ticket, now);
  if (!clock) return null;

  const duration = (minutes: number) => {
    const { days, hours, minutes: mins } = splitDuration(minutes);
    if (days > 0) return hours > 0 ? t('sla.duration.daysHours', { days, hours }) : t('sla.duration.days', { days });
    if (hours > 0)
      return mins > 0 ? t('sla.duration.hoursMinutes', { hours, minutes: mins }) : t('sla.duration.hours', { hours });
    return t('sla.duration.minutes', { minutes: mins });
  };
  const text =
    clock.minutesLeft === null
      ? t(`sla.short.${clock.state}`)
      : clock.minutesLeft < 0
        ? t('sla.overdue', { duration: duration(clock.minutesLeft) })
        : duration(clock.minutesLeft);
  const stateWords = t(`sla.state.${clock.state}`);
  const label = clock.minutesLeft === null ? stateWords : `${t('sla.label')}: ${text} (${stateWords})`;
  const style = SLA_STYLE[clock.state];
  const Icon = SLA_ICON[clock.state];
  const tooltip = ticket.slaDueAt ? `${label} · ${t('sla.dueAt', { time: format.dateTime(ticket.slaDueAt) })}` : label;

  return (
    <Tooltip label={tooltip} withinPortal>
      <Badge
        color={style.color}
        variant={style.variant}
        size={size}
        radius="sm"
        tt="none"
        fw={600}
        leftSection={<Icon size={12} aria-hidden="true" />}
        style={{ flexShrink: 0 }}
        data-sla-state={clock.state}
      >
        {clock.minutesLeft !== null && <VisuallyHidden>{t('sla.label')}: </VisuallyHidden>}
        {text}
        {clock.minutesLeft !== null && <VisuallyHidden> ({stateWords})</VisuallyHidden>}
      </Badge>
    </Tooltip>
  );
}

/** 003 (OpenPyme): 24 h without a mail or note turns a ticket red; the words say it too. */
export function StaleBadge({
  stale,
  size = 'sm',
  variant = 'outline',
}: {
  stale?: boolean;
  size?: BadgeProps['size'];
  variant?: 'outline' | 'filled';
}) {
  const { t } = useTranslation();
  if (!stale) return null;
  return (
    <Tooltip label={t('sla.staleHint')} withinPortal>
      <Badge
        color="red"
        variant={variant}
        size={size}
        radius="sm"
        tt="none"
        fw={600}
        data-stale-badge
        style={{ flexShrink: 0 }}
      >
        {t('sla.stale')}
      </Badge>
    </Tooltip>
  );
}

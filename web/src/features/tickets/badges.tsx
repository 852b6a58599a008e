import { Badge, type BadgeProps, Group, type MantineColor, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import {
  IconAlertTriangle,
  IconBrandSkype,
  IconBrandWhatsapp,
  IconBrandWindows,
  IconFlagFilled,
  IconHeadset,
  IconLock,
  IconMail,
  IconMessageCircle,
  IconPhone,
  IconSchool,
  IconTag,
  IconWorld,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Channel, Flag, Priority, StatusCategory } from '../../app/api-types.ts';

// Red and orange stay free for SLA warnings and stale tickets (003); statuses use calm colours.
const STATUS_COLORS: Record<StatusCategory, MantineColor> = {
  new: 'yellow',
  open: 'indigo',
  pending: 'cyan',
  on_hold: 'grape',
  solved: 'teal',
  closed: 'gray',
};

export function statusColor(category: string): MantineColor {
  return STATUS_COLORS[category as StatusCategory] ?? 'gray';
}

/** The status by its configured name (NUEVO, EN PROGRESO…), coloured by its fixed category. */
export function StatusBadge({
  name,
  category,
  size = 'sm',
}: {
  name: string;
  category: string;
  size?: BadgeProps['size'];
}) {
  return (
    <Badge color={statusColor(category)} variant="light" size={size} radius="sm" maw="100%" style={{ flexShrink: 0 }}>
      {name}
    </Badge>
  );
}

/** 003: a ticket waiting for its account's turn shows its place in the line ("N.º 2 en la fila"). */
export function QueuePositionBadge({
  position,
  size = 'sm',
}: {
  position: number | null | undefined;
  size?: BadgeProps['size'];
}) {
  const { t } = useTranslation();
  if (!position) return null;
  return (
    <Tooltip label={t('ticket.queuePositionHint')}>
      <Badge
        color="grape"
        variant="outline"
        size={size}
        radius="sm"
        style={{ flexShrink: 0 }}
        data-queue-position={position}
      >
        {t('ticket.queuePosition', { position })}
      </Badge>
    </Tooltip>
  );
}

const PRIORITY_STYLE: Record<Priority, { color: MantineColor; variant: 'filled' | 'light' | 'outline' }> = {
  baja: { color: 'gray', variant: 'outline' },
  normal: { color: 'gray', variant: 'light' },
  alta: { color: 'orange', variant: 'light' },
  urgente: { color: 'red', variant: 'light' },
  critica: { color: 'red', variant: 'filled' },
};

export function PriorityBadge({ priority, size = 'sm' }: { priority: string; size?: BadgeProps['size'] }) {
  const { t } = useTranslation();
  const style = PRIORITY_STYLE[priority as Priority] ?? PRIORITY_STYLE.normal;
  const urgent = priority === 'urgente' || priority === 'critica';
  return (
    <Badge
      color={style.color}
      variant={style.variant}
      size={size}
      radius="sm"
      tt="none"
      fw={600}
      leftSection={urgent ? <IconAlertTriangle size={12} aria-hidden="true" /> : undefined}
      style={{ flexShrink: 0 }}
    >
      {t(`ticket.priority.${priority as Priority}`, { defaultValue: priority })}
    </Badge>
  );
}

const FLAG_COLORS: Record<Flag, MantineColor> = { orange: 'orange', blue: 'blue', green: 'green' };

export function flagColor(flag: Flag): string {
  return `var(--mantine-color-${FLAG_COLORS[flag]}-6)`;
}

/**
 * The weknow flag (001): orange = pending resolution, blue = the assignee is on it, green = ready
 * for review and closing. No flag draws nothing visible but still reads "no flag".
 */
export function FlagMark({ flag, size = 16 }: { flag: string | null; size?: number }) {
  const { t } = useTranslation();
  if (!flag || !(flag in FLAG_COLORS)) {
    return <VisuallyHidden data-flag="none">{t('ticket.flag.none')}</VisuallyHidden>;
  }
  const label = `${t(`ticket.flag.${flag as Flag}`)}: ${t(`ticket.flag.meaning.${flag as Flag}`)}`;
  return (
    <Tooltip label={label} withinPortal>
      <span role="img" aria-label={label} data-flag={flag} style={{ display: 'inline-flex', lineHeight: 0 }}>
        <IconFlagFilled size={size} color={flagColor(flag as Flag)} aria-hidden="true" />
      </span>
    </Tooltip>
  );
}

const CHANNEL_ICONS: Record<Channel, typeof IconMail> = {
  email: IconMail,
  portal: IconWorld,
  whatsapp: IconBrandWhatsapp,
  phone: IconPhone,
  chat: IconMessageCircle,
  skype: IconBrandSkype,
  teams: IconBrandWindows,
  advisory: IconSchool,
  internal: IconLock,
};

export function ChannelIcon({ channel, size = 16 }: { channel: string; size?: number }) {
  const { t } = useTranslation();
  const Icon = CHANNEL_ICONS[channel as Channel] ?? IconHeadset;
  const label = t(`ticket.channel.${channel as Channel}`, { defaultValue: channel });
  return (
    <Tooltip label={label} withinPortal>
      <span role="img" aria-label={label} style={{ display: 'inline-flex', lineHeight: 0 }}>
        <Icon size={size} stroke={1.6} aria-hidden="true" />
      </span>
    </Tooltip>
  );
}

/**
 * A ticket's category named with its kind (issue 13): categories called "Alta" or "Baja" read as
 * priorities when shown bare, so a tag icon and "Categoría:" (spoken, and visible where `withKind`)
 * go with the name. Never a badge, which is how priorities look.
 */
export function CategoryLabel({ name, withKind = false }: { name: string; withKind?: boolean }) {
  const { t } = useTranslation();
  const kind = t('ticket.fields.category');
  return (
    <Group gap={4} wrap="nowrap" title={`${kind}: ${name}`} style={{ minWidth: 0 }} data-category={name}>
      <IconTag size={13} stroke={1.7} aria-hidden="true" style={{ flexShrink: 0 }} />
      <Text fz="inherit" truncate="end">
        {withKind ? (
          <Text span fz="inherit" c="dimmed">{`${kind}: `}</Text>
        ) : (
          <VisuallyHidden>{`${kind}: `}</VisuallyHidden>
        )}
        {name}
      </Text>
    </Group>
  );
}

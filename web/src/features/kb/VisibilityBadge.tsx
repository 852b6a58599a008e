import { Badge } from '@mantine/core';
import { IconLock, IconWorld } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { KbVisibility } from './api.ts';

/** Public (help centre and portal) or internal (agents only): said with words, not colour alone. */
export function VisibilityBadge({ visibility }: { visibility: KbVisibility }) {
  const { t } = useTranslation();
  const Icon = visibility === 'public' ? IconWorld : IconLock;
  return (
    <Badge
      variant="light"
      color={visibility === 'public' ? 'teal' : 'gray'}
      leftSection={<Icon size={12} aria-hidden="true" />}
      style={{ flexShrink: 0 }}
    >
      {t(`kb.visibility.${visibility}`)}
    </Badge>
  );
}

import { Avatar, Group, Paper, Text } from '@mantine/core';
import { IconEye, IconPencil } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { PresenceViewer } from '../../app/api-types.ts';
import { PersonAvatar } from '../../app/ui/AgentAvatar.tsx';

/**
 * Agent collision: who else has this ticket open, and who is writing on it right now, so two
 * people do not answer the same customer at once.
 */
export function PresenceBar({ viewers }: { viewers: PresenceViewer[] }) {
  const { t } = useTranslation();
  // One line per agent even with two tabs open; typing wins over viewing.
  const byAgent = new Map<string, PresenceViewer>();
  for (const viewer of viewers) {
    const known = byAgent.get(viewer.agentId);
    if (!known || viewer.state === 'typing') byAgent.set(viewer.agentId, viewer);
  }
  const people = [...byAgent.values()];
  const typing = people.filter((p) => p.state === 'typing');
  const viewing = people.filter((p) => p.state !== 'typing');

  return (
    <div role="status" aria-live="polite" data-testid="presence">
      {people.length > 0 && (
        <Paper
          withBorder
          radius="md"
          px="sm"
          py={6}
          bg={typing.length > 0 ? 'var(--mantine-color-orange-0)' : 'var(--mantine-color-blue-0)'}
        >
          <Group gap="sm" wrap="nowrap">
            <Avatar.Group spacing={6}>
              {people.map((p) => (
                <PersonAvatar key={p.agentId} name={p.name} initials={p.initials} id={p.agentId} size={26} />
              ))}
            </Avatar.Group>
            <Group gap={6} wrap="nowrap">
              {typing.length > 0 ? (
                <IconPencil size={16} aria-hidden="true" color="var(--mantine-color-orange-8)" />
              ) : (
                <IconEye size={16} aria-hidden="true" color="var(--mantine-color-blue-8)" />
              )}
              <Text fz="sm">
                {typing.length > 0 &&
                  t('presence.typing', { names: typing.map((p) => p.name).join(', '), count: typing.length })}
                {typing.length > 0 && viewing.length > 0 && ' · '}
                {viewing.length > 0 &&
                  t('presence.viewing', { names: viewing.map((p) => p.name).join(', '), count: viewing.length })}
              </Text>
            </Group>
          </Group>
        </Paper>
      )}
    </div>
  );
}

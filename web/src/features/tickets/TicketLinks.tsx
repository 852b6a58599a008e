import { Group, Text } from '@mantine/core';
import { IconArrowMerge, IconArrowsSplit, IconCornerDownRight } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../app/ui/links.tsx';
import { linksQuery } from './queries.ts';

type Ref = { id: string; number: string };
type LinkKind = 'mergedInto' | 'mergedFrom' | 'splitFrom' | 'splitInto' | 'followUpOf' | 'followUps';

/**
 * The tickets this one was merged into or from, split from or into, follows up or is followed up
 * by (accounting's ticket and the customer's), under its title: an agent
 * who lands on one of them sees at once where the rest of the conversation is.
 */
export function TicketLinks({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const links = useQuery(linksQuery(ticketId)).data;
  if (!links) return null;
  const merge = <IconArrowMerge size={14} aria-hidden="true" />;
  const split = <IconArrowsSplit size={14} aria-hidden="true" />;
  const followUp = <IconCornerDownRight size={14} aria-hidden="true" />;
  const lines: [LinkKind, Ref[], ReactNode][] = [
    ['mergedInto', links.mergedInto ? [links.mergedInto] : [], merge],
    ['mergedFrom', links.mergedFrom, merge],
    ['splitFrom', links.splitFrom ? [links.splitFrom] : [], split],
    ['splitInto', links.splitInto, split],
    ['followUpOf', links.followUpOf ? [links.followUpOf] : [], followUp],
    ['followUps', links.followUps, followUp],
  ];
  const shown = lines.filter(([, refs]) => refs.length > 0);
  if (shown.length === 0) return null;
  return (
    <Group gap="md" mt={4} role="group" aria-label={t('ticket.links')}>
      {shown.map(([label, refs, icon]) => (
        <Group key={label} gap={4} wrap="nowrap" c="dimmed">
          {icon}
          <Text fz="sm">
            {t(`history.links.${label}`)}{' '}
            {refs.map((ref, index) => (
              <span key={ref.id}>
                {index > 0 && ', '}
                <AnchorLink to="/tickets/$ticketRef" params={{ ticketRef: ref.number }} fz="sm" fw={600}>
                  {ref.number}
                </AnchorLink>
              </span>
            ))}
          </Text>
        </Group>
      ))}
    </Group>
  );
}

import { Anchor, Badge, Group, Skeleton, Stack, Text } from '@mantine/core';
import { IconBrandWhatsapp, IconBuilding, IconMail, IconPhone } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Ticket } from '../../app/api-types.ts';
import { PersonAvatar } from '../../app/ui/AgentAvatar.tsx';
import { AnchorLink } from '../../app/ui/links.tsx';
import { contactQuery } from '../contacts/api.ts';
import { TicketContract } from '../contracts/TicketContract.tsx';
import { organizationQuery } from '../organizations/api.ts';
import { WelcomeButton } from '../whatsapp/WhatsappHabits.tsx';

/** Who asked and for which company: enough to answer without leaving the ticket. */
export function CustomerPanel({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const contact = useQuery(contactQuery(ticket.requesterId));
  const organization = useQuery({
    ...organizationQuery(ticket.organizationId ?? ''),
    enabled: !!ticket.organizationId,
  });

  return (
    <Stack gap="md">
      {contact.isPending ? (
        <Skeleton height={60} />
      ) : contact.data ? (
        <Stack gap={6}>
          <Group gap="sm" wrap="nowrap">
            <PersonAvatar name={contact.data.name} id={contact.data.id} size={38} tooltip={false} />
            <div style={{ minWidth: 0 }}>
              <AnchorLink to="/contacts/$contactId" params={{ contactId: contact.data.id }} fw={600} fz="sm">
                {contact.data.name}
              </AnchorLink>
              {contact.data.title && (
                <Text fz="xs" c="dimmed">
                  {contact.data.title}
                </Text>
              )}
            </div>
          </Group>
          {contact.data.emails.map((e) => (
            <Group key={e.email} gap={6} wrap="nowrap">
              <IconMail size={14} aria-hidden="true" />
              <Anchor href={`mailto:${e.email}`} fz="sm" truncate="end">
                {e.email}
              </Anchor>
            </Group>
          ))}
          {contact.data.phones.map((p) => (
            <Group key={p.phone} gap={6} wrap="nowrap">
              {p.whatsapp ? (
                <IconBrandWhatsapp size={14} aria-label={t('ticket.channel.whatsapp')} />
              ) : (
                <IconPhone size={14} aria-hidden="true" />
              )}
              <Anchor href={`tel:${p.phone}`} fz="sm">
                {p.phone}
              </Anchor>
            </Group>
          ))}
          <Group>
            <WelcomeButton ticketId={ticket.id} />
          </Group>
          <Text fz="xs" c="dimmed">
            {t('customer.openTickets', { count: contact.data.openTicketCount })}
          </Text>
        </Stack>
      ) : (
        <Text fz="sm" c="dimmed">
          {t('customer.unknownRequester')}
        </Text>
      )}

      {ticket.organizationId &&
        (organization.isPending ? (
          <Skeleton height={48} />
        ) : organization.data ? (
          <Stack gap={4} pt="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
            <Group gap={6} wrap="nowrap">
              <IconBuilding size={16} aria-hidden="true" />
              <AnchorLink
                to="/organizations/$organizationId"
                params={{ organizationId: organization.data.id }}
                fw={600}
                fz="sm"
              >
                {organization.data.name}
              </AnchorLink>
              <Badge size="xs" variant="light" color={organization.data.tier === 'special' ? 'grape' : 'gray'}>
                {t(`organization.tier.${organization.data.tier}`)}
              </Badge>
            </Group>
            {organization.data.code && (
              <Text fz="xs" c="dimmed">
                {t('organization.code')}: {organization.data.code}
              </Text>
            )}
            {organization.data.accountLeader && (
              <Text fz="xs" c="dimmed">
                {t('organization.accountLeader')}: {organization.data.accountLeader.name}
              </Text>
            )}
            <Text fz="xs" c="dimmed">
              {t('customer.openTickets', { count: organization.data.openTicketCount })}
            </Text>
            <TicketContract organizationId={organization.data.id} ticketNumber={ticket.number} />
          </Stack>
        ) : null)}
    </Stack>
  );
}

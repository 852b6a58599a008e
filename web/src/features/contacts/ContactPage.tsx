import { Alert, Anchor, Badge, Button, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import {
  IconArrowMerge,
  IconBrandWhatsapp,
  IconBuilding,
  IconDoorEnter,
  IconMail,
  IconPencil,
  IconPhone,
} from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api.ts';
import { ErrorView } from '../../app/ErrorPage.tsx';
import { errorMessage } from '../../app/error-message.ts';
import { PersonAvatar } from '../../app/ui/AgentAvatar.tsx';
import { AnchorLink } from '../../app/ui/links.tsx';
import { LoadError, LoadingLines } from '../../app/ui/States.tsx';
import { useFormat } from '../../app/useFormat.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { FilteredTickets } from '../tickets/FilteredTickets.tsx';
import { contactQuery, inviteToPortal, portalAccessQuery } from './api.ts';
import { ContactFormModal } from './ContactFormModal.tsx';
import { ContactMergeDialog } from './ContactMergeDialog.tsx';
import { PortalAccessControl } from './PortalAccessControl.tsx';

/** One customer: how to reach them, their company and role, and all their tickets. */
export function ContactPage() {
  const { t } = useTranslation();
  const { contactId } = useParams({ from: '/console/contacts/$contactId' });
  const contact = useQuery(contactQuery(contactId));
  // A contact whose access was turned off is re-activated first, not invited (the server refuses it).
  const portalAccess = useQuery({
    ...portalAccessQuery(contactId),
    enabled: contact.data !== undefined && !contact.data.mergedIntoId,
  });
  const [editing, edit] = useDisclosure(false);
  const [merging, mergeDialog] = useDisclosure(false);
  const format = useFormat();
  const invite = useMutation({
    mutationFn: () => inviteToPortal(contactId),
    onSuccess: (sent) =>
      notifications.show({
        color: 'teal',
        message: t('contacts.portal.invited', { email: sent.sentTo, until: format.dateTime(sent.expiresAt) }),
      }),
    onError: (error) =>
      notifications.show({ color: 'red', title: t('contacts.portal.inviteFailed'), message: errorMessage(t, error) }),
  });
  usePageTitle(contact.data?.name ?? t('sections.contacts.title'));

  if (contact.isPending) return <LoadingLines lines={4} />;
  if (contact.isError) {
    if (isApiError(contact.error) && contact.error.status === 404) return <ErrorView kind="notFound" />;
    return <LoadError error={contact.error} onRetry={() => void contact.refetch()} />;
  }
  const c = contact.data;
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <Group gap="md" wrap="nowrap">
          <PersonAvatar name={c.name} id={c.id} size={56} tooltip={false} />
          <div>
            <Title order={1} fz={{ base: 22, sm: 26 }}>
              {c.name}
            </Title>
            <Group gap={8} mt={4}>
              {c.title && (
                <Text c="dimmed" fz="sm">
                  {c.title}
                </Text>
              )}
              {c.organizationRole !== 'member' && (
                <Badge size="sm" variant="light">
                  {t(`contacts.roles.${c.organizationRole}`)}
                </Badge>
              )}
            </Group>
          </div>
        </Group>
        {/* A merged contact is only a pointer for old links: nothing to edit or merge. */}
        {!c.mergedIntoId && (
          <Group gap="xs">
            <Button variant="default" leftSection={<IconPencil size={16} aria-hidden="true" />} onClick={edit.open}>
              {t('common.edit')}
            </Button>
            <Button
              variant="default"
              leftSection={<IconArrowMerge size={16} aria-hidden="true" />}
              onClick={mergeDialog.open}
            >
              {t('contacts.merge.action')}
            </Button>
            {c.emails.length > 0 && portalAccess.data?.active !== false && (
              <Button
                variant="default"
                leftSection={<IconDoorEnter size={16} aria-hidden="true" />}
                loading={invite.isPending}
                onClick={() => invite.mutate()}
              >
                {t('contacts.portal.invite')}
              </Button>
            )}
            <PortalAccessControl contactId={c.id} name={c.name} />
          </Group>
        )}
      </Group>
      {c.mergedIntoId && (
        <Alert color="orange" variant="light" icon={<IconArrowMerge size={18} aria-hidden="true" />}>
          {t('contacts.merge.mergedAway')}{' '}
          <AnchorLink to="/contacts/$contactId" params={{ contactId: c.mergedIntoId }} fw={600}>
            {t('contacts.merge.openKept')}
          </AnchorLink>
        </Alert>
      )}

      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Paper withBorder radius="md" p="md">
            <Stack gap="xs">
              {c.organizationId && (
                <Group gap={6} wrap="nowrap">
                  <IconBuilding size={16} aria-hidden="true" />
                  <AnchorLink
                    to="/organizations/$organizationId"
                    params={{ organizationId: c.organizationId }}
                    fz="sm"
                    fw={600}
                  >
                    {c.organizationName}
                  </AnchorLink>
                </Group>
              )}
              {c.emails.map((e) => (
                <Group key={e.email} gap={6} wrap="nowrap">
                  <IconMail size={16} aria-hidden="true" />
                  <Anchor href={`mailto:${e.email}`} fz="sm">
                    {e.email}
                  </Anchor>
                </Group>
              ))}
              {c.phones.map((p) => (
                <Group key={p.phone} gap={6} wrap="nowrap">
                  {p.whatsapp ? (
                    <IconBrandWhatsapp size={16} aria-label={t('ticket.channel.whatsapp')} />
                  ) : (
                    <IconPhone size={16} aria-hidden="true" />
                  )}
                  <Anchor href={`tel:${p.phone}`} fz="sm">
                    {p.phone}
                  </Anchor>
                </Group>
              ))}
              {c.notes && (
                <Text fz="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
                  {c.notes}
                </Text>
              )}
              <Text fz="xs" c="dimmed">
                {t('customer.openTickets', { count: c.openTicketCount })}
              </Text>
            </Stack>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Title order={2} fz="lg" mb="sm">
            {t('contacts.tickets')}
          </Title>
          <FilteredTickets
            query={{ requesterId: [c.id] }}
            label={t('contacts.tickets')}
            hide={['requester']}
            emptyText={t('contacts.noTickets')}
          />
        </Grid.Col>
      </Grid>
      <ContactFormModal opened={editing} onClose={edit.close} contact={c} />
      <ContactMergeDialog opened={merging} onClose={mergeDialog.close} contact={c} />
    </Stack>
  );
}

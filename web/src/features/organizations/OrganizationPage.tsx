import { Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPencil } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api.ts';
import { ErrorView } from '../../app/ErrorPage.tsx';
import { PersonAvatar } from '../../app/ui/AgentAvatar.tsx';
import { AnchorLink } from '../../app/ui/links.tsx';
import { LoadError, LoadingLines } from '../../app/ui/States.tsx';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { AccountLimitsSummary } from '../automation/AccountLimitsSummary.tsx';
import { fetchContacts } from '../contacts/api.ts';
import { OrganizationContracts } from '../contracts/OrganizationContracts.tsx';
import { OrganizationPlaybooks } from '../playbooks/OrganizationPlaybooks.tsx';
import { FilteredTickets } from '../tickets/FilteredTickets.tsx';
import { organizationQuery } from './api.ts';
import { OrganizationFormModal } from './OrganizationFormModal.tsx';

/** One customer company: code, tier, account leader, its people and all its tickets. */
export function OrganizationPage() {
  const { t } = useTranslation();
  const { organizationId } = useParams({ from: '/console/organizations/$organizationId' });
  const organization = useQuery(organizationQuery(organizationId));
  const contacts = useQuery({
    queryKey: ['contacts', 'of', organizationId],
    queryFn: ({ signal }) => fetchContacts('', { organizationId, signal }),
  });
  const [editing, edit] = useDisclosure(false);
  usePageTitle(organization.data?.name ?? t('sections.organizations.title'));

  if (organization.isPending) return <LoadingLines lines={4} />;
  if (organization.isError) {
    if (isApiError(organization.error) && organization.error.status === 404) return <ErrorView kind="notFound" />;
    return <LoadError error={organization.error} onRetry={() => void organization.refetch()} />;
  }
  const o = organization.data;
  const facts: Array<[string, string | null]> = [
    [t('organization.code'), o.code],
    [t('organization.taxId'), o.taxId],
    [t('organization.accountLeader'), o.accountLeader?.name ?? null],
    [t('organization.domains'), o.domains.join(', ') || null],
  ];

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <div>
          <Group gap="sm">
            <Title order={1} fz={{ base: 22, sm: 26 }}>
              {o.name}
            </Title>
            <Badge variant="light" color={o.tier === 'special' ? 'grape' : 'gray'}>
              {t(`organization.tier.${o.tier}`)}
            </Badge>
          </Group>
          <Text c="dimmed" fz="sm" mt={4}>
            {t('organization.summary', { open: o.openTicketCount, contacts: o.contactCount })}
          </Text>
        </div>
        <Button variant="default" leftSection={<IconPencil size={16} aria-hidden="true" />} onClick={edit.open}>
          {t('common.edit')}
        </Button>
      </Group>

      {/* Issue 13: the panels side by side above, the tickets below at the page's full width: beside
          them, a third of the page left the table too narrow for its columns at 1280 px. */}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <Paper withBorder radius="md" p="md">
          <Stack gap="xs">
            {facts.map(([label, value]) => (
              <div key={label}>
                <Text fz="xs" c="dimmed" fw={600} tt="uppercase" lts={0.3}>
                  {label}
                </Text>
                <Text fz="sm">{value ?? '—'}</Text>
              </div>
            ))}
            {o.notes && (
              <Text fz="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
                {o.notes}
              </Text>
            )}
          </Stack>
        </Paper>
        <Paper withBorder radius="md" p="md">
          <Title order={2} fz="sm" mb="xs">
            {t('organization.people')}
          </Title>
          <Stack gap={8}>
            {(contacts.data?.items ?? []).map((contact) => (
              <Group key={contact.id} gap="sm" wrap="nowrap">
                <PersonAvatar name={contact.name} id={contact.id} size={28} tooltip={false} />
                <div style={{ minWidth: 0 }}>
                  <AnchorLink to="/contacts/$contactId" params={{ contactId: contact.id }} fz="sm" fw={600}>
                    {contact.name}
                  </AnchorLink>
                  {contact.title && (
                    <Text fz="xs" c="dimmed">
                      {contact.title}
                    </Text>
                  )}
                </div>
              </Group>
            ))}
            {contacts.data?.items.length === 0 && (
              <Text fz="sm" c="dimmed">
                {t('organization.noPeople')}
              </Text>
            )}
          </Stack>
        </Paper>
        <OrganizationContracts organizationId={o.id} />
        <AccountLimitsSummary organizationId={o.id} />
      </SimpleGrid>
      <OrganizationPlaybooks organizationId={o.id} />
      <section>
        <Title order={2} fz="lg" mb="sm">
          {t('organization.tickets')}
        </Title>
        <FilteredTickets
          query={{ organizationId: [o.id] }}
          label={t('organization.tickets')}
          hide={['organization']}
          emptyText={t('organization.noTickets')}
        />
      </section>
      <OrganizationFormModal opened={editing} onClose={edit.close} organization={o} />
    </Stack>
  );
}

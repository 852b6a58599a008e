import { Badge, Box, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAddressBook, IconBuildingSkyscraper, IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../app/ui/links.tsx';
import { EmptyState, LoadError, LoadingLines } from '../../app/ui/States.tsx';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { search } from '../tickets/api.ts';
import { CategoryLabel, PriorityBadge, StatusBadge } from '../tickets/badges.tsx';
import { ticketKeys } from '../tickets/queries.ts';
import { PAGE_SEARCH_ID } from './SearchBox.tsx';

/** Results for the header's search: accents optional ("facturacion" finds "facturación"). */
export function SearchPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { q = '' } = useSearch({ from: '/console/search' });
  const [value, setValue] = useState(q);
  useEffect(() => setValue(q), [q]);
  usePageTitle(q ? t('search.titleFor', { q }) : t('search.title'));

  const results = useQuery({
    queryKey: ticketKeys.search(q),
    queryFn: ({ signal }) => search(q, { signal }),
    enabled: q.trim().length > 0,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    void navigate({ to: '/search', search: { q: value.trim() } });
  }

  const data = results.data;
  const nothing = data && data.tickets.length + data.contacts.length + data.organizations.length === 0;

  return (
    <Stack gap="lg" maw={1100}>
      <Title order={1} fz={{ base: 22, sm: 26 }}>
        {q ? t('search.titleFor', { q }) : t('search.title')}
      </Title>
      {/* The header has the search box on wider screens; a phone gets it here. */}
      <Box hiddenFrom="sm" component="search" aria-label={t('search.label')} maw={560}>
        <form onSubmit={submit}>
          <TextInput
            id={PAGE_SEARCH_ID}
            aria-label={t('search.label')}
            placeholder={t('search.placeholder')}
            leftSection={<IconSearch size={16} aria-hidden="true" />}
            value={value}
            onChange={(e) => setValue(e.currentTarget.value)}
            type="search"
            autoFocus={!q}
          />
        </form>
      </Box>

      {!q ? (
        <EmptyState
          title={t('search.start')}
          text={t('search.startHint')}
          icon={<IconSearch size={28} aria-hidden="true" />}
        />
      ) : results.isPending ? (
        <LoadingLines lines={5} />
      ) : results.isError ? (
        <LoadError error={results.error} onRetry={() => void results.refetch()} />
      ) : nothing ? (
        <EmptyState title={t('search.nothing', { q })} text={t('search.nothingHint')} />
      ) : data ? (
        <Stack gap="lg">
          {data.tickets.length > 0 && (
            <section aria-labelledby="results-tickets">
              <Title order={2} fz="md" mb="xs" id="results-tickets">
                {t('search.tickets', { count: data.tickets.length })}
              </Title>
              <Stack gap={8}>
                {data.tickets.map((ticket) => (
                  <Paper key={ticket.id} withBorder radius="md" p="sm">
                    {/* Wraps on a phone: the badges go under the subject instead of past the screen's edge. */}
                    <Group gap="xs" justify="space-between" align="flex-start">
                      <Group gap="xs" wrap="nowrap" align="baseline" style={{ minWidth: 0, flex: '1 1 16rem' }}>
                        <Text ff="monospace" fz="sm" fw={600} c="dimmed" style={{ flexShrink: 0 }}>
                          {ticket.number}
                        </Text>
                        <AnchorLink
                          to="/tickets/$ticketRef"
                          params={{ ticketRef: ticket.number }}
                          fw={600}
                          fz="sm"
                          lineClamp={2}
                          style={{ overflowWrap: 'anywhere' }}
                        >
                          {ticket.subject}
                        </AnchorLink>
                      </Group>
                      <Group gap={6}>
                        <StatusBadge name={ticket.status} category={ticket.statusCategory} size="xs" />
                        <PriorityBadge priority={ticket.priority} size="xs" />
                      </Group>
                    </Group>
                    <Group gap="xs" mt={4} fz="xs" c="dimmed">
                      <Text fz="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                        {[ticket.requester.name, ticket.organization?.name].filter(Boolean).join(' · ')}
                      </Text>
                      {ticket.category && <CategoryLabel name={ticket.category} withKind />}
                    </Group>
                    {ticket.excerpt && (
                      <Text fz="sm" mt={4} lineClamp={2}>
                        {ticket.excerpt}
                      </Text>
                    )}
                  </Paper>
                ))}
              </Stack>
            </section>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
            {data.contacts.length > 0 && (
              <section aria-labelledby="results-contacts">
                <Group gap={6} mb="xs">
                  <IconAddressBook size={18} aria-hidden="true" />
                  <Title order={2} fz="md" id="results-contacts">
                    {t('search.contacts')}
                  </Title>
                  <Badge variant="light" color="gray" size="sm">
                    {data.contacts.length}
                  </Badge>
                </Group>
                <Stack gap={6}>
                  {data.contacts.map((contact) => (
                    <Paper key={contact.id} withBorder radius="md" p="xs">
                      <AnchorLink to="/contacts/$contactId" params={{ contactId: contact.id }} fz="sm" fw={600}>
                        {contact.name}
                      </AnchorLink>
                      <Text fz="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                        {contact.excerpt}
                      </Text>
                    </Paper>
                  ))}
                </Stack>
              </section>
            )}
            {data.organizations.length > 0 && (
              <section aria-labelledby="results-organizations">
                <Group gap={6} mb="xs">
                  <IconBuildingSkyscraper size={18} aria-hidden="true" />
                  <Title order={2} fz="md" id="results-organizations">
                    {t('search.organizations')}
                  </Title>
                  <Badge variant="light" color="gray" size="sm">
                    {data.organizations.length}
                  </Badge>
                </Group>
                <Stack gap={6}>
                  {data.organizations.map((organization) => (
                    <Paper key={organization.id} withBorder radius="md" p="xs">
                      <AnchorLink
                        to="/organizations/$organizationId"
                        params={{ organizationId: organization.id }}
                        fz="sm"
                        fw={600}
                      >
                        {organization.name}
                      </AnchorLink>
                      <Text fz="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                        {organization.excerpt}
                      </Text>
                    </Paper>
                  ))}
                </Stack>
              </section>
            )}
          </SimpleGrid>
        </Stack>
      ) : null}
    </Stack>
  );
}

import { Badge, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { IconBuildingSkyscraper, IconPlus, IconSearch } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../app/ui/links.tsx';
import { EmptyState, LoadError, LoadingLines } from '../../app/ui/States.tsx';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { fetchOrganizations, organizationKeys } from './api.ts';
import { OrganizationFormModal } from './OrganizationFormModal.tsx';

/** The customer companies, one record each ("ACME S.A." and "Acme SA" are the same). */
export function OrganizationsPage() {
  const { t } = useTranslation();
  usePageTitle(t('sections.organizations.title'));
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q.trim(), 250);
  const [creating, create] = useDisclosure(false);
  const list = useInfiniteQuery({
    queryKey: organizationKeys.list(debounced),
    queryFn: ({ pageParam, signal }) => fetchOrganizations(debounced, { cursor: pageParam, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const organizations = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1} fz={{ base: 22, sm: 26 }}>
            {t('sections.organizations.title')}
          </Title>
          <Text c="dimmed" fz="sm" mt={4}>
            {t('sections.organizations.description')}
          </Text>
        </div>
        <Button leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={create.open}>
          {t('organization.new')}
        </Button>
      </Group>
      <TextInput
        aria-label={t('organization.search')}
        placeholder={t('organization.search')}
        leftSection={<IconSearch size={16} aria-hidden="true" />}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        maw={420}
        type="search"
      />
      {list.isPending ? (
        <LoadingLines />
      ) : list.isError ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : organizations.length === 0 ? (
        <EmptyState
          icon={<IconBuildingSkyscraper size={28} aria-hidden="true" />}
          title={debounced ? t('organization.nothing') : t('organization.empty')}
        />
      ) : (
        <div style={{ overflowX: 'auto' }}>
          <Table highlightOnHover verticalSpacing="xs" aria-label={t('sections.organizations.title')} miw={600}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('organization.name')}</Table.Th>
                <Table.Th>{t('organization.code')}</Table.Th>
                <Table.Th>{t('organization.tierLabel')}</Table.Th>
                <Table.Th>{t('organization.domains')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {organizations.map((org) => (
                <Table.Tr key={org.id}>
                  <Table.Td>
                    <AnchorLink
                      to="/organizations/$organizationId"
                      params={{ organizationId: org.id }}
                      fw={600}
                      fz="sm"
                    >
                      {org.name}
                    </AnchorLink>
                  </Table.Td>
                  <Table.Td>
                    <Text fz="sm" ff="monospace">
                      {org.code ?? '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge size="sm" variant="light" color={org.tier === 'special' ? 'grape' : 'gray'}>
                      {t(`organization.tier.${org.tier}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text fz="sm" c="dimmed">
                      {org.domains.join(', ') || '—'}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
      {list.hasNextPage && (
        <Group>
          <Button
            variant="default"
            size="xs"
            loading={list.isFetchingNextPage}
            onClick={() => void list.fetchNextPage()}
          >
            {t('queue.loadMore')}
          </Button>
        </Group>
      )}
      <OrganizationFormModal opened={creating} onClose={create.close} />
    </Stack>
  );
}

import { Badge, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { IconAddressBook, IconBrandWhatsapp, IconPlus, IconSearch } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PersonAvatar } from '../../app/ui/AgentAvatar.tsx';
import { AnchorLink } from '../../app/ui/links.tsx';
import { EmptyState, LoadError, LoadingLines } from '../../app/ui/States.tsx';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { contactKeys, fetchContacts } from './api.ts';
import { ContactFormModal } from './ContactFormModal.tsx';

/** Everyone who writes to support, searchable by name, email or phone. */
export function ContactsPage() {
  const { t } = useTranslation();
  usePageTitle(t('sections.contacts.title'));
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q.trim(), 250);
  const [creating, create] = useDisclosure(false);
  const list = useInfiniteQuery({
    queryKey: contactKeys.list(debounced),
    queryFn: ({ pageParam, signal }) => fetchContacts(debounced, { cursor: pageParam, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const contacts = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1} fz={{ base: 22, sm: 26 }}>
            {t('sections.contacts.title')}
          </Title>
          <Text c="dimmed" fz="sm" mt={4}>
            {t('sections.contacts.description')}
          </Text>
        </div>
        <Button leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={create.open}>
          {t('contacts.new')}
        </Button>
      </Group>
      <TextInput
        aria-label={t('contacts.search')}
        placeholder={t('contacts.search')}
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
      ) : contacts.length === 0 ? (
        <EmptyState
          icon={<IconAddressBook size={28} aria-hidden="true" />}
          title={debounced ? t('contacts.nothing') : t('contacts.empty')}
        />
      ) : (
        <div style={{ overflowX: 'auto' }}>
          <Table highlightOnHover verticalSpacing="xs" aria-label={t('sections.contacts.title')} miw={640}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('contacts.fields.name')}</Table.Th>
                <Table.Th>{t('contacts.fields.organization')}</Table.Th>
                <Table.Th>{t('contacts.fields.email')}</Table.Th>
                <Table.Th>{t('contacts.fields.phone')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {contacts.map((contact) => (
                <Table.Tr key={contact.id}>
                  <Table.Td>
                    <Group gap="sm" wrap="nowrap">
                      <PersonAvatar name={contact.name} id={contact.id} size={30} tooltip={false} />
                      <div>
                        <AnchorLink to="/contacts/$contactId" params={{ contactId: contact.id }} fw={600} fz="sm">
                          {contact.name}
                        </AnchorLink>
                        {contact.title && (
                          <Text fz="xs" c="dimmed">
                            {contact.title}
                          </Text>
                        )}
                      </div>
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    {contact.organizationId ? (
                      <AnchorLink
                        to="/organizations/$organizationId"
                        params={{ organizationId: contact.organizationId }}
                        fz="sm"
                      >
                        {contact.organizationName}
                      </AnchorLink>
                    ) : (
                      <Text fz="sm" c="dimmed">
                        —
                      </Text>
                    )}
                    {contact.organizationRole !== 'member' && (
                      <Badge ml={6} size="xs" variant="light">
                        {t(`contacts.roles.${contact.organizationRole}`)}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text fz="sm">
                      {contact.emails.find((e) => e.primary)?.email ?? contact.emails[0]?.email ?? '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      {contact.phones[0]?.whatsapp && (
                        <IconBrandWhatsapp size={14} aria-label={t('ticket.channel.whatsapp')} />
                      )}
                      <Text fz="sm">{contact.phones[0]?.phone ?? '—'}</Text>
                    </Group>
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
      <ContactFormModal opened={creating} onClose={create.close} />
    </Stack>
  );
}

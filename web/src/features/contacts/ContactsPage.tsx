import { Badge, Group, Table, Text } from '@mantine/core';
import { IconAddressBook, IconBrandWhatsapp } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { PersonAvatar } from '../../app/ui/AgentAvatar.tsx';
import { DirectoryPage } from '../../app/ui/DirectoryPage.tsx';
import { AnchorLink } from '../../app/ui/links.tsx';
import { contactKeys, fetchContacts } from './api.ts';
import { ContactFormModal } from './ContactFormModal.tsx';

/** Everyone who writes to support, searchable by name, email or phone. */
export function ContactsPage() {
  const { t } = useTranslation();
  return (
    <DirectoryPage
      section="contacts"
      labels={{
        create: t('contacts.new'),
        search: t('contacts.search'),
        empty: t('contacts.empty'),
        nothing: t('contacts.nothing'),
      }}
      icon={<IconAddressBook size={28} aria-hidden="true" />}
      queryKey={contactKeys.list}
      fetchPage={fetchContacts}
      columns={[
        t('contacts.fields.name'),
        t('contacts.fields.organization'),
        t('contacts.fields.email'),
        t('contacts.fields.phone'),
      ]}
      minWidth={640}
      renderCells={(contact) => (
        <>
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
            <Text fz="sm">{contact.emails.find((e) => e.primary)?.email ?? contact.emails[0]?.email ?? '—'}</Text>
          </Table.Td>
          <Table.Td>
            <Group gap={4} wrap="nowrap">
              {contact.phones[0]?.whatsapp && <IconBrandWhatsapp size={14} aria-label={t('ticket.channel.whatsapp')} />}
              <Text fz="sm">{contact.phones[0]?.phone ?? '—'}</Text>
            </Group>
          </Table.Td>
        </>
      )}
      renderForm={(props) => <ContactFormModal {...props} />}
    />
  );
}

import { Badge, Table, Text } from '@mantine/core';
import { IconBuildingSkyscraper } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { DirectoryPage } from '../../app/ui/DirectoryPage.tsx';
import { AnchorLink } from '../../app/ui/links.tsx';
import { fetchOrganizations, organizationKeys } from './api.ts';
import { OrganizationFormModal } from './OrganizationFormModal.tsx';

/** The customer companies, one record each ("ACME S.A." and "Acme SA" are the same). */
export function OrganizationsPage() {
  const { t } = useTranslation();
  return (
    <DirectoryPage
      section="organizations"
      labels={{
        create: t('organization.new'),
        search: t('organization.search'),
        empty: t('organization.empty'),
        nothing: t('organization.nothing'),
      }}
      icon={<IconBuildingSkyscraper size={28} aria-hidden="true" />}
      queryKey={organizationKeys.list}
      fetchPage={fetchOrganizations}
      columns={[t('organization.name'), t('organization.code'), t('organization.tierLabel'), t('organization.domains')]}
      minWidth={600}
      renderCells={(org) => (
        <>
          <Table.Td>
            <AnchorLink to="/organizations/$organizationId" params={{ organizationId: org.id }} fw={600} fz="sm">
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
        </>
      )}
      renderForm={(props) => <OrganizationFormModal {...props} />}
    />
  );
}

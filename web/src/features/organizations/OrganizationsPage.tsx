import { IconBuildingSkyscraper } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { SectionPage } from '../../app/SectionPage.tsx';

export function OrganizationsPage() {
  const { t } = useTranslation();
  return (
    <SectionPage
      icon={IconBuildingSkyscraper}
      title={t('sections.organizations.title')}
      description={t('sections.organizations.description')}
      contents={[
        t('sections.organizations.items.identity'),
        t('sections.organizations.items.tier'),
        t('sections.organizations.items.contracts'),
        t('sections.organizations.items.payments'),
      ]}
    />
  );
}

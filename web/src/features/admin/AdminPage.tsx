import { IconSettings } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { SectionPage } from '../../app/SectionPage.tsx';

export function AdminPage() {
  const { t } = useTranslation();
  return (
    <SectionPage
      icon={IconSettings}
      title={t('sections.admin.title')}
      description={t('sections.admin.description')}
      contents={[
        t('sections.admin.items.agents'),
        t('sections.admin.items.sla'),
        t('sections.admin.items.automation'),
        t('sections.admin.items.channels'),
      ]}
    />
  );
}

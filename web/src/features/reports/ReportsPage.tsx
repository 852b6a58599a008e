import { IconChartBar } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { SectionPage } from '../../app/SectionPage.tsx';

export function ReportsPage() {
  const { t } = useTranslation();
  return (
    <SectionPage
      icon={IconChartBar}
      title={t('sections.reports.title')}
      description={t('sections.reports.description')}
      contents={[
        t('sections.reports.items.sla'),
        t('sections.reports.items.volume'),
        t('sections.reports.items.csat'),
        t('sections.reports.items.timesheets'),
      ]}
    />
  );
}

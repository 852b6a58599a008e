import { IconInbox } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { SectionPage } from '../../app/SectionPage.tsx';

export function QueuesPage() {
  const { t } = useTranslation();
  return (
    <SectionPage
      icon={IconInbox}
      title={t('sections.queues.title')}
      description={t('sections.queues.description')}
      contents={[
        t('sections.queues.items.views'),
        t('sections.queues.items.sla'),
        t('sections.queues.items.stale'),
        t('sections.queues.items.live'),
      ]}
    />
  );
}

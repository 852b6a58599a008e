import { IconInbox } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../app/ui/States.tsx';
import { usePageTitle } from '../../app/usePageTitle.ts';

/** Shown only when the agent has no views at all (the install's default views were deleted). */
export function QueuesPage() {
  const { t } = useTranslation();
  usePageTitle(t('sections.queues.title'));
  return (
    <EmptyState
      icon={<IconInbox size={30} stroke={1.5} aria-hidden="true" />}
      title={t('queue.noViews.title')}
      text={t('queue.noViews.text')}
    />
  );
}

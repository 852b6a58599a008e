import { Badge, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Playbook } from '../../app/api-types.ts';
import { RequireRole } from '../../app/RequireRole.tsx';
import { StepsCard, StepsListPage } from '../../app/ui/StepsListPage.tsx';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { usePeople } from '../lookups/useLookups.ts';
import { playbooksQuery } from './api.ts';
import { PlaybookEditorModal } from './PlaybookEditorModal.tsx';

/** The onboarding playbooks (seed 000's new-customer rules and any other): their tasks in order, owners and what each waits for. */
export function PlaybooksPage() {
  return (
    <RequireRole roles={['admin', 'supervisor']}>
      <PlaybooksList />
    </RequireRole>
  );
}

function PlaybooksList() {
  const { t } = useTranslation();
  usePageTitle(t('playbooks.admin.title'));
  const playbooks = useQuery(playbooksQuery());
  const { departmentById } = usePeople();
  // null: closed; 'new': a new playbook; else the one being edited.
  const [editing, setEditing] = useState<Playbook | 'new' | null>(null);

  return (
    <StepsListPage
      title={t('playbooks.admin.title')}
      newLabel={t('playbooks.admin.new')}
      onNew={() => setEditing('new')}
      query={playbooks}
      empty={t('playbooks.admin.empty')}
      card={(playbook) => (
        <StepsCard
          key={playbook.id}
          data-playbook={playbook.name}
          name={playbook.name}
          badges={
            playbook.departmentId && (
              <Badge variant="light" color="gray">
                {departmentById.get(playbook.departmentId)?.name ?? '—'}
              </Badge>
            )
          }
          description={playbook.description}
          editLabel={t('playbooks.admin.edit', { name: playbook.name })}
          onEdit={() => setEditing(playbook)}
        >
          {playbook.steps.map((step) => (
            <Text component="li" key={step.position} fz="sm">
              {step.title}
              <Text span fz="xs" c="dimmed">
                {' · '}
                {t(`playbooks.admin.owner.${step.owner}`)}
                {step.optional && ` · ${t('playbooks.admin.optional')}`}
                {step.dependsOn.length > 0 &&
                  ` · ${t('playbooks.admin.waitsFor', { steps: step.dependsOn.join(', ') })}`}
              </Text>
            </Text>
          ))}
        </StepsCard>
      )}
    >
      {editing && (
        <PlaybookEditorModal playbook={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
    </StepsListPage>
  );
}

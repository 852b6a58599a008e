import { Badge, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Protocol } from '../../app/api-types.ts';
import { RequireRole } from '../../app/RequireRole.tsx';
import { StepsCard, StepsListPage } from '../../app/ui/StepsListPage.tsx';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { usePeople, useTicketSettings } from '../lookups/useLookups.ts';
import { protocolsQuery } from './api.ts';
import { describeSets } from './describe-sets.ts';
import { ProtocolEditorModal } from './ProtocolEditorModal.tsx';

/** The protocols (seed 002's "¿Qué hago cuando…?" procedures) supervisors write and agents apply on tickets. */
export function ProtocolsPage() {
  return (
    <RequireRole roles={['admin', 'supervisor']}>
      <ProtocolsList />
    </RequireRole>
  );
}

function ProtocolsList() {
  const { t } = useTranslation();
  usePageTitle(t('protocols.admin.title'));
  const protocols = useQuery(protocolsQuery());
  const settings = useTicketSettings();
  const { departmentById } = usePeople();
  // null: closed; 'new': a new protocol; else the one being edited.
  const [editing, setEditing] = useState<Protocol | 'new' | null>(null);

  return (
    <StepsListPage
      title={t('protocols.admin.title')}
      newLabel={t('protocols.admin.new')}
      onNew={() => setEditing('new')}
      query={protocols}
      empty={t('protocols.admin.empty')}
      card={(protocol) => (
        <StepsCard
          key={protocol.id}
          data-protocol={protocol.title}
          name={protocol.title}
          badges={
            <>
              <Badge variant="light" color="gray" tt="none">
                {t('protocols.admin.stepCount', { count: protocol.steps.length })}
              </Badge>
              {protocol.timesApplied !== undefined && (
                <Badge variant="light" color="teal" tt="none" data-times-applied>
                  {t('protocols.admin.timesApplied', { count: protocol.timesApplied })}
                </Badge>
              )}
              {protocol.departmentId && (
                <Badge variant="light" color="gray" tt="none">
                  {departmentById.get(protocol.departmentId)?.name ?? '—'}
                </Badge>
              )}
            </>
          }
          description={protocol.scenario}
          editLabel={t('protocols.admin.edit', { title: protocol.title })}
          onEdit={() => setEditing(protocol)}
        >
          {protocol.steps.map((step) => (
            <Text component="li" key={step.position} fz="sm">
              {step.text}
              {(step.macroName || step.sets) && (
                <Text span fz="xs" c="dimmed">
                  {step.macroName && ` · ${t('protocols.admin.sends', { name: step.macroName })}`}
                  {step.sets && ` · ${t('protocols.sets', { change: describeSets(t, step.sets, settings) })}`}
                </Text>
              )}
            </Text>
          ))}
        </StepsCard>
      )}
    >
      {editing && (
        <ProtocolEditorModal protocol={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
    </StepsListPage>
  );
}

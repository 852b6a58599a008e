import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Protocol } from '../../app/api-types.ts';
import { RequireRole } from '../../app/RequireRole.tsx';
import { LoadError, LoadingLines } from '../../app/ui/States.tsx';
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
    <Stack gap="lg">
      <Group justify="space-between">
        <Title order={1} fz={{ base: 22, sm: 26 }}>
          {t('protocols.admin.title')}
        </Title>
        <Button leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={() => setEditing('new')}>
          {t('protocols.admin.new')}
        </Button>
      </Group>
      {protocols.isPending ? (
        <LoadingLines lines={3} />
      ) : protocols.isError ? (
        <LoadError error={protocols.error} onRetry={() => void protocols.refetch()} />
      ) : protocols.data.items.length === 0 ? (
        <Text c="dimmed">{t('protocols.admin.empty')}</Text>
      ) : (
        protocols.data.items.map((protocol) => (
          <Paper key={protocol.id} withBorder radius="md" p="md" data-protocol={protocol.title}>
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <div>
                <Group gap="xs">
                  <Title order={2} fz="md">
                    {protocol.title}
                  </Title>
                  <Badge variant="light" color="gray" tt="none">
                    {t('protocols.admin.stepCount', { count: protocol.steps.length })}
                  </Badge>
                  {protocol.departmentId && (
                    <Badge variant="light" color="gray" tt="none">
                      {departmentById.get(protocol.departmentId)?.name ?? '—'}
                    </Badge>
                  )}
                </Group>
                <Text fz="sm" c="dimmed">
                  {protocol.scenario}
                </Text>
              </div>
              <Button
                variant="default"
                size="compact-sm"
                leftSection={<IconPencil size={14} aria-hidden="true" />}
                onClick={() => setEditing(protocol)}
                aria-label={t('protocols.admin.edit', { title: protocol.title })}
              >
                {t('common.edit')}
              </Button>
            </Group>
            <Stack component="ol" gap={4} mt="sm" pl="md" m={0}>
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
            </Stack>
          </Paper>
        ))
      )}
      {editing && (
        <ProtocolEditorModal protocol={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
    </Stack>
  );
}

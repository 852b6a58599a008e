import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Playbook } from '../../app/api-types.ts';
import { RequireRole } from '../../app/RequireRole.tsx';
import { LoadError, LoadingLines } from '../../app/ui/States.tsx';
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
    <Stack gap="lg">
      <Group justify="space-between">
        <Title order={1} fz={{ base: 22, sm: 26 }}>
          {t('playbooks.admin.title')}
        </Title>
        <Button leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={() => setEditing('new')}>
          {t('playbooks.admin.new')}
        </Button>
      </Group>
      {playbooks.isPending ? (
        <LoadingLines lines={3} />
      ) : playbooks.isError ? (
        <LoadError error={playbooks.error} onRetry={() => void playbooks.refetch()} />
      ) : playbooks.data.items.length === 0 ? (
        <Text c="dimmed">{t('playbooks.admin.empty')}</Text>
      ) : (
        playbooks.data.items.map((playbook) => (
          <Paper key={playbook.id} withBorder radius="md" p="md" data-playbook={playbook.name}>
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <div>
                <Group gap="xs">
                  <Title order={2} fz="md">
                    {playbook.name}
                  </Title>
                  {playbook.departmentId && (
                    <Badge variant="light" color="gray">
                      {departmentById.get(playbook.departmentId)?.name ?? '—'}
                    </Badge>
                  )}
                </Group>
                {playbook.description && (
                  <Text fz="sm" c="dimmed">
                    {playbook.description}
                  </Text>
                )}
              </div>
              <Button
                variant="default"
                size="compact-sm"
                leftSection={<IconPencil size={14} aria-hidden="true" />}
                onClick={() => setEditing(playbook)}
                aria-label={t('playbooks.admin.edit', { name: playbook.name })}
              >
                {t('common.edit')}
              </Button>
            </Group>
            <Stack component="ol" gap={4} mt="sm" pl="md" m={0}>
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
            </Stack>
          </Paper>
        ))
      )}
      {editing && (
        <PlaybookEditorModal playbook={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
    </Stack>
  );
}

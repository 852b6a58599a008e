import { Badge, Button, Checkbox, Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPlayerPlay } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { PlaybookProgress, Task } from '../../app/api-types.ts';
import { errorMessage } from '../../app/error-message.ts';
import { AnchorLink, ButtonLink } from '../../app/ui/links.tsx';
import { LoadError, LoadingLines } from '../../app/ui/States.tsx';
import { useFormat } from '../../app/useFormat.ts';
import { useCurrentUser } from '../auth/useSession.ts';
import { usePeople } from '../lookups/useLookups.ts';
import { updateTask } from '../tickets/api.ts';
import { organizationPlaybooksQuery, playbookKeys } from './api.ts';
import { StartPlaybookModal } from './StartPlaybookModal.tsx';

/**
 * Seed 000's new-customer rules on the organization page: each playbook started for it, how far
 * its tasks are, who owns each, and what a blocked task waits for (the billing training waits for
 * the migration); "Iniciar playbook" opens another.
 */
export function OrganizationPlaybooks({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation();
  const runs = useQuery(organizationPlaybooksQuery(organizationId));
  const me = useCurrentUser();
  const mayManage = me.role === 'admin' || me.role === 'supervisor';
  const [starting, start] = useDisclosure(false);

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="playbooks-title">
      <Group justify="space-between" mb="xs">
        <Title order={2} fz="sm" id="playbooks-title">
          {t('playbooks.title')}
        </Title>
        <Group gap="xs">
          {mayManage && (
            <ButtonLink to="/playbooks" size="compact-sm" variant="subtle">
              {t('playbooks.manage')}
            </ButtonLink>
          )}
          <Button
            size="compact-sm"
            variant="light"
            leftSection={<IconPlayerPlay size={14} aria-hidden="true" />}
            onClick={start.open}
          >
            {t('playbooks.start')}
          </Button>
        </Group>
      </Group>
      {runs.isPending ? (
        <LoadingLines lines={2} height={16} />
      ) : runs.isError ? (
        <LoadError error={runs.error} onRetry={() => void runs.refetch()} />
      ) : runs.data.items.length === 0 ? (
        <Text fz="sm" c="dimmed">
          {t('playbooks.none')}
        </Text>
      ) : (
        <Stack gap="lg">
          {runs.data.items.map((run) => (
            <RunProgress key={run.id} run={run} organizationId={organizationId} />
          ))}
        </Stack>
      )}
      <StartPlaybookModal opened={starting} onClose={start.close} organizationId={organizationId} />
    </Paper>
  );
}

function RunProgress({ run, organizationId }: { run: PlaybookProgress; organizationId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { agentById } = usePeople();
  const queryClient = useQueryClient();
  const complete = useMutation({
    mutationFn: (task: Task) => updateTask(task.id, { status: task.status === 'done' ? 'open' : 'done' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: playbookKeys.ofOrganization(organizationId) }),
    onError: (error) => notifications.show({ color: 'red', title: t('work.failed'), message: errorMessage(t, error) }),
  });
  const percent = run.total ? Math.round((100 * run.done) / run.total) : 0;

  return (
    <Stack gap="xs" data-playbook-run={run.playbookName}>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <div>
          <Text fz="sm" fw={600}>
            {run.playbookName}
          </Text>
          <Text fz="xs" c="dimmed">
            {t('playbooks.startedOn', { date: format.date(run.createdAt) })} ·{' '}
            <AnchorLink to="/tickets/$ticketRef" params={{ ticketRef: run.ticketNumber }} fz="xs">
              {run.ticketNumber}
            </AnchorLink>
          </Text>
        </div>
        <Text fz="xs" fw={600} data-playbook-progress>
          {t('playbooks.progress', { done: run.done, total: run.total })}
        </Text>
      </Group>
      <Progress
        value={percent}
        size="sm"
        color="teal"
        aria-label={t('playbooks.progressLabel', { name: run.playbookName, percent })}
      />
      <Stack gap={6} component="ol" p={0} m={0} style={{ listStyle: 'none' }}>
        {run.tasks.map((task) => {
          const blocked = task.status !== 'done' && task.waitingFor.length > 0;
          const owner = task.assigneeId ? (agentById.get(task.assigneeId)?.name ?? '—') : t('playbooks.noOwner');
          return (
            <li key={task.id} data-playbook-task={task.title}>
              <Group gap="xs" wrap="nowrap" align="flex-start" justify="space-between">
                <Checkbox
                  size="xs"
                  label={`${task.playbookPosition ?? ''}. ${task.title}`}
                  checked={task.status === 'done'}
                  disabled={blocked || complete.isPending}
                  onChange={() => complete.mutate(task)}
                  styles={{ label: { textDecoration: task.status === 'done' ? 'line-through' : undefined } }}
                />
                <Badge
                  size="sm"
                  variant="light"
                  color={task.status === 'done' ? 'teal' : blocked ? 'orange' : 'gray'}
                  style={{ flexShrink: 0 }}
                >
                  {t(`playbooks.state.${task.status === 'done' ? 'done' : blocked ? 'blocked' : 'open'}`)}
                </Badge>
              </Group>
              <Text fz="xs" c="dimmed" pl={28}>
                {t('playbooks.owner', { name: owner })} ·{' '}
                {task.dueAt ? t('playbooks.due', { date: format.date(task.dueAt) }) : t('playbooks.noDue')}
              </Text>
              {blocked && (
                <Text fz="xs" c="orange.8" pl={28} data-waiting-for>
                  {t('playbooks.waitingFor', { titles: task.waitingFor.map((w) => w.title).join(', ') })}
                </Text>
              )}
            </li>
          );
        })}
      </Stack>
    </Stack>
  );
}

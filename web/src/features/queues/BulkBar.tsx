import { Button, CloseButton, Group, Menu, Paper, Popover, Select, Stack, TagsInput, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconFlag, IconProgressCheck, IconTag, IconUrgent, IconUserShare } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FLAGS, PRIORITIES, type TicketChanges } from '../../app/api-types.ts';
import { errorMessage } from '../../app/error-message.ts';
import { useCurrentUser } from '../auth/useSession.ts';
import { usePeople, useTicketSettings } from '../lookups/useLookups.ts';
import { bulkUpdateTickets } from '../tickets/api.ts';
import { FlagMark } from '../tickets/badges.tsx';
import { ticketKeys } from '../tickets/queries.ts';

type Props = { ids: string[]; onDone: () => void; onClear: () => void };

/** Changes to every selected ticket at once (all or none, in one transaction on the server). */
export function BulkBar({ ids, onDone, onClear }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const settings = useTicketSettings();
  const { agents } = usePeople();
  const me = useCurrentUser();
  const [tags, setTags] = useState<string[]>([]);
  const [tagsOpen, setTagsOpen] = useState(false);
  const [assignOpen, setAssignOpen] = useState(false);

  const bulk = useMutation({
    mutationFn: (changes: TicketChanges) => bulkUpdateTickets(ids, changes),
    onSuccess: ({ updated }) => {
      notifications.show({ color: 'teal', message: t('queue.bulk.done', { count: updated }) });
      setTags([]);
      setTagsOpen(false);
      setAssignOpen(false);
      onDone();
    },
    onError: (error) => {
      notifications.show({ color: 'red', title: t('queue.bulk.failed'), message: errorMessage(t, error) });
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ticketKeys.lists });
      void queryClient.invalidateQueries({ queryKey: ticketKeys.views });
    },
  });

  const statuses = settings?.statuses.filter((s) => s.active) ?? [];
  const activeAgents = agents.filter((a) => a.active);

  return (
    <Paper
      withBorder
      radius="md"
      px="md"
      py={8}
      bg="var(--mantine-color-indigo-0)"
      role="region"
      aria-label={t('queue.bulk.label')}
    >
      <Group justify="space-between" gap="xs">
        <Group gap="xs">
          <Text fz="sm" fw={600} aria-live="polite">
            {t('queue.bulk.selected', { count: ids.length })}
          </Text>

          <Popover opened={tagsOpen} onChange={setTagsOpen} position="bottom-start" shadow="md" trapFocus withinPortal>
            <Popover.Target>
              <Button
                size="xs"
                variant="default"
                leftSection={<IconTag size={14} aria-hidden="true" />}
                onClick={() => setTagsOpen((open) => !open)}
              >
                {t('queue.bulk.addTags')}
              </Button>
            </Popover.Target>
            <Popover.Dropdown>
              <form
                onSubmit={(event) => {
                  event.preventDefault();
                  if (tags.length > 0) bulk.mutate({ tagsAdd: tags });
                }}
              >
                <Stack gap="xs" w={280}>
                  <TagsInput
                    label={t('queue.bulk.tagsToAdd')}
                    description={t('queue.bulk.tagsHint')}
                    value={tags}
                    onChange={setTags}
                    data-autofocus
                    clearable
                  />
                  <Button type="submit" size="xs" loading={bulk.isPending} disabled={tags.length === 0}>
                    {t('queue.bulk.applyTags', { count: ids.length })}
                  </Button>
                </Stack>
              </form>
            </Popover.Dropdown>
          </Popover>

          <Menu position="bottom-start" withinPortal>
            <Menu.Target>
              <Button
                size="xs"
                variant="default"
                leftSection={<IconProgressCheck size={14} aria-hidden="true" />}
                rightSection={<IconChevronDown size={12} aria-hidden="true" />}
              >
                {t('ticket.fields.status')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {statuses.map((status) => (
                <Menu.Item key={status.id} onClick={() => bulk.mutate({ status: status.id })}>
                  {status.name}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>

          <Popover
            opened={assignOpen}
            onChange={setAssignOpen}
            position="bottom-start"
            shadow="md"
            trapFocus
            withinPortal
          >
            <Popover.Target>
              <Button
                size="xs"
                variant="default"
                leftSection={<IconUserShare size={14} aria-hidden="true" />}
                onClick={() => setAssignOpen((open) => !open)}
              >
                {t('queue.bulk.assign')}
              </Button>
            </Popover.Target>
            <Popover.Dropdown>
              <Stack gap="xs" w={260}>
                <Button size="xs" variant="light" onClick={() => bulk.mutate({ assigneeId: me.id })}>
                  {t('queue.bulk.assignToMe')}
                </Button>
                <Select
                  label={t('ticket.fields.assignee')}
                  placeholder={t('queue.bulk.pickAgent')}
                  searchable
                  data-autofocus
                  comboboxProps={{ withinPortal: false }}
                  data={[
                    { value: '', label: t('ticket.unassigned') },
                    ...activeAgents.map((a) => ({ value: a.id, label: a.name })),
                  ]}
                  onChange={(value) => {
                    if (value !== null) bulk.mutate({ assigneeId: value || null });
                  }}
                />
              </Stack>
            </Popover.Dropdown>
          </Popover>

          <Menu position="bottom-start" withinPortal>
            <Menu.Target>
              <Button
                size="xs"
                variant="default"
                leftSection={<IconUrgent size={14} aria-hidden="true" />}
                rightSection={<IconChevronDown size={12} aria-hidden="true" />}
              >
                {t('ticket.fields.priority')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {PRIORITIES.map((priority) => (
                <Menu.Item key={priority} onClick={() => bulk.mutate({ priority })}>
                  {t(`ticket.priority.${priority}`)}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>

          <Menu position="bottom-start" withinPortal>
            <Menu.Target>
              <Button
                size="xs"
                variant="default"
                leftSection={<IconFlag size={14} aria-hidden="true" />}
                rightSection={<IconChevronDown size={12} aria-hidden="true" />}
              >
                {t('ticket.fields.flag')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {FLAGS.map((flag) => (
                <Menu.Item
                  key={flag}
                  leftSection={<FlagMark flag={flag} size={14} />}
                  onClick={() => bulk.mutate({ flag })}
                >
                  {t(`ticket.flag.${flag}`)}
                </Menu.Item>
              ))}
              <Menu.Item onClick={() => bulk.mutate({ flag: null })}>{t('ticket.flag.none')}</Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
        <CloseButton aria-label={t('queue.bulk.clear')} onClick={onClear} />
      </Group>
    </Paper>
  );
}

import { Button, CloseButton, Group, Menu, Paper, Popover, Select, Stack, TagsInput, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconFlag, IconProgressCheck, IconTag, IconUrgent, IconUserShare } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
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

          <BulkMenu
            label={t('ticket.fields.status')}
            icon={<IconProgressCheck size={14} aria-hidden="true" />}
            items={statuses.map((status) => ({
              key: status.id,
              label: status.name,
              onPick: () => bulk.mutate({ status: status.id }),
            }))}
          />

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

          <BulkMenu
            label={t('ticket.fields.priority')}
            icon={<IconUrgent size={14} aria-hidden="true" />}
            items={PRIORITIES.map((priority) => ({
              key: priority,
              label: t(`ticket.priority.${priority}`),
              onPick: () => bulk.mutate({ priority }),
            }))}
          />

          <BulkMenu
            label={t('ticket.fields.flag')}
            icon={<IconFlag size={14} aria-hidden="true" />}
            items={[
              ...FLAGS.map((flag) => ({
                key: flag,
                label: t(`ticket.flag.${flag}`),
                icon: <FlagMark flag={flag} size={14} />,
                onPick: () => bulk.mutate({ flag }),
              })),
              { key: 'none', label: t('ticket.flag.none'), onPick: () => bulk.mutate({ flag: null }) },
            ]}
          />
        </Group>
        <CloseButton aria-label={t('queue.bulk.clear')} onClick={onClear} />
      </Group>
    </Paper>
  );
}

interface BulkMenuItem {
  key: string;
  label: string;
  icon?: ReactNode;
  onPick: () => void;
}

/** A toolbar button that opens a list of values to set on every selected ticket. */
function BulkMenu({ label, icon, items }: { label: string; icon: ReactNode; items: BulkMenuItem[] }) {
  return (
    <Menu position="bottom-start" withinPortal>
      <Menu.Target>
        <Button
          size="xs"
          variant="default"
          leftSection={icon}
          rightSection={<IconChevronDown size={12} aria-hidden="true" />}
        >
          {label}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {items.map((item) => (
          <Menu.Item key={item.key} leftSection={item.icon} onClick={item.onPick}>
            {item.label}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

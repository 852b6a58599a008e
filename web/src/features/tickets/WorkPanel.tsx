import { ActionIcon, Button, Checkbox, Group, Skeleton, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBellOff, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Page, Task, Ticket } from '../../app/api-types.ts';
import { errorMessage } from '../../app/error-message.ts';
import { fromWallTime, todayIn } from '../../app/time.ts';
import { DateField, DateTimeField } from '../../app/ui/DateFields.tsx';
import { useFormat } from '../../app/useFormat.ts';
import { addReminder, addTask, addTimeEntry, dismissReminder, removeTimeEntry, updateTask } from './api.ts';
import { remindersQuery, tasksQuery, ticketKeys, timeEntriesQuery } from './queries.ts';

function useFailure() {
  const { t } = useTranslation();
  return (error: unknown) =>
    notifications.show({ color: 'red', title: t('work.failed'), message: errorMessage(t, error) });
}

const DURATION = /^\d{1,2}:[0-5]\d$|^\d{1,4}$/;

/** 001 "Billing" and 003's time per person: initials, what was done, how long, which day. */
export function TimeEntries({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const onError = useFailure();
  const sheet = useQuery(timeEntriesQuery(ticket.id));
  const [description, setDescription] = useState('');
  const [duration, setDuration] = useState('');
  const [date, setDate] = useState(() => todayIn(format.timeZone));
  const [error, setError] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ticketKeys.part(ticket.id, 'time') });

  const add = useMutation({
    mutationFn: () => addTimeEntry(ticket.id, { description: description.trim(), duration: duration.trim(), date }),
    onSuccess: () => {
      setDescription('');
      setDuration('');
      void refresh();
    },
    onError,
  });
  const remove = useMutation({
    mutationFn: (entryId: string) => removeTimeEntry(ticket.id, entryId),
    onSuccess: () => void refresh(),
    onError,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!description.trim() || !DURATION.test(duration.trim())) {
      setError(t('work.time.invalid'));
      return;
    }
    setError(null);
    add.mutate();
  }

  const totals = sheet.data?.totals;
  return (
    <Stack gap="xs">
      {sheet.isPending ? (
        <Skeleton height={40} />
      ) : sheet.data && sheet.data.items.length > 0 ? (
        <>
          <Table fz="xs" verticalSpacing={4} horizontalSpacing={6} aria-label={t('work.time.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('work.time.description')}</Table.Th>
                <Table.Th w={52}>{t('work.time.duration')}</Table.Th>
                <Table.Th w={70}>{t('work.time.date')}</Table.Th>
                <Table.Th w={28} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sheet.data.items.map((entry) => (
                <Table.Tr key={entry.id}>
                  <Table.Td>
                    <Tooltip label={entry.agentName} withinPortal>
                      <Text span fz="xs" fw={700} mr={4}>
                        {entry.initials}
                      </Text>
                    </Tooltip>
                    {entry.description}
                  </Table.Td>
                  <Table.Td ff="monospace">{entry.duration}</Table.Td>
                  <Table.Td>{format.date(entry.date)}</Table.Td>
                  <Table.Td>
                    <ActionIcon
                      size="sm"
                      variant="subtle"
                      color="gray"
                      aria-label={t('work.time.remove', { description: entry.description })}
                      onClick={() => remove.mutate(entry.id)}
                    >
                      <IconTrash size={14} aria-hidden="true" />
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {totals && (
            <Text fz="xs" fw={600}>
              {t('work.time.total', { duration: minutesText(totals.minutes) })}
              {totals.byAgent.length > 1 &&
                ` · ${totals.byAgent.map((a) => `${a.initials} ${minutesText(a.minutes)}`).join(', ')}`}
            </Text>
          )}
        </>
      ) : (
        <Text fz="xs" c="dimmed">
          {t('work.time.empty')}
        </Text>
      )}
      <form onSubmit={submit} aria-label={t('work.time.add')}>
        <Stack gap={6}>
          <TextInput
            size="xs"
            label={t('work.time.description')}
            placeholder={t('work.time.descriptionPlaceholder')}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
          />
          <Group gap={6} grow>
            <TextInput
              size="xs"
              label={t('work.time.duration')}
              placeholder="00:30"
              value={duration}
              onChange={(e) => setDuration(e.currentTarget.value)}
            />
            <DateField size="xs" label={t('work.time.date')} value={date} onChange={setDate} required />
          </Group>
          {error && (
            <Text fz="xs" c="red" role="alert">
              {error}
            </Text>
          )}
          <Button type="submit" size="xs" variant="light" loading={add.isPending} leftSection={<IconPlus size={14} />}>
            {t('work.time.add')}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}

function minutesText(minutes: number): string {
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

/** 003: a task per ticket (numbered and named after it), ticked off when done. */
export function Tasks({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const onError = useFailure();
  const tasks = useQuery(tasksQuery(ticket.id));
  const [title, setTitle] = useState('');
  const key = ticketKeys.part(ticket.id, 'tasks');

  const add = useMutation({
    mutationFn: () => addTask(ticket.id, title.trim() ? { title: title.trim() } : {}),
    onSuccess: () => {
      setTitle('');
      void queryClient.invalidateQueries({ queryKey: key });
    },
    onError,
  });
  const toggle = useMutation({
    mutationFn: (task: Task) => updateTask(task.id, { status: task.status === 'done' ? 'open' : 'done' }),
    onMutate: async (task) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<Page<Task>>(key);
      if (previous) {
        queryClient.setQueryData<Page<Task>>(key, {
          ...previous,
          items: previous.items.map((x) =>
            x.id === task.id ? { ...x, status: task.status === 'done' ? 'open' : 'done' } : x,
          ),
        });
      }
      return { previous };
    },
    onError: (error, _task, context) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
      onError(error);
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: key }),
  });

  return (
    <Stack gap="xs">
      {tasks.isPending ? (
        <Skeleton height={28} />
      ) : tasks.data && tasks.data.items.length > 0 ? (
        tasks.data.items.map((task) => (
          <Group key={task.id} justify="space-between" wrap="nowrap" gap="xs">
            <Checkbox
              size="xs"
              label={task.title}
              checked={task.status === 'done'}
              onChange={() => toggle.mutate(task)}
              styles={{ label: { textDecoration: task.status === 'done' ? 'line-through' : undefined } }}
            />
            <Text fz="xs" c="dimmed" ff="monospace">
              {task.duration}
            </Text>
          </Group>
        ))
      ) : (
        <Text fz="xs" c="dimmed">
          {t('work.tasks.empty')}
        </Text>
      )}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          add.mutate();
        }}
      >
        <Group gap={6} wrap="nowrap" align="flex-end">
          <TextInput
            size="xs"
            style={{ flex: 1 }}
            label={t('work.tasks.title')}
            placeholder={`${ticket.number} ${ticket.subject}`}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
          />
          <Button type="submit" size="xs" variant="light" loading={add.isPending}>
            {t('work.tasks.add')}
          </Button>
        </Group>
      </form>
    </Stack>
  );
}

/** 001 "Follow up": remind me about this ticket at a given time. */
export function Reminders({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const onError = useFailure();
  const reminders = useQuery(remindersQuery(ticket.id));
  const [when, setWhen] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const key = ticketKeys.part(ticket.id, 'reminders');

  const add = useMutation({
    mutationFn: (remindAt: string) => addReminder(ticket.id, { remindAt, note: note.trim() || undefined }),
    onSuccess: () => {
      setWhen('');
      setNote('');
      void queryClient.invalidateQueries({ queryKey: key });
    },
    onError,
  });
  const dismiss = useMutation({
    mutationFn: (id: string) => dismissReminder(id),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: key }),
    onError,
  });

  const pending = reminders.data?.items.filter((r) => r.status === 'pending') ?? [];
  return (
    <Stack gap="xs">
      {reminders.isPending ? (
        <Skeleton height={28} />
      ) : pending.length > 0 ? (
        pending.map((reminder) => (
          <Group key={reminder.id} justify="space-between" wrap="nowrap" gap="xs">
            <div>
              <Text fz="xs" fw={600}>
                {format.dateTime(reminder.remindAt)}
              </Text>
              {reminder.note && (
                <Text fz="xs" c="dimmed">
                  {reminder.note}
                </Text>
              )}
            </div>
            <ActionIcon
              size="sm"
              variant="subtle"
              color="gray"
              aria-label={t('work.reminders.dismiss')}
              onClick={() => dismiss.mutate(reminder.id)}
            >
              <IconBellOff size={14} aria-hidden="true" />
            </ActionIcon>
          </Group>
        ))
      ) : (
        <Text fz="xs" c="dimmed">
          {t('work.reminders.empty')}
        </Text>
      )}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const remindAt = fromWallTime(when, format.timeZone);
          if (!remindAt) {
            setError(t('work.reminders.invalid'));
            return;
          }
          setError(null);
          add.mutate(remindAt);
        }}
      >
        <Stack gap={6}>
          <DateTimeField size="xs" label={t('work.reminders.when')} value={when} onChange={setWhen} error={error} />
          <TextInput
            size="xs"
            label={t('work.reminders.note')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
          />
          <Button type="submit" size="xs" variant="light" loading={add.isPending}>
            {t('work.reminders.add')}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}

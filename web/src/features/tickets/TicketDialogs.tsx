import { Alert, Checkbox, Group, Modal, ScrollArea, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Message, Ticket } from '../../app/api-types.ts';
import { errorMessage } from '../../app/error-message.ts';
import { DialogActions } from '../../app/ui/DialogActions.tsx';
import { SearchPick, useSearchPickState } from '../../app/ui/SearchPick.tsx';
import { activeOptions, usePeople } from '../lookups/useLookups.ts';
import { mergeTicket, search, splitTicket } from './api.ts';
import { StatusBadge } from './badges.tsx';
import { ticketKeys } from './queries.ts';
import type { useTicketActions } from './useTicketActions.ts';

type DialogProps = { ticket: Ticket; opened: boolean; onClose: () => void };

/** 001 "Dispatch": hand the ticket to another agent and/or department, with a note for them. */
export function DispatchDialog({
  ticket,
  opened,
  onClose,
  dispatch,
}: DialogProps & { dispatch: ReturnType<typeof useTicketActions>['dispatch'] }) {
  const { t } = useTranslation();
  const { agents, departments } = usePeople();
  const [assigneeId, setAssigneeId] = useState<string | null>(null);
  const [departmentId, setDepartmentId] = useState<string | null>(ticket.departmentId);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);

  // Each opening starts from the ticket as it is now (it may have moved since the page loaded).
  useEffect(() => {
    if (!opened) return;
    setAssigneeId(null);
    setDepartmentId(ticket.departmentId);
    setError(null);
  }, [opened, ticket.departmentId]);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!assigneeId && departmentId === ticket.departmentId) {
      setError(t('dispatch.pickSomeone'));
      return;
    }
    setError(null);
    const body: { assigneeId?: string | null; departmentId?: string | null; note?: string } = {};
    if (assigneeId) body.assigneeId = assigneeId;
    if (departmentId !== ticket.departmentId) body.departmentId = departmentId;
    if (note.trim()) body.note = note.trim();
    dispatch.mutate(body, {
      onSuccess: () => {
        setNote('');
        setAssigneeId(null);
        onClose();
      },
      onError: (failure) => setError(errorMessage(t, failure)),
    });
  }

  return (
    <Modal opened={opened} onClose={onClose} title={t('dispatch.title', { number: ticket.number })} centered>
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Text fz="sm" c="dimmed">
            {t('dispatch.text')}
          </Text>
          <Select
            label={t('dispatch.agent')}
            placeholder={t('dispatch.agentPlaceholder')}
            searchable
            clearable
            value={assigneeId}
            onChange={setAssigneeId}
            data={agents
              .filter((a) => a.active && a.id !== ticket.assigneeId)
              .map((a) => ({ value: a.id, label: a.name }))}
          />
          <Select
            label={t('ticket.fields.department')}
            clearable
            searchable
            value={departmentId}
            onChange={setDepartmentId}
            data={activeOptions(departments)}
          />
          <Textarea
            label={t('dispatch.note')}
            description={t('dispatch.noteHint')}
            autosize
            minRows={3}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
          />
          <DialogActions
            error={error}
            onCancel={onClose}
            submitLabel={t('dispatch.submit')}
            loading={dispatch.isPending}
          />
        </Stack>
      </form>
    </Modal>
  );
}

/** Merge this ticket into another: its messages move there and this one closes. */
export function MergeDialog({ ticket, opened, onClose }: DialogProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { query, setQuery, debounced, pickedId: targetId, setPickedId: setTargetId } = useSearchPickState(opened);
  const results = useQuery({
    queryKey: ticketKeys.search(debounced),
    queryFn: ({ signal }) => search(debounced, { signal }),
    enabled: opened && debounced.length > 0,
  });
  const candidates = (results.data?.tickets ?? []).filter(
    (candidate) => candidate.id !== ticket.id && candidate.statusCategory !== 'closed',
  );
  const target = candidates.find((candidate) => candidate.id === targetId);

  const merge = useMutation({
    mutationFn: (id: string) => mergeTicket(ticket.id, id),
    onSuccess: (merged) => {
      notifications.show({
        color: 'teal',
        message: t('merge.done', { source: ticket.number, target: merged.number }),
      });
      void queryClient.invalidateQueries({ queryKey: ['ticket'] });
      void queryClient.invalidateQueries({ queryKey: ticketKeys.lists });
      void queryClient.invalidateQueries({ queryKey: ticketKeys.views });
      onClose();
      void navigate({ to: '/tickets/$ticketRef', params: { ticketRef: merged.number } });
    },
  });

  return (
    <Modal opened={opened} onClose={onClose} title={t('merge.title', { number: ticket.number })} size="lg" centered>
      <Stack gap="sm">
        <Text fz="sm" c="dimmed">
          {t('merge.text')}
        </Text>
        <SearchPick
          label={t('merge.find')}
          placeholder={t('merge.findPlaceholder')}
          query={query}
          onQueryChange={setQuery}
          fetching={results.isFetching}
          answered={debounced.length > 0 && results.data !== undefined}
          emptyText={t('merge.noCandidates')}
          listLabel={t('merge.target')}
          items={candidates}
          idOf={(candidate) => candidate.id}
          labelOf={(candidate) => (
            <Group gap={8} wrap="nowrap">
              <Text fz="sm" ff="monospace" fw={600}>
                {candidate.number}
              </Text>
              <Text fz="sm" truncate="end" maw={320}>
                {candidate.subject}
              </Text>
              <StatusBadge name={candidate.status} category={candidate.statusCategory} size="xs" />
            </Group>
          )}
          descriptionOf={(candidate) => candidate.requester.name ?? undefined}
          value={targetId}
          onChange={setTargetId}
        />
        {target && (
          <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} aria-hidden="true" />}>
            {t('merge.confirmText', { source: ticket.number, target: target.number })}
          </Alert>
        )}
        <DialogActions
          error={merge.isError ? errorMessage(t, merge.error) : null}
          onCancel={onClose}
          color="orange"
          disabled={!target}
          loading={merge.isPending}
          submitLabel={target ? t('merge.submitInto', { number: target.number }) : t('merge.submit')}
          onSubmit={() => target && merge.mutate(target.id)}
        />
      </Stack>
    </Modal>
  );
}

/**
 * 003: a second topic in the same ticket gets its own ticket. Move the messages about it, or write
 * the new topic; the two tickets stay linked.
 */
export function SplitDialog({ ticket, opened, onClose, messages }: DialogProps & { messages: Message[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [subject, setSubject] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);

  const split = useMutation({
    mutationFn: () =>
      splitTicket(ticket.id, {
        subject: subject.trim(),
        ...(picked.length > 0 ? { messageIds: picked } : {}),
        ...(body.trim() ? { body: body.trim() } : {}),
      }),
    onSuccess: (created) => {
      notifications.show({ color: 'teal', message: t('split.done', { number: created.number, from: ticket.number }) });
      void queryClient.invalidateQueries({ queryKey: ['ticket'] });
      void queryClient.invalidateQueries({ queryKey: ticketKeys.lists });
      void queryClient.invalidateQueries({ queryKey: ticketKeys.views });
      setSubject('');
      setPicked([]);
      setBody('');
      onClose();
      void navigate({ to: '/tickets/$ticketRef', params: { ticketRef: created.number } });
    },
    onError: (failure) => setError(errorMessage(t, failure)),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!subject.trim()) return setError(t('split.subjectRequired'));
    if (picked.length === 0 && !body.trim()) return setError(t('split.pickOrWrite'));
    if (picked.length >= messages.length) return setError(t('split.leaveOne'));
    setError(null);
    split.mutate();
  }

  return (
    <Modal opened={opened} onClose={onClose} title={t('split.title', { number: ticket.number })} size="lg" centered>
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Text fz="sm" c="dimmed">
            {t('split.text')}
          </Text>
          <TextInput
            label={t('split.subject')}
            required
            data-autofocus
            value={subject}
            onChange={(e) => setSubject(e.currentTarget.value)}
          />
          <Checkbox.Group
            label={t('split.messages')}
            description={t('split.messagesHint')}
            value={picked}
            onChange={setPicked}
          >
            <ScrollArea.Autosize mah={220} mt="xs">
              <Stack gap={6}>
                {messages.map((message) => (
                  <Checkbox
                    key={message.id}
                    value={message.id}
                    label={`${message.author.name}: ${message.body.slice(0, 90)}${message.body.length > 90 ? '…' : ''}`}
                  />
                ))}
              </Stack>
            </ScrollArea.Autosize>
          </Checkbox.Group>
          <Textarea
            label={t('split.body')}
            description={t('split.bodyHint')}
            autosize
            minRows={3}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
          />
          <DialogActions error={error} onCancel={onClose} submitLabel={t('split.submit')} loading={split.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}

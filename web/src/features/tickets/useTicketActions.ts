import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Ticket, TicketChanges, TicketSettings } from '../../app/api-types.ts';
import { errorMessage } from '../../app/error-message.ts';
import { useCurrentUser } from '../auth/useSession.ts';
import { useTicketSettings } from '../lookups/useLookups.ts';
import { dispatchTicket, takeTicket, updateTicket } from './api.ts';
import { ticketKeys } from './queries.ts';
import { useReportRuleChanges } from './RuleChangesNotice.tsx';

/** What the ticket will look like if the server accepts `changes`, for an optimistic screen. */
export function predictTicket(ticket: Ticket, changes: TicketChanges, settings: TicketSettings | undefined): Ticket {
  const next: Ticket = { ...ticket };
  if (changes.subject !== undefined) next.subject = changes.subject;
  if (changes.status !== undefined) {
    const status = settings?.statuses.find((s) => s.id === changes.status || s.name === changes.status);
    if (status) {
      next.statusId = status.id;
      next.status = status.name;
      next.statusCategory = status.category;
    }
  }
  if (changes.priority !== undefined) next.priority = changes.priority;
  if (changes.type !== undefined) {
    const type = settings?.types.find((x) => x.id === changes.type || x.name === changes.type);
    next.typeId = type?.id ?? null;
    next.type = type?.name ?? null;
  }
  if (changes.category !== undefined) {
    const category = settings?.categories.find((x) => x.id === changes.category || x.name === changes.category);
    next.categoryId = category?.id ?? null;
    next.category = category?.name ?? null;
  }
  if (changes.departmentId !== undefined) next.departmentId = changes.departmentId;
  if (changes.assigneeId !== undefined) next.assigneeId = changes.assigneeId;
  if (changes.flag !== undefined) next.flag = changes.flag;
  if (changes.dueAt !== undefined) next.dueAt = changes.dueAt;
  if (changes.channel !== undefined) next.channel = changes.channel;
  if (changes.tags !== undefined) next.tags = changes.tags;
  if (changes.tagsAdd) next.tags = [...new Set([...next.tags, ...changes.tagsAdd])];
  if (changes.tagsRemove) next.tags = next.tags.filter((tag) => !changes.tagsRemove?.includes(tag));
  if (changes.customFields !== undefined) next.customFields = { ...next.customFields, ...changes.customFields };
  return next;
}

/**
 * Changes to one ticket, shown at once and rolled back with a message if the server refuses
 * (a status barred for the type, a required custom field, someone else's newer change…).
 * `ref` is the key the page loaded the ticket under (its number).
 */
export function useTicketActions(ref: string, ticket: Ticket | undefined) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const settings = useTicketSettings();
  const me = useCurrentUser();
  const key = ticketKeys.ticket(ref);
  const reportRuleChanges = useReportRuleChanges();

  const refreshLists = () => {
    void queryClient.invalidateQueries({ queryKey: ticketKeys.lists });
    void queryClient.invalidateQueries({ queryKey: ticketKeys.views });
    if (ticket) void queryClient.invalidateQueries({ queryKey: ['ticket', ticket.id] });
  };

  function optimistic(changes: TicketChanges) {
    return async () => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<Ticket>(key);
      if (previous) queryClient.setQueryData<Ticket>(key, predictTicket(previous, changes, settings));
      return { previous };
    };
  }

  function rollback(title: string) {
    return (error: unknown, _variables: unknown, context: { previous?: Ticket } | undefined) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
      notifications.show({ color: 'red', title, message: errorMessage(t, error), autoClose: 8000 });
    };
  }

  const update = useMutation({
    mutationFn: (changes: TicketChanges) => updateTicket(ticket?.id ?? ref, changes),
    onMutate: (changes) => optimistic(changes)(),
    onError: rollback(t('ticket.actions.updateRefused')),
    onSuccess: (saved) => {
      queryClient.setQueryData(key, saved);
      reportRuleChanges(saved);
    },
    onSettled: refreshLists,
  });

  const take = useMutation({
    mutationFn: () => takeTicket(ticket?.id ?? ref),
    onMutate: () => optimistic({ assigneeId: me.id })(),
    onError: rollback(t('ticket.actions.takeRefused')),
    onSuccess: (saved) => {
      queryClient.setQueryData(key, saved);
      notifications.show({ color: 'teal', message: t('ticket.actions.taken', { number: saved.number }) });
    },
    onSettled: refreshLists,
  });

  const dispatch = useMutation({
    mutationFn: (body: { assigneeId?: string | null; departmentId?: string | null; note?: string }) =>
      dispatchTicket(ticket?.id ?? ref, body),
    onSuccess: (saved) => {
      queryClient.setQueryData(key, saved);
      notifications.show({ color: 'teal', message: t('ticket.actions.dispatched', { number: saved.number }) });
    },
    onSettled: refreshLists,
  });

  return { update, take, dispatch };
}

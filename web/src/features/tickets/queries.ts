import { type QueryClient, queryOptions } from '@tanstack/react-query';
import type { Message, TicketQuery, TicketSort } from '../../app/api-types.ts';
import { contactKeys } from '../contacts/api.ts';
import { organizationKeys } from '../organizations/api.ts';
import {
  fetchHistory,
  fetchLinks,
  fetchMacros,
  fetchMessages,
  fetchReminders,
  fetchTasks,
  fetchTicket,
  fetchTicketPage,
  fetchTicketSla,
  fetchTickets,
  fetchTimeEntries,
  fetchViews,
} from './api.ts';

/**
 * Query keys. The first element is what a live event refreshes: `tickets` (every list of
 * tickets), `ticket` (one ticket and what hangs off it), `views` (queue counts), `search`.
 */
export const ticketKeys = {
  views: ['views'] as const,
  lists: ['tickets'] as const,
  viewTickets: (viewId: string) => ['tickets', 'view', viewId] as const,
  filtered: (query: TicketQuery, sort?: TicketSort) => ['tickets', 'filtered', query, sort ?? 'updated'] as const,
  ticket: (ref: string) => ['ticket', ref] as const,
  part: (ticketId: string, part: 'messages' | 'history' | 'links' | 'time' | 'tasks' | 'reminders' | 'sla') =>
    ['ticket', ticketId, part] as const,
  search: (q: string) => ['search', q] as const,
  macros: ['macros'] as const,
};

export const viewsQuery = queryOptions({
  queryKey: ticketKeys.views,
  queryFn: ({ signal }) => fetchViews({ signal }),
  staleTime: 15_000,
});

export const ticketQuery = (ref: string) =>
  queryOptions({
    queryKey: ticketKeys.ticket(ref),
    queryFn: ({ signal }) => fetchTicket(ref, { signal }),
  });

export const filteredTicketsQuery = (query: TicketQuery, sort?: TicketSort) =>
  queryOptions({
    queryKey: ticketKeys.filtered(query, sort),
    queryFn: ({ signal }) => fetchTickets(query, { sort, signal, limit: 50, total: true }),
  });

const DELIVERY_POLL_MS = 15_000;

/** Whether a reply's mail may still change state (the conversation is read again while one does). */
function deliveryPending(messages: Message[] | undefined): boolean {
  return (messages ?? []).some((m) => m.delivery?.state === 'queued' || m.delivery?.state === 'retrying');
}

export const messagesQuery = (ticketId: string) =>
  queryOptions({
    queryKey: ticketKeys.part(ticketId, 'messages'),
    queryFn: ({ signal }) => fetchMessages(ticketId, { signal }),
    // A reply's mail leaves after the save: its state is read again until it settles.
    refetchInterval: (query) => (deliveryPending(query.state.data) ? DELIVERY_POLL_MS : false),
  });

export const historyQuery = (ticketId: string) =>
  queryOptions({
    queryKey: ticketKeys.part(ticketId, 'history'),
    queryFn: ({ signal }) => fetchHistory(ticketId, { signal }),
  });

export const linksQuery = (ticketId: string) =>
  queryOptions({
    queryKey: ticketKeys.part(ticketId, 'links'),
    queryFn: ({ signal }) => fetchLinks(ticketId, { signal }),
  });

export const timeEntriesQuery = (ticketId: string) =>
  queryOptions({
    queryKey: ticketKeys.part(ticketId, 'time'),
    queryFn: ({ signal }) => fetchTimeEntries(ticketId, { signal }),
  });

export const tasksQuery = (ticketId: string) =>
  queryOptions({
    queryKey: ticketKeys.part(ticketId, 'tasks'),
    queryFn: ({ signal }) => fetchTasks(ticketId, { signal }),
  });

export const remindersQuery = (ticketId: string) =>
  queryOptions({
    queryKey: ticketKeys.part(ticketId, 'reminders'),
    queryFn: ({ signal }) => fetchReminders(ticketId, { signal }),
  });

export const slaQuery = (ticketId: string) =>
  queryOptions({
    queryKey: ticketKeys.part(ticketId, 'sla'),
    queryFn: ({ signal }) => fetchTicketSla(ticketId, { signal }),
  });

export const macrosQuery = queryOptions({
  queryKey: ticketKeys.macros,
  queryFn: ({ signal }) => fetchMacros({ signal }),
  staleTime: 60_000,
});

/**
 * Opens a ticket page with one request instead of eight: the bundle fills the cache of every
 * query the page's parts use, so they render at once; after that each part refreshes on its own
 * (live events, its own mutations). Keyed outside `ticket` so live events do not refetch it, and
 * never fatal: if the bundle fails, the parts load one by one as before.
 */
export const ticketBootstrapQuery = (ref: string, queryClient: QueryClient) =>
  queryOptions({
    queryKey: ['ticket-page', ref] as const,
    queryFn: async ({ signal }) => {
      try {
        const bundle = await fetchTicketPage(ref, { signal });
        const id = bundle.ticket.id;
        queryClient.setQueryData(ticketKeys.ticket(ref), bundle.ticket);
        if (!bundle.messages.nextCursor)
          queryClient.setQueryData(ticketKeys.part(id, 'messages'), bundle.messages.items);
        queryClient.setQueryData(ticketKeys.part(id, 'history'), { items: bundle.history });
        queryClient.setQueryData(ticketKeys.part(id, 'links'), bundle.links);
        queryClient.setQueryData(ticketKeys.part(id, 'time'), bundle.time);
        queryClient.setQueryData(ticketKeys.part(id, 'tasks'), { items: bundle.tasks, nextCursor: null });
        queryClient.setQueryData(ticketKeys.part(id, 'reminders'), { items: bundle.reminders, nextCursor: null });
        queryClient.setQueryData(contactKeys.one(bundle.requester.id), bundle.requester);
        if (bundle.organization)
          queryClient.setQueryData(organizationKeys.one(bundle.organization.id), bundle.organization);
        return true;
      } catch (error) {
        if (error instanceof DOMException && error.name === 'AbortError') throw error;
        return false;
      }
    },
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
    retry: false,
  });

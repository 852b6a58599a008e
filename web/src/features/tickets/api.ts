import type { Static } from 'typebox';
import type { TicketSlaSchema } from '../../../../src/http/schemas/automation.ts';
import { api } from '../../app/api.ts';
import type {
  Activity,
  Channel,
  ContactDetail,
  HistoryEntry,
  Macro,
  Message,
  MessageKind,
  OrganizationDetail,
  Page,
  Priority,
  Reminder,
  RenderedMacro,
  SavedTicket,
  SavedView,
  SearchResults,
  Task,
  Ticket,
  TicketChanges,
  TicketLinks,
  TicketPage,
  TicketQuery,
  TicketSort,
  TimeEntry,
  TimeSheet,
} from '../../app/api-types.ts';

type Signal = { signal?: AbortSignal };

function withSignal(signal?: AbortSignal) {
  return signal ? { signal } : {};
}

// Queues and views

export function fetchViews({ signal }: Signal = {}): Promise<{ items: SavedView[] }> {
  return api('/views', withSignal(signal));
}

export function fetchViewTickets(viewId: string, cursor: string | null, { signal }: Signal = {}): Promise<TicketPage> {
  return api(`/views/${encodeURIComponent(viewId)}/tickets`, {
    query: { limit: 50, cursor },
    ...withSignal(signal),
  });
}

/** `GET /tickets` with the view-style filters sent comma-separated. */
export function fetchTickets(
  query: TicketQuery,
  options: { sort?: TicketSort; cursor?: string | null; limit?: number; total?: boolean } & Signal = {},
): Promise<TicketPage> {
  const params: Record<string, string | number | boolean | null | undefined> = {
    sort: options.sort,
    cursor: options.cursor,
    limit: options.limit ?? 50,
    total: options.total,
  };
  for (const [key, value] of Object.entries(query)) {
    params[key] = Array.isArray(value) ? value.join(',') : value;
  }
  return api('/tickets', { query: params, ...withSignal(options.signal) });
}

export function search(q: string, { signal }: Signal = {}): Promise<SearchResults> {
  return api('/search', { query: { q, limit: 20 }, ...withSignal(signal) });
}

// One ticket

/** `GET /tickets/:id/sla`: each running target with its policy, due and warning times and state. */
export type TicketSla = Static<typeof TicketSlaSchema>;
export type SlaTarget = TicketSla['items'][number];

export function fetchTicketSla(ticketId: string, { signal }: Signal = {}): Promise<TicketSla> {
  return api(`/tickets/${encodeURIComponent(ticketId)}/sla`, withSignal(signal));
}

export type NewTicket = {
  subject: string;
  body: string;
  requester: { id: string } | { email?: string; name?: string; phone?: string };
  organization?: { id: string } | { name: string };
  channel: Channel;
  priority?: Priority;
  type?: string | null;
  category?: string | null;
  departmentId?: string | null;
  assigneeId?: string | null;
  tags?: string[];
  dueAt?: string | null;
  customFields?: Record<string, unknown>;
};

export function createTicket(input: NewTicket): Promise<SavedTicket> {
  return api('/tickets', { method: 'POST', body: input });
}

export function fetchTicket(ref: string, { signal }: Signal = {}): Promise<Ticket> {
  return api(`/tickets/${encodeURIComponent(ref)}`, withSignal(signal));
}

export function updateTicket(id: string, changes: TicketChanges): Promise<SavedTicket> {
  return api(`/tickets/${encodeURIComponent(id)}`, { method: 'PATCH', body: changes });
}

export function bulkUpdateTickets(ids: string[], changes: TicketChanges): Promise<{ updated: number }> {
  return api('/tickets/bulk', { method: 'POST', body: { ids, changes } });
}

export function takeTicket(id: string): Promise<Ticket> {
  return api(`/tickets/${encodeURIComponent(id)}/take`, { method: 'POST' });
}

export function dispatchTicket(
  id: string,
  body: { assigneeId?: string | null; departmentId?: string | null; note?: string },
): Promise<Ticket> {
  return api(`/tickets/${encodeURIComponent(id)}/dispatch`, { method: 'POST', body });
}

export function mergeTicket(id: string, targetId: string): Promise<Ticket> {
  return api(`/tickets/${encodeURIComponent(id)}/merge`, { method: 'POST', body: { targetId } });
}

export function splitTicket(
  id: string,
  body: { subject: string; messageIds?: string[]; body?: string },
): Promise<Ticket> {
  return api(`/tickets/${encodeURIComponent(id)}/split`, { method: 'POST', body });
}

/** Everything the ticket page shows, in one request (`GET /tickets/{id}/page`). */
export type TicketPageBundle = {
  ticket: Ticket;
  requester: ContactDetail;
  organization: OrganizationDetail | null;
  links: TicketLinks;
  messages: Page<Message>;
  history: HistoryEntry[];
  time: TimeSheet;
  tasks: Task[];
  reminders: Reminder[];
};

export function fetchTicketPage(ref: string, { signal }: Signal = {}): Promise<TicketPageBundle> {
  return api(`/tickets/${encodeURIComponent(ref)}/page`, withSignal(signal));
}

export function fetchHistory(id: string, { signal }: Signal = {}): Promise<{ items: HistoryEntry[] }> {
  return api(`/tickets/${encodeURIComponent(id)}/history`, withSignal(signal));
}

export function fetchLinks(id: string, { signal }: Signal = {}): Promise<TicketLinks> {
  return api(`/tickets/${encodeURIComponent(id)}/links`, withSignal(signal));
}

// Conversation

/** The whole conversation, oldest first (a long ticket is a few hundred messages at most). */
export async function fetchMessages(ticketId: string, { signal }: Signal = {}): Promise<Message[]> {
  const items: Message[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<Message> = await api<Page<Message>>(`/tickets/${encodeURIComponent(ticketId)}/messages`, {
      query: { limit: 200, cursor },
      ...withSignal(signal),
    });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

export type ActivityInput = Omit<Activity, 'scheduledSession' | 'medium' | 'contactId'> & {
  medium: Activity['medium'];
  scheduledSession?: {
    title?: string;
    startsAt: string;
    endsAt: string;
    attendees?: Array<{ name?: string; email: string }>;
  };
};

export type NewMessage = {
  kind: MessageKind;
  body: string;
  channel?: Channel;
  activity?: ActivityInput;
  /** A WhatsApp reply once the 24-hour window closed: an approved template and its parameters. */
  template?: { name: string; language: string; parameters: string[] };
  files?: File[];
};

/**
 * Posts a reply, note or activity: JSON, or multipart/form-data when files go with it (the
 * server reads the same fields, with `activity` as JSON text).
 */
export async function postMessage(ticketId: string, input: NewMessage): Promise<Message> {
  const path = `/tickets/${encodeURIComponent(ticketId)}/messages`;
  const { files, ...fields } = input;
  if (!files || files.length === 0) return api(path, { method: 'POST', body: fields });

  const form = new FormData();
  form.set('kind', fields.kind);
  form.set('body', fields.body);
  if (fields.channel) form.set('channel', fields.channel);
  if (fields.activity) form.set('activity', JSON.stringify(fields.activity));
  if (fields.template) form.set('template', JSON.stringify(fields.template));
  for (const file of files) form.append('files', file, file.name);
  return api<Message>(path, { method: 'POST', body: form });
}

export function attachmentUrl(id: string): string {
  return `/api/v1/attachments/${encodeURIComponent(id)}`;
}

// Macros

export function fetchMacros({ signal }: Signal = {}): Promise<Page<Macro>> {
  return api('/macros', withSignal(signal));
}

export function renderMacro(macroId: string, ticketId: string): Promise<RenderedMacro> {
  return api(`/macros/${encodeURIComponent(macroId)}/render`, { method: 'POST', body: { ticketId } });
}

// Agent work: time, tasks, reminders

export function fetchTimeEntries(ticketId: string, { signal }: Signal = {}): Promise<TimeSheet> {
  return api(`/tickets/${encodeURIComponent(ticketId)}/time-entries`, withSignal(signal));
}

export function addTimeEntry(
  ticketId: string,
  body: { description: string; duration: string; date?: string; billable?: boolean; taskId?: string | null },
): Promise<TimeEntry> {
  return api(`/tickets/${encodeURIComponent(ticketId)}/time-entries`, { method: 'POST', body });
}

export function removeTimeEntry(ticketId: string, entryId: string): Promise<void> {
  return api(`/tickets/${encodeURIComponent(ticketId)}/time-entries/${encodeURIComponent(entryId)}`, {
    method: 'DELETE',
  });
}

export function fetchTasks(ticketId: string, { signal }: Signal = {}): Promise<Page<Task>> {
  return api(`/tickets/${encodeURIComponent(ticketId)}/tasks`, withSignal(signal));
}

export function addTask(ticketId: string, body: { title?: string; assigneeId?: string | null }): Promise<Task> {
  return api(`/tickets/${encodeURIComponent(ticketId)}/tasks`, { method: 'POST', body });
}

export function updateTask(taskId: string, body: { status?: 'open' | 'done'; title?: string }): Promise<Task> {
  return api(`/tasks/${encodeURIComponent(taskId)}`, { method: 'PATCH', body });
}

export function fetchReminders(ticketId: string, { signal }: Signal = {}): Promise<Page<Reminder>> {
  return api(`/tickets/${encodeURIComponent(ticketId)}/reminders`, withSignal(signal));
}

export function addReminder(ticketId: string, body: { remindAt: string; note?: string }): Promise<Reminder> {
  return api(`/tickets/${encodeURIComponent(ticketId)}/reminders`, { method: 'POST', body });
}

export function dismissReminder(id: string): Promise<Reminder> {
  return api(`/reminders/${encodeURIComponent(id)}`, { method: 'PATCH', body: { status: 'dismissed' } });
}

/** Sends a reply's mail again now (after it failed, or without waiting for its next attempt). */
export function retryDelivery(ticketId: string, messageId: string): Promise<Message> {
  return api(`/tickets/${encodeURIComponent(ticketId)}/messages/${encodeURIComponent(messageId)}/retry`, {
    method: 'POST',
  });
}

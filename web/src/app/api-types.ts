/**
 * The shapes the console reads and writes, taken from the server's own TypeBox schemas so the
 * two cannot drift apart: a field renamed on the server is a type error here. Type-only imports:
 * nothing of the server ends up in the browser bundle.
 */
import type { Static } from 'typebox';
import type { AgentSchema, DepartmentSchema } from '../../../src/http/schemas/accounts.ts';
import type { ContractDetailSchema, ContractSchema } from '../../../src/http/schemas/contracts.ts';
import type {
  AttachmentSchema,
  MacroSchema,
  MessageSchema,
  PlannerTaskSchema,
  ReminderSchema,
  RenderedMacroSchema,
  ScheduledSessionSchema,
  TaskSchema,
  TimeEntrySchema,
  TimeSheetSchema,
} from '../../../src/http/schemas/conversation.ts';
import type {
  ContactDetailSchema,
  ContactSchema,
  OrganizationDetailSchema,
  OrganizationSchema,
  OrganizationSuggestions,
} from '../../../src/http/schemas/customers.ts';
import type { PaymentSchema, ReceiptReadingSchema } from '../../../src/http/schemas/payments.ts';
import type { PlaybookProgressSchema, PlaybookSchema } from '../../../src/http/schemas/playbooks.ts';
import type { AppliedProtocolSchema, ProtocolSchema } from '../../../src/http/schemas/protocols.ts';
import type { DashboardSchema, ReportSchema } from '../../../src/http/schemas/reports.ts';
import type { SettingsSchema } from '../../../src/http/schemas/settings.ts';
import type {
  HistoryEntrySchema,
  RuleChangeSchema,
  SavedTicketSchema,
  TicketLinksSchema,
  TicketListItemSchema,
  TicketPageSchema,
  TicketSchema,
} from '../../../src/http/schemas/tickets.ts';

export type Page<T> = { items: T[]; nextCursor: string | null };

export type Agent = Static<typeof AgentSchema>;
export type Department = Static<typeof DepartmentSchema>;

export type Ticket = Static<typeof TicketSchema>;
export type TicketListItem = Static<typeof TicketListItemSchema>;
export type TicketPage = Static<typeof TicketPageSchema>;
export type HistoryEntry = Static<typeof HistoryEntrySchema>;
export type TicketLinks = Static<typeof TicketLinksSchema>;
export type SavedTicket = Static<typeof SavedTicketSchema>;
export type RuleChange = Static<typeof RuleChangeSchema>;

export type Message = Static<typeof MessageSchema>;
export type MessageKind = Message['kind'];
export type Activity = NonNullable<Message['activity']>;
export type Medium = Activity['medium'];
export type Attachment = Static<typeof AttachmentSchema>;
export type ScheduledSession = Static<typeof ScheduledSessionSchema>;
export type Macro = Static<typeof MacroSchema>;
export type MacroActions = Macro['actions'];
export type RenderedMacro = Static<typeof RenderedMacroSchema>;

export type TimeEntry = Static<typeof TimeEntrySchema>;
export type TimeSheet = Static<typeof TimeSheetSchema>;
export type Task = Static<typeof TaskSchema>;
export type PlannerTask = Static<typeof PlannerTaskSchema>;
export type Protocol = Static<typeof ProtocolSchema>;
export type AppliedProtocol = Static<typeof AppliedProtocolSchema>;
export type Playbook = Static<typeof PlaybookSchema>;
export type PlaybookProgress = Static<typeof PlaybookProgressSchema>;
export type Reminder = Static<typeof ReminderSchema>;

export type Organization = Static<typeof OrganizationSchema>;
export type OrganizationDetail = Static<typeof OrganizationDetailSchema>;
export type OrganizationSuggestion = Static<typeof OrganizationSuggestions>['items'][number];
export type Contact = Static<typeof ContactSchema>;
export type ContactDetail = Static<typeof ContactDetailSchema>;
export type Settings = Static<typeof SettingsSchema>;
export type Contract = Static<typeof ContractSchema>;
export type ContractDetail = Static<typeof ContractDetailSchema>;
export type ContractState = Contract['state'];
export type Payment = Static<typeof PaymentSchema>;
export type ReceiptReading = Static<typeof ReceiptReadingSchema>;

// The routes below declare their response shapes inline (src/http/routes/*.routes.ts), so they
// are mirrored here by hand.

export type StatusCategory = 'new' | 'open' | 'pending' | 'on_hold' | 'solved' | 'closed';
export const STATUS_CATEGORIES: readonly StatusCategory[] = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'];

export type Priority = 'baja' | 'normal' | 'alta' | 'urgente' | 'critica';
export const PRIORITIES: readonly Priority[] = ['baja', 'normal', 'alta', 'urgente', 'critica'];

export type Flag = 'orange' | 'blue' | 'green';
export const FLAGS: readonly Flag[] = ['orange', 'blue', 'green'];

export type Channel = 'email' | 'portal' | 'whatsapp' | 'phone' | 'chat' | 'skype' | 'teams' | 'advisory' | 'internal';
export const CHANNELS: readonly Channel[] = [
  'phone',
  'email',
  'whatsapp',
  'portal',
  'chat',
  'skype',
  'teams',
  'advisory',
  'internal',
];
export const MEDIUMS: readonly Medium[] = ['phone', 'email', 'whatsapp', 'skype', 'teams', 'in_person'];

export type FieldKind =
  | 'text'
  | 'long_text'
  | 'number'
  | 'date'
  | 'select'
  | 'multi_select'
  | 'checkbox'
  | 'contact'
  | 'agent';
export const FIELD_KINDS: readonly FieldKind[] = [
  'text',
  'long_text',
  'number',
  'date',
  'select',
  'multi_select',
  'checkbox',
  'contact',
  'agent',
];

export type TicketStatus = {
  id: string;
  name: string;
  customerLabel: string | null;
  category: string;
  position: number;
  active: boolean;
};
export type NamedItem = { id: string; name: string; position: number; active: boolean };
/** `customerVisible`: customers may choose it when they open a ticket in the portal. */
export type TicketCategory = NamedItem & { customerVisible: boolean };
export type TicketType = TicketCategory & { barredStatusIds: string[] };
export type CustomField = {
  id: string;
  typeId: string;
  key: string;
  label: string;
  kind: string;
  options: string[];
  required: boolean;
  position: number;
};
export type NumberFormat = { prefix: string; nextNumber: number };
export type TicketSettings = {
  statuses: TicketStatus[];
  types: TicketType[];
  categories: TicketCategory[];
  fields: CustomField[];
  numberFormat: NumberFormat;
};

/** The filters a view or a queue request can carry (`GET /tickets` takes them comma-separated). */
export type TicketQuery = Partial<
  Record<
    | 'statusCategory'
    | 'statusId'
    | 'departmentId'
    | 'assigneeId'
    | 'organizationId'
    | 'requesterId'
    | 'tagsAll'
    | 'tagsAny'
    | 'priority'
    | 'typeId'
    | 'categoryId'
    | 'flag'
    | 'channel'
    | 'slaState',
    string[]
  >
> &
  Partial<Record<'createdFrom' | 'createdTo' | 'updatedFrom' | 'updatedTo' | 'dueBefore', string>> & {
    stale?: boolean;
  };

export type TicketSort = 'updated' | 'created' | 'priority' | 'due';

export type SavedView = {
  id: string;
  /** Set on the default views (`mine`, `unassigned`…): the console names them by it. */
  key: string | null;
  name: string;
  ownerAgentId: string | null;
  query: TicketQuery;
  sort: string;
  position: number;
  shared: boolean;
  count: number;
  /** More than `count`: counts stop at the server's limit. */
  countCapped: boolean;
};

export type SearchResults = {
  tickets: Array<TicketListItem & { excerpt: string | null }>;
  contacts: Array<{ id: string; name: string; excerpt: string }>;
  organizations: Array<{ id: string; name: string; excerpt: string }>;
};

/** What `PATCH /tickets/{id}` and the bulk route accept. */
export type TicketChanges = Partial<{
  subject: string;
  status: string;
  priority: Priority;
  type: string | null;
  category: string | null;
  departmentId: string | null;
  assigneeId: string | null;
  requesterId: string;
  channel: Channel;
  tags: string[];
  tagsAdd: string[];
  tagsRemove: string[];
  flag: Flag | null;
  dueAt: string | null;
  customFields: Record<string, unknown>;
  followerIds: string[];
}>;

/** Live messages from `GET /api/v1/live`. */
export type PresenceViewer = { agentId: string; name: string; initials: string; state: 'viewing' | 'typing' };
export type LiveMessage =
  | { type: 'ready'; connectionId?: string }
  | {
      type: 'event';
      event: {
        type: string;
        ticketId: string | null;
        at?: string;
        actor?: { kind: string; id?: string };
        data?: unknown;
      };
    }
  | { type: 'presence'; ticketId: string; viewers: PresenceViewer[] }
  /** The server missed events for a while (its relay reconnected): reload what is shown. */
  | { type: 'gap' }
  | { type: 'error'; code: string; ticketId?: string | null };

export type Report = Static<typeof ReportSchema>;
export type Dashboard = Static<typeof DashboardSchema>;

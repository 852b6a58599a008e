import type { ColumnType, Generated, Kysely } from 'kysely';

/** ISO 8601 UTC text on SQLite, timestamptz on PostgreSQL; always read back as an ISO string. */
export type Timestamp = ColumnType<string, string, string>;
/** 0/1 on both engines, so one code path reads and writes it. */
export type Flag = ColumnType<number, number | undefined, number>;

export interface DepartmentsTable {
  id: string;
  name: string;
  name_key: string;
  kind: 'external' | 'internal';
  time_zone: string;
  email: string | null;
  active: Flag;
  /** The department's own entitlement rule (0019); null follows the global setting. */
  entitlement: ColumnType<Entitlement | null, Entitlement | null | undefined, Entitlement | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type Entitlement = 'open' | 'contract_required';

export interface AgentsTable {
  id: string;
  email: string;
  name: string;
  initials: string;
  role: 'admin' | 'supervisor' | 'agent';
  locale: 'es' | 'en';
  time_zone: string;
  skills: string;
  password_hash: string | null;
  active: Flag;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AgentDepartmentsTable {
  agent_id: string;
  department_id: string;
}

export interface SessionsTable {
  id: string;
  principal_kind: 'agent' | 'contact';
  principal_id: string;
  csrf_token: string;
  ip: string | null;
  user_agent: string | null;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export interface ApiTokensTable {
  id: string;
  agent_id: string;
  name: string;
  token_hash: string;
  token_prefix: string;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface LoginFailuresTable {
  id: Generated<number>;
  email: string;
  ip: string;
  created_at: Timestamp;
}

/** Changes audited outside tickets' history (0018): a contact's addresses. */
export interface AuditLogTable {
  id: Generated<number>;
  entity: 'contact';
  entity_id: string;
  field: string;
  from_value: string | null;
  to_value: string | null;
  actor_kind: 'agent' | 'contact' | 'system';
  actor_id: string | null;
  created_at: Timestamp;
}

/** The first answer to a creating write, by the caller's `Idempotency-Key` (0018). */
export interface IdempotencyKeysTable {
  principal_id: string;
  key: string;
  route: string;
  request_hash: string;
  /** Null while the first request is still running. */
  status_code: number | null;
  response_body: string | null;
  created_at: Timestamp;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: Timestamp;
}

export interface OrganizationsTable {
  id: string;
  name: string;
  name_key: string;
  search_name: string;
  code: string | null;
  code_key: string | null;
  tax_id: string | null;
  tax_id_key: string | null;
  tier: 'general' | 'special';
  account_leader_id: string | null;
  notes: string;
  tags: string;
  /** 0 stops every contact of the organization from signing in to the portal. */
  active: Flag;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OrganizationDomainsTable {
  domain: string;
  organization_id: string;
}

export interface ContactsTable {
  id: string;
  name: string;
  search_name: string;
  title: string | null;
  organization_id: string | null;
  org_role: 'owner' | 'admin' | 'main_contact' | 'member';
  locale: 'es' | 'en';
  notes: string;
  password_hash: string | null;
  merged_into_id: string | null;
  /** 0: may not sign in to the portal. */
  active: Flag;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A single-use link that sets a contact's portal password (invitation or reset); only the hash is kept. */
export interface PortalTokensTable {
  token_hash: string;
  contact_id: string;
  purpose: 'invitation' | 'reset';
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface ContactEmailsTable {
  email: string;
  contact_id: string;
  is_primary: Flag;
}

export interface ContactPhonesTable {
  phone: string;
  contact_id: string;
  is_whatsapp: Flag;
  label: string | null;
}

export type StatusCategory = 'new' | 'open' | 'pending' | 'on_hold' | 'solved' | 'closed';
export type Channel = 'email' | 'portal' | 'whatsapp' | 'phone' | 'chat' | 'skype' | 'teams' | 'advisory' | 'internal';

export interface TicketStatusesTable {
  id: string;
  name: string;
  name_key: string;
  /** A stable role the rules find it by, whatever its name (0012): `backlog`, `queued`. */
  key: ColumnType<string | null, string | null | undefined, string | null>;
  customer_label: string | null;
  category: StatusCategory;
  position: number;
  active: Flag;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** ticket_types and ticket_categories share this shape. */
export interface NamedListTable {
  id: string;
  name: string;
  name_key: string;
  position: number;
  active: Flag;
  /** 1 = customers may choose it when opening a ticket in the portal (0021). */
  customer_visible: Flag;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TicketTypesTable extends NamedListTable {
  /** A stable role the rules find it by, whatever its name (0012): `support`, `change`. */
  key: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface TicketTypeBarredStatusesTable {
  type_id: string;
  status_id: string;
}

export type CustomFieldKind =
  | 'text'
  | 'long_text'
  | 'number'
  | 'date'
  | 'select'
  | 'multi_select'
  | 'checkbox'
  | 'contact'
  | 'agent';

export interface CustomFieldsTable {
  id: string;
  type_id: string;
  key: string;
  label: string;
  kind: CustomFieldKind;
  options: string;
  required: Flag;
  position: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TicketCountersTable {
  name: string;
  next_value: number;
}

export interface TicketsTable {
  id: string;
  number: string;
  subject: string;
  status_id: string;
  status_category: StatusCategory;
  priority: number;
  type_id: string | null;
  category_id: string | null;
  department_id: string | null;
  assignee_id: string | null;
  requester_id: string;
  organization_id: string | null;
  channel: Channel;
  flag: 'orange' | 'blue' | 'green' | null;
  due_at: Timestamp | null;
  custom_fields: string;
  tags: string;
  split_from_id: string | null;
  merged_into_id: string | null;
  follow_up_of_id: string | null;
  /** The nearest open SLA target of the ticket and its state (0005-automation). */
  sla_due_at: ColumnType<string | null, string | null | undefined, string | null>;
  sla_state: ColumnType<string | null, string | null | undefined, string | null>;
  /** 1 after 24 h without a reply or note (003); 0/1. */
  stale: Flag;
  /** 003: the ticket's place among its account's tickets of its type waiting for their turn (0012). */
  queue_position: ColumnType<number | null, number | null | undefined, number | null>;
  /** When the due date counts as approaching, and the last threshold told: 'soon' | 'passed' (0028). */
  due_warn_at: ColumnType<string | null, string | null | undefined, string | null>;
  due_notice: ColumnType<'soon' | 'passed' | null, 'soon' | 'passed' | null | undefined, 'soon' | 'passed' | null>;
  first_response_at: Timestamp | null;
  solved_at: Timestamp | null;
  closed_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TicketTagsTable {
  ticket_id: string;
  tag: string;
}

export interface TicketFollowersTable {
  ticket_id: string;
  agent_id: string;
}

export interface TicketCcsTable {
  ticket_id: string;
  contact_id: string;
}

export interface TicketEventsTable {
  id: Generated<number>;
  ticket_id: string;
  actor_kind: 'agent' | 'contact' | 'system';
  actor_id: string | null;
  via: string;
  field: string;
  from_value: string | null;
  to_value: string | null;
  /** For a status change, the statuses' ids: the names above are as they were then (0045). */
  from_ref: string | null;
  to_ref: string | null;
  created_at: Timestamp;
}

export interface MessagesTable {
  id: string;
  ticket_id: string;
  kind: 'reply' | 'note' | 'activity';
  author_kind: 'agent' | 'contact' | 'system';
  author_agent_id: string | null;
  author_contact_id: string | null;
  channel: Channel;
  body_text: string;
  body_html: string | null;
  activity: string | null;
  /** What the recipient's server reported on the mail that carried it: 'delivered' or 'failed' (0023). */
  delivery_status: string | null;
  /** The server's words (a bounce's diagnostic), and when the report came. */
  delivery_detail: string | null;
  delivery_reported_at: Timestamp | null;
  /** Where the quoted earlier conversation sits in body_text, [start, end) (mail); null = nothing quoted. */
  quote_start: number | null;
  quote_end: number | null;
  created_at: Timestamp;
}

export interface AttachmentsTable {
  id: string;
  sha256: string;
  size: number;
  storage: 'file' | 'database';
  created_at: Timestamp;
}

export interface AttachmentBlobsTable {
  sha256: string;
  data: Buffer;
}

export interface MessageAttachmentsTable {
  id: string;
  message_id: string;
  attachment_id: string;
  filename: string;
  content_type: string;
  inline_cid: string | null;
}

export interface OutboxTable {
  id: string;
  type: string;
  payload: string;
  ticket_id: string | null;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  available_at: Timestamp;
  last_error: string | null;
  created_at: Timestamp;
  processed_at: Timestamp | null;
}

export interface MacrosTable {
  id: string;
  name: string;
  body: string;
  actions: string;
  owner_agent_id: string | null;
  department_id: string | null;
  active: Flag;
  /** A stable name for a macro a workflow offers (`payment.script1`…, 0025); null for people's macros. */
  key: Generated<string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SavedViewsTable {
  id: string;
  /** Set on the shared views every install starts with (`mine`, `unassigned`…); null on views people made. */
  key: string | null;
  name: string;
  owner_agent_id: string | null;
  filters: string;
  sort: string;
  position: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Issue 13: the columns (a JSON array of column keys) and density one agent chose for one view. */
export interface AgentViewLayoutsTable {
  agent_id: string;
  view_id: string;
  columns: string;
  density: string;
  updated_at: Timestamp;
}

export interface TasksTable {
  id: string;
  ticket_id: string;
  title: string;
  assignee_id: string | null;
  status: 'open' | 'done';
  due_at: Timestamp | null;
  completed_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** The playbook run that created the task (0032); null for a task added by hand. */
  playbook_run_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** The step of the playbook it stands for, so a run's tasks read in the playbook's order. */
  playbook_position: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface TaskDependenciesTable {
  task_id: string;
  depends_on_id: string;
}

export interface PlaybooksTable {
  id: string;
  name: string;
  description: string | null;
  department_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PlaybookStepsTable {
  playbook_id: string;
  position: number;
  title: string;
  description: string | null;
  owner: 'starter' | 'account_leader';
  optional: Flag;
  /** JSON array of the positions the step waits for. */
  depends_on: string;
}

export interface PlaybookRunsTable {
  id: string;
  playbook_id: string;
  organization_id: string;
  ticket_id: string;
  started_by: string | null;
  created_at: Timestamp;
}

export interface ProtocolsTable {
  id: string;
  title: string;
  scenario: string;
  observations: string | null;
  department_id: string | null;
  article_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProtocolStepsTable {
  protocol_id: string;
  position: number;
  text: string;
  macro_id: string | null;
  /** JSON: the ticket field the step sets when ticked ({ field, key?, value }). */
  sets: string | null;
}

export interface ProtocolScriptsTable {
  protocol_id: string;
  position: number;
  macro_id: string;
}

export interface TicketProtocolsTable {
  id: string;
  ticket_id: string;
  protocol_id: string;
  applied_by: string | null;
  applied_at: Timestamp;
  completed_at: Timestamp | null;
}

export interface TicketProtocolStepsTable {
  applied_id: string;
  position: number;
  text: string;
  macro_id: string | null;
  sets: string | null;
  done_by: string | null;
  done_at: Timestamp | null;
}

export interface TimeEntriesTable {
  id: string;
  ticket_id: string;
  task_id: string | null;
  agent_id: string;
  description: string;
  minutes: number;
  /** The day the work was done, YYYY-MM-DD in the agent's time zone. */
  work_date: string;
  billable: Flag;
  created_at: Timestamp;
}

export interface RemindersTable {
  id: string;
  ticket_id: string;
  agent_id: string;
  remind_at: Timestamp;
  note: string;
  status: 'pending' | 'sent' | 'dismissed';
  created_at: Timestamp;
}

export interface ScheduledSessionsTable {
  id: string;
  ticket_id: string;
  message_id: string | null;
  title: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  attendees: string;
  organizer_agent_id: string | null;
  sequence: number;
  cancelled_at: Timestamp | null;
  created_at: Timestamp;
  /** The Teams or Skype link of the session (0050). */
  join_url: string | null;
}

/** An FTS5 table on SQLite, a table with a tsvector column on PostgreSQL (see the search repository). */
export interface SearchDocumentsTable {
  kind: 'ticket' | 'message' | 'contact' | 'organization';
  ref_id: string;
  ticket_id: string | null;
  organization_id: string | null;
  visibility: 'public' | 'internal';
  title: string;
  body: string;
}

export interface JobsTable {
  id: string;
  name: string;
  payload: string;
  run_at: Timestamp;
  status: 'pending' | 'done' | 'failed';
  attempts: number;
  last_error: string | null;
  dedupe_key: string | null;
  created_at: Timestamp;
  finished_at: Timestamp | null;
}

export interface MailboxesTable {
  id: string;
  address: string;
  department_id: string | null;
  default_type_id: string | null;
  default_priority: string | null;
  language: string;
  imap: string | null;
  smtp_url: string | null;
  require_sender_auth: Generated<number>;
  created_at: Timestamp;
}

export interface InboundMessagesTable {
  id: string;
  source: string;
  mailbox_id: string | null;
  envelope_from: string | null;
  envelope_to: string;
  raw: Buffer;
  size: number;
  status: 'pending' | 'processed' | 'ignored' | 'failed';
  attempts: number;
  error: string | null;
  email_message_id: string | null;
  ticket_id: string | null;
  received_at: Timestamp;
  processed_at: Timestamp | null;
  content_hash: Generated<string | null>;
  parse_starts: Generated<number>;
}

export interface EmailMessageIdsTable {
  email_message_id: string;
  ticket_id: string;
  message_id: string | null;
  direction: 'in' | 'out';
  created_at: Timestamp;
}

export interface EmailAutoAnswersTable {
  id: string;
  address: string;
  created_at: Timestamp;
}

export interface EmailTemplatesTable {
  key: string;
  locale: string;
  subject: string;
  text: string;
  html: string;
  updated_at: Timestamp;
}

export interface BusinessCalendarsTable {
  id: string;
  name: string;
  time_zone: string;
  ranges: string;
  holidays: string;
  is_default: Flag;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DepartmentCalendarsTable {
  department_id: string;
  calendar_id: string;
}

export interface AutomationRulesTable {
  id: string;
  kind: 'trigger' | 'time';
  name: string;
  position: number;
  active: Flag;
  events: string;
  conditions: string;
  actions: string;
  schedule: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SlaPoliciesTable {
  id: string;
  name: string;
  position: number;
  active: Flag;
  conditions: string;
  targets: string;
  calendar_id: string | null;
  pause_when_waiting: Flag;
  warning_share: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TicketSlaTargetsTable {
  ticket_id: string;
  metric: 'first_reply' | 'next_reply' | 'periodic_update' | 'resolution';
  policy_id: string;
  started_at: Timestamp;
  due_at: Timestamp | null;
  warn_at: Timestamp | null;
  state: 'ok' | 'warning' | 'breached' | 'met' | 'paused';
  met_at: Timestamp | null;
  updated_at: Timestamp;
}

/** A spell a ticket spent red (0052): open (ended_at null) while it still is. */
export interface TicketRedSpellsTable {
  id: Generated<number>;
  ticket_id: string;
  started_at: Timestamp;
  ended_at: Timestamp | null;
}

/** A staff member's report summary by mail (0051). */
export interface ReportSubscriptionsTable {
  id: string;
  agent_id: string;
  frequency: 'daily' | 'weekly' | 'monthly';
  attachment: 'none' | 'csv' | 'xlsx';
  /** JSON array of ids; empty: every department the subscriber sees. */
  department_ids: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A period a subscription was mailed for: its key makes each period go out once. */
export interface ReportSubscriptionSendsTable {
  subscription_id: string;
  period_from: string;
  period_to: string;
  outbox_id: string;
  created_at: Timestamp;
}

/** A timesheet sent to a customer (0051). */
export interface TimesheetSendsTable {
  id: string;
  organization_id: string;
  month: string;
  time_zone: string;
  /** JSON array of addresses. */
  recipients: string;
  sent_by: string | null;
  outbox_id: string;
  created_at: Timestamp;
}

export interface KeywordRoutesTable {
  keyword: string;
  agent_id: string | null;
  department_id: string | null;
  created_at: Timestamp;
}

export interface AccountTypeLimitsTable {
  organization_id: string;
  type_id: string;
  max_in_work: number;
}

export interface NotificationsTable {
  id: string;
  agent_id: string;
  ticket_id: string | null;
  kind: string;
  title: string;
  data: string;
  created_at: Timestamp;
  read_at: Timestamp | null;
}

export interface NotificationMatrixScopesTable {
  /** A department id, or 'default' for departments without a matrix of their own. */
  scope: string;
  updated_at: Timestamp;
}

export interface NotificationMatrixTable {
  id: string;
  scope: string;
  event: string;
  recipient: 'requester' | 'assignee' | 'department' | 'supervisors' | 'agent';
  agent_id: string | null;
  template: string;
}

export interface AgentNotificationPreferencesTable {
  agent_id: string;
  event: string;
  channels: 'console' | 'email' | 'both' | 'none';
}

/** One survey per ticket, bound to the requester it was sent to (0022); the token itself is never stored. */
export interface SatisfactionSurveysTable {
  ticket_id: string;
  contact_id: string;
  nonce: string;
  token_hash: string;
  rating: 'good' | 'bad' | null;
  comment: string | null;
  rated_at: Timestamp | null;
  created_at: Timestamp;
}

/** Every answer to a survey, kept for reports after it is changed (0022). */
export interface SatisfactionRatingsTable {
  id: Generated<number>;
  ticket_id: string;
  contact_id: string;
  rating: 'good' | 'bad';
  comment: string | null;
  created_at: Timestamp;
}

export type Currency = 'USD' | 'CRC' | 'MXN';

/** An organization's maintenance contract (0019); its state comes from the dates. */
export interface ContractsTable {
  id: string;
  organization_id: string;
  plan_name: string;
  /** Integer minor units of `currency` (bigint; read back as a number on both engines). */
  amount_minor: number;
  currency: Currency;
  tax_rate_bp: number;
  period: 'monthly' | 'annual';
  starts_on: string;
  ends_on: string;
  notes: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** One audited change of a contract (0019): who, when, what from/to and why. */
export interface ContractChangesTable {
  id: Generated<number>;
  contract_id: string;
  action: 'created' | 'updated' | 'extended';
  changes: string;
  reason: string;
  ticket_id: string | null;
  actor_kind: 'agent' | 'contact' | 'system';
  actor_id: string | null;
  created_at: Timestamp;
}

/** A WhatsApp Business number (0024); the three secrets are sealed (secret-box). */
export interface WhatsappNumbersTable {
  id: string;
  phone_number_id: string;
  business_account_id: string;
  display_number: string;
  access_token: string;
  app_secret: string;
  verify_token: string;
  department_id: string | null;
  graph_base_url: string;
  graph_version: string;
  /** Seed 000 (0050): the welcome a new customer gets from this number, and the templates (JSON) used outside the window. */
  welcome_text: string | null;
  welcome_template: string | null;
  session_template: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type PaymentState = 'recorded' | 'sent_to_accounting' | 'verified' | 'applied';

/** A payment receipt recorded from a ticket message's file (0025, seed 002). */
export interface PaymentsTable {
  id: string;
  ticket_id: string;
  receipt_attachment_id: string;
  organization_id: string | null;
  contract_id: string | null;
  /** Integer minor units of `currency` (bigint; read back as a number on both engines). */
  amount_minor: number;
  currency: Currency;
  paid_on: string;
  payer_name: string;
  reference: string;
  state: PaymentState;
  accounting_ticket_id: string | null;
  recorded_by: string | null;
  sent_by: string | null;
  sent_at: Timestamp | null;
  verified_by: string | null;
  verified_at: Timestamp | null;
  applied_by: string | null;
  applied_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** What was read on a receipt file for the payment form (0042); `fields` is JSON. */
export interface ReceiptReadingsTable {
  attachment_id: string;
  ticket_id: string;
  status: 'pending' | 'done' | 'failed';
  source: 'ocr' | 'pdf_text' | null;
  fields: string | null;
  reason: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A signed webhook body as Meta sent it (0024), processed after the 200. */
export interface WhatsappWebhooksTable {
  id: string;
  raw: Buffer;
  status: 'pending' | 'processed' | 'failed';
  attempts: Generated<number>;
  error: string | null;
  received_at: Timestamp;
  processed_at: Timestamp | null;
  /** After a failed attempt (0050): not tried again before this. */
  next_attempt_at: Timestamp | null;
}

/** One part of a WhatsApp reply (0050): its uploaded media id and the wamid of its send. */
export interface WhatsappReplyPartsTable {
  message_id: string;
  part: string;
  media_id: string | null;
  wamid: string | null;
  created_at: Timestamp;
}

/** A WhatsApp message id we took in or sent (0024). */
export interface WhatsappMessagesTable {
  wamid: string;
  direction: 'in' | 'out';
  ticket_id: string | null;
  message_id: string | null;
  status: string | null;
  created_at: Timestamp;
}

/** The WhatsApp conversation of a ticket (0024): number, customer and the last message from them. */
export interface WhatsappThreadsTable {
  ticket_id: string;
  number_id: string;
  contact_id: string;
  wa_id: string;
  last_inbound_at: Timestamp | null;
}

/** A media file of a WhatsApp message (0024); stored_at null = its download is still pending. */
export interface WhatsappMediaTable {
  id: string;
  message_id: string;
  number_id: string;
  media_id: string;
  kind: string;
  mime_type: string | null;
  filename: string | null;
  stored_at: Timestamp | null;
  created_at: Timestamp;
}

export type KbLanguage = 'es' | 'en';
export type KbVisibility = 'public' | 'internal';

/** A knowledge-base category (0029); nested one level: a parent has no parent. */
export interface KbCategoriesTable {
  id: string;
  parent_id: string | null;
  name: string;
  slug: string;
  description: Generated<string>;
  position: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A knowledge-base article (0029): Markdown body, public (help centre, portal) or internal (agents). */
export interface KbArticlesTable {
  id: string;
  category_id: string | null;
  title: string;
  slug: string;
  body: string;
  language: KbLanguage;
  translation_of: string | null;
  visibility: KbVisibility;
  position: Generated<number>;
  author_id: string | null;
  updated_by: string | null;
  revision: Generated<number>;
  helpful_yes: Generated<number>;
  helpful_no: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Every saved version of an article (0029), for diff and restore. */
export interface KbArticleRevisionsTable {
  id: string;
  article_id: string;
  number: number;
  title: string;
  slug: string;
  body: string;
  category_id: string | null;
  visibility: KbVisibility;
  language: KbLanguage;
  /** JSON array of the tags at that revision. */
  tags: string;
  author_id: string | null;
  restored_from: number | null;
  created_at: Timestamp;
}

export interface KbArticleTagsTable {
  article_id: string;
  tag: string;
}

/** A file (an image of the body) of an article (0029), stored in `attachments` like messages' files. */
export interface KbArticleAttachmentsTable {
  id: string;
  article_id: string;
  attachment_id: string;
  filename: string;
  content_type: string;
  created_at: Timestamp;
}

/** A suggested article a customer opened on the portal's new-ticket form (0029, deflection). */
export interface KbSuggestionOpensTable {
  id: string;
  article_id: string;
  contact_id: string;
  subject: string;
  ticket_id: string | null;
  created_at: Timestamp;
}

export interface Database {
  departments: DepartmentsTable;
  agents: AgentsTable;
  agent_departments: AgentDepartmentsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_failures: LoginFailuresTable;
  audit_log: AuditLogTable;
  idempotency_keys: IdempotencyKeysTable;
  settings: SettingsTable;
  organizations: OrganizationsTable;
  organization_domains: OrganizationDomainsTable;
  contacts: ContactsTable;
  contact_emails: ContactEmailsTable;
  contact_phones: ContactPhonesTable;
  portal_tokens: PortalTokensTable;
  ticket_statuses: TicketStatusesTable;
  ticket_types: TicketTypesTable;
  ticket_categories: NamedListTable;
  ticket_type_barred_statuses: TicketTypeBarredStatusesTable;
  custom_fields: CustomFieldsTable;
  ticket_counters: TicketCountersTable;
  tickets: TicketsTable;
  ticket_tags: TicketTagsTable;
  ticket_followers: TicketFollowersTable;
  ticket_ccs: TicketCcsTable;
  ticket_events: TicketEventsTable;
  messages: MessagesTable;
  attachments: AttachmentsTable;
  attachment_blobs: AttachmentBlobsTable;
  message_attachments: MessageAttachmentsTable;
  outbox: OutboxTable;
  macros: MacrosTable;
  saved_views: SavedViewsTable;
  agent_view_layouts: AgentViewLayoutsTable;
  tasks: TasksTable;
  task_dependencies: TaskDependenciesTable;
  playbooks: PlaybooksTable;
  playbook_steps: PlaybookStepsTable;
  playbook_runs: PlaybookRunsTable;
  protocols: ProtocolsTable;
  protocol_steps: ProtocolStepsTable;
  protocol_scripts: ProtocolScriptsTable;
  ticket_protocols: TicketProtocolsTable;
  ticket_protocol_steps: TicketProtocolStepsTable;
  time_entries: TimeEntriesTable;
  reminders: RemindersTable;
  scheduled_sessions: ScheduledSessionsTable;
  search_documents: SearchDocumentsTable;
  jobs: JobsTable;
  mailboxes: MailboxesTable;
  inbound_messages: InboundMessagesTable;
  email_message_ids: EmailMessageIdsTable;
  email_auto_answers: EmailAutoAnswersTable;
  email_templates: EmailTemplatesTable;
  business_calendars: BusinessCalendarsTable;
  department_calendars: DepartmentCalendarsTable;
  automation_rules: AutomationRulesTable;
  sla_policies: SlaPoliciesTable;
  ticket_sla_targets: TicketSlaTargetsTable;
  ticket_red_spells: TicketRedSpellsTable;
  report_subscriptions: ReportSubscriptionsTable;
  report_subscription_sends: ReportSubscriptionSendsTable;
  timesheet_sends: TimesheetSendsTable;
  keyword_routes: KeywordRoutesTable;
  account_type_limits: AccountTypeLimitsTable;
  notifications: NotificationsTable;
  notification_matrix_scopes: NotificationMatrixScopesTable;
  notification_matrix: NotificationMatrixTable;
  agent_notification_preferences: AgentNotificationPreferencesTable;
  satisfaction_surveys: SatisfactionSurveysTable;
  satisfaction_ratings: SatisfactionRatingsTable;
  contracts: ContractsTable;
  contract_changes: ContractChangesTable;
  whatsapp_numbers: WhatsappNumbersTable;
  whatsapp_webhooks: WhatsappWebhooksTable;
  whatsapp_messages: WhatsappMessagesTable;
  whatsapp_threads: WhatsappThreadsTable;
  whatsapp_media: WhatsappMediaTable;
  whatsapp_reply_parts: WhatsappReplyPartsTable;
  payments: PaymentsTable;
  kb_categories: KbCategoriesTable;
  kb_articles: KbArticlesTable;
  kb_article_revisions: KbArticleRevisionsTable;
  kb_article_tags: KbArticleTagsTable;
  kb_article_attachments: KbArticleAttachmentsTable;
  kb_suggestion_opens: KbSuggestionOpensTable;
  receipt_readings: ReceiptReadingsTable;
}

export type Db = Kysely<Database>;
export type DialectName = 'sqlite' | 'postgres';

import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../database.ts';
import { columnTypes, oneOf } from './schema-helpers.ts';

const CHANNELS = ['email', 'portal', 'whatsapp', 'phone', 'chat', 'skype', 'teams', 'advisory', 'internal'];
const STATUS_CATEGORIES = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'];
const FIELD_KINDS = ['text', 'long_text', 'number', 'date', 'select', 'multi_select', 'checkbox', 'contact', 'agent'];

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const t = columnTypes(dialect);
  const index = (name: string, table: string, columns: string[]) =>
    db.schema.createIndex(name).on(table).columns(columns).execute();

  // Customers
  await db.schema
    .createTable('organizations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull().unique())
    .addColumn('search_name', 'text', (c) => c.notNull())
    .addColumn('code', 'text')
    .addColumn('code_key', 'text', (c) => c.unique())
    .addColumn('tax_id', 'text')
    .addColumn('tax_id_key', 'text', (c) => c.unique())
    .addColumn('tier', 'text', (c) =>
      c
        .notNull()
        .defaultTo('general')
        .check(oneOf('tier', ['general', 'special'])),
    )
    .addColumn('account_leader_id', 'text', (c) => c.references('agents.id').onDelete('set null'))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await index('organizations_search_name_idx', 'organizations', ['search_name']);

  await db.schema
    .createTable('organization_domains')
    .addColumn('domain', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .execute();
  await index('organization_domains_org_idx', 'organization_domains', ['organization_id']);

  await db.schema
    .createTable('contacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('search_name', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('organization_id', 'text', (c) => c.references('organizations.id').onDelete('set null'))
    .addColumn('org_role', 'text', (c) =>
      c
        .notNull()
        .defaultTo('member')
        .check(oneOf('org_role', ['owner', 'admin', 'main_contact', 'member'])),
    )
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('es'))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('password_hash', 'text')
    .addColumn('merged_into_id', 'text', (c) => c.references('contacts.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await index('contacts_organization_idx', 'contacts', ['organization_id']);
  await index('contacts_search_name_idx', 'contacts', ['search_name']);

  await db.schema
    .createTable('contact_emails')
    .addColumn('email', 'text', (c) => c.primaryKey())
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id').onDelete('cascade'))
    .addColumn('is_primary', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await index('contact_emails_contact_idx', 'contact_emails', ['contact_id']);

  await db.schema
    .createTable('contact_phones')
    .addColumn('phone', 'text', (c) => c.primaryKey())
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id').onDelete('cascade'))
    .addColumn('is_whatsapp', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('label', 'text')
    .execute();
  await index('contact_phones_contact_idx', 'contact_phones', ['contact_id']);

  // Ticket vocabulary (configurable by admins)
  await db.schema
    .createTable('ticket_statuses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull().unique())
    .addColumn('customer_label', 'text')
    .addColumn('category', 'text', (c) => c.notNull().check(oneOf('category', STATUS_CATEGORIES)))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();

  for (const table of ['ticket_types', 'ticket_categories']) {
    await db.schema
      .createTable(table)
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('name_key', 'text', (c) => c.notNull().unique())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute();
  }

  await db.schema
    .createTable('ticket_type_barred_statuses')
    .addColumn('type_id', 'text', (c) => c.notNull().references('ticket_types.id').onDelete('cascade'))
    .addColumn('status_id', 'text', (c) => c.notNull().references('ticket_statuses.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('ticket_type_barred_statuses_pk', ['type_id', 'status_id'])
    .execute();

  await db.schema
    .createTable('custom_fields')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('type_id', 'text', (c) => c.notNull().references('ticket_types.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(oneOf('kind', FIELD_KINDS)))
    .addColumn('options', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('required', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('custom_fields_type_key_uq', ['type_id', 'key'])
    .execute();

  // Numbering: PostgreSQL hands out numbers from a sequence (no lock held until commit, gaps allowed);
  // SQLite has one writer, so a counter row is enough.
  await db.schema
    .createTable('ticket_counters')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('next_value', 'bigint', (c) => c.notNull())
    .execute();
  if (dialect === 'postgres') await sql`create sequence ticket_number_seq start 10000`.execute(db);

  // Tickets
  await db.schema
    .createTable('tickets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('status_id', 'text', (c) => c.notNull().references('ticket_statuses.id'))
    .addColumn('status_category', 'text', (c) => c.notNull().check(oneOf('status_category', STATUS_CATEGORIES)))
    .addColumn('priority', 'integer', (c) => c.notNull().check(sql`priority between 1 and 5`))
    .addColumn('type_id', 'text', (c) => c.references('ticket_types.id'))
    .addColumn('category_id', 'text', (c) => c.references('ticket_categories.id'))
    .addColumn('department_id', 'text', (c) => c.references('departments.id'))
    .addColumn('assignee_id', 'text', (c) => c.references('agents.id'))
    .addColumn('requester_id', 'text', (c) => c.notNull().references('contacts.id'))
    .addColumn('organization_id', 'text', (c) => c.references('organizations.id'))
    .addColumn('channel', 'text', (c) => c.notNull().check(oneOf('channel', CHANNELS)))
    .addColumn('flag', 'text', (c) => c.check(oneOf('flag', ['orange', 'blue', 'green'])))
    .addColumn('due_at', t.timestamp)
    .addColumn('custom_fields', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('split_from_id', 'text', (c) => c.references('tickets.id'))
    .addColumn('merged_into_id', 'text', (c) => c.references('tickets.id'))
    .addColumn('first_response_at', t.timestamp)
    .addColumn('solved_at', t.timestamp)
    .addColumn('closed_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  // Queue views filter by one owner column and the status category, newest activity first.
  await index('tickets_department_queue_idx', 'tickets', ['department_id', 'status_category', 'updated_at']);
  await index('tickets_assignee_queue_idx', 'tickets', ['assignee_id', 'status_category', 'updated_at']);
  await index('tickets_category_priority_idx', 'tickets', ['status_category', 'priority', 'updated_at']);
  await index('tickets_updated_idx', 'tickets', ['updated_at']);
  await index('tickets_requester_idx', 'tickets', ['requester_id', 'updated_at']);
  await index('tickets_organization_idx', 'tickets', ['organization_id', 'updated_at']);

  await db.schema
    .createTable('ticket_tags')
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('tag', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ticket_tags_pk', ['ticket_id', 'tag'])
    .execute();
  await index('ticket_tags_tag_idx', 'ticket_tags', ['tag', 'ticket_id']);

  await db.schema
    .createTable('ticket_followers')
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('agent_id', 'text', (c) => c.notNull().references('agents.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('ticket_followers_pk', ['ticket_id', 'agent_id'])
    .execute();

  await db.schema
    .createTable('ticket_ccs')
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('ticket_ccs_pk', ['ticket_id', 'contact_id'])
    .execute();

  // History: one row per changed field, the raw material of timelines and reports.
  await db.schema
    .createTable('ticket_events')
    .addColumn('id', t.autoId, (c) => c.primaryKey())
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('actor_kind', 'text', (c) => c.notNull().check(oneOf('actor_kind', ['agent', 'contact', 'system'])))
    .addColumn('actor_id', 'text')
    .addColumn('via', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('from_value', 'text')
    .addColumn('to_value', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await index('ticket_events_ticket_idx', 'ticket_events', ['ticket_id', 'id']);

  // Conversation
  await db.schema
    .createTable('messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(oneOf('kind', ['reply', 'note', 'activity'])))
    .addColumn('author_kind', 'text', (c) => c.notNull().check(oneOf('author_kind', ['agent', 'contact', 'system'])))
    .addColumn('author_agent_id', 'text', (c) => c.references('agents.id'))
    .addColumn('author_contact_id', 'text', (c) => c.references('contacts.id'))
    .addColumn('channel', 'text', (c) => c.notNull().check(oneOf('channel', CHANNELS)))
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text')
    .addColumn('activity', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await index('messages_ticket_idx', 'messages', ['ticket_id', 'created_at']);

  await db.schema
    .createTable('attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sha256', 'text', (c) => c.notNull().unique())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('storage', 'text', (c) => c.notNull().check(oneOf('storage', ['file', 'database'])))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('attachment_blobs')
    .addColumn('sha256', 'text', (c) => c.primaryKey())
    .addColumn('data', t.bytes, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('message_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id').onDelete('cascade'))
    .addColumn('attachment_id', 'text', (c) => c.notNull().references('attachments.id'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('inline_cid', 'text')
    .execute();
  await index('message_attachments_message_idx', 'message_attachments', ['message_id']);

  // Side effects to run after commit (mail, invitations, webhooks), written in the same transaction.
  await db.schema
    .createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('ticket_id', 'text', (c) => c.references('tickets.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(oneOf('status', ['pending', 'sent', 'failed'])),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('available_at', t.timestamp, (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('processed_at', t.timestamp)
    .execute();
  await index('outbox_due_idx', 'outbox', ['status', 'available_at']);
  await index('outbox_ticket_idx', 'outbox', ['ticket_id']);

  // Agent work
  await db.schema
    .createTable('macros')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('actions', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('owner_agent_id', 'text', (c) => c.references('agents.id').onDelete('cascade'))
    .addColumn('department_id', 'text', (c) => c.references('departments.id').onDelete('cascade'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('saved_views')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('owner_agent_id', 'text', (c) => c.references('agents.id').onDelete('cascade'))
    .addColumn('filters', 'text', (c) => c.notNull())
    .addColumn('sort', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('assignee_id', 'text', (c) => c.references('agents.id'))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('open')
        .check(oneOf('status', ['open', 'done'])),
    )
    .addColumn('due_at', t.timestamp)
    .addColumn('completed_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await index('tasks_ticket_idx', 'tasks', ['ticket_id']);

  await db.schema
    .createTable('time_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('task_id', 'text', (c) => c.references('tasks.id').onDelete('set null'))
    .addColumn('agent_id', 'text', (c) => c.notNull().references('agents.id'))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('minutes', 'integer', (c) => c.notNull().check(sql`minutes > 0`))
    .addColumn('work_date', 'text', (c) => c.notNull())
    .addColumn('billable', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await index('time_entries_ticket_idx', 'time_entries', ['ticket_id']);
  await index('time_entries_agent_idx', 'time_entries', ['agent_id', 'work_date']);

  await db.schema
    .createTable('reminders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('agent_id', 'text', (c) => c.notNull().references('agents.id').onDelete('cascade'))
    .addColumn('remind_at', t.timestamp, (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(oneOf('status', ['pending', 'sent', 'dismissed'])),
    )
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await index('reminders_due_idx', 'reminders', ['status', 'remind_at']);
  await index('reminders_agent_idx', 'reminders', ['agent_id', 'status']);

  await db.schema
    .createTable('scheduled_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('message_id', 'text', (c) => c.references('messages.id').onDelete('set null'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('starts_at', t.timestamp, (c) => c.notNull())
    .addColumn('ends_at', t.timestamp, (c) => c.notNull())
    .addColumn('attendees', 'text', (c) => c.notNull())
    .addColumn('organizer_agent_id', 'text', (c) => c.references('agents.id'))
    .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('cancelled_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await index('scheduled_sessions_ticket_idx', 'scheduled_sessions', ['ticket_id']);
  await index('scheduled_sessions_organizer_idx', 'scheduled_sessions', ['organizer_agent_id', 'starts_at']);

  // Full-text search over tickets, messages, contacts and organizations.
  if (dialect === 'postgres') {
    await sql`create extension if not exists unaccent schema public`.execute(db);
    await db.schema
      .createTable('search_documents')
      .addColumn('id', t.autoId, (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('ref_id', 'text', (c) => c.notNull())
      .addColumn('ticket_id', 'text')
      .addColumn('organization_id', 'text')
      .addColumn('visibility', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('document', sql`tsvector`, (c) => c.notNull())
      .addUniqueConstraint('search_documents_ref_uq', ['kind', 'ref_id'])
      .execute();
    await sql`create index search_documents_document_idx on search_documents using gin (document)`.execute(db);
    await index('search_documents_ticket_idx', 'search_documents', ['ticket_id']);
  } else {
    // unicode61 folds accents; Spanish stems are added by the application at index and query time.
    await sql`create virtual table search_documents using fts5(
      kind unindexed, ref_id unindexed, ticket_id unindexed, organization_id unindexed, visibility unindexed,
      title, body, stems, tokenize = 'unicode61 remove_diacritics 2'
    )`.execute(db);
  }
}

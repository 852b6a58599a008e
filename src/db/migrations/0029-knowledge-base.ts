import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../database.ts';
import { columnTypes, oneOf } from './schema-helpers.ts';

/**
 * Issue 19, knowledge base (the seeds are themselves help-centre pages: categories, articles,
 * previous/next, table of contents, print):
 * - `kb_categories`: nested one level (a category's parent has no parent; the service checks it).
 * - `kb_articles`: generic on purpose, other features (protocols) point at an article by id. The
 *   body is Markdown, rendered safely when read. `slug` is unique across languages so one URL
 *   names one article; `translation_of` links an article to the one it translates. `position`
 *   orders a category (previous/next). `revision` is the number of the current revision.
 * - `kb_article_revisions`: every saved version (title, body and the fields that change what a
 *   reader sees), so a diff or a restore never depends on the live row.
 * - `kb_article_tags`, `kb_article_attachments` (images of the body, stored like messages' files).
 * - `kb_search_documents`: the articles' full-text index (see the end).
 * - `kb_suggestion_opens`: a customer opened an article suggested on the portal's new-ticket form;
 *   `ticket_id` is set when that customer then created a ticket anyway (see deflection in kb.service).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const { timestamp } = columnTypes(dialect);
  await db.schema
    .createTable('kb_categories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('parent_id', 'text', (c) => c.references('kb_categories.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('kb_categories_parent_idx')
    .on('kb_categories')
    .columns(['parent_id', 'position'])
    .execute();

  await db.schema
    .createTable('kb_articles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('category_id', 'text', (c) => c.references('kb_categories.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull().check(oneOf('language', ['es', 'en'])))
    .addColumn('translation_of', 'text', (c) => c.references('kb_articles.id').onDelete('set null'))
    .addColumn('visibility', 'text', (c) => c.notNull().check(oneOf('visibility', ['public', 'internal'])))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('author_id', 'text', (c) => c.references('agents.id').onDelete('set null'))
    .addColumn('updated_by', 'text', (c) => c.references('agents.id').onDelete('set null'))
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('helpful_yes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('helpful_no', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('kb_articles_category_idx')
    .on('kb_articles')
    .columns(['category_id', 'position'])
    .execute();
  await db.schema.createIndex('kb_articles_translation_idx').on('kb_articles').column('translation_of').execute();

  await db.schema
    .createTable('kb_article_revisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('article_id', 'text', (c) => c.notNull().references('kb_articles.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('category_id', 'text')
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    // The tags as a JSON array (a snapshot, not a relation).
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('author_id', 'text', (c) => c.references('agents.id').onDelete('set null'))
    // Set when this revision brought back an earlier one.
    .addColumn('restored_from', 'integer')
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addUniqueConstraint('kb_article_revisions_number_uq', ['article_id', 'number'])
    .execute();

  await db.schema
    .createTable('kb_article_tags')
    .addColumn('article_id', 'text', (c) => c.notNull().references('kb_articles.id').onDelete('cascade'))
    .addColumn('tag', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('kb_article_tags_pk', ['article_id', 'tag'])
    .execute();
  await db.schema.createIndex('kb_article_tags_tag_idx').on('kb_article_tags').column('tag').execute();

  await db.schema
    .createTable('kb_article_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('article_id', 'text', (c) => c.notNull().references('kb_articles.id').onDelete('cascade'))
    .addColumn('attachment_id', 'text', (c) => c.notNull().references('attachments.id'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('kb_article_attachments_article_idx')
    .on('kb_article_attachments')
    .column('article_id')
    .execute();

  await db.schema
    .createTable('kb_suggestion_opens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('article_id', 'text', (c) => c.notNull().references('kb_articles.id').onDelete('cascade'))
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id').onDelete('cascade'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('ticket_id', 'text', (c) => c.references('tickets.id').onDelete('set null'))
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('kb_suggestion_opens_contact_idx')
    .on('kb_suggestion_opens')
    .columns(['contact_id', 'created_at'])
    .execute();

  // The articles' own full-text index, built like the tickets' one (0002: Spanish stems, accents
  // folded) but apart from it, so a help-centre search never competes with millions of messages.
  if (dialect === 'postgres') {
    await db.schema
      .createTable('kb_search_documents')
      .addColumn('article_id', 'text', (c) => c.primaryKey().references('kb_articles.id').onDelete('cascade'))
      .addColumn('document', sql`tsvector`, (c) => c.notNull())
      .execute();
    await sql`create index kb_search_documents_idx on kb_search_documents using gin (document)`.execute(db);
  } else {
    await sql`create virtual table kb_search_documents using fts5(
      article_id unindexed, title, body, stems, tokenize = 'unicode61 remove_diacritics 2'
    )`.execute(db);
  }
}

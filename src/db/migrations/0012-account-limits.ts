import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../database.ts';

/**
 * 003 (OpenPyme) account limits without default names:
 * - a stable `key` on the statuses and types the limit rule relies on (`backlog`, `queued`;
 *   `support`, `change`), so renaming BACKLOG, Soporte or Cambio keeps the rule working;
 * - a `queued` status ("EN COLA") where a Soporte ticket waits for its turn, since Soporte may never
 *   sit in BACKLOG;
 * - each waiting ticket's place in its account's queue (`tickets.queue_position`);
 * - an organization's own limits by type id (they were by type name) in `account_type_limits`.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  for (const table of ['ticket_statuses', 'ticket_types']) {
    await db.schema.alterTable(table).addColumn('key', 'text').execute();
    await sql`create unique index ${sql.raw(`${table}_key_idx`)} on ${sql.raw(table)} (key) where key is not null`.execute(
      db,
    );
  }
  await db.schema.alterTable('tickets').addColumn('queue_position', 'integer').execute();

  await db.schema
    .createTable('account_type_limits')
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('type_id', 'text', (c) => c.notNull().references('ticket_types.id').onDelete('cascade'))
    .addColumn('max_in_work', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('account_type_limits_pk', ['organization_id', 'type_id'])
    .execute();
  await sql`insert into account_type_limits (organization_id, type_id, max_in_work)
    select account_limits.organization_id, ticket_types.id, account_limits.max_in_work
    from account_limits join ticket_types on ticket_types.name = account_limits.type_name`.execute(db);
  await db.schema.dropTable('account_limits').execute();

  await backfillAccountLimitKeys(db);
}

/** Installs made before keys existed: their seeded statuses and types, found by the seeded names. */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function backfillAccountLimitKeys(db: Kysely<any>): Promise<void> {
  const statuses = await db.selectFrom('ticket_statuses').select(['id', 'name_key', 'position']).execute();
  // An empty install gets its statuses, keys included, from the defaults at the first start.
  if (statuses.length === 0) return;
  const keyed = async (table: string, nameKey: string, key: string) =>
    db.updateTable(table).set({ key }).where('name_key', '=', nameKey).executeTakeFirst();
  await keyed('ticket_statuses', 'backlog', 'backlog');
  await keyed('ticket_types', 'soporte', 'support');
  await keyed('ticket_types', 'cambio', 'change');
  const queued = await keyed('ticket_statuses', 'en cola', 'queued');
  if (Number(queued.numUpdatedRows) === 0) {
    const now = new Date().toISOString();
    await db
      .insertInto('ticket_statuses')
      .values({
        id: crypto.randomUUID(),
        name: 'EN COLA',
        name_key: 'en cola',
        key: 'queued',
        customer_label: 'En cola',
        category: 'open',
        position: Math.max(...statuses.map((s) => Number(s.position))) + 1,
        active: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
  // Soporte tickets the old rule parked in BACKLOG wait in the queued status instead.
  const queuedStatus = await db
    .selectFrom('ticket_statuses')
    .select('id')
    .where('key', '=', 'queued')
    .executeTakeFirst();
  const backlog = await db.selectFrom('ticket_statuses').select('id').where('key', '=', 'backlog').executeTakeFirst();
  const support = await db.selectFrom('ticket_types').select('id').where('key', '=', 'support').executeTakeFirst();
  if (queuedStatus && backlog && support) {
    await db
      .updateTable('tickets')
      .set({ status_id: queuedStatus.id, status_category: 'open' })
      .where('status_id', '=', backlog.id)
      .where('type_id', '=', support.id)
      .execute();
  }
  // Everyone already waiting gets their place, oldest first per organization and type.
  const waitingIn = [queuedStatus?.id, backlog?.id].filter((id): id is string => !!id);
  if (waitingIn.length === 0) return;
  const waiting = await db
    .selectFrom('tickets')
    .select(['id', 'organization_id', 'type_id'])
    .where('status_id', 'in', waitingIn)
    .where('organization_id', 'is not', null)
    .where('type_id', 'is not', null)
    .where('merged_into_id', 'is', null)
    .orderBy('created_at')
    .orderBy('number')
    .execute();
  const places = new Map<string, number>();
  for (const ticket of waiting) {
    const group = `${ticket.organization_id}/${ticket.type_id}`;
    const place = (places.get(group) ?? 0) + 1;
    places.set(group, place);
    await db.updateTable('tickets').set({ queue_position: place }).where('id', '=', ticket.id).execute();
  }
}

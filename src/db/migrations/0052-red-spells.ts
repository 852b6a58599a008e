import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../database.ts';
import { columnTypes } from './schema-helpers.ts';

/**
 * Issue 17, staleness (003: "que permanezcan de color blanco"): each spell a ticket spent red, from
 * when its periodic-update target fell due to when news (or solving it) turned it white again, so
 * the report shows the history of a period and not only the tickets red now. Written by the SLA
 * engine as the mark changes; tickets red when this runs get an open spell from their due time.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const { timestamp, autoId } = columnTypes(dialect);
  await db.schema
    .createTable('ticket_red_spells')
    .addColumn('id', autoId, (c) => c.primaryKey())
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('started_at', timestamp, (c) => c.notNull())
    // null while the ticket is still red.
    .addColumn('ended_at', timestamp)
    .execute();
  await db.schema.createIndex('ticket_red_spells_ticket_idx').on('ticket_red_spells').columns(['ticket_id']).execute();
  // A period's spells: those that started before its end and had not ended by its start.
  await db.schema
    .createIndex('ticket_red_spells_period_idx')
    .on('ticket_red_spells')
    .columns(['started_at', 'ended_at'])
    .execute();
  await sql`
    insert into ticket_red_spells (ticket_id, started_at, ended_at)
    select tickets.id, coalesce(target.due_at, tickets.updated_at), null
    from tickets
    left join ticket_sla_targets target on target.ticket_id = tickets.id and target.metric = 'periodic_update'
    where tickets.stale = 1`.execute(db);
}

import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../database.ts';

/**
 * Every ticket page lists the tickets that follow it up (accounting escalations, replies to a
 * closed ticket): without an index that read scanned every ticket (55 ms of CPU per page at 100 k
 * tickets in the benchmark). Few tickets follow another up, so the index holds only those.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await sql`create index tickets_follow_up_idx on tickets (follow_up_of_id) where follow_up_of_id is not null`.execute(
    db,
  );
}

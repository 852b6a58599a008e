import { type Expression, sql } from 'kysely';
import { dialectOf } from '../../db/create-db.ts';
import type { Db } from '../../db/database.ts';

/**
 * The one place where the reports' SQL differs between the engines. A timestamp's UTC hour as
 * `YYYY-MM-DDTHH`: SQLite keeps ISO text, PostgreSQL a timestamptz. Reports group by hour in SQL
 * and fold hours into the report's local days in code, because SQLite knows no time zones; this is
 * exact for zones on whole-hour offsets (all of Latin America).
 */
export function utcHour(db: Db, column: Expression<unknown>) {
  return dialectOf(db) === 'postgres'
    ? sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24')`
    : sql<string>`substr(${column}, 1, 13)`;
}

/** `YYYY-MM-DDTHH` (from `utcHour`) → the instant it starts at. */
export function hourStart(hour: string): Date {
  return new Date(`${hour}:00:00.000Z`);
}

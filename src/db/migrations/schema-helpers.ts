import { type ColumnDataType, sql } from 'kysely';
import type { DialectName } from '../database.ts';

/** Column types that differ between the engines; everything else is written once. */
export function columnTypes(dialect: DialectName) {
  return {
    timestamp: (dialect === 'postgres' ? 'timestamptz' : 'text') as ColumnDataType,
    autoId: (dialect === 'postgres' ? 'bigserial' : 'integer') as ColumnDataType,
    bytes: (dialect === 'postgres' ? 'bytea' : 'blob') as ColumnDataType,
  };
}

/** A CHECK that `column` holds one of `values` (fixed vocabularies such as roles or channels). */
export function oneOf(column: string, values: readonly string[]) {
  return sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(', ')})`);
}

import type { ColumnDataType } from 'kysely';
import type { DialectName } from '../database.ts';

/** Column types that differ between the engines; everything else is written once. */
export function columnTypes(dialect: DialectName) {
  return {
    timestamp: (dialect === 'postgres' ? 'timestamptz' : 'text') as ColumnDataType,
    autoId: (dialect === 'postgres' ? 'bigserial' : 'integer') as ColumnDataType,
  };
}

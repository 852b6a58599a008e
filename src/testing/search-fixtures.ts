import { sql } from 'kysely';
import { stemText } from '../core/search/spanish-text.ts';
import type { Db, DialectName } from '../db/database.ts';

/** `count` message documents in one statement, the `every`-th of them with `rare` in its body too. */
export async function fillSearchDocuments(
  db: Db,
  dialect: DialectName,
  from: number,
  count: number,
  every: number,
  rare: string,
) {
  const body = sql`case when n % ${sql.lit(every)} = 0 then ${`relleno ${rare}`} else 'relleno' end`;
  const numbers = sql`with recursive s(n) as (select ${sql.lit(from)} union all select n + 1 from s where n < ${sql.lit(from + count - 1)})`;
  if (dialect === 'postgres') {
    await sql`${numbers} insert into search_documents (kind, ref_id, ticket_id, organization_id, visibility, title, body, document)
      select 'message', 'm' || n, 't' || n, null, 'public', '', ${body}, to_tsvector('spanish', public.unaccent(${body})) from s`.execute(
      db,
    );
    return;
  }
  await sql`${numbers} insert into search_documents (kind, ref_id, ticket_id, organization_id, visibility, title, body, stems)
    select 'message', 'm' || n, 't' || n, null, 'public', '', ${body},
      case when n % ${sql.lit(every)} = 0 then ${stemText(`relleno ${rare}`)} else ${stemText('relleno')} end from s`.execute(
    db,
  );
}

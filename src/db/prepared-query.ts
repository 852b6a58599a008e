import { type Compilable, CompiledQuery, type Insertable, type QueryResult } from 'kysely';
import { dialectOf } from './create-db.ts';
import type { Database, Db } from './database.ts';

/*
 * Kysely builds and compiles every query anew (immutable nodes, a freeze per node): for the ~30
 * queries of a ticket create that was 10–15 % of its CPU (bench/README.md, issue 18). The hot
 * queries of fixed shape are built once per engine here; each call only binds its values.
 */

/** Stands in for the value `name` of row `row` while a query is built. */
class Slot {
  constructor(
    readonly name: string,
    readonly row: number,
  ) {}
}

type Compiled = { sql: string; parameters: readonly unknown[] };

function execute<R>(db: Db, query: Compiled, rows: readonly object[]): Promise<QueryResult<R>> {
  const parameters = query.parameters.map((p) =>
    p instanceof Slot ? (rows[p.row] as Record<string, unknown>)[p.name] : p,
  );
  return db.executeQuery(CompiledQuery.raw(query.sql, parameters) as CompiledQuery<R>);
}

/**
 * A query whose shape does not depend on its values. `build` gets stand-ins instead of values, so
 * it may use each only as a bound value: not in an `in (…)` list, not to choose the query's shape,
 * not through `sql.lit` or `JSON.stringify`. Every value passed must be defined (`null`, not `undefined`).
 *
 *   const byId = preparedQuery((db, p: { id: string }) => db.selectFrom('tickets').selectAll().where('id', '=', p.id));
 *   const { rows } = await byId(trx, { id });
 */
export function preparedQuery<P extends object, R>(
  build: (db: Db, values: P) => Compilable<R>,
): (db: Db, values: P) => Promise<QueryResult<R>> {
  const compiled = new Map<string, Compiled>();
  const slots = new Proxy({}, { get: (_, name) => new Slot(String(name), 0) }) as P;
  return (db, values) => {
    const dialect = dialectOf(db);
    let query = compiled.get(dialect);
    if (!query) {
      query = build(db, slots).compile();
      compiled.set(dialect, query);
    }
    return execute(db, query, [values]);
  };
}

/** Insert shapes kept (engine, table, columns of each row); beyond it, shapes are built each time. */
const MAX_INSERT_SHAPES = 500;
const inserts = new Map<string, Compiled>();

/**
 * `db.insertInto(table).values(rows)`, built once per engine, table, columns and number of rows:
 * a notice to a department of 14 agents is one statement, and compiled once. Plain values only:
 * an expression (`sql\`now()\``) would be bound as a value, not written into the SQL.
 */
export async function insertRows<T extends keyof Database & string>(
  db: Db,
  table: T,
  rows: readonly Insertable<Database[T]>[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = rows.map((row) =>
    Object.keys(row).filter((key) => (row as Record<string, unknown>)[key] !== undefined),
  );
  const shape = `${dialectOf(db)}|${table}|${columns.map((c) => c.join(',')).join('|')}`;
  let query = inserts.get(shape);
  if (!query) {
    const slots = columns.map((names, row) => Object.fromEntries(names.map((name) => [name, new Slot(name, row)])));
    query = db
      .insertInto(table)
      .values(slots as never)
      .compile();
    if (inserts.size < MAX_INSERT_SHAPES) inserts.set(shape, query);
  }
  await execute(db, query, rows);
}

import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';

export interface StatementRecording {
  /** Every statement's text, in the order the drivers ran them (BEGIN/COMMIT and savepoints included). */
  readonly statements: readonly string[];
  stop(): void;
}

/**
 * Records every statement the database runs, at the driver (better-sqlite3's Statement methods,
 * pg's Client#query), until `stop()`: what a request really costs, whichever code path sent it.
 */
export function recordStatements(): StatementRecording {
  const statements: string[] = [];
  const probe = new SqliteDatabase(':memory:');
  const statementProto = Object.getPrototypeOf(probe.prepare('select 1')) as Record<string, unknown>;
  probe.close();
  const restore: (() => void)[] = [];
  for (const method of ['run', 'all', 'get', 'iterate']) {
    const original = statementProto[method] as (...args: unknown[]) => unknown;
    statementProto[method] = function (this: { source: string }, ...args: unknown[]) {
      statements.push(this.source);
      return original.apply(this, args);
    };
    restore.push(() => {
      statementProto[method] = original;
    });
  }
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const first = args[0] as string | { text?: string };
    statements.push(typeof first === 'string' ? first : (first.text ?? ''));
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
  restore.push(() => {
    pg.Client.prototype.query = query;
  });
  return {
    statements,
    stop() {
      for (const undo of restore.splice(0)) undo();
    },
  };
}

import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../database.ts';

/**
 * "Pendientes de revisión" (green flag, by update) and "Incumplen SLA pronto" (an SLA state in
 * warning or breach, by priority) read open work through 0054's indexes, which hold every open
 * ticket in view order: few tickets match, so a page walked most of them to find 50 or prove there
 * were none (382 and 337 ms p95 at 1 M tickets with 30 % open, bench/README.md). These hold only the
 * tickets that carry a flag or are at risk, in the views' order, so a page reads only those.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  const OPEN_WORK = sql.raw(`status_category not in ('solved', 'closed')`);
  await sql`create index tickets_open_flag_idx
    on tickets (flag, updated_at, id, department_id, assignee_id) where ${OPEN_WORK} and flag is not null`.execute(db);
  // Only tickets at risk: a small index, moved by few writes, walked in the view's order. Its WHERE is
  // what the repository writes for any SLA-state filter within warning and breach (`slaStateTerm`).
  await sql`create index tickets_at_risk_by_priority_idx
    on tickets (priority, updated_at, id, department_id, assignee_id, sla_state)
    where ${OPEN_WORK} and sla_state in ('breached', 'warning')`.execute(db);
}

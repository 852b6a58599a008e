import { DateTime } from 'luxon';
import type { Db } from '../../db/database.ts';
import type { Actor } from '../shared/actor.ts';
import { statusCategoryIn } from '../tickets/ticket.repository.ts';
import { UNSOLVED_CATEGORIES } from '../tickets/ticket-vocabulary.ts';
import type { ReportScope, Row } from './report.ts';
import { share } from './report-stats.ts';
import { countedTicket, reportTickets } from './report-tickets.repository.ts';

export interface Dashboard {
  at: string;
  timeZone: string;
  counts: {
    open: number;
    unassigned: number;
    /** 003: red, 24 h without a mail or note. */
    stale: number;
    /** An SLA target falls due within the next hour. */
    breachingWithinHour: number;
    /** Targets whose due time passed today (local day) unmet. */
    breachedToday: number;
    newToday: number;
    solvedToday: number;
  };
  csat30: { good: number; rated: number; goodShare: number | null };
  byStatus: Row[];
  byDepartment: Row[];
  /** Open tickets per assignee. */
  agentLoad: Row[];
}

/** The supervisor's picture of now (issue 17): every figure a count in SQL over the visible tickets. */
export async function dashboard(db: Db, actor: Actor, scope: ReportScope): Promise<Dashboard> {
  const now = scope.now;
  const startOfDay = DateTime.fromJSDate(now, { zone: scope.timeZone }).startOf('day').toUTC().toISO() as string;
  const inHour = new Date(now.getTime() + 3_600_000).toISOString();
  const nowIso = now.toISOString();
  const open = () => reportTickets(db, actor, scope).where(statusCategoryIn(UNSOLVED_CATEGORIES));
  const count = async (query: ReturnType<typeof open>) =>
    Number((await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);

  const counts = {
    open: await count(open()),
    unassigned: await count(open().where('tickets.assignee_id', 'is', null)),
    stale: await count(open().where('tickets.stale', '=', 1)),
    breachingWithinHour: await count(
      open()
        .where('tickets.sla_state', 'in', ['ok', 'warning'])
        .where('tickets.sla_due_at', '>=', nowIso)
        .where('tickets.sla_due_at', '<', inHour),
    ),
    breachedToday: Number(
      (
        await db
          .selectFrom('ticket_sla_targets')
          .innerJoin('tickets', 'tickets.id', 'ticket_sla_targets.ticket_id')
          .select((eb) => eb.fn.count<number>('ticket_sla_targets.ticket_id').distinct().as('n'))
          .where('ticket_sla_targets.state', '=', 'breached')
          .where('ticket_sla_targets.due_at', '>=', startOfDay)
          .where('ticket_sla_targets.due_at', '<', nowIso)
          .where(countedTicket(actor, scope))
          .executeTakeFirst()
      )?.n ?? 0,
    ),
    newToday: await count(reportTickets(db, actor, scope).where('tickets.created_at', '>=', startOfDay)),
    solvedToday: await count(reportTickets(db, actor, scope).where('tickets.solved_at', '>=', startOfDay)),
  };

  const since = new Date(now.getTime() - 30 * 86_400_000).toISOString();
  const csat = await db
    .selectFrom('satisfaction_surveys')
    .innerJoin('tickets', 'tickets.id', 'satisfaction_surveys.ticket_id')
    .select((eb) => [
      eb.fn.countAll<number>().as('rated'),
      eb.fn.sum<number>(eb.case().when('satisfaction_surveys.rating', '=', 'good').then(1).else(0).end()).as('good'),
    ])
    .where('satisfaction_surveys.rating', 'is not', null)
    .where('satisfaction_surveys.rated_at', '>=', since)
    .where(countedTicket(actor, scope))
    .executeTakeFirst();
  const rated = Number(csat?.rated ?? 0);
  const good = Number(csat?.good ?? 0);

  const byStatus = await open()
    .innerJoin('ticket_statuses', 'ticket_statuses.id', 'tickets.status_id')
    .select((eb) => ['ticket_statuses.name as status', eb.fn.countAll<number>().as('open')])
    .groupBy(['ticket_statuses.name', 'ticket_statuses.position'])
    .orderBy('ticket_statuses.position')
    .execute();
  const byDepartment = await open()
    .leftJoin('departments', 'departments.id', 'tickets.department_id')
    .select((eb) => ['departments.name as department', eb.fn.countAll<number>().as('open')])
    .groupBy('departments.name')
    .orderBy('departments.name')
    .execute();
  const agentLoad = await open()
    .innerJoin('agents', 'agents.id', 'tickets.assignee_id')
    .select((eb) => ['agents.name as agent', 'agents.initials as initials', eb.fn.countAll<number>().as('open')])
    .groupBy(['agents.name', 'agents.initials'])
    .orderBy('agents.name')
    .execute();

  const numbers = (rows: Record<string, unknown>[]): Row[] =>
    rows.map((r) =>
      Object.fromEntries(
        Object.entries(r).map(([k, v]) => [
          k,
          typeof v === 'bigint' || k === 'open' ? Number(v) : (v as string | null),
        ]),
      ),
    );
  return {
    at: nowIso,
    timeZone: scope.timeZone,
    counts,
    csat30: { good, rated, goodShare: share(good, rated) },
    byStatus: numbers(byStatus),
    byDepartment: numbers(byDepartment),
    agentLoad: numbers(agentLoad),
  };
}

import type { Db } from '../../db/database.ts';

export interface TimeEntry {
  id: string;
  ticketId: string;
  taskId: string | null;
  agentId: string;
  agentName: string;
  /** 003 (OpenPyme): time sheets name people by their initials ("ACC Seguimiento de ticket"). */
  initials: string;
  description: string;
  minutes: number;
  /** The day the work was done, YYYY-MM-DD in the agent's time zone. */
  date: string;
  billable: boolean;
  createdAt: string;
}

export type NewTimeEntry = Omit<TimeEntry, 'agentName' | 'initials'>;

export interface MinutesByTask {
  taskId: string;
  minutes: number;
  billableMinutes: number;
}

export function timeEntryRepository(db: Db) {
  const base = () =>
    db
      .selectFrom('time_entries')
      .innerJoin('agents', 'agents.id', 'time_entries.agent_id')
      .selectAll('time_entries')
      .select(['agents.name as agent_name', 'agents.initials as agent_initials']);

  type Row = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;

  const toEntry = (row: Row): TimeEntry => ({
    id: row.id,
    ticketId: row.ticket_id,
    taskId: row.task_id,
    agentId: row.agent_id,
    agentName: row.agent_name,
    initials: row.agent_initials,
    description: row.description,
    minutes: Number(row.minutes),
    date: row.work_date,
    billable: row.billable === 1,
    createdAt: row.created_at,
  });

  return {
    async insert(entry: NewTimeEntry): Promise<void> {
      await db
        .insertInto('time_entries')
        .values({
          id: entry.id,
          ticket_id: entry.ticketId,
          task_id: entry.taskId,
          agent_id: entry.agentId,
          description: entry.description,
          minutes: entry.minutes,
          work_date: entry.date,
          billable: entry.billable ? 1 : 0,
          created_at: entry.createdAt,
        })
        .execute();
    },

    async find(id: string): Promise<TimeEntry | undefined> {
      const row = await base().where('time_entries.id', '=', id).executeTakeFirst();
      return row && toEntry(row);
    },

    /** A ticket's entries in the order the work was done. */
    async listForTicket(ticketId: string): Promise<TimeEntry[]> {
      const rows = await base()
        .where('time_entries.ticket_id', '=', ticketId)
        .orderBy('time_entries.work_date')
        .orderBy('time_entries.created_at')
        .orderBy('time_entries.id')
        .execute();
      return rows.map(toEntry);
    },

    /** Time logged against each of a ticket's tasks. */
    async minutesByTask(ticketId: string): Promise<Map<string, MinutesByTask>> {
      const rows = await db
        .selectFrom('time_entries')
        .select((eb) => [
          'task_id',
          eb.fn.sum<number>('minutes').as('minutes'),
          eb.fn.sum<number>(eb.case().when('billable', '=', 1).then(eb.ref('minutes')).else(0).end()).as('billable'),
        ])
        .where('ticket_id', '=', ticketId)
        .where('task_id', 'is not', null)
        .groupBy('task_id')
        .execute();
      return new Map(
        rows.map((row) => [
          row.task_id as string,
          { taskId: row.task_id as string, minutes: Number(row.minutes), billableMinutes: Number(row.billable) },
        ]),
      );
    },

    async remove(id: string): Promise<void> {
      await db.deleteFrom('time_entries').where('id', '=', id).execute();
    },
  };
}

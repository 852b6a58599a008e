import type { Db, RemindersTable } from '../../db/database.ts';

export type ReminderStatus = RemindersTable['status'];

export interface Reminder {
  id: string;
  ticketId: string;
  ticketNumber: string;
  ticketSubject: string;
  agentId: string;
  remindAt: string;
  note: string;
  status: ReminderStatus;
  createdAt: string;
}

export type ReminderChanges = Partial<Pick<Reminder, 'remindAt' | 'note' | 'status'>>;

export function reminderRepository(db: Db) {
  const base = () =>
    db
      .selectFrom('reminders')
      .innerJoin('tickets', 'tickets.id', 'reminders.ticket_id')
      .selectAll('reminders')
      .select(['tickets.number as ticket_number', 'tickets.subject as ticket_subject']);

  type Row = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;

  const toReminder = (row: Row): Reminder => ({
    id: row.id,
    ticketId: row.ticket_id,
    ticketNumber: row.ticket_number,
    ticketSubject: row.ticket_subject,
    agentId: row.agent_id,
    remindAt: row.remind_at,
    note: row.note,
    status: row.status,
    createdAt: row.created_at,
  });

  return {
    async find(id: string): Promise<Reminder | undefined> {
      const row = await base().where('reminders.id', '=', id).executeTakeFirst();
      return row && toReminder(row);
    },

    async listForTicket(ticketId: string): Promise<Reminder[]> {
      const rows = await base()
        .where('reminders.ticket_id', '=', ticketId)
        .orderBy('reminders.remind_at')
        .orderBy('reminders.id')
        .execute();
      return rows.map(toReminder);
    },

    /** An agent's pending reminders, soonest first; only those due by `dueBy` when given. */
    async pendingFor(agentId: string, opts: { dueBy?: string; limit: number }): Promise<Reminder[]> {
      let query = base()
        .where('reminders.agent_id', '=', agentId)
        .where('reminders.status', '=', 'pending')
        .orderBy('reminders.remind_at')
        .orderBy('reminders.id')
        .limit(opts.limit);
      if (opts.dueBy) query = query.where('reminders.remind_at', '<=', opts.dueBy);
      return (await query.execute()).map(toReminder);
    },

    async insert(reminder: Omit<Reminder, 'ticketNumber' | 'ticketSubject'>): Promise<void> {
      await db
        .insertInto('reminders')
        .values({
          id: reminder.id,
          ticket_id: reminder.ticketId,
          agent_id: reminder.agentId,
          remind_at: reminder.remindAt,
          note: reminder.note,
          status: reminder.status,
          created_at: reminder.createdAt,
        })
        .execute();
    },

    async update(id: string, changes: ReminderChanges): Promise<void> {
      await db
        .updateTable('reminders')
        .set({
          ...(changes.remindAt !== undefined && { remind_at: changes.remindAt }),
          ...(changes.note !== undefined && { note: changes.note }),
          ...(changes.status !== undefined && { status: changes.status }),
        })
        .where('id', '=', id)
        .execute();
    },
  };
}

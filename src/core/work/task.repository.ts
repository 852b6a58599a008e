import type { Selectable } from 'kysely';
import type { Db, TasksTable } from '../../db/database.ts';

export type TaskStatus = TasksTable['status'];

export interface TaskRecord {
  id: string;
  ticketId: string;
  title: string;
  assigneeId: string | null;
  status: TaskStatus;
  dueAt: string | null;
  completedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export type TaskChanges = Partial<Pick<TaskRecord, 'title' | 'assigneeId' | 'status' | 'dueAt' | 'completedAt'>>;

function toTask(row: Selectable<TasksTable>): TaskRecord {
  return {
    id: row.id,
    ticketId: row.ticket_id,
    title: row.title,
    assigneeId: row.assignee_id,
    status: row.status,
    dueAt: row.due_at,
    completedAt: row.completed_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function taskRepository(db: Db) {
  return {
    async find(id: string): Promise<TaskRecord | undefined> {
      const row = await db.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toTask(row);
    },

    async listForTicket(ticketId: string): Promise<TaskRecord[]> {
      const rows = await db
        .selectFrom('tasks')
        .selectAll()
        .where('ticket_id', '=', ticketId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toTask);
    },

    async insert(task: TaskRecord): Promise<void> {
      await db
        .insertInto('tasks')
        .values({
          id: task.id,
          ticket_id: task.ticketId,
          title: task.title,
          assignee_id: task.assigneeId,
          status: task.status,
          due_at: task.dueAt,
          completed_at: task.completedAt,
          created_at: task.createdAt,
          updated_at: task.updatedAt,
        })
        .execute();
    },

    async update(id: string, changes: TaskChanges, now: string): Promise<void> {
      await db
        .updateTable('tasks')
        .set({
          ...(changes.title !== undefined && { title: changes.title }),
          ...(changes.assigneeId !== undefined && { assignee_id: changes.assigneeId }),
          ...(changes.status !== undefined && { status: changes.status }),
          ...(changes.dueAt !== undefined && { due_at: changes.dueAt }),
          ...(changes.completedAt !== undefined && { completed_at: changes.completedAt }),
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
    },
  };
}

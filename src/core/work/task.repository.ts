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
  /** The playbook run that created it (issue 19); null for a task added by hand. */
  playbookRunId: string | null;
  playbookPosition: number | null;
}

/** A task another one waits for. */
export interface TaskRef {
  id: string;
  title: string;
}

export type TaskChanges = Partial<Pick<TaskRecord, 'title' | 'assigneeId' | 'status' | 'dueAt' | 'completedAt'>>;

export function toTask(row: Selectable<TasksTable>): TaskRecord {
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
    playbookRunId: row.playbook_run_id,
    playbookPosition: row.playbook_position,
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
          playbook_run_id: task.playbookRunId,
          playbook_position: task.playbookPosition,
        })
        .execute();
    },

    async addDependency(taskId: string, dependsOnId: string): Promise<void> {
      await db.insertInto('task_dependencies').values({ task_id: taskId, depends_on_id: dependsOnId }).execute();
    },

    /** For each task of `taskIds` that waits for another one still open: those it waits for, in order. */
    async waitingFor(taskIds: string[]): Promise<Map<string, TaskRef[]>> {
      const waiting = new Map<string, TaskRef[]>();
      if (taskIds.length === 0) return waiting;
      const rows = await db
        .selectFrom('task_dependencies')
        .innerJoin('tasks', 'tasks.id', 'task_dependencies.depends_on_id')
        .select(['task_dependencies.task_id', 'tasks.id', 'tasks.title'])
        .where('task_dependencies.task_id', 'in', taskIds)
        .where('tasks.status', '!=', 'done')
        .orderBy('tasks.playbook_position')
        .orderBy('tasks.created_at')
        .orderBy('tasks.id')
        .execute();
      for (const row of rows) {
        const list = waiting.get(row.task_id) ?? [];
        list.push({ id: row.id, title: row.title });
        waiting.set(row.task_id, list);
      }
      return waiting;
    },

    /** The tasks playbook runs created, in the order they were created. */
    async listForRun(runIds: string[]): Promise<TaskRecord[]> {
      if (runIds.length === 0) return [];
      const rows = await db
        .selectFrom('tasks')
        .selectAll()
        .where('playbook_run_id', 'in', runIds)
        .orderBy('playbook_position')
        .execute();
      return rows.map(toTask);
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

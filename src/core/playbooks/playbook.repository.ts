import type { Db } from '../../db/database.ts';
import type { PlaybookStep } from './playbook-steps.ts';

export interface Playbook {
  id: string;
  name: string;
  description: string | null;
  /** The department of the onboarding tickets it opens; null leaves them unrouted. */
  departmentId: string | null;
  steps: PlaybookStep[];
  createdAt: string;
  updatedAt: string;
}

export interface PlaybookRun {
  id: string;
  playbookId: string;
  playbookName: string;
  organizationId: string;
  ticketId: string;
  startedBy: string | null;
  createdAt: string;
}

export function playbookRepository(db: Db) {
  async function stepsOf(ids: string[]): Promise<Map<string, PlaybookStep[]>> {
    const map = new Map<string, PlaybookStep[]>();
    if (ids.length === 0) return map;
    const rows = await db
      .selectFrom('playbook_steps')
      .selectAll()
      .where('playbook_id', 'in', ids)
      .orderBy('playbook_id')
      .orderBy('position')
      .execute();
    for (const row of rows) {
      const list = map.get(row.playbook_id) ?? [];
      list.push({
        position: row.position,
        title: row.title,
        description: row.description,
        owner: row.owner,
        optional: row.optional === 1,
        dependsOn: JSON.parse(row.depends_on) as number[],
      });
      map.set(row.playbook_id, list);
    }
    return map;
  }

  async function insertSteps(playbook: Playbook): Promise<void> {
    await db
      .insertInto('playbook_steps')
      .values(
        playbook.steps.map((step) => ({
          playbook_id: playbook.id,
          position: step.position,
          title: step.title,
          description: step.description,
          owner: step.owner,
          optional: step.optional ? 1 : 0,
          depends_on: JSON.stringify(step.dependsOn),
        })),
      )
      .execute();
  }

  return {
    async list(): Promise<Playbook[]> {
      const rows = await db.selectFrom('playbooks').selectAll().orderBy('name').execute();
      const steps = await stepsOf(rows.map((row) => row.id));
      return rows.map((row) => ({
        id: row.id,
        name: row.name,
        description: row.description,
        departmentId: row.department_id,
        steps: steps.get(row.id) ?? [],
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      }));
    },

    async find(id: string): Promise<Playbook | undefined> {
      const row = await db.selectFrom('playbooks').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) return undefined;
      const steps = await stepsOf([row.id]);
      return {
        id: row.id,
        name: row.name,
        description: row.description,
        departmentId: row.department_id,
        steps: steps.get(row.id) ?? [],
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      };
    },

    async nameTaken(name: string, exceptId?: string): Promise<boolean> {
      let query = db.selectFrom('playbooks').select('id').where('name', '=', name);
      if (exceptId) query = query.where('id', '<>', exceptId);
      return (await query.executeTakeFirst()) !== undefined;
    },

    async insert(playbook: Playbook): Promise<void> {
      await db
        .insertInto('playbooks')
        .values({
          id: playbook.id,
          name: playbook.name,
          description: playbook.description,
          department_id: playbook.departmentId,
          created_at: playbook.createdAt,
          updated_at: playbook.updatedAt,
        })
        .execute();
      await insertSteps(playbook);
    },

    /** Rewrites a playbook and its steps; runs already started keep the tasks they were given. */
    async replace(playbook: Playbook): Promise<void> {
      await db
        .updateTable('playbooks')
        .set({
          name: playbook.name,
          description: playbook.description,
          department_id: playbook.departmentId,
          updated_at: playbook.updatedAt,
        })
        .where('id', '=', playbook.id)
        .execute();
      await db.deleteFrom('playbook_steps').where('playbook_id', '=', playbook.id).execute();
      await insertSteps(playbook);
    },

    async insertRun(run: Omit<PlaybookRun, 'playbookName'>): Promise<void> {
      await db
        .insertInto('playbook_runs')
        .values({
          id: run.id,
          playbook_id: run.playbookId,
          organization_id: run.organizationId,
          ticket_id: run.ticketId,
          started_by: run.startedBy,
          created_at: run.createdAt,
        })
        .execute();
    },

    async runsOf(organizationId: string): Promise<PlaybookRun[]> {
      const rows = await db
        .selectFrom('playbook_runs')
        .innerJoin('playbooks', 'playbooks.id', 'playbook_runs.playbook_id')
        .selectAll('playbook_runs')
        .select('playbooks.name')
        .where('playbook_runs.organization_id', '=', organizationId)
        .orderBy('playbook_runs.created_at', 'desc')
        .orderBy('playbook_runs.id', 'desc')
        .execute();
      return rows.map((row) => ({
        id: row.id,
        playbookId: row.playbook_id,
        playbookName: row.name,
        organizationId: row.organization_id,
        ticketId: row.ticket_id,
        startedBy: row.started_by,
        createdAt: row.created_at,
      }));
    },
  };
}

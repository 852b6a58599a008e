import type { Db } from '../../db/database.ts';
import type { StepSets } from './step-sets.ts';

export interface ProtocolStep {
  position: number;
  text: string;
  /** The script (macro) the step sends, if any. */
  macroId: string | null;
  macroName: string | null;
  /** The ticket field ticking the step sets (never reverted by unticking). */
  sets: StepSets | null;
}

export interface Protocol {
  id: string;
  title: string;
  scenario: string;
  observations: string | null;
  /** Only this department's agents (and supervisors) see and apply it; null: everyone. */
  departmentId: string | null;
  /** The knowledge-base article the procedure is written in. */
  articleId: string | null;
  steps: ProtocolStep[];
  /** The scripts the procedure uses, in its order. */
  scripts: { macroId: string; name: string }[];
  createdAt: string;
  updatedAt: string;
}

export interface AppliedStep {
  position: number;
  text: string;
  macroId: string | null;
  macroName: string | null;
  sets: StepSets | null;
  doneAt: string | null;
  doneById: string | null;
  doneByName: string | null;
}

/** A protocol applied on a ticket, with its steps as they were written when it was applied. */
export interface AppliedProtocol {
  id: string;
  ticketId: string;
  protocolId: string;
  title: string;
  appliedById: string | null;
  appliedByName: string | null;
  appliedAt: string;
  completedAt: string | null;
  steps: AppliedStep[];
}

type ProtocolRow = Omit<Protocol, 'steps' | 'scripts'>;

const readSets = (json: string | null): StepSets | null => (json ? (JSON.parse(json) as StepSets) : null);
const writeSets = (sets: StepSets | null): string | null => (sets ? JSON.stringify(sets) : null);

export function protocolRepository(db: Db) {
  async function hydrate(rows: ProtocolRow[]): Promise<Protocol[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((row) => row.id);
    const [steps, scripts] = await Promise.all([
      db
        .selectFrom('protocol_steps')
        .leftJoin('macros', 'macros.id', 'protocol_steps.macro_id')
        .select([
          'protocol_steps.protocol_id',
          'protocol_steps.position',
          'protocol_steps.text',
          'protocol_steps.macro_id',
          'protocol_steps.sets',
          'macros.name as macro_name',
        ])
        .where('protocol_steps.protocol_id', 'in', ids)
        .orderBy('protocol_steps.position')
        .execute(),
      db
        .selectFrom('protocol_scripts')
        .innerJoin('macros', 'macros.id', 'protocol_scripts.macro_id')
        .select(['protocol_scripts.protocol_id', 'protocol_scripts.macro_id', 'macros.name'])
        .where('protocol_scripts.protocol_id', 'in', ids)
        .orderBy('protocol_scripts.position')
        .execute(),
    ]);
    return rows.map((row) => ({
      ...row,
      steps: steps
        .filter((step) => step.protocol_id === row.id)
        .map((step) => ({
          position: step.position,
          text: step.text,
          macroId: step.macro_id,
          macroName: step.macro_name ?? null,
          sets: readSets(step.sets),
        })),
      scripts: scripts
        .filter((script) => script.protocol_id === row.id)
        .map((script) => ({ macroId: script.macro_id, name: script.name })),
    }));
  }

  const protocolColumns = [
    'id',
    'title',
    'scenario',
    'observations',
    'department_id as departmentId',
    'article_id as articleId',
    'created_at as createdAt',
    'updated_at as updatedAt',
  ] as const;

  async function appliedSteps(ids: string[]): Promise<Map<string, AppliedStep[]>> {
    const map = new Map<string, AppliedStep[]>();
    if (ids.length === 0) return map;
    const rows = await db
      .selectFrom('ticket_protocol_steps')
      .leftJoin('macros', 'macros.id', 'ticket_protocol_steps.macro_id')
      .leftJoin('agents', 'agents.id', 'ticket_protocol_steps.done_by')
      .select([
        'ticket_protocol_steps.applied_id',
        'ticket_protocol_steps.position',
        'ticket_protocol_steps.text',
        'ticket_protocol_steps.macro_id',
        'ticket_protocol_steps.sets',
        'macros.name as macro_name',
        'ticket_protocol_steps.done_at',
        'ticket_protocol_steps.done_by',
        'agents.name as agent_name',
      ])
      .where('ticket_protocol_steps.applied_id', 'in', ids)
      .orderBy('ticket_protocol_steps.position')
      .execute();
    for (const row of rows) {
      const list = map.get(row.applied_id) ?? [];
      list.push({
        position: row.position,
        text: row.text,
        macroId: row.macro_id,
        macroName: row.macro_name ?? null,
        sets: readSets(row.sets),
        doneAt: row.done_at,
        doneById: row.done_by,
        doneByName: row.agent_name ?? null,
      });
      map.set(row.applied_id, list);
    }
    return map;
  }

  function appliedQuery() {
    return db
      .selectFrom('ticket_protocols')
      .innerJoin('protocols', 'protocols.id', 'ticket_protocols.protocol_id')
      .leftJoin('agents', 'agents.id', 'ticket_protocols.applied_by')
      .select([
        'ticket_protocols.id',
        'ticket_protocols.ticket_id as ticketId',
        'ticket_protocols.protocol_id as protocolId',
        'protocols.title',
        'ticket_protocols.applied_by as appliedById',
        'agents.name as appliedByName',
        'ticket_protocols.applied_at as appliedAt',
        'ticket_protocols.completed_at as completedAt',
      ]);
  }

  async function withSteps(rows: Omit<AppliedProtocol, 'steps'>[]): Promise<AppliedProtocol[]> {
    const steps = await appliedSteps(rows.map((row) => row.id));
    return rows.map((row) => ({ ...row, appliedByName: row.appliedByName ?? null, steps: steps.get(row.id) ?? [] }));
  }

  async function insertParts(protocol: Protocol): Promise<void> {
    await db
      .insertInto('protocol_steps')
      .values(
        protocol.steps.map((step) => ({
          protocol_id: protocol.id,
          position: step.position,
          text: step.text,
          macro_id: step.macroId,
          sets: writeSets(step.sets),
        })),
      )
      .execute();
    if (protocol.scripts.length > 0) {
      await db
        .insertInto('protocol_scripts')
        .values(
          protocol.scripts.map((script, index) => ({
            protocol_id: protocol.id,
            position: index + 1,
            macro_id: script.macroId,
          })),
        )
        .execute();
    }
  }

  return {
    async list(): Promise<Protocol[]> {
      return hydrate(await db.selectFrom('protocols').select(protocolColumns).orderBy('title').execute());
    },

    /** How many times each protocol was applied, on any ticket. */
    async timesApplied(): Promise<Map<string, number>> {
      const rows = await db
        .selectFrom('ticket_protocols')
        .select((eb) => ['protocol_id', eb.fn.countAll<number>().as('n')])
        .groupBy('protocol_id')
        .execute();
      return new Map(rows.map((row) => [row.protocol_id, Number(row.n)]));
    },

    async find(id: string): Promise<Protocol | undefined> {
      const row = await db.selectFrom('protocols').select(protocolColumns).where('id', '=', id).executeTakeFirst();
      return row && (await hydrate([row]))[0];
    },

    /** Whether another protocol (not `exceptId`, the one being rewritten) has this title. */
    async titleTaken(title: string, exceptId?: string): Promise<boolean> {
      let query = db.selectFrom('protocols').select('id').where('title', '=', title);
      if (exceptId) query = query.where('id', '!=', exceptId);
      return (await query.executeTakeFirst()) !== undefined;
    },

    async insert(protocol: Protocol): Promise<void> {
      await db
        .insertInto('protocols')
        .values({
          id: protocol.id,
          title: protocol.title,
          scenario: protocol.scenario,
          observations: protocol.observations,
          department_id: protocol.departmentId,
          article_id: protocol.articleId,
          created_at: protocol.createdAt,
          updated_at: protocol.updatedAt,
        })
        .execute();
      await insertParts(protocol);
    },

    /** Rewrites a protocol with its steps and scripts; applied copies live in their own tables, untouched. */
    async replace(protocol: Protocol): Promise<void> {
      await db
        .updateTable('protocols')
        .set({
          title: protocol.title,
          scenario: protocol.scenario,
          observations: protocol.observations,
          department_id: protocol.departmentId,
          article_id: protocol.articleId,
          updated_at: protocol.updatedAt,
        })
        .where('id', '=', protocol.id)
        .execute();
      await db.deleteFrom('protocol_steps').where('protocol_id', '=', protocol.id).execute();
      await db.deleteFrom('protocol_scripts').where('protocol_id', '=', protocol.id).execute();
      await insertParts(protocol);
    },

    async listApplied(ticketId: string): Promise<AppliedProtocol[]> {
      const rows = await appliedQuery()
        .where('ticket_protocols.ticket_id', '=', ticketId)
        .orderBy('ticket_protocols.applied_at')
        .orderBy('ticket_protocols.id')
        .execute();
      return withSteps(rows);
    },

    async findApplied(ticketId: string, id: string): Promise<AppliedProtocol | undefined> {
      const row = await appliedQuery()
        .where('ticket_protocols.ticket_id', '=', ticketId)
        .where('ticket_protocols.id', '=', id)
        .executeTakeFirst();
      return row && (await withSteps([row]))[0];
    },

    async insertApplied(applied: AppliedProtocol): Promise<void> {
      await db
        .insertInto('ticket_protocols')
        .values({
          id: applied.id,
          ticket_id: applied.ticketId,
          protocol_id: applied.protocolId,
          applied_by: applied.appliedById,
          applied_at: applied.appliedAt,
          completed_at: null,
        })
        .execute();
      await db
        .insertInto('ticket_protocol_steps')
        .values(
          applied.steps.map((step) => ({
            applied_id: applied.id,
            position: step.position,
            text: step.text,
            macro_id: step.macroId,
            sets: writeSets(step.sets),
            done_by: null,
            done_at: null,
          })),
        )
        .execute();
    },

    async setStep(appliedId: string, position: number, done: { by: string | null; at: string } | null): Promise<void> {
      await db
        .updateTable('ticket_protocol_steps')
        .set({ done_by: done?.by ?? null, done_at: done?.at ?? null })
        .where('applied_id', '=', appliedId)
        .where('position', '=', position)
        .execute();
    },

    async setCompleted(appliedId: string, at: string | null): Promise<void> {
      await db.updateTable('ticket_protocols').set({ completed_at: at }).where('id', '=', appliedId).execute();
    },
  };
}

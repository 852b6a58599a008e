import { CompiledQuery, type KyselyPlugin, type RootOperationNode } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../core/shared/actor.ts';
import { type TicketSort, ticketRepository } from '../../core/tickets/ticket.repository.ts';
import { resolveTicketQuery, type TicketQuery } from '../../core/tickets/ticket-query.ts';
import { UNSOLVED_CATEGORIES } from '../../core/tickets/ticket-vocabulary.ts';
import { DEFAULT_VIEWS } from '../../core/views/view.service.ts';
import { createTestDb, type TestDb } from '../../testing/test-db.ts';

const AGENT: Actor = { kind: 'agent', id: 'a1', role: 'agent', departmentIds: ['d1'], locale: 'es' };
const SUPERVISOR: Actor = { kind: 'agent', id: 's1', role: 'supervisor', departmentIds: ['d1'], locale: 'es' };
const OPEN = [...UNSOLVED_CATEGORIES];

/** SQLite's plan for the statement the repository runs for a view's first page. */
async function firstPagePlan(database: TestDb, actor: Actor, view: { query: TicketQuery; sort: TicketSort }) {
  const nodes: RootOperationNode[] = [];
  const spy: KyselyPlugin = {
    transformQuery: ({ node }) => {
      nodes.push(node);
      return node;
    },
    transformResult: async ({ result }) => result,
  };
  await ticketRepository(database.db.withPlugin(spy)).list({
    actor,
    filters: resolveTicketQuery(view.query, actor),
    sort: view.sort,
    limit: 51,
  });
  const page = nodes.find((node) => node.kind === 'SelectQueryNode');
  if (!page) throw new Error('the list ran no select');
  const compiled = database.db.getExecutor().compileQuery(page, { queryId: 'plan' });
  const plan = await database.db.executeQuery<{ detail: string }>(
    CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]),
  );
  return plan.rows.map((row) => row.detail);
}

// Plans on a fresh install: no sqlite_stat1, the case in which SQLite used to pick
// (status_category, updated_at) and sort every open ticket (bench/README.md, migration 0054).
describe('migration 0054: every default view pages from an index in its order (SQLite)', () => {
  let database: TestDb;
  beforeEach(async () => {
    database = await createTestDb('sqlite');
  });
  afterEach(() => database.dispose());

  for (const [who, actor] of [
    ['an agent', AGENT],
    ['a supervisor', SUPERVISOR],
  ] as const) {
    for (const view of DEFAULT_VIEWS) {
      it(`reads the first page of "${view.name}" for ${who} from an index in view order, without sorting`, async () => {
        const plan = await firstPagePlan(database, actor, view);
        expect(plan.join('\n')).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
        expect(plan.some((step) => /^(SEARCH|SCAN) tickets USING (COVERING )?INDEX /.test(step))).toBe(true);
      });
    }
  }
});

describe('migration 0055: views of flagged or at-risk tickets read only those (SQLite)', () => {
  let database: TestDb;
  beforeEach(async () => {
    database = await createTestDb('sqlite');
  });
  afterEach(() => database.dispose());

  const cases: { name: string; query: TicketQuery; sort: TicketSort; index: string }[] = [
    {
      name: 'Pendientes de revisión',
      query: { flag: ['green'], statusCategory: OPEN },
      sort: 'updated',
      index: 'tickets_open_flag_idx',
    },
    {
      name: 'an orange-flag view',
      query: { flag: ['orange'], statusCategory: OPEN },
      sort: 'updated',
      index: 'tickets_open_flag_idx',
    },
    {
      name: 'Incumplen SLA pronto',
      query: { slaState: ['warning', 'breached'], statusCategory: OPEN },
      sort: 'priority',
      index: 'tickets_at_risk_by_priority_idx',
    },
    {
      name: 'a view of breaches only',
      query: { slaState: ['breached'], statusCategory: OPEN },
      sort: 'priority',
      index: 'tickets_at_risk_by_priority_idx',
    },
  ];
  for (const [who, actor] of [
    ['an agent', AGENT],
    ['a supervisor', SUPERVISOR],
  ] as const) {
    for (const view of cases) {
      it(`reads "${view.name}" for ${who} from ${view.index}, in view order`, async () => {
        const plan = await firstPagePlan(database, actor, view);
        expect(plan.join('\n')).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
        expect(plan.some((step) => step.includes(`USING INDEX ${view.index}`))).toBe(true);
      });
    }
  }

  it('a state outside warning and breach still filters by its value', async () => {
    const plan = await firstPagePlan(database, SUPERVISOR, {
      query: { slaState: ['ok'], statusCategory: OPEN },
      sort: 'priority',
    });
    expect(plan.join('\n')).not.toMatch(/tickets_at_risk_by_priority_idx/);
  });
});

/**
 * The outbox worker's poll against a growing backlog of mail it cannot send (email off): pending
 * acknowledgements pile up while the worker keeps claiming the types it can deliver. The poll's cost
 * must not grow with that backlog. Prints the median claim time at each backlog size.
 *
 *   npx tsx bench/outbox.ts [--database-url postgres://…] [--backlog 1000,10000,100000]
 */
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { newId } from '../src/core/shared/ids.ts';
import { outboxQueueRepository } from '../src/jobs/outbox-queue.repository.ts';
import { withScratchDb } from './scratch-db.ts';

const { values: args } = parseArgs({ options: { 'database-url': { type: 'string' }, backlog: { type: 'string' } } });
const PG_URL = args['database-url'];
const SIZES = (args.backlog ?? '1000,10000,100000').split(',').map(Number);
const POLLS = 50;

await withScratchDb(PG_URL, 'outbox', async (database) => {
  const queue = outboxQueueRepository(database.db);
  const start = Date.parse('2026-01-01T00:00:00Z');
  let stored = 0;
  for (const size of SIZES) {
    // Mail nobody can send (without tickets: the claim's per-ticket order check is not what grows).
    while (stored < size) {
      const rows = [];
      for (let i = 0; i < 500 && stored < size; i++, stored++) {
        const at = new Date(start + stored * 1000).toISOString();
        rows.push({
          id: newId(),
          type: 'email.acknowledgement',
          payload: '{}',
          ticket_id: null,
          status: 'pending' as const,
          attempts: 0,
          available_at: at,
          last_error: null,
          created_at: at,
          processed_at: null,
        });
      }
      await database.db.insertInto('outbox').values(rows).execute();
    }
    await sql`analyze outbox`.execute(database.db);
    const times: number[] = [];
    for (let i = 0; i < POLLS; i++) {
      const started = performance.now();
      await queue.claim({
        now: new Date().toISOString(),
        leaseUntil: new Date().toISOString(),
        types: ['whatsapp.message', 'webhook'],
        limit: 20,
      });
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    console.log(
      `${database.dialect}: backlog ${size.toLocaleString('en')} undeliverable mails: poll p50 ${(times[POLLS / 2] as number).toFixed(2)} ms, max ${(times.at(-1) as number).toFixed(2)} ms`,
    );
  }
});

/**
 * The physical limit: the same rows a created ticket writes (ticket, first message, history event,
 * acknowledgement outbox row, two search documents, the number), inserted straight with the driver,
 * one transaction per ticket (or `batch` tickets per transaction: the floor of a server that commits
 * concurrent writes together), no HTTP and no application code.
 */
import type SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { body, type Rng, subject, uuid7 } from './generator.ts';
import { cachedStemText } from './seed.ts';

export interface BaselineInput {
  departmentId: string;
  requester: { id: string; organizationId: string };
  statusId: string;
  prefix: string;
}

export interface BaselineResult {
  tickets: number;
  seconds: number;
  perSecond: number;
  latencies: number[];
}

function rowsFor(r: Rng, input: BaselineInput, number: string) {
  const now = new Date().toISOString();
  const id = uuid7(r, Date.now());
  const messageId = uuid7(r, Date.now());
  const subj = subject(r);
  const text = body(r, 1000);
  return {
    ticket: {
      id,
      number,
      subject: subj,
      status_id: input.statusId,
      status_category: 'new',
      priority: 2,
      department_id: input.departmentId,
      requester_id: input.requester.id,
      organization_id: input.requester.organizationId,
      channel: 'phone',
      custom_fields: '{}',
      tags: '[]',
      created_at: now,
      updated_at: now,
    },
    message: {
      id: messageId,
      ticket_id: id,
      kind: 'reply',
      author_kind: 'contact',
      author_contact_id: input.requester.id,
      channel: 'phone',
      body_text: text,
      created_at: now,
    },
    event: {
      ticket_id: id,
      actor_kind: 'agent',
      via: 'api',
      field: 'created',
      to_value: number,
      created_at: now,
    },
    outbox: {
      id: uuid7(r, Date.now()),
      type: 'email.acknowledgement@1',
      payload: JSON.stringify({ ticketId: id, to: 'cliente@example.com' }),
      ticket_id: id,
      status: 'pending',
      attempts: 0,
      available_at: now,
      created_at: now,
    },
    docs: [
      { kind: 'ticket', ref_id: id, title: `${number} ${subj}`, body: '', visibility: 'public' },
      { kind: 'message', ref_id: messageId, title: '', body: text, visibility: 'public' },
    ],
    ticketId: id,
    organizationId: input.requester.organizationId,
  };
}

const insertSql = (table: string, row: Record<string, unknown>) =>
  `insert into ${table} (${Object.keys(row).join(', ')}) values (${Object.keys(row)
    .map((c) => `@${c}`)
    .join(', ')})`;

/** SQLite: one writer, so one loop; the same pragmas as the server (WAL, synchronous=NORMAL). */
export function sqliteBaseline(
  database: SqliteDatabase.Database,
  r: Rng,
  input: BaselineInput,
  seconds: number,
  batch = 1,
): BaselineResult {
  const sample = rowsFor(r, input, 'X');
  const next = database.prepare(
    "update ticket_counters set next_value = next_value + 1 where name = 'ticket' returning next_value - 1 as n",
  );
  const tickets = database.prepare(insertSql('tickets', sample.ticket));
  const messages = database.prepare(insertSql('messages', sample.message));
  const events = database.prepare(insertSql('ticket_events', sample.event));
  const outbox = database.prepare(insertSql('outbox', sample.outbox));
  const docs = database.prepare(
    `insert into search_documents (kind, ref_id, ticket_id, organization_id, visibility, title, body, stems)
     values (@kind, @ref_id, @ticket_id, @organization_id, @visibility, @title, @body, @stems)`,
  );
  const keys = database.prepare('insert into search_document_keys (kind, ref_id, doc_id) values (?, ?, ?)');
  const insertOne = () => {
    const { n } = next.get() as { n: number };
    const rows = rowsFor(r, input, `${input.prefix}${n}`);
    tickets.run(rows.ticket);
    messages.run(rows.message);
    events.run(rows.event);
    outbox.run(rows.outbox);
    for (const doc of rows.docs) {
      const info = docs.run({
        ...doc,
        ticket_id: rows.ticketId,
        organization_id: rows.organizationId,
        stems: cachedStemText(`${doc.title} ${doc.body}`),
      });
      keys.run(doc.kind, doc.ref_id, info.lastInsertRowid);
    }
  };
  const transaction = database.transaction(() => {
    for (let i = 0; i < batch; i++) insertOne();
  });
  const latencies: number[] = [];
  const started = performance.now();
  const end = started + seconds * 1000;
  while (performance.now() < end) {
    const t = performance.now();
    transaction();
    // Each ticket of a batch waits for its commit.
    const took = performance.now() - t;
    for (let i = 0; i < batch; i++) latencies.push(took);
  }
  const elapsed = (performance.now() - started) / 1000;
  return { tickets: latencies.length, seconds: elapsed, perSecond: latencies.length / elapsed, latencies };
}

/** PostgreSQL: `connections` clients, each sending its transaction's statements without waiting in between. */
export async function pgBaseline(
  url: string,
  schema: string,
  r: Rng,
  input: BaselineInput,
  seconds: number,
  connections = 4,
  batch = 1,
): Promise<BaselineResult> {
  const latencies: number[] = [];
  const started = performance.now();
  const end = started + seconds * 1000;
  // Statements are chained, not overlapped (pg 9 refuses overlapping calls on one client); the
  // transaction's statements are still sent without waiting for the caller in between.
  const chains = new WeakMap<pg.Client, Promise<unknown>>();
  const send = (client: pg.Client, text: string, values?: unknown[]) => {
    const next = (chains.get(client) ?? Promise.resolve()).then(() => client.query(text, values));
    chains.set(
      client,
      next.catch(() => undefined),
    );
    return next;
  };
  const insert = (client: pg.Client, table: string, row: Record<string, unknown>, extra = '') => {
    const columns = Object.keys(row);
    return send(
      client,
      `insert into ${table} (${columns.join(', ')}${extra ? ', document' : ''}) values (${columns
        .map((_, i) => `$${i + 1}`)
        .join(', ')}${extra})`,
      Object.values(row),
    );
  };
  const worker = async () => {
    const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
    await client.connect();
    try {
      while (performance.now() < end) {
        const t = performance.now();
        await client.query('begin');
        const work: Promise<unknown>[] = [];
        for (let i = 0; i < batch; i++) {
          // Through the chain: the previous ticket's inserts may still be in flight on this client.
          const numbered = (await send(client, "select nextval('ticket_number_seq') as n")) as pg.QueryResult;
          const n = numbered.rows[0].n;
          const rows = rowsFor(r, input, `${input.prefix}${n}`);
          work.push(
            insert(client, 'tickets', rows.ticket),
            insert(client, 'messages', rows.message),
            insert(client, 'ticket_events', rows.event),
            insert(client, 'outbox', rows.outbox),
            ...rows.docs.map((doc) =>
              insert(
                client,
                'search_documents',
                {
                  kind: doc.kind,
                  ref_id: doc.ref_id,
                  ticket_id: rows.ticketId,
                  organization_id: rows.organizationId,
                  visibility: doc.visibility,
                  title: doc.title, // $6
                  body: doc.body, // $7
                },
                ", setweight(to_tsvector('spanish', public.unaccent($6)), 'A') || setweight(to_tsvector('spanish', public.unaccent($7)), 'B')",
              ),
            ),
          );
        }
        work.push(send(client, 'commit'));
        await Promise.all(work);
        const took = performance.now() - t;
        for (let i = 0; i < batch; i++) latencies.push(took);
      }
    } finally {
      await client.end();
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  const elapsed = (performance.now() - started) / 1000;
  return { tickets: latencies.length, seconds: elapsed, perSecond: latencies.length / elapsed, latencies };
}

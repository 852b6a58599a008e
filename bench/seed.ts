/**
 * The bulk seeding path: rows generated in memory and written straight into the tables in large
 * transactions (prepared statements on SQLite, multi-row inserts pipelined on one connection on
 * PostgreSQL), search index included. Prints its own rate with a progress bar.
 */
import type SqliteDatabase from 'better-sqlite3';
import type pg from 'pg';
import { prefixTermsOf } from '../src/core/search/search-index.repository.ts';
import { stemsOf, words } from '../src/core/search/spanish-text.ts';
import { foldKey, initialsOf } from '../src/core/shared/text.ts';
import {
  body,
  companyName,
  DEPARTMENTS,
  followUp,
  personName,
  type Rng,
  rng,
  subject,
  TAGS,
  uuid7,
} from './generator.ts';

export type Row = Record<string, string | number | null>;

export interface Scale {
  tickets: number;
  organizations: number;
  contacts: number;
  agents: number;
}

export interface Vocabulary {
  statuses: { id: string; name: string; category: string }[];
  types: { id: string; name: string }[];
  categories: { id: string }[];
  barred: { type_id: string; status_id: string }[];
  prefix: string;
  firstNumber: number;
}

/** What the phases need to know about the seeded data. */
export interface Seeded {
  departments: string[];
  agents: { id: string; email: string; departmentIds: string[] }[];
  /** The agent whose token drives the phases (role agent, member of the first department). */
  benchAgent: { id: string; email: string; departmentIds: string[] };
  contacts: { id: string; organizationId: string }[];
  ticketIds: string[];
  /** Tickets the bench agent may see (its department's, or assigned to it). */
  visibleTicketIds: string[];
  nextNumber: number;
  /** Tickets seeded as open work (new, open, pending, on hold). */
  openWork: number;
  rows: number;
  seconds: number;
}

/** The rows a writer takes, table by table, in foreign-key order within each batch. */
export interface RowSink {
  add(table: string, row: Row): void;
  /** Ends a batch (one transaction). */
  flush(): Promise<void>;
  /** Waits for everything sent. */
  close?(): Promise<void>;
}

const stemCache = new Map<string, string[]>();
/** Every word seen by `cachedStemText`, for SQLite's search_terms. */
const seenWords = new Set<string>();
/** `stemText` of the app with a word cache: the generated vocabulary is small, the text is not. */
export function cachedStemText(text: string): string {
  const out = new Set<string>();
  for (const word of words(text)) {
    let stems = stemCache.get(word);
    if (!stems) {
      stems = stemsOf(word);
      seenWords.add(word);
      if (stemCache.size < 200_000) stemCache.set(word, stems);
    }
    for (const s of stems) out.add(s);
  }
  return [...out].join(' ');
}

const DAY = 86_400_000;

function progress(label: string, done: number, total: number, startedMs: number) {
  const width = 30;
  const ratio = total === 0 ? 1 : done / total;
  const filled = Math.round(ratio * width);
  const seconds = (performance.now() - startedMs) / 1000;
  const rate = done / Math.max(seconds, 0.001);
  const eta = rate > 0 ? (total - done) / rate : 0;
  process.stderr.write(
    `\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(ratio * 100).toFixed(0).padStart(3)}% ` +
      `${done.toLocaleString('en')}/${total.toLocaleString('en')}  ${Math.round(rate).toLocaleString('en')}/s  ETA ${eta.toFixed(0)}s   `,
  );
  if (done >= total) process.stderr.write('\n');
}

/** Generates the whole data set into `sink`. */
export async function generate(
  sink: RowSink,
  scale: Scale,
  vocabulary: Vocabulary,
  opts: { endMs: number; seed?: number; quiet?: boolean; openShare?: number },
): Promise<Seeded> {
  const r = rng(opts.seed ?? 20261129);
  const started = performance.now();
  let rows = 0;
  const add = (table: string, row: Row) => {
    rows++;
    sink.add(table, row);
  };
  const startMs = opts.endMs - 730 * DAY;
  const iso = (ms: number) => new Date(ms).toISOString();
  const setupTime = iso(startMs - DAY);

  // Departments and agents
  const departments: string[] = [];
  for (const [i, [name, kind]] of DEPARTMENTS.entries()) {
    const id = uuid7(r, startMs - 10 * DAY + i);
    departments.push(id);
    add('departments', {
      id,
      name,
      name_key: foldKey(name),
      kind,
      time_zone: 'America/Costa_Rica',
      email: `${foldKey(name).replace(/ /g, '.')}@tiquete.bench`,
      active: 1,
      created_at: setupTime,
      updated_at: setupTime,
    });
  }
  const agents: Seeded['agents'] = [];
  const agentsByDepartment = new Map<string, string[]>(departments.map((d) => [d, []]));
  // Initials name one agent (unique since 0007: notes mention `@initials`).
  const takenInitials = new Set<string>();
  const uniqueInitials = (name: string) => {
    const base = initialsOf(name);
    let candidate = base;
    for (let n = 2; takenInitials.has(candidate); n++) candidate = `${base.slice(0, 5)}${n}`;
    takenInitials.add(candidate);
    return candidate;
  };
  for (let i = 0; i < scale.agents; i++) {
    const id = uuid7(r, startMs - 9 * DAY + i);
    const name = i === 0 ? 'Agente Bench' : personName(r);
    const email = i === 0 ? 'bench@tiquete.bench' : `agente${i}@tiquete.bench`;
    // Soporte Técnico holds the most agents, as it holds the most tickets.
    const first = i < 14 ? 0 : (i % (departments.length - 1)) + 1;
    const departmentIds = [departments[first] as string];
    if (i % 5 === 4) departmentIds.push(departments[(first + 1) % departments.length] as string);
    agents.push({ id, email, departmentIds });
    add('agents', {
      id,
      email,
      name,
      initials: uniqueInitials(name),
      role: i === 1 ? 'admin' : i === 2 || i === 3 ? 'supervisor' : 'agent',
      locale: 'es',
      time_zone: 'America/Costa_Rica',
      skills: '[]',
      password_hash: null,
      active: 1,
      created_at: setupTime,
      updated_at: setupTime,
    });
    for (const d of departmentIds) {
      add('agent_departments', { agent_id: id, department_id: d });
      agentsByDepartment.get(d)?.push(id);
    }
  }
  await sink.flush();

  // Organizations and contacts
  const organizations: string[] = [];
  for (let i = 0; i < scale.organizations; i++) {
    const created = iso(startMs - 8 * DAY + i * 1000);
    const id = uuid7(r, startMs - 8 * DAY + i * 1000);
    const name = companyName(r, i);
    organizations.push(id);
    add('organizations', {
      id,
      name,
      name_key: `${foldKey(name)} ${i}`,
      search_name: foldKey(name),
      code: `CL${10000 + i}`,
      code_key: `cl${10000 + i}`,
      tax_id: null,
      tax_id_key: null,
      tier: r.next() < 0.1 ? 'special' : 'general',
      account_leader_id: r.next() < 0.5 ? r.pick(agents).id : null,
      notes: '',
      tags: '[]',
      created_at: created,
      updated_at: created,
    });
    add('organization_domains', { domain: `cliente${i}.bench.cr`, organization_id: id });
    add('search_documents', {
      kind: 'organization',
      ref_id: id,
      ticket_id: null,
      organization_id: id,
      visibility: 'internal',
      title: name,
      body: `CL${10000 + i} cliente${i}.bench.cr`,
    });
  }
  await sink.flush();
  const contacts: Seeded['contacts'] = [];
  for (let i = 0; i < scale.contacts; i++) {
    const ms = startMs - 7 * DAY + i * 1000;
    const id = uuid7(r, ms);
    const orgIndex = i % scale.organizations;
    const organizationId = organizations[orgIndex] as string;
    const name = personName(r);
    const email = `${foldKey(name).split(' ').slice(0, 2).join('.')}.${i}@cliente${orgIndex}.bench.cr`;
    contacts.push({ id, organizationId });
    add('contacts', {
      id,
      name,
      search_name: foldKey(name),
      title: null,
      organization_id: organizationId,
      org_role: i < scale.organizations ? 'main_contact' : 'member',
      locale: 'es',
      notes: '',
      password_hash: null,
      merged_into_id: null,
      created_at: iso(ms),
      updated_at: iso(ms),
    });
    add('contact_emails', { email, contact_id: id, is_primary: 1 });
    add('search_documents', {
      kind: 'contact',
      ref_id: id,
      ticket_id: null,
      organization_id: organizationId,
      visibility: 'internal',
      title: name,
      body: email,
    });
    if (i % 5000 === 4999) await sink.flush();
  }
  await sink.flush();

  // Tickets, spread over two years, newest last (ids are time-ordered like the app's).
  const byCategory = new Map<string, string[]>();
  const barred = new Set(vocabulary.barred.map((b) => b.status_id));
  for (const s of vocabulary.statuses) {
    if (barred.has(s.id)) continue;
    byCategory.set(s.category, [...(byCategory.get(s.category) ?? []), s.id]);
  }
  const statusIn = (category: string) => r.pick(byCategory.get(category) ?? ['']);
  // What the reports read besides tickets (SLA targets, surveys, time, red spells) comes from its
  // own random stream, so the tickets, messages and events are the same rows as before it existed.
  const work = rng((opts.seed ?? 20261129) + 1);
  const slaPolicyId = uuid7(work, startMs - 8 * DAY);
  // Inactive: the write phases measure ticket creation as they always have; the stored targets
  // below are what a policy would have left, and the SLA report names them after it.
  add('sla_policies', {
    id: slaPolicyId,
    name: 'Estándar (bench)',
    position: 1,
    active: 0,
    conditions: '{}',
    targets: JSON.stringify({
      first_reply: { minutes: FIRST_REPLY_MINUTES },
      resolution: { minutes: RESOLUTION_MINUTES },
    }),
    calendar_id: null,
    pause_when_waiting: 1,
    warning_share: 0.75,
    created_at: setupTime,
    updated_at: setupTime,
  });
  const ticketIds: string[] = [];
  const visibleTicketIds: string[] = [];
  const span = opts.endMs - startMs;
  // --open-share: solved and closed tickets are turned into open work until that share of all
  // tickets is open. The choice and the new category's times come from their own stream, so every
  // other draw (and with it every other row) is the one the plain seed makes.
  const reopen = rng((opts.seed ?? 20261129) + 2);
  const natural = naturalOpenShare(span);
  const reopenShare = opts.openShare === undefined ? 0 : Math.max(0, (opts.openShare - natural) / (1 - natural));
  let openWork = 0;
  const batch = scale.tickets >= 100_000 ? 2000 : 500;
  const ticketsStarted = performance.now();
  for (let i = 0; i < scale.tickets; i++) {
    const createdMs = startMs + Math.floor((i / scale.tickets) * span);
    const ageDays = (opts.endMs - createdMs) / DAY;
    let category: string =
      ageDays < 14
        ? r.weighted([
            ['new', 25],
            ['open', 30],
            ['pending', 15],
            ['on_hold', 5],
            ['solved', 15],
            ['closed', 10],
          ] as const)
        : ageDays < 60
          ? r.weighted([
              ['new', 1],
              ['open', 8],
              ['pending', 5],
              ['on_hold', 3],
              ['solved', 10],
              ['closed', 73],
            ] as const)
          : r.weighted([
              ['open', 1],
              ['pending', 1],
              ['solved', 2],
              ['closed', 96],
            ] as const);
    // Steady state of the default time rules: solved tickets close after 4 days, pending ones get a
    // reminder after 3, so older tickets are already past those states and a sweep finds nothing due.
    let updatedMs = Math.min(opts.endMs - 1000, createdMs + Math.floor(r.next() * (ageDays < 14 ? 2 : 20) * DAY));
    if (category === 'solved' || category === 'pending') {
      const window = (category === 'solved' ? 3.5 : 2.5) * DAY;
      if (opts.endMs - createdMs > window * 3) category = category === 'solved' ? 'closed' : 'on_hold';
      else updatedMs = Math.max(createdMs, opts.endMs - Math.floor(r.next() * window));
    }
    const department = r.weighted(departments.map((d, j) => [d, j === 0 ? 8 : 2] as const));
    const pool = agentsByDepartment.get(department) ?? [];
    let assignee = category === 'new' || pool.length === 0 || r.next() < 0.08 ? null : r.pick(pool);
    if ((category === 'solved' || category === 'closed') && reopen.next() < reopenShare) {
      // Open work of any age, touched at any time since it came in; pending only recently (the
      // reminder rule's steady state, as above), new never assigned (as above).
      category = reopen.weighted([
        ['new', 10],
        ['open', 50],
        ['pending', 15],
        ['on_hold', 25],
      ] as const);
      updatedMs =
        category === 'pending'
          ? Math.max(createdMs, opts.endMs - Math.floor(reopen.next() * 2.5 * DAY))
          : Math.min(opts.endMs - 1000, createdMs + Math.floor(reopen.next() * (opts.endMs - createdMs)));
      if (category === 'new') assignee = null;
    }
    if (category !== 'solved' && category !== 'closed') openWork++;
    const contact = r.pick(contacts);
    const id = uuid7(r, createdMs);
    const number = `${vocabulary.prefix}${vocabulary.firstNumber + i}`;
    const subj = subject(r);
    const tags = [...new Set(Array.from({ length: r.int(4) }, () => r.pick(TAGS)))].sort();
    const channel = r.weighted([
      ['email', 6],
      ['portal', 2],
      ['whatsapp', 2],
      ['phone', 1],
    ] as const);
    const solvedMs = category === 'solved' || category === 'closed' ? updatedMs : null;
    ticketIds.push(id);
    if (department === departments[0] || assignee === agents[0]?.id) visibleTicketIds.push(id);
    add('tickets', {
      id,
      number,
      subject: subj,
      status_id: statusIn(category),
      status_category: category,
      priority: r.weighted([
        [1, 2],
        [2, 6],
        [3, 3],
        [4, 1],
        [5, 0.3],
      ] as const),
      type_id: r.next() < 0.7 ? (r.pick(vocabulary.types)?.id ?? null) : null,
      category_id: r.next() < 0.5 ? (r.pick(vocabulary.categories)?.id ?? null) : null,
      department_id: department,
      assignee_id: assignee,
      requester_id: contact.id,
      organization_id: contact.organizationId,
      channel,
      flag: r.next() < 0.05 ? 'orange' : null,
      due_at: null,
      custom_fields: '{}',
      tags: JSON.stringify(tags),
      split_from_id: null,
      merged_into_id: null,
      first_response_at: assignee ? iso(createdMs + 3_600_000) : null,
      solved_at: solvedMs === null ? null : iso(solvedMs),
      closed_at: category === 'closed' ? iso(updatedMs) : null,
      created_at: iso(createdMs),
      updated_at: iso(updatedMs),
    });
    for (const tag of tags) add('ticket_tags', { ticket_id: id, tag });
    add('search_documents', {
      kind: 'ticket',
      ref_id: id,
      ticket_id: id,
      organization_id: contact.organizationId,
      visibility: 'public',
      title: `${number} ${subj}`,
      body: '',
    });
    // ~3 messages: the customer's first words, then answers, replies and notes.
    const messages =
      1 +
      r.weighted([
        [0, 1],
        [1, 2],
        [2, 4],
        [3, 2],
        [4, 1],
      ] as const);
    for (let m = 0; m < messages; m++) {
      const first = m === 0;
      const fromAgent = !first && (m % 2 === 1 || r.next() < 0.3);
      const kind = first ? 'reply' : fromAgent && r.next() < 0.25 ? 'note' : 'reply';
      const text = first ? body(r, 700) : followUp(r);
      const messageMs = createdMs + Math.floor(((updatedMs - createdMs) * m) / messages);
      const messageId = uuid7(r, messageMs);
      add('messages', {
        id: messageId,
        ticket_id: id,
        kind,
        author_kind: fromAgent ? 'agent' : 'contact',
        author_agent_id: fromAgent ? (assignee ?? r.pick(agents).id) : null,
        author_contact_id: fromAgent ? null : contact.id,
        channel: kind === 'note' ? 'internal' : channel,
        body_text: text,
        body_html: null,
        activity: null,
        created_at: iso(messageMs),
      });
      add('search_documents', {
        kind: 'message',
        ref_id: messageId,
        ticket_id: id,
        organization_id: contact.organizationId,
        visibility: kind === 'reply' ? 'public' : 'internal',
        title: '',
        body: text,
      });
    }
    add('ticket_events', {
      ticket_id: id,
      actor_kind: 'contact',
      actor_id: contact.id,
      via: channel,
      field: 'created',
      from_value: null,
      to_value: number,
      created_at: iso(createdMs),
    });
    if (category !== 'new') {
      add('ticket_events', {
        ticket_id: id,
        actor_kind: 'agent',
        actor_id: assignee,
        via: 'console',
        field: 'status',
        from_value: 'NUEVO',
        to_value: category,
        created_at: iso(updatedMs),
      });
    }
    reportRows(add, work, {
      id,
      contactId: contact.id,
      assignee,
      category,
      createdMs,
      firstResponseMs: assignee ? createdMs + 3_600_000 : null,
      solvedMs,
      endMs: opts.endMs,
      slaPolicyId,
    });
    if (i % batch === batch - 1 || i === scale.tickets - 1) {
      await sink.flush();
      if (!opts.quiet) progress('seeding tickets', i + 1, scale.tickets, ticketsStarted);
    }
  }
  await sink.close?.();
  const benchAgent = agents[0] as Seeded['benchAgent'];
  return {
    departments,
    agents,
    benchAgent,
    contacts,
    ticketIds,
    visibleTicketIds,
    nextNumber: vocabulary.firstNumber + scale.tickets,
    openWork,
    rows,
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * The share of tickets the age-based draw above leaves as open work over a span of `spanMs` (≈ 4 %
 * over two years): three quarters of the last 14 days, 17 % of the 46 days before, 2 % of the rest.
 */
function naturalOpenShare(spanMs: number): number {
  const days = spanMs / DAY;
  const recent = Math.min(14, days);
  const middle = Math.min(46, Math.max(0, days - 14));
  return (recent * 0.75 + middle * 0.17 + Math.max(0, days - 60) * 0.02) / days;
}

const FIRST_REPLY_MINUTES = 240;
const RESOLUTION_MINUTES = 3 * 24 * 60;

/**
 * One ticket's rows for the reports: its two SLA targets as the engine leaves them (met, breached,
 * or running with a due time still ahead, so the sweep finds nothing due), a satisfaction survey on
 * a third of the solved ones, logged time on two fifths of those worked, and a red spell on one in
 * twenty.
 */
function reportRows(
  add: (table: string, row: Row) => void,
  r: Rng,
  t: {
    id: string;
    contactId: string;
    assignee: string | null;
    category: string;
    createdMs: number;
    firstResponseMs: number | null;
    solvedMs: number | null;
    endMs: number;
    slaPolicyId: string;
  },
) {
  const iso = (ms: number) => new Date(ms).toISOString();
  const target = (metric: string, minutes: number, doneMs: number | null) => {
    const dueMs = t.createdMs + minutes * 60_000;
    const late = doneMs === null ? dueMs <= t.endMs : doneMs > dueMs || r.next() < 0.1;
    add('ticket_sla_targets', {
      ticket_id: t.id,
      metric,
      policy_id: t.slaPolicyId,
      started_at: iso(t.createdMs),
      due_at: iso(dueMs),
      warn_at: null,
      state: late ? 'breached' : doneMs === null ? 'ok' : 'met',
      met_at: doneMs === null ? null : iso(doneMs),
      updated_at: iso(doneMs ?? t.createdMs),
    });
  };
  target('first_reply', FIRST_REPLY_MINUTES, t.firstResponseMs);
  target('resolution', RESOLUTION_MINUTES, t.solvedMs);

  if (t.solvedMs !== null && r.next() < 0.33) {
    const rated = r.next() < 0.6;
    const good = r.next() < 0.85;
    const ratedMs = t.solvedMs + Math.floor(r.next() * 2 * DAY);
    add('satisfaction_surveys', {
      ticket_id: t.id,
      contact_id: t.contactId,
      nonce: `bench-${t.id}`,
      token_hash: `bench-${t.id}`,
      rating: rated ? (good ? 'good' : 'bad') : null,
      comment: rated && !good ? 'La respuesta tardó más de lo esperado.' : null,
      rated_at: rated ? iso(ratedMs) : null,
      created_at: iso(t.solvedMs),
    });
  }

  if (t.assignee && t.category !== 'new' && r.next() < 0.4) {
    for (let e = 0, entries = 1 + r.int(2); e < entries; e++) {
      const workedMs = t.createdMs + Math.floor(r.next() * 2 * DAY);
      add('time_entries', {
        id: uuid7(r, workedMs),
        ticket_id: t.id,
        task_id: null,
        agent_id: t.assignee,
        description: r.pick([
          'Revisión del caso',
          'Llamada con el cliente',
          'Sesión por Teams',
          'Ajuste en el sistema',
        ]),
        minutes: 15 * (1 + r.int(8)),
        // Costa Rica is UTC−6 all year: the local day of the work.
        work_date: iso(workedMs - 6 * 3_600_000).slice(0, 10),
        billable: r.next() < 0.7 ? 1 : 0,
        created_at: iso(workedMs),
      });
    }
  }

  if (r.next() < 0.05) {
    const startedMs = t.createdMs + DAY;
    const endedMs = startedMs + Math.floor((1 + r.next() * 47) * 3_600_000);
    if (endedMs < t.endMs)
      add('ticket_red_spells', { ticket_id: t.id, started_at: iso(startedMs), ended_at: iso(endedMs) });
  }
}

/** SQLite: one prepared statement per table, one transaction per batch. */
export function sqliteSink(database: SqliteDatabase.Database): RowSink {
  const pending: [string, Row][] = [];
  const statements = new Map<string, SqliteDatabase.Statement>();
  const statementFor = (table: string, row: Row) => {
    let statement = statements.get(table);
    if (!statement) {
      const columns = Object.keys(row);
      if (table === 'search_documents') columns.push('stems');
      statement = database.prepare(
        `insert into ${table} (${columns.join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`,
      );
      statements.set(table, statement);
    }
    return statement;
  };
  let keyStatement: SqliteDatabase.Statement | undefined;
  const write = database.transaction((batch: [string, Row][]) => {
    for (const [table, row] of batch) {
      const values = table === 'search_documents' ? { ...row, stems: cachedStemText(`${row.title} ${row.body}`) } : row;
      const info = statementFor(table, row).run(values);
      if (table === 'search_documents') {
        keyStatement ??= database.prepare('insert into search_document_keys (kind, ref_id, doc_id) values (?, ?, ?)');
        keyStatement.run(row.kind, row.ref_id, info.lastInsertRowid);
      }
    }
  });
  return {
    add: (table, row) => {
      pending.push([table, row]);
    },
    async flush() {
      write(pending.splice(0));
    },
    async close() {
      // What the app's upsert adds per document, once for the whole generated vocabulary.
      const insert = database.prepare('insert or ignore into search_terms (term) values (?)');
      database.transaction(() => {
        for (const term of prefixTermsOf([...seenWords].join(' '))) insert.run(term);
      })();
    },
  };
}

const PG_SEARCH_VALUE = (p: (v: unknown) => string, row: Row) =>
  `(${p(row.kind)}, ${p(row.ref_id)}, ${p(row.ticket_id)}, ${p(row.organization_id)}, ${p(row.visibility)}, ${p(row.title)}, ${p(row.body)}, ` +
  `setweight(to_tsvector('spanish', public.unaccent(${p(row.title)})), 'A') || setweight(to_tsvector('spanish', public.unaccent(${p(row.body)})), 'B'))`;

/**
 * PostgreSQL: multi-row inserts of up to ~500 rows, sent without waiting (the client queues them,
 * so generation overlaps the server's work), one transaction per batch.
 */
export function pgSink(client: pg.Client): RowSink {
  const pending = new Map<string, Row[]>();
  const order: string[] = [];
  const inflight: Promise<unknown>[] = [];
  // One statement at a time on the connection (pg 9 will refuse overlapping calls), chained so the
  // generator never waits for the server.
  let tail: Promise<unknown> = Promise.resolve();
  const queue = (text: string, params?: unknown[]) => {
    const next = tail.then(() => client.query(text, params));
    tail = next.catch(() => undefined);
    return next;
  };
  const send = (table: string, rows: Row[]) => {
    if (rows.length === 0) return;
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const columns = Object.keys(rows[0] as Row);
    const values =
      table === 'search_documents'
        ? rows.map((row) => PG_SEARCH_VALUE(p, row))
        : rows.map((row) => `(${columns.map((c) => p(row[c])).join(', ')})`);
    const all = table === 'search_documents' ? [...columns, 'document'] : columns;
    inflight.push(queue(`insert into ${table} (${all.join(', ')}) values ${values.join(', ')}`, params));
  };
  let previous: Promise<unknown> = Promise.resolve();
  return {
    add(table, row) {
      let rows = pending.get(table);
      if (!rows) {
        rows = [];
        pending.set(table, rows);
        order.push(table);
      }
      rows.push(row);
    },
    /** Sends the batch and waits for the one before it, so generating overlaps writing. */
    async flush() {
      if (order.length === 0) return;
      inflight.push(queue('begin'));
      for (const table of order) {
        const rows = pending.get(table) ?? [];
        const per = Math.min(500, Math.max(1, Math.floor(30_000 / (Object.keys(rows[0] ?? {}).length + 2))));
        for (let i = 0; i < rows.length; i += per) send(table, rows.slice(i, i + per));
      }
      pending.clear();
      order.length = 0;
      inflight.push(queue('commit'));
      const before = previous;
      previous = Promise.all(inflight.splice(0));
      previous.catch(() => undefined);
      await before;
    },
    async close() {
      await previous;
    },
  };
}

export type { Rng };

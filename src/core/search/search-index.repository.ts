import { sql } from 'kysely';
import { dialectOf } from '../../db/create-db.ts';
import type { Db, SearchDocumentsTable } from '../../db/database.ts';
import { foldKey } from '../shared/text.ts';
import { stemsOf, stemText, words } from './spanish-text.ts';

export type SearchDocument = SearchDocumentsTable;

export interface SearchHit {
  kind: SearchDocument['kind'];
  refId: string;
  ticketId: string | null;
  title: string;
  /** The start of the matched text, for a result line. */
  excerpt: string;
  rank: number;
}

type HitRow = {
  kind: SearchDocument['kind'];
  ref_id: string;
  ticket_id: string | null;
  title: string;
  excerpt: string;
};

/**
 * The documents of `ranked`, in its order: their columns are read only for the hits that are
 * returned. `rowid` on SQLite (FTS5), `id` on PostgreSQL.
 */
async function loadHits(db: Db, ranked: { id: number; rank: number }[]): Promise<SearchHit[]> {
  if (ranked.length === 0) return [];
  const key = sql.raw(dialectOf(db) === 'postgres' ? 'id' : 'rowid');
  const rows = await sql<HitRow & { id: number | string }>`
    select ${key} as id, kind, ref_id, ticket_id, title, substr(body, 1, 200) as excerpt
    from search_documents where ${key} in (${sql.join(ranked.map((r) => r.id))})`.execute(db);
  const byId = new Map(rows.rows.map((r) => [Number(r.id), r]));
  return ranked.flatMap(({ id, rank }) => {
    const r = byId.get(id);
    return r
      ? [{ kind: r.kind, refId: r.ref_id, ticketId: r.ticket_id, title: r.title, excerpt: r.excerpt, rank }]
      : [];
  });
}

/** How many of the newest matches are ranked; older ones are reached with more words. */
const RECENT_MATCHES = 500;
/** A word being typed is completed from this many indexed words (alphabetically first). */
const PREFIX_COMPLETIONS = 40;
/** Shorter starts are not completed: they match too much to narrow anything. */
const MIN_PREFIX = 3;

/** The distinct words of a text as the FTS5 tokenizer stores them (accents folded), for search_terms. */
export function prefixTermsOf(text: string): string[] {
  return [...new Set(foldKey(text).split(' '))].filter((w) => w.length >= MIN_PREFIX && w.length <= 40);
}

// Words too common to narrow a search (PostgreSQL's spanish configuration drops them too).
const STOPWORDS = new Set(
  'a al con de del e el en es la las lo los me mi no o para por que se su sus un una y u le les nos'.split(' '),
);

/** The words of a query that narrow it: stop words are left out unless nothing else is left. */
export function searchTerms(query: string): string[] {
  const all = words(query).slice(0, 8);
  const meaningful = all.filter((w) => !STOPWORDS.has(w));
  return meaningful.length > 0 ? meaningful : all;
}

export interface SearchScope {
  /** Internal documents (notes, contacts, organizations) are searched only when this is true. */
  includeInternal: boolean;
  limit: number;
}

/**
 * The full-text index. SQLite: FTS5 with accent folding plus Spanish stems computed here.
 * PostgreSQL: a tsvector of the `spanish` configuration over unaccented text, with a GIN index.
 */
export function searchIndexRepository(db: Db) {
  const dialect = dialectOf(db);

  return {
    async upsert(doc: SearchDocument): Promise<void> {
      await this.remove(doc.kind, doc.ref_id);
      await this.insert(doc);
    },

    /** A document for something new (a ticket, a message): nothing indexed to replace. */
    async insert(doc: SearchDocument): Promise<void> {
      if (dialect === 'postgres') {
        await sql`insert into search_documents (kind, ref_id, ticket_id, organization_id, visibility, title, body, document)
          values (${doc.kind}, ${doc.ref_id}, ${doc.ticket_id}, ${doc.organization_id}, ${doc.visibility}, ${doc.title}, ${doc.body},
            setweight(to_tsvector('spanish', public.unaccent(${doc.title})), 'A') ||
            setweight(to_tsvector('spanish', public.unaccent(${doc.body})), 'B'))`.execute(db);
        return;
      }
      const inserted = await sql<{
        id: number;
      }>`insert into search_documents (kind, ref_id, ticket_id, organization_id, visibility, title, body, stems)
        values (${doc.kind}, ${doc.ref_id}, ${doc.ticket_id}, ${doc.organization_id}, ${doc.visibility}, ${doc.title}, ${doc.body},
          ${stemText(`${doc.title} ${doc.body}`)}) returning rowid as id`.execute(db);
      await sql`insert into search_document_keys (kind, ref_id, doc_id)
        values (${doc.kind}, ${doc.ref_id}, ${inserted.rows[0]?.id})`.execute(db);
      await sql`insert or ignore into search_terms (term)
        select value from json_each(${JSON.stringify(prefixTermsOf(`${doc.title} ${doc.body}`))})`.execute(db);
    },

    async remove(kind: SearchDocument['kind'], refId: string): Promise<void> {
      if (dialect === 'postgres') {
        await sql`delete from search_documents where kind = ${kind} and ref_id = ${refId}`.execute(db);
        return;
      }
      // FTS5 cannot index kind/ref_id: find the rowid through the key table instead of a full scan.
      const key = await sql<{ doc_id: number }>`delete from search_document_keys
        where kind = ${kind} and ref_id = ${refId} returning doc_id`.execute(db);
      for (const row of key.rows) await sql`delete from search_documents where rowid = ${row.doc_id}`.execute(db);
    },

    /** Points the listed message documents at another ticket (split). */
    async moveMessages(messageIds: string[], toTicketId: string): Promise<void> {
      if (messageIds.length === 0) return;
      if (dialect === 'postgres') {
        await sql`update search_documents set ticket_id = ${toTicketId}
          where kind = 'message' and ref_id in (${sql.join(messageIds)})`.execute(db);
        return;
      }
      await sql`update search_documents set ticket_id = ${toTicketId} where rowid in (
        select doc_id from search_document_keys where kind = 'message' and ref_id in (${sql.join(messageIds)}))`.execute(
        db,
      );
    },

    /** Moves every document of a ticket to another (merge). */
    async moveTicket(fromTicketId: string, toTicketId: string): Promise<void> {
      await sql`update search_documents set ticket_id = ${toTicketId} where ticket_id = ${fromTicketId}`.execute(db);
    },

    /**
     * Documents matching every word of `query` (by stem, or as a prefix of the last word while
     * typing), best first. Visibility is filtered here; per-ticket permission is the caller's.
     */
    async search(query: string, scope: SearchScope): Promise<SearchHit[]> {
      const terms = searchTerms(query);
      if (terms.length === 0) return [];
      const visibilities = scope.includeInternal ? ['public', 'internal'] : ['public'];
      // Ranking every match of a common word costs seconds at a million tickets (bench/README.md):
      // only the newest RECENT_MATCHES matches are ranked.
      if (dialect === 'postgres') {
        return searchPostgres(db, terms, visibilities, scope.limit);
      }
      // Each word matches by any of its stems or as written; the last one also by the indexed words
      // it begins, read from search_terms (FTS5's own prefix query merges whole doclists).
      const last = foldKey(terms[terms.length - 1] ?? '');
      const completions =
        last.length >= MIN_PREFIX
          ? await sql<{
              term: string;
            }>`select term from search_terms where term >= ${last} and term < ${`${last}\uffff`}
              order by term limit ${PREFIX_COMPLETIONS}`.execute(db)
          : { rows: [] };
      const match = terms
        .map((term, i) => {
          const options = [...stemsOf(term).map((s) => `stems:"${s}"`), `"${term}"`];
          if (i === terms.length - 1) for (const { term: word } of completions.rows) options.push(`"${word}"`);
          return `(${options.join(' OR ')})`;
        })
        .join(' AND ');
      // The index walks its matches newest first and stops at RECENT_MATCHES. They are not ranked with
      // bm25: FTS5 computes its IDF by reading every match of each word, which cost 40-150 ms per query
      // at a million tickets. Documents whose title matched (subjects, people) come first, then
      // messages, newest first; every hit holds every word.
      const recent = await sql<{ id: number; kind: SearchDocument['kind']; visibility: string }>`
        select rowid as id, kind, visibility from search_documents
        where search_documents match ${match}
        order by rowid desc
        limit ${RECENT_MATCHES}`.execute(db);
      const ranked = recent.rows
        .filter((r) => scope.includeInternal || r.visibility === 'public')
        .sort((a, b) => Number(a.kind === 'message') - Number(b.kind === 'message') || b.id - a.id)
        .slice(0, scope.limit);
      return loadHits(
        db,
        ranked.map((r, i) => ({ id: r.id, rank: ranked.length - i })),
      );
    },
  };
}

/** Documents walked newest first before deciding how to look further (see searchPostgres). */
const FIRST_WINDOW = 5_000;
/** The furthest a second walk goes; rarer words are looked up in the GIN index instead. */
const LONGEST_WALK = 60_000;
/** Below this share of matches in the first window, the GIN index is cheaper than a walk. */
const WALK_WORTHWHILE = 0.01;

/**
 * PostgreSQL's planner estimates a conjunction of words as if they were independent, so it picked
 * the GIN bitmap (seconds: every match of a common word is fetched from the heap) for correlated
 * words like "módulo contabilidad asientos", and a backward walk of the whole table for rare pairs.
 * Here the share of matches among the newest FIRST_WINDOW documents decides instead: common words
 * are found by walking the newest documents, rare ones through the index.
 */
async function searchPostgres(db: Db, terms: string[], visibilities: string[], limit: number): Promise<SearchHit[]> {
  const tsquery = terms
    .map((t, i) => `${t.replace(/[^\p{L}\p{N}]/gu, '')}${i === terms.length - 1 ? ':*' : ''}`)
    .join(' & ');
  const query = sql`to_tsquery('spanish', public.unaccent(${tsquery}))`;
  const newest = await sql<{ id: string | null }>`select max(id) as id from search_documents`.execute(db);
  const top = Number(newest.rows[0]?.id ?? 0);
  // Documents with ids in (from, to], newest first; `offset 0` keeps the match out of the walk so
  // the planner cannot turn it back into a bitmap scan.
  const walk = async (from: number, to: number, need: number) =>
    (
      await sql<{ id: string; rank: number }>`
        select w.id, ts_rank(w.document, q) as rank
        from (
          select id, document, visibility from search_documents
          where id > ${from} and id <= ${to} order by id desc offset 0
        ) w, ${query} q
        where w.document @@ q and w.visibility in (${sql.join(visibilities)})
        order by w.id desc limit ${need}`.execute(db)
    ).rows;
  const firstEnd = top - FIRST_WINDOW;
  const matches = await walk(firstEnd, top, RECENT_MATCHES);
  const share = matches.length / FIRST_WINDOW;
  if (matches.length < RECENT_MATCHES && firstEnd > 0) {
    const need = RECENT_MATCHES - matches.length;
    if (share >= WALK_WORTHWHILE) {
      const length = Math.min(LONGEST_WALK, Math.ceil(need / share));
      matches.push(...(await walk(firstEnd - length, firstEnd, need)));
    } else {
      // Few matches: the index finds them all at once; materialized so the planner keeps the bitmap.
      const older = await sql<{ id: string; rank: number }>`
        with found as materialized (
          select id, document from search_documents
          where document @@ ${query} and id <= ${firstEnd} and visibility in (${sql.join(visibilities)})
        )
        select found.id, ts_rank(found.document, q) as rank from found, ${query} q
        order by found.id desc limit ${need}`.execute(db);
      matches.push(...older.rows);
    }
  }
  const ranked = matches
    .map((m) => ({ id: Number(m.id), rank: Number(m.rank) }))
    .sort((a, b) => b.rank - a.rank || b.id - a.id)
    .slice(0, limit);
  return loadHits(db, ranked);
}

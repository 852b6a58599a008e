import { sql } from 'kysely';
import { dialectOf } from '../../db/create-db.ts';
import type { Db, KbVisibility } from '../../db/database.ts';
import { searchTerms } from '../search/search-index.repository.ts';
import { stemsOf, stemText } from '../search/spanish-text.ts';

/**
 * The articles' full-text index (0029), Spanish-aware like the tickets' one: accents folded and
 * Spanish stems, so "factura" finds "Factura" and "facturación"; the last word also matches as a
 * prefix, for suggestions while the customer types. Few enough articles that bm25/ts_rank over
 * every match is cheap.
 */
export function kbSearchRepository(db: Db) {
  const dialect = dialectOf(db);
  return {
    async index(article: { id: string; title: string; body: string }): Promise<void> {
      await this.remove(article.id);
      if (dialect === 'postgres') {
        await sql`insert into kb_search_documents (article_id, document) values (${article.id},
          setweight(to_tsvector('spanish', public.unaccent(${article.title})), 'A') ||
          setweight(to_tsvector('spanish', public.unaccent(${article.body})), 'B'))`.execute(db);
        return;
      }
      await sql`insert into kb_search_documents (article_id, title, body, stems)
        values (${article.id}, ${article.title}, ${article.body}, ${stemText(`${article.title} ${article.body}`)})`.execute(
        db,
      );
    },

    async remove(articleId: string): Promise<void> {
      await sql`delete from kb_search_documents where article_id = ${articleId}`.execute(db);
    },

    /** Ids of the articles of the given visibilities matching every word of `query`, best first. */
    async search(query: string, visibilities: readonly KbVisibility[], limit: number): Promise<string[]> {
      const terms = searchTerms(query);
      if (terms.length === 0 || visibilities.length === 0) return [];
      if (dialect === 'postgres') {
        const tsquery = terms
          .map((t) => t.replace(/[^\p{L}\p{N}]/gu, ''))
          .filter(Boolean)
          .map((t, i, all) => `${t}${i === all.length - 1 ? ':*' : ''}`)
          .join(' & ');
        if (!tsquery) return [];
        const rows = await sql<{ id: string }>`
          select a.id from kb_search_documents d
          join kb_articles a on a.id = d.article_id,
          to_tsquery('spanish', public.unaccent(${tsquery})) q
          where d.document @@ q and a.visibility in (${sql.join([...visibilities])})
          order by ts_rank(d.document, q) desc, a.position, a.id
          limit ${limit}`.execute(db);
        return rows.rows.map((r) => r.id);
      }
      const match = terms
        .map((term, i) => {
          const quoted = `"${term.replaceAll('"', '')}"`;
          const options = [...stemsOf(term).map((s) => `stems:"${s}"`), quoted];
          if (i === terms.length - 1) options.push(`${quoted}*`);
          return `(${options.join(' OR ')})`;
        })
        .join(' AND ');
      // bm25 weights: article_id (unindexed), title counts more than body and stems.
      const rows = await sql<{ id: string }>`
        select a.id from kb_search_documents d
        join kb_articles a on a.id = d.article_id
        where kb_search_documents match ${match} and a.visibility in (${sql.join([...visibilities])})
        order by bm25(kb_search_documents, 0, 5, 1, 1), a.position, a.id
        limit ${limit}`.execute(db);
      return rows.rows.map((r) => r.id);
    },
  };
}

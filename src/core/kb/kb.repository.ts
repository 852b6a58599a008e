import type { Selectable } from 'kysely';
import type {
  Db,
  KbArticleRevisionsTable,
  KbArticlesTable,
  KbCategoriesTable,
  KbLanguage,
  KbVisibility,
} from '../../db/database.ts';

export interface KbCategory {
  id: string;
  parentId: string | null;
  name: string;
  slug: string;
  description: string;
  position: number;
  createdAt: string;
  updatedAt: string;
}

export interface KbArticle {
  id: string;
  categoryId: string | null;
  title: string;
  slug: string;
  /** Markdown, as written; rendered (safely) only when shown. */
  body: string;
  language: KbLanguage;
  /** The article this one translates, if any. */
  translationOf: string | null;
  visibility: KbVisibility;
  position: number;
  tags: string[];
  authorId: string | null;
  updatedBy: string | null;
  /** Number of the current revision. */
  revision: number;
  helpfulYes: number;
  helpfulNo: number;
  createdAt: string;
  updatedAt: string;
}

export interface KbRevision {
  id: string;
  articleId: string;
  number: number;
  title: string;
  slug: string;
  body: string;
  categoryId: string | null;
  visibility: KbVisibility;
  language: KbLanguage;
  tags: string[];
  authorId: string | null;
  /** The revision this one brought back, when it was a restore. */
  restoredFrom: number | null;
  createdAt: string;
}

/** What an article holds that a revision records (and a restore brings back). */
export type KbArticleContent = Pick<
  KbArticle,
  'title' | 'slug' | 'body' | 'categoryId' | 'visibility' | 'language' | 'tags'
>;

const iso = (value: string): string => new Date(value).toISOString();

function toCategory(row: Selectable<KbCategoriesTable>): KbCategory {
  return {
    id: row.id,
    parentId: row.parent_id,
    name: row.name,
    slug: row.slug,
    description: row.description,
    position: Number(row.position),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

function toArticle(row: Selectable<KbArticlesTable>, tags: string[]): KbArticle {
  return {
    id: row.id,
    categoryId: row.category_id,
    title: row.title,
    slug: row.slug,
    body: row.body,
    language: row.language,
    translationOf: row.translation_of,
    visibility: row.visibility,
    position: Number(row.position),
    tags,
    authorId: row.author_id,
    updatedBy: row.updated_by,
    revision: Number(row.revision),
    helpfulYes: Number(row.helpful_yes),
    helpfulNo: Number(row.helpful_no),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

function toRevision(row: Selectable<KbArticleRevisionsTable>): KbRevision {
  return {
    id: row.id,
    articleId: row.article_id,
    number: Number(row.number),
    title: row.title,
    slug: row.slug,
    body: row.body,
    categoryId: row.category_id,
    visibility: row.visibility,
    language: row.language,
    tags: JSON.parse(row.tags) as string[],
    authorId: row.author_id,
    restoredFrom: row.restored_from === null ? null : Number(row.restored_from),
    createdAt: iso(row.created_at),
  };
}

export interface KbArticleFilter {
  categoryId?: string | null;
  /** Only these visibilities (a customer or a visitor: public only). */
  visibilities: readonly KbVisibility[];
  language?: KbLanguage;
  tag?: string;
  /** Only these ids (a search's hits), in any order. */
  ids?: readonly string[];
  limit: number;
  /** Paging by (position, id) within the order of the list. */
  after?: { position: number; id: string };
}

/** Knowledge-base categories, articles, their tags and revisions: the only file touching those tables. */
export function kbRepository(db: Db) {
  async function tagsOf(articleIds: readonly string[]): Promise<Map<string, string[]>> {
    const tags = new Map<string, string[]>();
    if (articleIds.length === 0) return tags;
    const rows = await db
      .selectFrom('kb_article_tags')
      .select(['article_id', 'tag'])
      .where('article_id', 'in', articleIds)
      .orderBy('tag')
      .execute();
    for (const row of rows) tags.set(row.article_id, [...(tags.get(row.article_id) ?? []), row.tag]);
    return tags;
  }

  async function withTags(rows: Selectable<KbArticlesTable>[]): Promise<KbArticle[]> {
    const tags = await tagsOf(rows.map((r) => r.id));
    return rows.map((r) => toArticle(r, tags.get(r.id) ?? []));
  }

  return {
    // --- categories ---

    async categories(): Promise<KbCategory[]> {
      const rows = await db.selectFrom('kb_categories').selectAll().orderBy('position').orderBy('name').execute();
      return rows.map(toCategory);
    },

    async findCategory(id: string): Promise<KbCategory | undefined> {
      const row = await db.selectFrom('kb_categories').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toCategory(row);
    },

    async findCategoryBySlug(slug: string): Promise<KbCategory | undefined> {
      const row = await db.selectFrom('kb_categories').selectAll().where('slug', '=', slug).executeTakeFirst();
      return row && toCategory(row);
    },

    async insertCategory(category: KbCategory): Promise<void> {
      await db
        .insertInto('kb_categories')
        .values({
          id: category.id,
          parent_id: category.parentId,
          name: category.name,
          slug: category.slug,
          description: category.description,
          position: category.position,
          created_at: category.createdAt,
          updated_at: category.updatedAt,
        })
        .execute();
    },

    async updateCategory(category: KbCategory): Promise<void> {
      await db
        .updateTable('kb_categories')
        .set({
          parent_id: category.parentId,
          name: category.name,
          slug: category.slug,
          description: category.description,
          position: category.position,
          updated_at: category.updatedAt,
        })
        .where('id', '=', category.id)
        .execute();
    },

    async deleteCategory(id: string): Promise<void> {
      await db.deleteFrom('kb_categories').where('id', '=', id).execute();
    },

    /** How many subcategories and articles a category holds (a category in use is not deleted). */
    async categoryUse(id: string): Promise<{ children: number; articles: number }> {
      const children = await db
        .selectFrom('kb_categories')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('parent_id', '=', id)
        .executeTakeFirstOrThrow();
      const articles = await db
        .selectFrom('kb_articles')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('category_id', '=', id)
        .executeTakeFirstOrThrow();
      return { children: Number(children.n), articles: Number(articles.n) };
    },

    // --- articles ---

    async findArticle(id: string): Promise<KbArticle | undefined> {
      const row = await db.selectFrom('kb_articles').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? (await withTags([row]))[0] : undefined;
    },

    async findArticleBySlug(slug: string): Promise<KbArticle | undefined> {
      const row = await db.selectFrom('kb_articles').selectAll().where('slug', '=', slug).executeTakeFirst();
      return row ? (await withTags([row]))[0] : undefined;
    },

    /** Articles in their category's order (position, then id), filtered. */
    async articles(filter: KbArticleFilter): Promise<KbArticle[]> {
      if (filter.ids && filter.ids.length === 0) return [];
      let query = db
        .selectFrom('kb_articles')
        .selectAll()
        .where('visibility', 'in', [...filter.visibilities]);
      if (filter.categoryId !== undefined) {
        query =
          filter.categoryId === null
            ? query.where('category_id', 'is', null)
            : query.where('category_id', '=', filter.categoryId);
      }
      if (filter.language) query = query.where('language', '=', filter.language);
      if (filter.ids) query = query.where('id', 'in', [...filter.ids]);
      if (filter.tag) {
        const tag = filter.tag;
        query = query.where('id', 'in', (eb) =>
          eb.selectFrom('kb_article_tags').select('article_id').where('tag', '=', tag),
        );
      }
      if (filter.after) {
        const { position, id } = filter.after;
        query = query.where((eb) =>
          eb.or([eb('position', '>', position), eb.and([eb('position', '=', position), eb('id', '>', id)])]),
        );
      }
      const rows = await query.orderBy('position').orderBy('id').limit(filter.limit).execute();
      return withTags(rows);
    },

    /** The articles of one category that a reader may see, in order, as (id, slug, title) only. */
    async categoryOutline(
      categoryId: string,
      visibilities: readonly KbVisibility[],
    ): Promise<{ id: string; slug: string; title: string }[]> {
      return db
        .selectFrom('kb_articles')
        .select(['id', 'slug', 'title'])
        .where('category_id', '=', categoryId)
        .where('visibility', 'in', [...visibilities])
        .orderBy('position')
        .orderBy('id')
        .execute();
    },

    /** Articles that translate `id`, or that `id` translates, or that translate the same original. */
    async translations(article: KbArticle): Promise<KbArticle[]> {
      const original = article.translationOf ?? article.id;
      const rows = await db
        .selectFrom('kb_articles')
        .selectAll()
        .where((eb) => eb.or([eb('id', '=', original), eb('translation_of', '=', original)]))
        .where('id', '!=', article.id)
        .orderBy('language')
        .execute();
      return withTags(rows);
    },

    async insertArticle(article: KbArticle): Promise<void> {
      await db
        .insertInto('kb_articles')
        .values({
          id: article.id,
          category_id: article.categoryId,
          title: article.title,
          slug: article.slug,
          body: article.body,
          language: article.language,
          translation_of: article.translationOf,
          visibility: article.visibility,
          position: article.position,
          author_id: article.authorId,
          updated_by: article.updatedBy,
          revision: article.revision,
          created_at: article.createdAt,
          updated_at: article.updatedAt,
        })
        .execute();
      await this.setTags(article.id, article.tags);
    },

    async updateArticle(article: KbArticle): Promise<void> {
      await db
        .updateTable('kb_articles')
        .set({
          category_id: article.categoryId,
          title: article.title,
          slug: article.slug,
          body: article.body,
          language: article.language,
          translation_of: article.translationOf,
          visibility: article.visibility,
          position: article.position,
          updated_by: article.updatedBy,
          revision: article.revision,
          updated_at: article.updatedAt,
        })
        .where('id', '=', article.id)
        .execute();
      await this.setTags(article.id, article.tags);
    },

    async deleteArticle(id: string): Promise<void> {
      await db.deleteFrom('kb_articles').where('id', '=', id).execute();
    },

    async setTags(articleId: string, tags: readonly string[]): Promise<void> {
      await db.deleteFrom('kb_article_tags').where('article_id', '=', articleId).execute();
      if (tags.length === 0) return;
      await db
        .insertInto('kb_article_tags')
        .values([...new Set(tags)].map((tag) => ({ article_id: articleId, tag })))
        .execute();
    },

    /** Counts a reader's "¿Le fue útil?" answer. */
    async countFeedback(articleId: string, helpful: boolean): Promise<void> {
      await db
        .updateTable('kb_articles')
        .set((eb) => (helpful ? { helpful_yes: eb('helpful_yes', '+', 1) } : { helpful_no: eb('helpful_no', '+', 1) }))
        .where('id', '=', articleId)
        .execute();
    },

    // --- revisions ---

    async insertRevision(revision: KbRevision): Promise<void> {
      await db
        .insertInto('kb_article_revisions')
        .values({
          id: revision.id,
          article_id: revision.articleId,
          number: revision.number,
          title: revision.title,
          slug: revision.slug,
          body: revision.body,
          category_id: revision.categoryId,
          visibility: revision.visibility,
          language: revision.language,
          tags: JSON.stringify(revision.tags),
          author_id: revision.authorId,
          restored_from: revision.restoredFrom,
          created_at: revision.createdAt,
        })
        .execute();
    },

    /** An article's revisions, newest first. */
    async revisions(articleId: string): Promise<KbRevision[]> {
      const rows = await db
        .selectFrom('kb_article_revisions')
        .selectAll()
        .where('article_id', '=', articleId)
        .orderBy('number', 'desc')
        .execute();
      return rows.map(toRevision);
    },

    async findRevision(articleId: string, number: number): Promise<KbRevision | undefined> {
      const row = await db
        .selectFrom('kb_article_revisions')
        .selectAll()
        .where('article_id', '=', articleId)
        .where('number', '=', number)
        .executeTakeFirst();
      return row && toRevision(row);
    },

    // --- deflection (portal suggestions) ---

    async insertSuggestionOpen(open: {
      id: string;
      articleId: string;
      contactId: string;
      subject: string;
      createdAt: string;
    }): Promise<void> {
      await db
        .insertInto('kb_suggestion_opens')
        .values({
          id: open.id,
          article_id: open.articleId,
          contact_id: open.contactId,
          subject: open.subject,
          ticket_id: null,
          created_at: open.createdAt,
        })
        .execute();
    },

    /** Whether the contact has a visit since `since` that no ticket followed yet. */
    async openVisitSince(contactId: string, since: string): Promise<boolean> {
      const row = await db
        .selectFrom('kb_suggestion_opens')
        .select('id')
        .where('contact_id', '=', contactId)
        .where('ticket_id', 'is', null)
        .where('created_at', '>=', since)
        .executeTakeFirst();
      return row !== undefined;
    },

    /** The contact's visits since `since` were followed by this ticket. */
    async closeVisits(contactId: string, since: string, ticketId: string): Promise<void> {
      await db
        .updateTable('kb_suggestion_opens')
        .set({ ticket_id: ticketId })
        .where('contact_id', '=', contactId)
        .where('ticket_id', 'is', null)
        .where('created_at', '>=', since)
        .execute();
    },

    /** Visits before `cutoff` with and without a ticket after them, and the ones after it (undecided). */
    async deflectionCounts(
      cutoff: string,
    ): Promise<{ suggestionsOpened: number; ticketsAvoided: number; ticketsCreated: number; pending: number }> {
      const rows = await db
        .selectFrom('kb_suggestion_opens')
        .select((eb) => [
          eb.fn.countAll<string | number>().as('opened'),
          eb.fn.count<string | number>(eb.case().when('ticket_id', 'is not', null).then(1).end()).as('created'),
          eb.fn
            .count<string | number>(
              eb
                .case()
                .when(eb.and([eb('ticket_id', 'is', null), eb('created_at', '<', cutoff)]))
                .then(1)
                .end(),
            )
            .as('avoided'),
        ])
        .executeTakeFirstOrThrow();
      const opened = Number(rows.opened);
      const created = Number(rows.created);
      const avoided = Number(rows.avoided);
      return {
        suggestionsOpened: opened,
        ticketsAvoided: avoided,
        ticketsCreated: created,
        pending: opened - created - avoided,
      };
    },
  };
}

export type KbRepository = ReturnType<typeof kbRepository>;

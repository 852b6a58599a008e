import type { KbLanguage } from '../../db/database.ts';
import { assertCan } from '../accounts/access.policy.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import type { CoreDeps } from '../shared/core-deps.ts';
import { newId } from '../shared/ids.ts';
import { type KbArticle, kbRepository } from './kb.repository.ts';
import { kbSearchRepository } from './kb-search.repository.ts';
import { markdownToText, renderMarkdown } from './markdown.ts';

/** Everything here reads public articles only: the help centre and the portal are open to customers. */
const PUBLIC = ['public'] as const;

export interface HelpArticleSummary {
  id: string;
  slug: string;
  title: string;
  categoryId: string | null;
  language: KbLanguage;
  /** The start of the text, without markup. */
  excerpt: string;
  updatedAt: string;
}

export interface HelpCategory {
  id: string;
  slug: string;
  name: string;
  description: string;
  /** The table of contents: the category's public articles in order. */
  articles: { id: string; slug: string; title: string }[];
  children: HelpCategory[];
}

export interface HelpArticle extends HelpArticleSummary {
  html: string;
  tags: string[];
  category: {
    id: string;
    slug: string;
    name: string;
    parent: { id: string; slug: string; name: string } | null;
  } | null;
  previous: { slug: string; title: string } | null;
  next: { slug: string; title: string } | null;
  translations: { slug: string; title: string; language: KbLanguage }[];
  helpfulYes: number;
  helpfulNo: number;
}

export interface DeflectionStats {
  /** Portal visits in which the customer opened at least one suggested article. */
  suggestionsOpened: number;
  /** Of those, the ones after which the customer created no ticket within the hour. */
  ticketsAvoided: number;
  /** Of those, the ones followed by a ticket anyway. */
  ticketsCreated: number;
  /** Visits of the last hour: not counted either way yet. */
  pending: number;
}

/**
 * 019: a customer who opened a suggested article and did not create a ticket within this window
 * counts as a ticket avoided; one who did, as a ticket created anyway. Opens within the window of
 * an earlier one make one visit.
 */
export const DEFLECTION_WINDOW_MS = 60 * 60 * 1000;

const SUGGESTIONS = 5;
const SEARCH_RESULTS = 50;

function summary(article: KbArticle): HelpArticleSummary {
  const text = markdownToText(article.body).replace(/\s+/g, ' ');
  return {
    id: article.id,
    slug: article.slug,
    title: article.title,
    categoryId: article.categoryId,
    language: article.language,
    excerpt: text.length > 200 ? `${text.slice(0, 197)}…` : text,
    updatedAt: article.updatedAt,
  };
}

/**
 * The public help centre (anonymous) and the portal's suggestions: public articles only, whatever
 * is asked; an internal article is "not found" exactly like one that does not exist.
 */
export function createHelpCentreService(deps: CoreDeps) {
  const kb = kbRepository(deps.db);
  const notFound = (slug: string) => new AppError('KB_ARTICLE_NOT_FOUND', 'Article not found', { slug });

  async function publicArticle(slug: string): Promise<KbArticle> {
    const article = await kb.findArticleBySlug(slug);
    if (article?.visibility !== 'public') throw notFound(slug);
    return article;
  }

  async function search(query: string, limit: number, language?: KbLanguage): Promise<HelpArticleSummary[]> {
    const ids = await kbSearchRepository(deps.db).search(query, PUBLIC, limit);
    const found = await kb.articles({ visibilities: PUBLIC, ids, language, limit });
    const rank = new Map(ids.map((id, i) => [id, i]));
    return found.sort((a, b) => (rank.get(a.id) ?? 0) - (rank.get(b.id) ?? 0)).map(summary);
  }

  return {
    /** The category tree with each category's table of contents; categories without public articles are left out. */
    async tree(): Promise<HelpCategory[]> {
      const categories = await kb.categories();
      const outline = new Map<string, HelpCategory['articles']>();
      for (const category of categories) outline.set(category.id, await kb.categoryOutline(category.id, PUBLIC));
      const node = (c: (typeof categories)[number]): HelpCategory => ({
        id: c.id,
        slug: c.slug,
        name: c.name,
        description: c.description,
        articles: outline.get(c.id) ?? [],
        children: categories
          .filter((child) => child.parentId === c.id)
          .map(node)
          .filter((child) => child.articles.length > 0),
      });
      return categories
        .filter((c) => c.parentId === null)
        .map(node)
        .filter((c) => c.articles.length > 0 || c.children.length > 0);
    },

    /** Public articles matching `q` (Spanish-aware, accents ignored), or a category's in order. */
    async articles(filter: { q?: string; category?: string; language?: KbLanguage }): Promise<HelpArticleSummary[]> {
      const q = filter.q?.trim();
      if (q) return search(q, SEARCH_RESULTS, filter.language);
      let categoryId: string | undefined;
      if (filter.category) {
        const category = (await kb.findCategoryBySlug(filter.category)) ?? (await kb.findCategory(filter.category));
        if (!category) throw new AppError('KB_CATEGORY_NOT_FOUND', 'Category not found', { category: filter.category });
        categoryId = category.id;
      }
      const found = await kb.articles({ visibilities: PUBLIC, categoryId, language: filter.language, limit: 500 });
      return found.map(summary);
    },

    /** One public article with its place in its category: previous and next in the category's order. */
    async article(slug: string): Promise<HelpArticle> {
      const article = await publicArticle(slug);
      const category = article.categoryId ? await kb.findCategory(article.categoryId) : undefined;
      const parent = category?.parentId ? await kb.findCategory(category.parentId) : undefined;
      const siblings = category ? await kb.categoryOutline(category.id, PUBLIC) : [];
      const at = siblings.findIndex((s) => s.id === article.id);
      const link = (s: (typeof siblings)[number] | undefined) => (s ? { slug: s.slug, title: s.title } : null);
      const translations = (await kb.translations(article)).filter((t) => t.visibility === 'public');
      const ref = (c: { id: string; slug: string; name: string }) => ({ id: c.id, slug: c.slug, name: c.name });
      return {
        ...summary(article),
        html: renderMarkdown(article.body),
        tags: article.tags,
        category: category ? { ...ref(category), parent: parent ? ref(parent) : null } : null,
        previous: at > 0 ? link(siblings[at - 1]) : null,
        next: at >= 0 ? link(siblings[at + 1]) : null,
        translations: translations.map((t) => ({ slug: t.slug, title: t.title, language: t.language })),
        helpfulYes: article.helpfulYes,
        helpfulNo: article.helpfulNo,
      };
    },

    /** "¿Le fue útil?": one more yes or no. */
    async feedback(slug: string, helpful: boolean): Promise<{ helpfulYes: number; helpfulNo: number }> {
      const article = await publicArticle(slug);
      await kb.countFeedback(article.id, helpful);
      const counted = await kb.findArticle(article.id);
      return { helpfulYes: counted?.helpfulYes ?? 0, helpfulNo: counted?.helpfulNo ?? 0 };
    },

    /** Public articles matching what the customer is typing as the subject of a new ticket. */
    async suggestions(actor: Actor, subject: string): Promise<HelpArticleSummary[]> {
      if (actor.kind !== 'contact') throw new AppError('FORBIDDEN', 'The portal is for customers');
      return search(subject, SUGGESTIONS);
    },

    /** The customer opened a suggested article: a visit, unless one of the last hour is still open. */
    async suggestionOpened(actor: Actor, input: { articleId: string; subject: string }): Promise<void> {
      if (actor.kind !== 'contact') throw new AppError('FORBIDDEN', 'The portal is for customers');
      const article = await kb.findArticle(input.articleId);
      if (article?.visibility !== 'public') throw notFound(input.articleId);
      const now = deps.clock.now();
      const since = new Date(now.getTime() - DEFLECTION_WINDOW_MS).toISOString();
      if (await kb.openVisitSince(actor.id, since)) return;
      await kb.insertSuggestionOpen({
        id: newId(),
        articleId: article.id,
        contactId: actor.id,
        subject: input.subject.slice(0, 500),
        createdAt: now.toISOString(),
      });
    },

    /** A ticket the contact created: the visits of the last hour did not avoid it. */
    async ticketCreated(contactId: string, ticketId: string): Promise<void> {
      const since = new Date(deps.clock.now().getTime() - DEFLECTION_WINDOW_MS).toISOString();
      await kb.closeVisits(contactId, since, ticketId);
    },

    async deflection(actor: Actor): Promise<DeflectionStats> {
      assertCan(actor, 'kb.read');
      const cutoff = new Date(deps.clock.now().getTime() - DEFLECTION_WINDOW_MS).toISOString();
      return kb.deflectionCounts(cutoff);
    },
  };
}

export type HelpCentreService = ReturnType<typeof createHelpCentreService>;

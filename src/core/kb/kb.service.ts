import type { KbLanguage, KbVisibility } from '../../db/database.ts';
import { assertCan } from '../accounts/access.policy.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import { type CoreDeps, inTransaction } from '../shared/core-deps.ts';
import { newId } from '../shared/ids.ts';
import { foldKey } from '../shared/text.ts';
import {
  type KbArticle,
  type KbArticleContent,
  type KbCategory,
  type KbRevision,
  kbRepository,
} from './kb.repository.ts';
import { kbSearchRepository } from './kb-search.repository.ts';
import { type DiffLine, lineDiff } from './line-diff.ts';
import { markdownToText, renderMarkdown } from './markdown.ts';

export interface KbCategoryInput {
  name: string;
  slug?: string;
  parentId?: string | null;
  description?: string;
  position?: number;
}

export interface KbArticleInput {
  title: string;
  slug?: string;
  body: string;
  categoryId?: string | null;
  language?: KbLanguage;
  translationOf?: string | null;
  visibility?: KbVisibility;
  position?: number;
  tags?: string[];
}

export interface KbArticleView extends KbArticle {
  /** The body rendered to safe HTML. */
  html: string;
  /** The body's words without markup: what "Insertar texto" puts into a reply. */
  text: string;
  translations: { id: string; slug: string; title: string; language: KbLanguage; visibility: KbVisibility }[];
}

export interface KbRevisionView extends KbRevision {
  /** The body's lines against the revision before it (all added for the first). */
  diff: DiffLine[];
}

const ALL: readonly KbVisibility[] = ['public', 'internal'];
/** Most articles a list or a search answers at once. */
const MAX_LIST = 500;

/** "Facturación electrónica" → "facturacion-electronica": what an article's or category's URL says. */
export function slugify(text: string): string {
  return foldKey(text).replaceAll(' ', '-').slice(0, 120) || 'articulo';
}

const cleanTags = (tags: readonly string[]) => [...new Set(tags.map((t) => t.trim()).filter(Boolean))].sort();

/**
 * The knowledge base as agents keep it: one-level categories, articles with every revision kept
 * (restore brings an old one back as a new revision), the articles' search index written in the
 * same transaction. What customers and visitors may read is the help centre's (help-centre.service).
 */
export function createKbService(deps: CoreDeps) {
  const kb = kbRepository(deps.db);

  async function loadArticle(id: string): Promise<KbArticle> {
    const article = await kb.findArticle(id);
    if (!article) throw new AppError('KB_ARTICLE_NOT_FOUND', 'Article not found', { id });
    return article;
  }

  async function loadCategory(id: string): Promise<KbCategory> {
    const category = await kb.findCategory(id);
    if (!category) throw new AppError('KB_CATEGORY_NOT_FOUND', 'Category not found', { id });
    return category;
  }

  /** A category's parent must exist and be top-level itself: categories nest one level. */
  async function assertParent(parentId: string | null, selfId: string | null): Promise<void> {
    if (parentId === null) return;
    const parent = await loadCategory(parentId);
    if (parent.parentId !== null || parent.id === selfId) {
      throw new AppError('KB_CATEGORY_TOO_DEEP', 'Categories nest one level only', { parentId });
    }
    if (selfId && (await kb.categoryUse(selfId)).children > 0) {
      throw new AppError('KB_CATEGORY_TOO_DEEP', 'A category with subcategories cannot go under another', {
        parentId,
      });
    }
  }

  async function assertArticleSlugFree(repo: ReturnType<typeof kbRepository>, slug: string, selfId: string | null) {
    const holder = await repo.findArticleBySlug(slug);
    if (holder && holder.id !== selfId) {
      throw new AppError('KB_SLUG_TAKEN', 'Another article already uses this slug', {
        slug,
        articleId: holder.id,
        title: holder.title,
      });
    }
  }

  async function assertTranslation(translationOf: string | null, self: { id: string; language: KbLanguage }) {
    if (translationOf === null) return;
    const original = await kb.findArticle(translationOf);
    if (!original || original.id === self.id) {
      throw new AppError('KB_ARTICLE_NOT_FOUND', 'The article to translate was not found', { translationOf });
    }
    if (original.language === self.language) {
      throw new AppError('KB_TRANSLATION_INVALID', 'A translation is in another language than its original', {
        translationOf,
        language: self.language,
      });
    }
  }

  /** Saves the article as it now is, its revision and its search entry, in one transaction. */
  async function save(
    article: KbArticle,
    mode: 'insert' | 'update',
    restoredFrom: number | null = null,
  ): Promise<KbArticle> {
    return inTransaction(deps, async ({ trx }) => {
      const repo = kbRepository(trx);
      await assertArticleSlugFree(repo, article.slug, article.id);
      if (mode === 'insert') await repo.insertArticle(article);
      else await repo.updateArticle(article);
      await repo.insertRevision({
        id: newId(),
        articleId: article.id,
        number: article.revision,
        title: article.title,
        slug: article.slug,
        body: article.body,
        categoryId: article.categoryId,
        visibility: article.visibility,
        language: article.language,
        tags: article.tags,
        authorId: article.updatedBy,
        restoredFrom,
        createdAt: article.updatedAt,
      });
      await kbSearchRepository(trx).index(article);
      return article;
    });
  }

  const agentId = (actor: Actor) => (actor.kind === 'agent' ? actor.id : null);

  return {
    async categories(actor: Actor): Promise<KbCategory[]> {
      assertCan(actor, 'kb.read');
      return kb.categories();
    },

    async createCategory(actor: Actor, input: KbCategoryInput): Promise<KbCategory> {
      assertCan(actor, 'kb.write');
      const parentId = input.parentId ?? null;
      await assertParent(parentId, null);
      const slug = input.slug ?? slugify(input.name);
      if (await kb.findCategoryBySlug(slug)) {
        throw new AppError('KB_SLUG_TAKEN', 'Another category already uses this slug', { slug });
      }
      const now = deps.clock.now().toISOString();
      const category: KbCategory = {
        id: newId(),
        parentId,
        name: input.name.trim(),
        slug,
        description: input.description ?? '',
        position: input.position ?? 0,
        createdAt: now,
        updatedAt: now,
      };
      await kb.insertCategory(category);
      return category;
    },

    async updateCategory(actor: Actor, id: string, patch: Partial<KbCategoryInput>): Promise<KbCategory> {
      assertCan(actor, 'kb.write');
      const current = await loadCategory(id);
      const next: KbCategory = {
        ...current,
        name: patch.name?.trim() ?? current.name,
        slug: patch.slug ?? current.slug,
        parentId: patch.parentId === undefined ? current.parentId : patch.parentId,
        description: patch.description ?? current.description,
        position: patch.position ?? current.position,
        updatedAt: deps.clock.now().toISOString(),
      };
      if (next.parentId !== current.parentId) await assertParent(next.parentId, id);
      const holder = await kb.findCategoryBySlug(next.slug);
      if (holder && holder.id !== id) {
        throw new AppError('KB_SLUG_TAKEN', 'Another category already uses this slug', { slug: next.slug });
      }
      await kb.updateCategory(next);
      return next;
    },

    /** Only an empty category goes: its articles would otherwise lose their place in the help centre. */
    async removeCategory(actor: Actor, id: string): Promise<void> {
      assertCan(actor, 'kb.write');
      await loadCategory(id);
      const use = await kb.categoryUse(id);
      if (use.children > 0 || use.articles > 0) {
        throw new AppError('KB_CATEGORY_IN_USE', 'The category still holds articles or subcategories', use);
      }
      await kb.deleteCategory(id);
    },

    /** Articles of every visibility, in category order, or the best matches of `q` first. */
    async articles(
      actor: Actor,
      filter: { q?: string; categoryId?: string; visibility?: KbVisibility; language?: KbLanguage; tag?: string },
    ): Promise<KbArticle[]> {
      assertCan(actor, 'kb.read');
      const visibilities = filter.visibility ? [filter.visibility] : ALL;
      const q = filter.q?.trim();
      const ids = q ? await kbSearchRepository(deps.db).search(q, visibilities, MAX_LIST) : undefined;
      const found = await kb.articles({
        visibilities,
        categoryId: filter.categoryId,
        language: filter.language,
        tag: filter.tag,
        ids,
        limit: MAX_LIST,
      });
      if (!ids) return found;
      const rank = new Map(ids.map((id, i) => [id, i]));
      return found.sort((a, b) => (rank.get(a.id) ?? 0) - (rank.get(b.id) ?? 0));
    },

    async article(actor: Actor, id: string): Promise<KbArticleView> {
      assertCan(actor, 'kb.read');
      const article = await loadArticle(id);
      const translations = await kb.translations(article);
      return {
        ...article,
        html: renderMarkdown(article.body),
        text: markdownToText(article.body),
        translations: translations.map((t) => ({
          id: t.id,
          slug: t.slug,
          title: t.title,
          language: t.language,
          visibility: t.visibility,
        })),
      };
    },

    async createArticle(actor: Actor, input: KbArticleInput): Promise<KbArticle> {
      assertCan(actor, 'kb.write');
      const categoryId = input.categoryId ?? null;
      if (categoryId) await loadCategory(categoryId);
      const now = deps.clock.now().toISOString();
      const article: KbArticle = {
        id: newId(),
        categoryId,
        title: input.title.trim(),
        slug: input.slug ?? slugify(input.title),
        body: input.body,
        language: input.language ?? 'es',
        translationOf: input.translationOf ?? null,
        visibility: input.visibility ?? 'internal',
        position: input.position ?? 0,
        tags: cleanTags(input.tags ?? []),
        authorId: agentId(actor),
        updatedBy: agentId(actor),
        revision: 1,
        helpfulYes: 0,
        helpfulNo: 0,
        createdAt: now,
        updatedAt: now,
      };
      await assertTranslation(article.translationOf, article);
      return save(article, 'insert');
    },

    /** Any change is a new revision; the slug is checked again (409 KB_SLUG_TAKEN names the holder). */
    async updateArticle(actor: Actor, id: string, patch: Partial<KbArticleInput>): Promise<KbArticle> {
      assertCan(actor, 'kb.write');
      const current = await loadArticle(id);
      if (patch.categoryId) await loadCategory(patch.categoryId);
      const next: KbArticle = {
        ...current,
        title: patch.title?.trim() ?? current.title,
        slug: patch.slug ?? current.slug,
        body: patch.body ?? current.body,
        categoryId: patch.categoryId === undefined ? current.categoryId : patch.categoryId,
        language: patch.language ?? current.language,
        translationOf: patch.translationOf === undefined ? current.translationOf : patch.translationOf,
        visibility: patch.visibility ?? current.visibility,
        position: patch.position ?? current.position,
        tags: patch.tags ? cleanTags(patch.tags) : current.tags,
        updatedBy: agentId(actor),
        revision: current.revision + 1,
        updatedAt: deps.clock.now().toISOString(),
      };
      await assertTranslation(next.translationOf, next);
      return save(next, 'update');
    },

    async removeArticle(actor: Actor, id: string): Promise<void> {
      assertCan(actor, 'kb.write');
      await loadArticle(id);
      await inTransaction(deps, async ({ trx }) => {
        await kbSearchRepository(trx).remove(id);
        await kbRepository(trx).deleteArticle(id);
      });
    },

    async revisions(actor: Actor, id: string): Promise<KbRevision[]> {
      assertCan(actor, 'kb.read');
      await loadArticle(id);
      return kb.revisions(id);
    },

    /**
     * One revision with its body's diff: against the revision before it, or (`against: 'current'`)
     * from it to the article's text now, which is what restoring it would undo.
     */
    async revision(
      actor: Actor,
      id: string,
      number: number,
      against: 'previous' | 'current' = 'previous',
    ): Promise<KbRevisionView> {
      assertCan(actor, 'kb.read');
      const revision = await kb.findRevision(id, number);
      if (!revision) throw new AppError('KB_REVISION_NOT_FOUND', 'Revision not found', { id, number });
      if (against === 'current') {
        const current = await loadArticle(id);
        return { ...revision, diff: lineDiff(revision.body, current.body) };
      }
      const previous = number > 1 ? await kb.findRevision(id, number - 1) : undefined;
      return { ...revision, diff: lineDiff(previous?.body ?? '', revision.body) };
    },

    /** The editor's live preview: the same safe rendering readers get. */
    preview(actor: Actor, body: string): { html: string } {
      assertCan(actor, 'kb.read');
      return { html: renderMarkdown(body) };
    },

    /** Brings an earlier revision back as the newest one; the history keeps everything in between. */
    async restore(actor: Actor, id: string, number: number): Promise<KbArticle> {
      assertCan(actor, 'kb.write');
      const current = await loadArticle(id);
      const old = await kb.findRevision(id, number);
      if (!old) throw new AppError('KB_REVISION_NOT_FOUND', 'Revision not found', { id, number });
      const content: KbArticleContent = {
        title: old.title,
        slug: old.slug,
        body: old.body,
        // A category deleted since then leaves the article uncategorized rather than failing.
        categoryId: old.categoryId && (await kb.findCategory(old.categoryId)) ? old.categoryId : null,
        visibility: old.visibility,
        language: old.language,
        tags: old.tags,
      };
      const next: KbArticle = {
        ...current,
        ...content,
        updatedBy: agentId(actor),
        revision: current.revision + 1,
        updatedAt: deps.clock.now().toISOString(),
      };
      return save(next, 'update', number);
    },
  };
}

export type KbService = ReturnType<typeof createKbService>;

import { queryOptions } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type {
  CreateKbArticleBody,
  CreateKbCategoryBody,
  KbArticleDetailSchema,
  KbArticleSchema,
  KbCategorySchema,
  KbImageSchema,
  KbRevisionDetailSchema,
  KbRevisionSchema,
} from '../../../../src/http/schemas/kb.ts';
import { api } from '../../app/api.ts';

export type KbCategory = Static<typeof KbCategorySchema>;
export type KbArticle = Static<typeof KbArticleSchema>;
export type KbArticleDetail = Static<typeof KbArticleDetailSchema>;
export type KbRevision = Static<typeof KbRevisionSchema>;
export type KbRevisionDetail = Static<typeof KbRevisionDetailSchema>;
export type KbImage = Static<typeof KbImageSchema>;
export type KbArticleInput = Static<typeof CreateKbArticleBody>;
export type KbCategoryInput = Static<typeof CreateKbCategoryBody>;
export type KbVisibility = KbArticle['visibility'];
export type KbLanguage = KbArticle['language'];

export type KbFilter = { q?: string; categoryId?: string; visibility?: KbVisibility; language?: KbLanguage };

export const kbKeys = {
  all: ['kb'] as const,
  categories: ['kb', 'categories'] as const,
  articles: (filter: KbFilter) => ['kb', 'articles', filter] as const,
  article: (id: string) => ['kb', 'article', id] as const,
  revisions: (id: string) => ['kb', 'article', id, 'revisions'] as const,
  revision: (id: string, number: number) => ['kb', 'article', id, 'revisions', number] as const,
};

// Lists answer at most 500 articles at once (the server's cap); 200 is a page the console shows.
const LIST_LIMIT = 200;

export const kbCategoriesQuery = queryOptions({
  queryKey: kbKeys.categories,
  queryFn: ({ signal }) => api<{ items: KbCategory[] }>('/kb/categories', { signal, query: { limit: LIST_LIMIT } }),
  staleTime: 60_000,
});

export const kbArticlesQuery = (filter: KbFilter) =>
  queryOptions({
    queryKey: kbKeys.articles(filter),
    queryFn: ({ signal }) =>
      api<{ items: KbArticle[] }>('/kb/articles', { signal, query: { ...filter, limit: LIST_LIMIT } }),
  });

export const kbArticleQuery = (id: string) =>
  queryOptions({
    queryKey: kbKeys.article(id),
    queryFn: ({ signal }) => api<KbArticleDetail>(`/kb/articles/${encodeURIComponent(id)}`, { signal }),
    retry: false,
  });

export const kbRevisionsQuery = (id: string) =>
  queryOptions({
    queryKey: kbKeys.revisions(id),
    queryFn: ({ signal }) =>
      api<{ items: KbRevision[] }>(`/kb/articles/${encodeURIComponent(id)}/revisions`, {
        signal,
        query: { limit: 200 },
      }),
  });

/** A revision with its body's lines against the article's current text: what "Restaurar" would change. */
export const kbRevisionQuery = (id: string, number: number) =>
  queryOptions({
    queryKey: kbKeys.revision(id, number),
    queryFn: ({ signal }) =>
      api<KbRevisionDetail>(`/kb/articles/${encodeURIComponent(id)}/revisions/${number}`, {
        signal,
        query: { against: 'current' },
      }),
  });

export const createKbArticle = (input: KbArticleInput) =>
  api<KbArticle>('/kb/articles', { method: 'POST', body: input });

export const updateKbArticle = (id: string, input: Partial<KbArticleInput>) =>
  api<KbArticle>(`/kb/articles/${encodeURIComponent(id)}`, { method: 'PATCH', body: input });

export const deleteKbArticle = (id: string) =>
  api<null>(`/kb/articles/${encodeURIComponent(id)}`, { method: 'DELETE' });

export const restoreKbRevision = (id: string, number: number) =>
  api<KbArticle>(`/kb/articles/${encodeURIComponent(id)}/revisions/${number}/restore`, { method: 'POST' });

export const previewMarkdown = (body: string, signal?: AbortSignal) =>
  api<{ html: string }>('/kb/preview', { method: 'POST', body: { body }, signal });

export function uploadKbImage(articleId: string, file: File) {
  const form = new FormData();
  form.append('file', file, file.name);
  return api<KbImage>(`/kb/articles/${encodeURIComponent(articleId)}/attachments`, { method: 'POST', body: form });
}

export const createKbCategory = (input: KbCategoryInput) =>
  api<KbCategory>('/kb/categories', { method: 'POST', body: input });

export const updateKbCategory = (id: string, input: Partial<KbCategoryInput>) =>
  api<KbCategory>(`/kb/categories/${encodeURIComponent(id)}`, { method: 'PATCH', body: input });

export const deleteKbCategory = (id: string) =>
  api<null>(`/kb/categories/${encodeURIComponent(id)}`, { method: 'DELETE' });

/**
 * Where an article is read: a public one at the help centre (what a customer can open), an
 * internal one in the console (agents only).
 */
export function articleUrl(article: Pick<KbArticle, 'id' | 'slug' | 'visibility'>, origin = window.location.origin) {
  return article.visibility === 'public'
    ? `${origin}/help/articles/${encodeURIComponent(article.slug)}`
    : `${origin}/kb/articles/${encodeURIComponent(article.id)}`;
}

/** Top-level categories, each with its subcategories, in the order the help centre shows them. */
export function categoryTree(categories: KbCategory[]): Array<KbCategory & { children: KbCategory[] }> {
  const byOrder = (a: KbCategory, b: KbCategory) => a.position - b.position || a.name.localeCompare(b.name);
  const sorted = [...categories].sort(byOrder);
  return sorted
    .filter((c) => c.parentId === null)
    .map((top) => ({ ...top, children: sorted.filter((c) => c.parentId === top.id) }));
}

import type { Static } from 'typebox';
import type { HelpArticleSchema, HelpArticleSummarySchema, HelpTreeSchema } from '../../../src/http/schemas/kb.ts';
import { api } from '../app/api.ts';

export type HelpArticle = Static<typeof HelpArticleSchema>;
export type HelpArticleSummary = Static<typeof HelpArticleSummarySchema>;
export type HelpTree = Static<typeof HelpTreeSchema>;

export const helpTreeQuery = {
  queryKey: ['help', 'tree'] as const,
  queryFn: ({ signal }: { signal: AbortSignal }) => api<HelpTree>('/help/categories', { signal }),
};

export const helpSearchQuery = (q: string) => ({
  queryKey: ['help', 'search', q] as const,
  queryFn: ({ signal }: { signal: AbortSignal }) =>
    api<{ items: HelpArticleSummary[] }>('/help/articles', { signal, query: { q } }),
});

export const helpArticleQuery = (slug: string) => ({
  queryKey: ['help', 'article', slug] as const,
  queryFn: ({ signal }: { signal: AbortSignal }) =>
    api<HelpArticle>(`/help/articles/${encodeURIComponent(slug)}`, { signal }),
  retry: false,
});

export const sendHelpFeedback = (slug: string, helpful: boolean) =>
  api<{ helpfulYes: number; helpfulNo: number }>(`/help/articles/${encodeURIComponent(slug)}/feedback`, {
    method: 'POST',
    body: { helpful },
  });

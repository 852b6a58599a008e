import { Anchor, List, Paper, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconBulb } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api.ts';
import type { HelpArticleSummary } from '../help/api.ts';

/** Fewer letters match too much to help. */
const MIN_LETTERS = 3;

/**
 * 019, deflection: public articles matching the subject as the customer types it. An article opens
 * in a new tab, so the form stays filled; the server counts the visit (a ticket avoided unless the
 * customer creates one within the hour).
 */
export function ArticleSuggestions({ subject }: { subject: string }) {
  const { t } = useTranslation();
  const [typed] = useDebouncedValue(subject.trim(), 300);
  const suggestions = useQuery({
    queryKey: ['portal', 'kb-suggestions', typed],
    queryFn: ({ signal }) =>
      api<{ items: HelpArticleSummary[] }>('/portal/kb/suggestions', { signal, query: { subject: typed } }),
    enabled: typed.length >= MIN_LETTERS,
    placeholderData: keepPreviousData,
  });
  const items = typed.length >= MIN_LETTERS ? (suggestions.data?.items ?? []) : [];
  if (items.length === 0) return null;

  const opened = (articleId: string) => {
    // Counting must not get in the customer's way: a failed count is not shown.
    void api('/portal/kb/suggestions/opened', { method: 'POST', body: { articleId, subject: typed } }).catch(() => {});
  };

  return (
    <Paper withBorder radius="md" p="sm" bg="var(--mantine-color-blue-0)" aria-live="polite">
      <Text fw={600} size="sm" mb={4}>
        <IconBulb size={16} aria-hidden="true" style={{ verticalAlign: 'text-bottom' }} />{' '}
        {t('portal.suggestions.title')}
      </Text>
      <List size="sm" spacing={4} listStyleType="none" aria-label={t('portal.suggestions.title')}>
        {items.map((article) => (
          <List.Item key={article.id}>
            <Anchor
              href={`/help/articles/${encodeURIComponent(article.slug)}`}
              target="_blank"
              rel="noopener"
              onClick={() => opened(article.id)}
            >
              {article.title}
            </Anchor>
          </List.Item>
        ))}
      </List>
    </Paper>
  );
}

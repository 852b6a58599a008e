import {
  ActionIcon,
  Badge,
  Box,
  Grid,
  Group,
  NavLink,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { useDebouncedCallback, useDisclosure } from '@mantine/hooks';
import { IconBook2, IconFolderPlus, IconPencil, IconPlus, IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AnchorLink, ButtonLink } from '../../app/ui/links.tsx';
import { EmptyState, LoadError, LoadingLines } from '../../app/ui/States.tsx';
import { useFormat } from '../../app/useFormat.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { categoryTree, type KbArticle, type KbCategory, kbArticlesQuery, kbCategoriesQuery } from './api.ts';
import { CategoryModal } from './CategoryModal.tsx';
import { type KbSearch, kbSearch } from './kb-search.ts';
import { LabeledSegments } from './LabeledSegments.tsx';
import { VisibilityBadge } from './VisibilityBadge.tsx';

/**
 * The knowledge base as agents keep it: categories on the left (nested one level), the articles of
 * the chosen one, or the best matches of a search (accent- and stem-aware, like tickets' search).
 */
export function KbPage() {
  const { t } = useTranslation();
  usePageTitle(t('kb.title'));
  const search = useSearch({ from: '/console/kb' });
  const navigate = useNavigate({ from: '/kb' });
  const [text, setText] = useState(search.q ?? '');
  const categories = useQuery(kbCategoriesQuery);
  const articles = useQuery(kbArticlesQuery(search));
  const [editing, setEditing] = useState<KbCategory | null>(null);
  const [creating, creation] = useDisclosure(false);

  const setFilter = (patch: Partial<KbSearch>) =>
    void navigate({ search: (current) => kbSearch({ ...current, ...patch }), replace: true });
  // Typing searches once the agent pauses; the address keeps the search for a reload or a link.
  const searchFor = useDebouncedCallback((q: string) => setFilter({ q: q.trim() || undefined }), 300);

  const names = new Map((categories.data?.items ?? []).map((c) => [c.id, c.name]));

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <Box>
          <Title order={1} fz={28}>
            {t('kb.title')}
          </Title>
          <Text c="dimmed" mt={4}>
            {t('kb.subtitle')}
          </Text>
        </Box>
        <ButtonLink to="/kb/articles/new" leftSection={<IconPlus size={16} aria-hidden="true" />}>
          {t('kb.newArticle')}
        </ButtonLink>
      </Group>

      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, md: 3 }}>
          <Paper withBorder radius="md" p="xs" component="nav" aria-label={t('kb.categories.label')}>
            <Group justify="space-between" px="xs" py={4}>
              <Text fw={600} fz="sm">
                {t('kb.categories.title')}
              </Text>
              <Tooltip label={t('kb.categories.new')}>
                <ActionIcon variant="subtle" aria-label={t('kb.categories.new')} onClick={creation.open}>
                  <IconFolderPlus size={18} aria-hidden="true" />
                </ActionIcon>
              </Tooltip>
            </Group>
            <NavLink
              label={t('kb.categories.all')}
              active={!search.categoryId}
              onClick={() => setFilter({ categoryId: undefined })}
            />
            {categories.isError && <LoadError error={categories.error} onRetry={() => void categories.refetch()} />}
            {categoryTree(categories.data?.items ?? []).map((top) => (
              <NavLink
                key={top.id}
                label={<CategoryLabel category={top} onEdit={setEditing} />}
                active={search.categoryId === top.id}
                opened
                onClick={() => setFilter({ categoryId: top.id })}
                childrenOffset={16}
              >
                {top.children.length > 0
                  ? top.children.map((child) => (
                      <NavLink
                        key={child.id}
                        label={<CategoryLabel category={child} onEdit={setEditing} />}
                        active={search.categoryId === child.id}
                        onClick={() => setFilter({ categoryId: child.id })}
                      />
                    ))
                  : null}
              </NavLink>
            ))}
          </Paper>
        </Grid.Col>

        <Grid.Col span={{ base: 12, md: 9 }}>
          <Stack gap="md">
            <Group gap="sm" align="flex-end" wrap="wrap">
              <TextInput
                style={{ flex: '1 1 260px' }}
                label={t('kb.search.label')}
                placeholder={t('kb.search.placeholder')}
                leftSection={<IconSearch size={16} aria-hidden="true" />}
                value={text}
                onChange={(event) => {
                  setText(event.currentTarget.value);
                  searchFor(event.currentTarget.value);
                }}
                type="search"
              />
              <LabeledSegments
                label={t('kb.fields.visibility')}
                value={search.visibility ?? 'all'}
                options={[
                  { value: 'all', label: t('kb.filters.all') },
                  { value: 'public', label: t('kb.visibility.public') },
                  { value: 'internal', label: t('kb.visibility.internal') },
                ]}
                onChange={(value) => setFilter({ visibility: value === 'all' ? undefined : value })}
              />
              <LabeledSegments
                label={t('kb.fields.language')}
                value={search.language ?? 'all'}
                options={[
                  { value: 'all', label: t('kb.filters.all') },
                  { value: 'es', label: t('kb.language.es') },
                  { value: 'en', label: t('kb.language.en') },
                ]}
                onChange={(value) => setFilter({ language: value === 'all' ? undefined : value })}
              />
            </Group>

            {articles.isPending ? (
              <LoadingLines lines={4} height={56} />
            ) : articles.isError ? (
              <LoadError error={articles.error} onRetry={() => void articles.refetch()} />
            ) : articles.data.items.length === 0 ? (
              <EmptyState
                icon={<IconBook2 size={30} stroke={1.5} aria-hidden="true" />}
                title={search.q ? t('kb.empty.search', { q: search.q }) : t('kb.empty.title')}
                text={t('kb.empty.text')}
              />
            ) : (
              <Stack gap="xs" component="ul" aria-label={t('kb.list.label')} p={0} m={0} style={{ listStyle: 'none' }}>
                {articles.data.items.map((article) => (
                  <ArticleRow key={article.id} article={article} category={names.get(article.categoryId ?? '')} />
                ))}
              </Stack>
            )}
          </Stack>
        </Grid.Col>
      </Grid>

      <CategoryModal
        opened={creating || editing !== null}
        category={editing}
        categories={categories.data?.items ?? []}
        onClose={() => {
          creation.close();
          setEditing(null);
        }}
      />
    </Stack>
  );
}

function CategoryLabel({ category, onEdit }: { category: KbCategory; onEdit: (category: KbCategory) => void }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} justify="space-between" wrap="nowrap">
      <Text fz="sm" truncate>
        {category.name}
      </Text>
      <ActionIcon
        component="span"
        role="button"
        tabIndex={0}
        size="sm"
        variant="subtle"
        color="gray"
        aria-label={t('kb.categories.edit', { name: category.name })}
        onClick={(event) => {
          event.stopPropagation();
          onEdit(category);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter' || event.key === ' ') {
            event.preventDefault();
            event.stopPropagation();
            onEdit(category);
          }
        }}
      >
        <IconPencil size={14} aria-hidden="true" />
      </ActionIcon>
    </Group>
  );
}

function ArticleRow({ article, category }: { article: KbArticle; category: string | undefined }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Paper component="li" withBorder radius="md" p="sm">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Box style={{ minWidth: 0 }}>
          <AnchorLink to="/kb/articles/$articleId" params={{ articleId: article.id }} fw={600}>
            {article.title}
          </AnchorLink>
          <Text fz="xs" c="dimmed" mt={2}>
            {[category ?? t('kb.categories.none'), t(`kb.language.${article.language}`)].join(' · ')}
            {' · '}
            {t('kb.list.updated', { when: format.relative(article.updatedAt) })}
          </Text>
          {article.tags.length > 0 && (
            <Group gap={4} mt={6}>
              {article.tags.map((tag) => (
                <Badge key={tag} size="xs" variant="outline" color="gray">
                  {tag}
                </Badge>
              ))}
            </Group>
          )}
        </Box>
        <VisibilityBadge visibility={article.visibility} />
      </Group>
    </Paper>
  );
}

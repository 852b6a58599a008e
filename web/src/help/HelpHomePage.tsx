import { Alert, Center, List, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../app/error-message.ts';
import { AnchorLink } from '../app/ui/links.tsx';
import { usePageTitle } from '../app/usePageTitle.ts';
import { type HelpTree, helpSearchQuery, helpTreeQuery } from './api.ts';

type Category = HelpTree['categories'][number];

/** "¿Cómo podemos ayudarle?": every category with its table of contents, or the results of a search. */
export function HelpHomePage() {
  const { t } = useTranslation();
  const { q } = useSearch({ from: '/help/' });
  usePageTitle(t('help.title'));
  return q ? <SearchResults q={q} /> : <CategoryTree />;
}

function CategoryTree() {
  const { t } = useTranslation();
  const tree = useQuery(helpTreeQuery);
  if (tree.isPending) return <Pending />;
  if (tree.isError) return <Alert color="red">{errorMessage(t, tree.error, 'customer')}</Alert>;
  return (
    <Stack gap="lg">
      <Title order={1} fz={26}>
        {t('help.home.heading')}
      </Title>
      {tree.data.categories.length === 0 ? (
        <Text c="dimmed">{t('help.home.empty')}</Text>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          {tree.data.categories.map((category) => (
            <CategoryCard key={category.id} category={category} />
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}

function CategoryCard({ category }: { category: Category }) {
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={`cat-${category.id}`}>
      <Title order={2} fz={18} id={`cat-${category.id}`}>
        {category.name}
      </Title>
      {category.description ? (
        <Text size="sm" c="dimmed" mb="xs">
          {category.description}
        </Text>
      ) : null}
      <Outline articles={category.articles} />
      {category.children.map((child) => (
        <Stack key={child.id} gap={4} mt="sm">
          <Title order={3} fz={15}>
            {child.name}
          </Title>
          <Outline articles={child.articles} />
        </Stack>
      ))}
    </Paper>
  );
}

function Outline({ articles }: { articles: Category['articles'] }) {
  if (articles.length === 0) return null;
  return (
    <List spacing={4} size="sm" listStyleType="none" mt="xs">
      {articles.map((a) => (
        <List.Item key={a.id}>
          <AnchorLink to="/help/articles/$slug" params={{ slug: a.slug }}>
            {a.title}
          </AnchorLink>
        </List.Item>
      ))}
    </List>
  );
}

function SearchResults({ q }: { q: string }) {
  const { t } = useTranslation();
  const results = useQuery(helpSearchQuery(q));
  if (results.isPending) return <Pending />;
  if (results.isError) return <Alert color="red">{errorMessage(t, results.error, 'customer')}</Alert>;
  return (
    <Stack gap="md">
      <Title order={1} fz={22}>
        {t('help.search.results', { q })}
      </Title>
      {results.data.items.length === 0 ? (
        <Text>{t('help.search.none')}</Text>
      ) : (
        <Stack gap="sm" component="ul" p={0} style={{ listStyle: 'none' }}>
          {results.data.items.map((a) => (
            <Paper key={a.id} component="li" withBorder radius="md" p="md">
              <AnchorLink to="/help/articles/$slug" params={{ slug: a.slug }} fw={600}>
                {a.title}
              </AnchorLink>
              <Text size="sm" c="dimmed" lineClamp={2}>
                {a.excerpt}
              </Text>
            </Paper>
          ))}
        </Stack>
      )}
      <AnchorLink to="/help" search={{}}>
        {t('help.article.allTopics')}
      </AnchorLink>
    </Stack>
  );
}

export function Pending() {
  const { t } = useTranslation();
  return (
    <Center py="xl">
      <Loader aria-label={t('app.loading')} />
    </Center>
  );
}

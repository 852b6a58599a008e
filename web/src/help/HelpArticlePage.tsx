import { Alert, Breadcrumbs, Button, Group, Paper, Stack, Text, Title, Typography } from '@mantine/core';
import { IconArrowLeft, IconArrowRight, IconPrinter, IconThumbDown, IconThumbUp } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../app/error-message.ts';
import { dateOnly, safeTimeZone } from '../app/time.ts';
import { AnchorLink, ButtonLink } from '../app/ui/links.tsx';
import { usePageTitle } from '../app/usePageTitle.ts';
import { type HelpArticle, helpArticleQuery, sendHelpFeedback } from './api.ts';
import { Pending } from './HelpHomePage.tsx';

/** One public article: where it sits, its text, previous / next in its category, print and "¿Le fue útil?". */
export function HelpArticlePage() {
  const { t } = useTranslation();
  const { slug } = useParams({ from: '/help/articles/$slug' });
  const article = useQuery(helpArticleQuery(slug));
  usePageTitle(article.data?.title ?? t('help.title'));
  if (article.isPending) return <Pending />;
  if (article.isError) {
    return (
      <Stack>
        <Alert color="red">{errorMessage(t, article.error, 'customer')}</Alert>
        <AnchorLink to="/help">{t('help.article.allTopics')}</AnchorLink>
      </Stack>
    );
  }
  return <ArticleView article={article.data} />;
}

/** A date in the reader's language and the browser's time zone (a visitor has no profile). */
function useDate(iso: string): string {
  const { i18n } = useTranslation();
  return dateOnly(iso, i18n.language, safeTimeZone(undefined));
}

function ArticleView({ article }: { article: HelpArticle }) {
  const { t } = useTranslation();
  const updated = useDate(article.updatedAt);
  const trail = [
    <AnchorLink key="all" to="/help">
      {t('help.article.allTopics')}
    </AnchorLink>,
    ...(article.category?.parent ? [<Text key="parent">{article.category.parent.name}</Text>] : []),
    ...(article.category ? [<Text key="cat">{article.category.name}</Text>] : []),
  ];
  return (
    <Stack gap="md">
      <Breadcrumbs aria-label={t('help.article.breadcrumbs')}>{trail}</Breadcrumbs>
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }} component="article">
        <Stack gap="sm">
          <Title order={1} fz={26}>
            {article.title}
          </Title>
          <Group gap="md" justify="space-between">
            <Text size="sm" c="dimmed">
              {t('help.article.updated', { date: updated })}
            </Text>
            <Group gap="xs">
              {article.translations.map((tr) => (
                <AnchorLink
                  key={tr.slug}
                  to="/help/articles/$slug"
                  params={{ slug: tr.slug }}
                  size="sm"
                  lang={tr.language}
                >
                  {t(`help.article.readIn.${tr.language}`)}
                </AnchorLink>
              ))}
              <ButtonLink
                to="/help/articles/$slug/print"
                params={{ slug: article.slug }}
                variant="subtle"
                size="compact-sm"
                leftSection={<IconPrinter size={16} aria-hidden="true" />}
              >
                {t('help.article.print')}
              </ButtonLink>
            </Group>
          </Group>
          <ArticleBody article={article} />
        </Stack>
      </Paper>
      <Feedback article={article} />
      <Group justify="space-between" component="nav" aria-label={t('help.article.pager')}>
        {article.previous ? (
          <AnchorLink to="/help/articles/$slug" params={{ slug: article.previous.slug }}>
            <Group gap={4} wrap="nowrap">
              <IconArrowLeft size={16} aria-hidden="true" />
              <span>
                {t('help.article.previous')}: {article.previous.title}
              </span>
            </Group>
          </AnchorLink>
        ) : (
          <span />
        )}
        {article.next ? (
          <AnchorLink to="/help/articles/$slug" params={{ slug: article.next.slug }}>
            <Group gap={4} wrap="nowrap">
              <span>
                {t('help.article.next')}: {article.next.title}
              </span>
              <IconArrowRight size={16} aria-hidden="true" />
            </Group>
          </AnchorLink>
        ) : null}
      </Group>
    </Stack>
  );
}

function ArticleBody({ article }: { article: HelpArticle }) {
  return (
    <Typography>
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: the server renders the Markdown with raw HTML escaped and unsafe links dropped (markdown.ts, tested in kb.routes.test.ts) */}
      <div lang={article.language} dangerouslySetInnerHTML={{ __html: article.html }} />
    </Typography>
  );
}

function Feedback({ article }: { article: HelpArticle }) {
  const { t } = useTranslation();
  const [answered, setAnswered] = useState(false);
  useEffect(() => setAnswered(false), []);
  const send = useMutation({
    mutationFn: (helpful: boolean) => sendHelpFeedback(article.slug, helpful),
    onSuccess: () => setAnswered(true),
  });
  return (
    <Paper withBorder radius="md" p="md">
      {answered ? (
        <Text role="status">{t('help.feedback.thanks')}</Text>
      ) : (
        <Group gap="sm">
          <Text fw={500}>{t('help.feedback.question')}</Text>
          <Button
            variant="light"
            size="compact-md"
            leftSection={<IconThumbUp size={16} aria-hidden="true" />}
            loading={send.isPending && send.variables === true}
            onClick={() => send.mutate(true)}
          >
            {t('help.feedback.yes')}
          </Button>
          <Button
            variant="light"
            color="gray"
            size="compact-md"
            leftSection={<IconThumbDown size={16} aria-hidden="true" />}
            loading={send.isPending && send.variables === false}
            onClick={() => send.mutate(false)}
          >
            {t('help.feedback.no')}
          </Button>
        </Group>
      )}
      {send.isError ? (
        <Text c="red" size="sm" role="alert">
          {errorMessage(t, send.error, 'customer')}
        </Text>
      ) : null}
    </Paper>
  );
}

/** A clean printable page: the article alone, no header, search or buttons on paper. */
export function HelpPrintPage() {
  const { t } = useTranslation();
  const { slug } = useParams({ from: '/help/articles/$slug/print' });
  const article = useQuery(helpArticleQuery(slug));
  const updated = useDate(article.data?.updatedAt ?? new Date(0).toISOString());
  usePageTitle(article.data?.title ?? t('help.title'));
  if (article.isPending) return <Pending />;
  if (article.isError) return <Alert color="red">{errorMessage(t, article.error, 'customer')}</Alert>;
  const a = article.data;
  return (
    <Stack component="main" id="main" maw={760} mx="auto" p="lg" gap="sm" bg="white">
      <Group justify="space-between" className="help-no-print">
        <AnchorLink to="/help/articles/$slug" params={{ slug: a.slug }}>
          {t('help.print.back')}
        </AnchorLink>
        <Button leftSection={<IconPrinter size={16} aria-hidden="true" />} onClick={() => window.print()}>
          {t('help.print.print')}
        </Button>
      </Group>
      <Title order={1} fz={26}>
        {a.title}
      </Title>
      <Text size="sm" c="dimmed">
        {[a.category?.parent?.name, a.category?.name].filter(Boolean).join(' · ')}
        {a.category ? ' · ' : ''}
        {t('help.article.updated', { date: updated })}
      </Text>
      <ArticleBody article={a} />
      <style>{'@media print { .help-no-print { display: none !important; } }'}</style>
    </Stack>
  );
}

import { Anchor, Box, Button, Group, ScrollArea, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconArrowLeft, IconBulb, IconLink, IconSearch, IconTextPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../app/ui/links.tsx';
import { LoadError, LoadingLines } from '../../app/ui/States.tsx';
import { ArticleBody } from './ArticleBody.tsx';
import { articleUrl, kbArticleQuery, kbArticlesQuery } from './api.ts';
import classes from './kb.module.css';
import { VisibilityBadge } from './VisibilityBadge.tsx';

// A side panel has room for a handful; the knowledge base page lists them all.
const SHOWN = 8;

/**
 * The knowledge base beside a ticket: search, read an article, put its link or its text into the
 * reply, or turn the ticket's solution into a new article.
 */
export function KbTicketPanel({
  ticketNumber,
  disabled,
  onInsert,
}: {
  ticketNumber: string;
  disabled: boolean;
  onInsert: (text: string) => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 300);
  const [openId, setOpenId] = useState<string | null>(null);
  const results = useQuery({ ...kbArticlesQuery({ q }), enabled: q.length > 0 });

  return (
    <Stack gap="sm">
      {openId ? (
        <OpenArticle id={openId} disabled={disabled} onBack={() => setOpenId(null)} onInsert={onInsert} />
      ) : (
        <>
          <TextInput
            aria-label={t('kb.panel.search')}
            placeholder={t('kb.panel.search')}
            leftSection={<IconSearch size={16} aria-hidden="true" />}
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
            type="search"
          />
          {q &&
            (results.isPending ? (
              <LoadingLines lines={2} height={32} />
            ) : results.isError ? (
              <LoadError error={results.error} onRetry={() => void results.refetch()} />
            ) : results.data.items.length === 0 ? (
              <Text fz="sm" c="dimmed">
                {t('kb.panel.none')}
              </Text>
            ) : (
              <Stack
                gap={2}
                component="ul"
                p={0}
                m={0}
                style={{ listStyle: 'none' }}
                aria-label={t('kb.panel.results')}
              >
                {results.data.items.slice(0, SHOWN).map((article) => (
                  <li key={article.id}>
                    <UnstyledButton className={classes.pick} onClick={() => setOpenId(article.id)}>
                      <Group justify="space-between" wrap="nowrap" gap="xs">
                        <Text fz="sm" fw={500} style={{ minWidth: 0 }}>
                          {article.title}
                        </Text>
                        <VisibilityBadge visibility={article.visibility} />
                      </Group>
                    </UnstyledButton>
                  </li>
                ))}
              </Stack>
            ))}
        </>
      )}
      <Button
        variant="light"
        size="xs"
        leftSection={<IconBulb size={14} aria-hidden="true" />}
        onClick={() => void navigate({ to: '/kb/articles/new', search: { fromTicket: ticketNumber } })}
        style={{ alignSelf: 'flex-start' }}
      >
        {t('kb.panel.fromSolution')}
      </Button>
    </Stack>
  );
}

function OpenArticle({
  id,
  disabled,
  onBack,
  onInsert,
}: {
  id: string;
  disabled: boolean;
  onBack: () => void;
  onInsert: (text: string) => void;
}) {
  const { t } = useTranslation();
  const article = useQuery(kbArticleQuery(id));
  return (
    <Stack gap="xs">
      <Anchor component="button" type="button" fz="sm" onClick={onBack} style={{ alignSelf: 'flex-start' }}>
        <Group gap={4} wrap="nowrap">
          <IconArrowLeft size={14} aria-hidden="true" />
          {t('kb.panel.back')}
        </Group>
      </Anchor>
      {article.isPending ? (
        <LoadingLines lines={3} height={24} />
      ) : article.isError ? (
        <LoadError error={article.error} onRetry={() => void article.refetch()} />
      ) : (
        <Box component="article" aria-label={article.data.title}>
          <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
            <AnchorLink to="/kb/articles/$articleId" params={{ articleId: article.data.id }} fw={600} fz="sm">
              {article.data.title}
            </AnchorLink>
            <VisibilityBadge visibility={article.data.visibility} />
          </Group>
          <ScrollArea.Autosize mah={260} mt="xs" type="auto">
            <Box fz="sm">
              <ArticleBody html={article.data.html} language={article.data.language} />
            </Box>
          </ScrollArea.Autosize>
          <Group gap="xs" mt="sm">
            <Button
              size="xs"
              variant="default"
              leftSection={<IconLink size={14} aria-hidden="true" />}
              disabled={disabled}
              onClick={() => onInsert(`${article.data.title}: ${articleUrl(article.data)}`)}
            >
              {t('kb.panel.insertLink')}
            </Button>
            <Button
              size="xs"
              variant="default"
              leftSection={<IconTextPlus size={14} aria-hidden="true" />}
              disabled={disabled}
              onClick={() => onInsert(article.data.text)}
            >
              {t('kb.panel.insertText')}
            </Button>
          </Group>
          {article.data.visibility === 'internal' && (
            <Text fz="xs" c="dimmed" mt={6}>
              {t('kb.panel.internalLink')}
            </Text>
          )}
        </Box>
      )}
    </Stack>
  );
}

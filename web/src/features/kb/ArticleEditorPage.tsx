import {
  Alert,
  Anchor,
  Box,
  Button,
  FileButton,
  Group,
  Modal,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconExternalLink, IconHistory, IconPhoto, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api.ts';
import { ErrorView } from '../../app/ErrorPage.tsx';
import { errorMessage } from '../../app/error-message.ts';
import { DialogActions } from '../../app/ui/DialogActions.tsx';
import { AnchorLink } from '../../app/ui/links.tsx';
import { NumberField } from '../../app/ui/NumberField.tsx';
import { LoadError, LoadingLines } from '../../app/ui/States.tsx';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { messagesQuery, ticketQuery } from '../tickets/queries.ts';
import { ArticleBody } from './ArticleBody.tsx';
import {
  articleUrl,
  categoryTree,
  createKbArticle,
  deleteKbArticle,
  type KbArticleDetail,
  type KbArticleInput,
  kbArticleQuery,
  kbArticlesQuery,
  kbCategoriesQuery,
  kbKeys,
  previewMarkdown,
  updateKbArticle,
  uploadKbImage,
} from './api.ts';
import { LabeledSegments } from './LabeledSegments.tsx';
import { RevisionsDrawer } from './RevisionsDrawer.tsx';

type Draft = Required<Omit<KbArticleInput, 'slug'>> & { slug: string };

const EMPTY: Draft = {
  title: '',
  slug: '',
  body: '',
  categoryId: null,
  language: 'es',
  translationOf: null,
  visibility: 'internal',
  position: 0,
  tags: [],
};

const IMAGE_TYPES = 'image/png,image/jpeg,image/gif,image/webp';

/** `/kb/articles/new`, empty or (`?fromTicket=`) prefilled from a ticket's solution. */
export function NewArticlePage() {
  const { t } = useTranslation();
  usePageTitle(t('kb.editor.newTitle'));
  const { fromTicket } = useSearch({ from: '/console/kb/articles/new' });
  if (!fromTicket) return <ArticleEditor initial={EMPTY} />;
  return <FromTicket ticketRef={fromTicket} />;
}

/**
 * "Crear artículo desde la solución": the ticket's subject is the title, its last public reply the
 * body; internal until someone decides the customers may read it.
 */
function FromTicket({ ticketRef }: { ticketRef: string }) {
  const ticket = useQuery(ticketQuery(ticketRef));
  const messages = useQuery({ ...messagesQuery(ticket.data?.id ?? ''), enabled: ticket.isSuccess });
  if (ticket.isError) return <LoadError error={ticket.error} onRetry={() => void ticket.refetch()} />;
  if (messages.isError) return <LoadError error={messages.error} onRetry={() => void messages.refetch()} />;
  if (!ticket.data || !messages.data) return <LoadingLines lines={4} height={48} />;
  const solution = messages.data.filter((m) => m.kind === 'reply' && m.author.kind === 'agent').at(-1);
  return (
    <ArticleEditor
      initial={{ ...EMPTY, title: ticket.data.subject, body: solution?.body ?? '', tags: ticket.data.tags }}
      fromTicket={ticket.data.number}
    />
  );
}

/** `/kb/articles/$articleId`: the article in the editor, its history one click away. */
export function ArticlePage() {
  const { t } = useTranslation();
  const { articleId } = useParams({ from: '/console/kb/articles/$articleId' });
  const article = useQuery(kbArticleQuery(articleId));
  usePageTitle(article.data?.title ?? t('kb.title'));
  if (article.isPending) return <LoadingLines lines={4} height={48} />;
  if (article.isError) {
    if (isApiError(article.error) && article.error.status === 404) return <ErrorView kind="notFound" />;
    return <LoadError error={article.error} onRetry={() => void article.refetch()} />;
  }
  const a = article.data;
  // Keyed by revision: after a save or a restore the form starts again from what is stored.
  return (
    <ArticleEditor
      key={`${a.id}:${a.revision}`}
      article={a}
      initial={{
        title: a.title,
        slug: a.slug,
        body: a.body,
        categoryId: a.categoryId,
        language: a.language,
        translationOf: a.translationOf,
        visibility: a.visibility,
        position: a.position,
        tags: a.tags,
      }}
    />
  );
}

function ArticleEditor({
  article,
  initial,
  fromTicket,
}: {
  article?: KbArticleDetail;
  initial: Draft;
  fromTicket?: string;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(initial);
  const [tried, setTried] = useState(false);
  const [history, historyDialog] = useDisclosure(false);
  const [deleting, deleteDialog] = useDisclosure(false);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const categories = useQuery(kbCategoriesQuery);
  const otherLanguage = draft.language === 'es' ? 'en' : 'es';
  const translations = useQuery(kbArticlesQuery({ language: otherLanguage }));
  const [debouncedBody] = useDebouncedValue(draft.body, 350);
  const preview = useQuery({
    queryKey: ['kb', 'preview', debouncedBody],
    queryFn: ({ signal }) => previewMarkdown(debouncedBody, signal),
    placeholderData: (previous) => previous,
    staleTime: Number.POSITIVE_INFINITY,
  });

  const save = useMutation({
    mutationFn: () => {
      const input: KbArticleInput = {
        ...draft,
        title: draft.title.trim(),
        slug: draft.slug.trim() || undefined,
        translationOf: draft.translationOf,
      };
      return article ? updateKbArticle(article.id, input) : createKbArticle(input);
    },
    onSuccess: (saved) => {
      notifications.show({ color: 'teal', message: t('kb.editor.saved', { revision: saved.revision }) });
      void queryClient.invalidateQueries({ queryKey: kbKeys.all });
      if (!article) void navigate({ to: '/kb/articles/$articleId', params: { articleId: saved.id }, replace: true });
    },
  });
  const remove = useMutation({
    mutationFn: () => deleteKbArticle(article?.id ?? ''),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: t('kb.editor.deleted', { title: article?.title ?? '' }) });
      void queryClient.invalidateQueries({ queryKey: kbKeys.all });
      void navigate({ to: '/kb' });
    },
  });
  const image = useMutation({
    mutationFn: (file: File) => uploadKbImage(article?.id ?? '', file),
    onSuccess: (uploaded) => insertAtCursor(uploaded.markdown),
    onError: (error) =>
      notifications.show({ color: 'red', title: t('kb.editor.imageFailed'), message: errorMessage(t, error) }),
  });

  /** Puts text where the cursor is in the body (on its own line), or at the end. */
  function insertAtCursor(text: string) {
    const area = bodyRef.current;
    setDraft((d) => {
      const at = area ? area.selectionStart : d.body.length;
      const before = d.body.slice(0, at);
      const after = d.body.slice(at);
      const lead = before && !before.endsWith('\n') ? '\n\n' : '';
      const tail = after && !after.startsWith('\n') ? '\n\n' : '';
      return { ...d, body: `${before}${lead}${text}${tail}${after}` };
    });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (draft.title.trim()) save.mutate();
  }

  const slugTaken = isApiError(save.error) && save.error.code === 'KB_SLUG_TAKEN';
  const categoryOptions = categoryTree(categories.data?.items ?? []).flatMap((top) => [
    { value: top.id, label: top.name },
    ...top.children.map((child) => ({ value: child.id, label: `${top.name} › ${child.name}` })),
  ]);
  const translationOptions = (translations.data?.items ?? [])
    .filter((a) => a.id !== article?.id)
    .map((a) => ({ value: a.id, label: a.title }));

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Box>
          <AnchorLink to="/kb" fz="sm" c="dimmed" style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
            <IconArrowLeft size={14} aria-hidden="true" />
            {t('kb.title')}
          </AnchorLink>
          <Group justify="space-between" align="flex-end" mt={6}>
            <Box>
              <Title order={1} fz={{ base: 22, sm: 26 }}>
                {article ? article.title : t('kb.editor.newTitle')}
              </Title>
              {article && (
                <Text fz="sm" c="dimmed">
                  {t('kb.editor.revision', { revision: article.revision })}
                </Text>
              )}
            </Box>
            {article && (
              <Group gap="xs">
                {article.visibility === 'public' && (
                  <Anchor
                    href={articleUrl(article)}
                    target="_blank"
                    rel="noopener"
                    fz="sm"
                    style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}
                  >
                    {t('kb.editor.openInHelp')}
                    <IconExternalLink size={14} aria-hidden="true" />
                  </Anchor>
                )}
                <Button
                  variant="default"
                  leftSection={<IconHistory size={16} aria-hidden="true" />}
                  onClick={historyDialog.open}
                >
                  {t('kb.revisions.open')}
                </Button>
                <Button
                  variant="subtle"
                  color="red"
                  leftSection={<IconTrash size={16} aria-hidden="true" />}
                  onClick={deleteDialog.open}
                >
                  {t('kb.editor.delete')}
                </Button>
              </Group>
            )}
          </Group>
        </Box>

        {fromTicket && (
          <Alert color="blue" variant="light">
            {t('kb.editor.fromTicket', { number: fromTicket })}
          </Alert>
        )}

        <Paper withBorder radius="md" p="md">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label={t('kb.fields.title')}
              value={draft.title}
              onChange={(event) => set('title', event.currentTarget.value)}
              error={tried && !draft.title.trim() ? t('kb.editor.titleRequired') : undefined}
              required
              maxLength={200}
            />
            <TextInput
              label={t('kb.fields.slug')}
              description={t('kb.fields.slugHint')}
              value={draft.slug}
              onChange={(event) => set('slug', event.currentTarget.value.toLowerCase())}
              error={slugTaken ? errorMessage(t, save.error) : undefined}
              maxLength={120}
            />
            <Select
              label={t('kb.fields.category')}
              placeholder={t('kb.categories.none')}
              data={categoryOptions}
              value={draft.categoryId}
              onChange={(value) => set('categoryId', value)}
              clearable
              searchable
            />
            <NumberField
              label={t('kb.fields.position')}
              description={t('kb.fields.positionHint')}
              value={draft.position}
              onChange={(value) => set('position', value === '' ? 0 : value)}
              min={0}
            />
            <LabeledSegments
              label={t('kb.fields.visibility')}
              value={draft.visibility}
              onChange={(value) => set('visibility', value)}
              options={[
                { value: 'internal', label: t('kb.visibility.internal') },
                { value: 'public', label: t('kb.visibility.public') },
              ]}
              hint={t(`kb.visibility.${draft.visibility}Hint`)}
            />
            <LabeledSegments
              label={t('kb.fields.language')}
              value={draft.language}
              onChange={(language) => setDraft((d) => ({ ...d, language, translationOf: null }))}
              options={[
                { value: 'es', label: t('kb.language.es') },
                { value: 'en', label: t('kb.language.en') },
              ]}
            />
            <Select
              label={t('kb.fields.translationOf')}
              description={t('kb.fields.translationHint', { language: t(`kb.language.${otherLanguage}`) })}
              placeholder={t('kb.fields.noTranslation')}
              data={translationOptions}
              value={draft.translationOf}
              onChange={(value) => set('translationOf', value)}
              clearable
              searchable
            />
            <TagsInput
              label={t('kb.fields.tags')}
              description={t('kb.fields.tagsHint')}
              value={draft.tags}
              onChange={(value) => set('tags', value)}
              maxTags={30}
            />
          </SimpleGrid>
        </Paper>

        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <Stack gap={6}>
            <Group justify="space-between" align="flex-end">
              <Text component="label" htmlFor="kb-body" fz="sm" fw={500}>
                {t('kb.fields.body')}
              </Text>
              <FileButton onChange={(file) => file && image.mutate(file)} accept={IMAGE_TYPES} disabled={!article}>
                {(props) => (
                  <Button
                    {...props}
                    size="xs"
                    variant="light"
                    leftSection={<IconPhoto size={14} aria-hidden="true" />}
                    loading={image.isPending}
                    disabled={!article}
                  >
                    {t('kb.editor.insertImage')}
                  </Button>
                )}
              </FileButton>
            </Group>
            {!article && (
              <Text fz="xs" c="dimmed">
                {t('kb.editor.imageAfterSave')}
              </Text>
            )}
            <Textarea
              id="kb-body"
              ref={bodyRef}
              value={draft.body}
              onChange={(event) => set('body', event.currentTarget.value)}
              autosize
              minRows={14}
              maxRows={40}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
              description={t('kb.editor.markdownHint')}
            />
          </Stack>
          <Stack gap={6}>
            <Text fz="sm" fw={500} id="kb-preview-label">
              {t('kb.editor.preview')}
            </Text>
            <Paper
              withBorder
              radius="md"
              p="md"
              role="region"
              aria-labelledby="kb-preview-label"
              mih={200}
              style={{ overflowWrap: 'anywhere' }}
            >
              {preview.isError ? (
                <Text fz="sm" c="red">
                  {errorMessage(t, preview.error)}
                </Text>
              ) : (
                <ArticleBody html={preview.data?.html ?? ''} language={draft.language} />
              )}
            </Paper>
          </Stack>
        </SimpleGrid>

        {save.isError && !slugTaken && (
          <Alert color="red" variant="light" role="alert">
            {errorMessage(t, save.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => void navigate({ to: '/kb' })}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {article ? t('kb.editor.save') : t('kb.editor.create')}
          </Button>
        </Group>

        {article && <RevisionsDrawer article={article} opened={history} onClose={historyDialog.close} />}
        <Modal opened={deleting} onClose={deleteDialog.close} title={t('kb.editor.deleteTitle')} centered>
          <Stack gap="sm">
            <Text fz="sm">{t('kb.editor.deleteText', { title: article?.title ?? '' })}</Text>
            <DialogActions
              error={remove.isError ? errorMessage(t, remove.error) : null}
              onCancel={deleteDialog.close}
              submitLabel={t('kb.editor.delete')}
              color="red"
              loading={remove.isPending}
              onSubmit={() => remove.mutate()}
            />
          </Stack>
        </Modal>
      </Stack>
    </form>
  );
}

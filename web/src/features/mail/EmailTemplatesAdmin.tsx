import {
  Alert,
  Button,
  Grid,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/error-message.ts';
import { LoadError, LoadingLines } from '../../app/ui/States.tsx';
import { useAdminMutation } from '../admin/useAdminMutation.ts';
import {
  mailKeys,
  previewTemplate,
  type RenderedTemplate,
  saveTemplate,
  type TemplateInput,
  type TemplateLocale,
  templatesQuery,
} from './api.ts';

const PLACEHOLDERS = [
  'contact.first_name',
  'contact.name',
  'ticket.number',
  'ticket.subject',
  'agent.name',
  'organization.code',
  'message.body',
  // The solved mail's survey question and its two links (issue 15).
  'satisfaction.survey',
  // A portal invitation's or password reset's single-use link (issue 15).
  'portal.link',
]
  .map((name) => `{{${name}}}`)
  .join(', ');

/**
 * The mails Tiquete writes (acknowledgement, reply, notices), in Spanish and English, with the
 * macros' placeholders; the preview fills them with an example ticket as the server would.
 */
export function EmailTemplatesAdmin() {
  const { t } = useTranslation();
  const templates = useQuery(templatesQuery);
  const keys = useMemo(() => [...new Set((templates.data ?? []).map((tpl) => tpl.key))], [templates.data]);
  const [key, setKey] = useState<string | null>(null);
  const [locale, setLocale] = useState<TemplateLocale>('es');
  const selectedKey = key ?? keys[0] ?? null;
  const current = templates.data?.find((tpl) => tpl.key === selectedKey && tpl.locale === locale);

  const [form, setForm] = useState<TemplateInput>({ subject: '', text: '', html: '' });
  const [preview, setPreview] = useState<RenderedTemplate | null>(null);
  const [previewError, setPreviewError] = useState<unknown>(null);
  useEffect(() => {
    if (current) setForm({ subject: current.subject, text: current.text, html: current.html });
    setPreview(null);
    setPreviewError(null);
  }, [current]);

  const save = useAdminMutation((input: TemplateInput) => saveTemplate(selectedKey as string, locale, input), {
    refresh: [[...mailKeys.templates]],
  });
  const [previewing, setPreviewing] = useState(false);

  if (templates.isPending) return <LoadingLines />;
  if (templates.isError) return <LoadError error={templates.error} onRetry={() => void templates.refetch()} />;

  async function showPreview() {
    if (!selectedKey) return;
    setPreviewing(true);
    setPreviewError(null);
    try {
      setPreview(await previewTemplate(selectedKey, locale, form));
    } catch (error) {
      setPreview(null);
      setPreviewError(error);
    } finally {
      setPreviewing(false);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(form);
  }

  const label = (k: string) => t(`notifications.templates.${k}`, { defaultValue: k });
  return (
    <Stack gap="md">
      <Text c="dimmed" fz="sm" maw={720}>
        {t('mail.templates.intro', { first: '{{contact.first_name}}', number: '{{ticket.number}}' })}
      </Text>
      <Group align="flex-end">
        <Select
          label={t('mail.templates.template')}
          allowDeselect={false}
          searchable
          value={selectedKey}
          onChange={setKey}
          data={keys.map((k) => ({ value: k, label: label(k) }))}
          miw={320}
        />
        <SegmentedControl
          aria-label={t('language.label')}
          value={locale}
          onChange={(value) => setLocale(value as TemplateLocale)}
          data={[
            { value: 'es', label: t('language.es') },
            { value: 'en', label: t('language.en') },
          ]}
        />
      </Group>
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Paper withBorder radius="md" p="md" component="form" onSubmit={submit}>
            <Stack gap="sm">
              <TextInput
                label={t('mail.templates.subject')}
                required
                value={form.subject}
                onChange={(e) => setForm({ ...form, subject: e.currentTarget.value })}
              />
              <Textarea
                label={t('mail.templates.text')}
                required
                autosize
                minRows={6}
                maxRows={16}
                value={form.text}
                onChange={(e) => setForm({ ...form, text: e.currentTarget.value })}
                styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              />
              <Textarea
                label={t('mail.templates.html')}
                required
                autosize
                minRows={6}
                maxRows={16}
                value={form.html}
                onChange={(e) => setForm({ ...form, html: e.currentTarget.value })}
                styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              />
              <Text fz="xs" c="dimmed">
                {t('mail.templates.placeholders', { list: PLACEHOLDERS })}
              </Text>
              <Group justify="flex-end">
                <Button variant="default" loading={previewing} onClick={() => void showPreview()}>
                  {t('mail.templates.preview')}
                </Button>
                <Button type="submit" loading={save.isPending}>
                  {t('common.save')}
                </Button>
              </Group>
            </Stack>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Paper withBorder radius="md" p="md" component="section" aria-label={t('mail.templates.previewTitle')}>
            <Stack gap="sm">
              <Title order={2} fz="md">
                {t('mail.templates.previewTitle')}
              </Title>
              {previewError ? (
                <Alert color="red" variant="light" role="alert">
                  {errorMessage(t, previewError)}
                </Alert>
              ) : preview ? (
                <>
                  <Text fz="sm">
                    <Text span fw={600} fz="sm">
                      {t('mail.templates.subject')}:
                    </Text>{' '}
                    {preview.subject}
                  </Text>
                  <Text fz="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="template-preview-text">
                    {preview.text}
                  </Text>
                  {/* The HTML version as a mail client shows it; sandboxed: it runs nothing, loads nothing of ours. */}
                  <iframe
                    title={t('mail.templates.htmlPreview')}
                    sandbox=""
                    srcDoc={preview.html}
                    style={{
                      width: '100%',
                      minHeight: 240,
                      border: '1px solid var(--mantine-color-gray-3)',
                      borderRadius: 6,
                    }}
                  />
                </>
              ) : (
                <Text fz="sm" c="dimmed">
                  {t('mail.templates.previewHint')}
                </Text>
              )}
            </Stack>
          </Paper>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

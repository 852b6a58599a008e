import { Alert, Box, Button, Center, Group, Loader, Paper, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconAlertCircle, IconLock, IconMoodHappy, IconMoodSad } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams, useSearch } from '@tanstack/react-router';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/error-message.ts';
import { LanguageSwitch } from '../../app/LanguageSwitch.tsx';
import { Logo } from '../../app/Logo.tsx';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { applyLocale, currentLocale } from '../../i18n/i18n.ts';
import { type PublicSurvey, type Rating, rateSurvey, surveyQuery } from './api.ts';

const COMMENT_MAX = 2000;

/**
 * The customer's survey from the solved mail's link (004: "¿Cómo calificaría el soporte que
 * recibió?"): no sign-in, the link's token is the credential. Phone-first: one narrow column.
 */
export function SatisfactionPage() {
  const { t, i18n } = useTranslation();
  const { token } = useParams({ from: '/satisfaction/$token' });
  const { rating: preselected, lang } = useSearch({ from: '/satisfaction/$token' });
  usePageTitle(t('satisfaction.page.title'));
  // The mail's language (an English mail's links say so); the switch changes it afterwards.
  useEffect(() => {
    if (lang) applyLocale(lang);
  }, [lang]);
  const survey = useQuery(surveyQuery(token, preselected));

  return (
    <Box mih="100dvh" bg="var(--mantine-color-gray-0)" px="md" py="lg">
      <Stack maw={520} mx="auto" gap="lg">
        <Group justify="space-between">
          <Logo size="sm" />
          <LanguageSwitch value={currentLocale()} onChange={applyLocale} key={i18n.language} />
        </Group>
        <Paper component="main" id="main" withBorder radius="md" p={{ base: 'md', sm: 'xl' }}>
          {survey.isPending ? (
            <Center py="xl">
              <Loader aria-label={t('app.loading')} />
            </Center>
          ) : survey.isError ? (
            <Stack gap="md">
              <Title order={1} fz={24}>
                {t('satisfaction.page.title')}
              </Title>
              <Alert role="alert" color="red" variant="light" icon={<IconAlertCircle aria-hidden="true" />}>
                {errorMessage(t, survey.error, 'customer')}
              </Alert>
            </Stack>
          ) : (
            <Survey token={token} survey={survey.data} />
          )}
        </Paper>
      </Stack>
    </Box>
  );
}

function Survey({ token, survey }: { token: string; survey: PublicSurvey }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [choice, setChoice] = useState<Rating | null>(survey.choice);
  const [comment, setComment] = useState(survey.comment ?? '');
  const [missingChoice, setMissingChoice] = useState(false);
  const [thanked, setThanked] = useState(false);
  useEffect(() => setChoice(survey.choice), [survey.choice]);
  const save = useMutation({
    mutationFn: (body: { rating: Rating; comment: string | null }) => rateSurvey(token, body),
    onSuccess: (saved) => {
      queryClient.setQueriesData({ queryKey: ['satisfaction', token] }, saved);
      setThanked(true);
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!choice) {
      setMissingChoice(true);
      return;
    }
    save.mutate({ rating: choice, comment: comment.trim() || null });
  }

  const heading = (
    <div>
      <Text c="dimmed" fz="sm">
        {t('satisfaction.page.ticket', { number: survey.ticket.number })}
      </Text>
      <Text fw={600}>{survey.ticket.subject}</Text>
    </div>
  );

  if (thanked && survey.rating) {
    return (
      <Stack gap="md" role="status" aria-live="polite">
        {heading}
        <Title order={1} fz={24}>
          {t('satisfaction.page.thanks')}
        </Title>
        <Text>{t('satisfaction.page.thanksDetail', { number: survey.ticket.number })}</Text>
        <Text c="dimmed" fz="sm">
          {t('satisfaction.page.current', { rating: t(`satisfaction.ratings.${survey.rating}`) })}
        </Text>
        {survey.open && (
          <Button variant="subtle" onClick={() => setThanked(false)} style={{ alignSelf: 'flex-start' }}>
            {t('satisfaction.page.change')}
          </Button>
        )}
      </Stack>
    );
  }

  if (!survey.open) {
    return (
      <Stack gap="md">
        {heading}
        <Title order={1} fz={24}>
          {t('satisfaction.page.question')}
        </Title>
        {survey.rating && (
          <Text>{t('satisfaction.page.current', { rating: t(`satisfaction.ratings.${survey.rating}`) })}</Text>
        )}
        <Alert color="gray" variant="light" icon={<IconLock size={18} aria-hidden="true" />}>
          {t('satisfaction.page.closed')}
        </Alert>
      </Stack>
    );
  }

  return (
    <form noValidate onSubmit={onSubmit} aria-label={t('satisfaction.page.title')}>
      <Stack gap="lg">
        {heading}
        <Radio.Group
          value={choice}
          onChange={(value) => {
            setChoice(value as Rating);
            setMissingChoice(false);
          }}
          label={
            <Title order={1} fz={22} component="span">
              {t('satisfaction.page.question')}
            </Title>
          }
          error={missingChoice ? t('satisfaction.page.chooseFirst') : undefined}
          required
        >
          <Stack gap="sm" mt="md">
            <Radio.Card value="good" radius="md" p="md">
              <Group wrap="nowrap" gap="sm">
                <Radio.Indicator />
                <IconMoodHappy size={24} color="var(--mantine-color-teal-6)" aria-hidden="true" />
                <Text fw={500}>{t('satisfaction.page.good')}</Text>
              </Group>
            </Radio.Card>
            <Radio.Card value="bad" radius="md" p="md">
              <Group wrap="nowrap" gap="sm">
                <Radio.Indicator />
                <IconMoodSad size={24} color="var(--mantine-color-red-6)" aria-hidden="true" />
                <Text fw={500}>{t('satisfaction.page.bad')}</Text>
              </Group>
            </Radio.Card>
          </Stack>
        </Radio.Group>
        <Textarea
          label={t('satisfaction.page.comment')}
          description={t('satisfaction.page.commentHint')}
          value={comment}
          onChange={(event) => setComment(event.currentTarget.value)}
          maxLength={COMMENT_MAX}
          autosize
          minRows={3}
          maxRows={8}
        />
        {save.isError && (
          <Alert role="alert" color="red" variant="light" icon={<IconAlertCircle aria-hidden="true" />}>
            {errorMessage(t, save.error, 'customer')}
          </Alert>
        )}
        <Button type="submit" size="md" loading={save.isPending} fullWidth>
          {t('satisfaction.page.submit')}
        </Button>
      </Stack>
    </form>
  );
}

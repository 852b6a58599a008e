import { Button, Center, Code, Group, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle, IconHome, IconLock, IconMapQuestion, IconRefresh } from '@tabler/icons-react';
import { useQueryErrorResetBoundary } from '@tanstack/react-query';
import { type ErrorComponentProps, Link, useRouter } from '@tanstack/react-router';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from './api.ts';
import { errorMessage } from './error-message.ts';
import { usePageTitle } from './usePageTitle.ts';

type Kind = 'notFound' | 'forbidden' | 'error';

function kindOf(error: unknown): Kind {
  if (isApiError(error) && error.code === 'FORBIDDEN') return 'forbidden';
  if (isApiError(error) && error.status === 404) return 'notFound';
  return 'error';
}

const icons = { notFound: IconMapQuestion, forbidden: IconLock, error: IconAlertTriangle } as const;

type ViewProps = {
  kind: Kind;
  error?: unknown;
  onRetry?: () => void;
  /** Full-window layout when no shell surrounds the page (signed out, or the shell failed). */
  fullPage?: boolean;
};

export function ErrorView({ kind, error, onRetry, fullPage = false }: ViewProps) {
  const { t } = useTranslation();
  const Icon = icons[kind];
  const title =
    kind === 'notFound'
      ? t('errorPage.notFoundTitle')
      : kind === 'forbidden'
        ? t('errorPage.forbiddenTitle')
        : t('errorPage.errorTitle');
  const text =
    kind === 'notFound'
      ? t('errorPage.notFoundText')
      : kind === 'forbidden'
        ? t('errorPage.forbiddenText')
        : t('errorPage.errorText');
  usePageTitle(title);
  const detail = kind === 'error' && error !== undefined ? errorMessage(t, error) : null;

  return (
    <Center mih={fullPage ? '100dvh' : '60vh'} p="lg" component={fullPage ? 'main' : 'div'}>
      <Stack align="center" gap="md" maw={520} ta="center">
        <ThemeIcon size={72} radius="xl" variant="light" color={kind === 'error' ? 'red' : 'indigo'}>
          <Icon size={38} stroke={1.5} aria-hidden="true" />
        </ThemeIcon>
        <Title order={1} fz={26}>
          {title}
        </Title>
        <Text c="dimmed" fz="md">
          {text}
        </Text>
        {detail && (
          <Text fz="sm" role="alert">
            <Text span c="dimmed" fz="sm">
              {t('errorPage.details')}:{' '}
            </Text>
            <Code>{detail}</Code>
          </Text>
        )}
        <Group mt="sm">
          {onRetry && (
            <Button variant="default" leftSection={<IconRefresh size={18} aria-hidden="true" />} onClick={onRetry}>
              {t('errorPage.retry')}
            </Button>
          )}
          <Button component={Link} to="/" leftSection={<IconHome size={18} aria-hidden="true" />}>
            {t('errorPage.goHome')}
          </Button>
        </Group>
      </Stack>
    </Center>
  );
}

/** Route `errorComponent`: a loader, guard or render failed. */
export function ErrorPage({ error, reset }: ErrorComponentProps) {
  const router = useRouter();
  const queryErrorReset = useQueryErrorResetBoundary();
  const kind = kindOf(error);

  // Queries that threw into this boundary must be allowed to fetch again on retry.
  useEffect(() => {
    queryErrorReset.reset();
  }, [queryErrorReset]);

  return (
    <ErrorView
      kind={kind}
      error={error}
      onRetry={
        kind === 'error'
          ? () => {
              reset();
              void router.invalidate();
            }
          : undefined
      }
    />
  );
}

/** Root error component: nothing around it rendered, so it takes the whole window. */
export function RootErrorPage(props: ErrorComponentProps) {
  const router = useRouter();
  const kind = kindOf(props.error);
  return (
    <ErrorView
      kind={kind}
      error={props.error}
      fullPage
      onRetry={
        kind === 'error'
          ? () => {
              props.reset();
              void router.invalidate();
            }
          : undefined
      }
    />
  );
}

export function NotFoundPage() {
  return <ErrorView kind="notFound" />;
}

export function RootNotFoundPage() {
  return <ErrorView kind="notFound" fullPage />;
}

import { Alert, Button, Center, Group, Skeleton, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconAlertCircle, IconMoodEmpty, IconRefresh } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { type Audience, errorMessage } from '../error-message.ts';

type EmptyProps = { title: string; text?: string; icon?: ReactNode; action?: ReactNode };

/** "Nothing here yet", said kindly, with what will make something appear. */
export function EmptyState({ title, text, icon, action }: EmptyProps) {
  return (
    <Center py={48} px="md">
      <Stack align="center" gap="xs" maw={420} ta="center">
        <ThemeIcon size={56} radius="xl" variant="light" color="gray">
          {icon ?? <IconMoodEmpty size={30} stroke={1.5} aria-hidden="true" />}
        </ThemeIcon>
        <Text fw={600} fz="md" mt="xs">
          {title}
        </Text>
        {text && (
          <Text c="dimmed" fz="sm">
            {text}
          </Text>
        )}
        {action}
      </Stack>
    </Center>
  );
}

/** A failed load, in the reader's language, with a retry. */
export function LoadError({
  error,
  onRetry,
  title,
  audience,
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
  audience?: Audience;
}) {
  const { t } = useTranslation();
  return (
    <Alert
      role="alert"
      color="red"
      variant="light"
      icon={<IconAlertCircle aria-hidden="true" />}
      title={title ?? t('states.loadFailed')}
    >
      <Group justify="space-between" gap="sm">
        <Text fz="sm">{errorMessage(t, error, audience)}</Text>
        {onRetry && (
          <Button
            size="xs"
            variant="white"
            color="red"
            leftSection={<IconRefresh size={14} aria-hidden="true" />}
            onClick={onRetry}
          >
            {t('states.retry')}
          </Button>
        )}
      </Group>
    </Alert>
  );
}

/** Placeholder lines while a list loads; announced once to screen readers. */
export function LoadingLines({ lines = 6, height = 40 }: { lines?: number; height?: number }) {
  const { t } = useTranslation();
  return (
    <Stack gap={8} aria-busy="true" aria-label={t('app.loading')} role="status">
      {Array.from({ length: lines }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
        <Skeleton key={i} height={height} radius="sm" />
      ))}
    </Stack>
  );
}

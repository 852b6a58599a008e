import { Badge, Box, Button, Drawer, Group, Paper, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconRestore } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/error-message.ts';
import { LoadError, LoadingLines } from '../../app/ui/States.tsx';
import { useFormat } from '../../app/useFormat.ts';
import { usePeople } from '../lookups/useLookups.ts';
import {
  type KbArticleDetail,
  type KbRevisionDetail,
  kbKeys,
  kbRevisionQuery,
  kbRevisionsQuery,
  restoreKbRevision,
} from './api.ts';
import classes from './kb.module.css';

/**
 * An article's history: every revision (who, when, restored from which), and for the one picked,
 * the lines that differ from the current text. "Restaurar" brings it back as a new revision.
 */
export function RevisionsDrawer({
  article,
  opened,
  onClose,
}: {
  article: KbArticleDetail;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const { agentById } = usePeople();
  const queryClient = useQueryClient();
  const revisions = useQuery({ ...kbRevisionsQuery(article.id), enabled: opened });
  const [picked, setPicked] = useState<number | null>(null);
  const shown = picked ?? revisions.data?.items.find((r) => r.number !== article.revision)?.number ?? null;

  const restore = useMutation({
    mutationFn: (number: number) => restoreKbRevision(article.id, number),
    onSuccess: (restored, number) => {
      notifications.show({
        color: 'teal',
        message: t('kb.revisions.restored', { number, revision: restored.revision }),
      });
      setPicked(null);
      void queryClient.invalidateQueries({ queryKey: kbKeys.all });
      onClose();
    },
  });

  return (
    <Drawer opened={opened} onClose={onClose} position="right" size="xl" title={t('kb.revisions.title')}>
      {revisions.isPending ? (
        <LoadingLines lines={4} height={40} />
      ) : revisions.isError ? (
        <LoadError error={revisions.error} onRetry={() => void revisions.refetch()} />
      ) : (
        <Stack gap="md">
          <Stack gap={4} component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('kb.revisions.list')}>
            {revisions.data.items.map((revision) => {
              const author = revision.authorId ? agentById.get(revision.authorId)?.name : undefined;
              const current = revision.number === article.revision;
              return (
                <li key={revision.number}>
                  <UnstyledButton
                    className={classes.pick}
                    data-active={shown === revision.number || undefined}
                    aria-pressed={shown === revision.number}
                    onClick={() => setPicked(revision.number)}
                  >
                    <Group justify="space-between" wrap="nowrap" gap="xs">
                      <Text fz="sm" fw={600}>
                        {t('kb.revisions.number', { number: revision.number })}
                      </Text>
                      {current && (
                        <Badge size="xs" variant="light">
                          {t('kb.revisions.current')}
                        </Badge>
                      )}
                    </Group>
                    <Text fz="xs" c="dimmed">
                      {[format.dateTime(revision.createdAt), author ?? t('kb.revisions.unknownAuthor')].join(' · ')}
                      {revision.restoredFrom !== null &&
                        ` · ${t('kb.revisions.restoredFrom', { number: revision.restoredFrom })}`}
                    </Text>
                  </UnstyledButton>
                </li>
              );
            })}
          </Stack>
          {shown !== null && (
            <RevisionDiff
              articleId={article.id}
              number={shown}
              isCurrent={shown === article.revision}
              restoring={restore.isPending}
              onRestore={() => restore.mutate(shown)}
            />
          )}
          {restore.isError && (
            <Text c="red" fz="sm" role="alert">
              {errorMessage(t, restore.error)}
            </Text>
          )}
        </Stack>
      )}
    </Drawer>
  );
}

function RevisionDiff({
  articleId,
  number,
  isCurrent,
  restoring,
  onRestore,
}: {
  articleId: string;
  number: number;
  isCurrent: boolean;
  restoring: boolean;
  onRestore: () => void;
}) {
  const { t } = useTranslation();
  const revision = useQuery(kbRevisionQuery(articleId, number));
  if (revision.isPending) return <LoadingLines lines={3} height={24} />;
  if (revision.isError) return <LoadError error={revision.error} onRetry={() => void revision.refetch()} />;
  const changed = revision.data.diff.some((line) => line.op !== 'same');
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={t('kb.revisions.diffLabel', { number })}>
      <Group justify="space-between" mb="sm">
        <Box>
          <Text fw={600} fz="sm">
            {t('kb.revisions.diffTitle', { number })}
          </Text>
          <Text fz="xs" c="dimmed">
            {revision.data.title}
          </Text>
        </Box>
        <Button
          leftSection={<IconRestore size={16} aria-hidden="true" />}
          onClick={onRestore}
          loading={restoring}
          disabled={isCurrent}
        >
          {t('kb.revisions.restore')}
        </Button>
      </Group>
      <Text fz="xs" c="dimmed" mb="xs">
        {t('kb.revisions.legend')}
      </Text>
      {changed ? <DiffLines diff={revision.data.diff} /> : <Text fz="sm">{t('kb.revisions.sameText')}</Text>}
    </Paper>
  );
}

/** Removed lines struck through in red, added ones in green, with − and + for those who do not see colour. */
function DiffLines({ diff }: { diff: KbRevisionDetail['diff'] }) {
  const { t } = useTranslation();
  return (
    <ScrollArea.Autosize mah={480}>
      <Box component="pre" className={classes.diff}>
        {diff.map((line, index) => {
          const key = `${index}:${line.op}`;
          if (line.op === 'added') {
            return (
              <ins key={key} className={classes.added} title={t('kb.revisions.addedLine')}>
                {`+ ${line.text}\n`}
              </ins>
            );
          }
          if (line.op === 'removed') {
            return (
              <del key={key} className={classes.removed} title={t('kb.revisions.removedLine')}>
                {`− ${line.text}\n`}
              </del>
            );
          }
          return <span key={key}>{`  ${line.text}\n`}</span>;
        })}
      </Box>
    </ScrollArea.Autosize>
  );
}

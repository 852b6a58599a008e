import { Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconMailCheck, IconRefresh, IconSend } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, LoadError, LoadingLines } from '../../app/ui/States.tsx';
import { useFormat } from '../../app/useFormat.ts';
import { useAdminMutation } from '../admin/useAdminMutation.ts';
import { failedMailQuery, mailKeys, reprocessInbound, resendOutgoing } from './api.ts';

/**
 * Mail that did not make it: incoming mails whose processing failed (stored whole, reprocessed on
 * request) and outgoing mail given up on after 48 h of retries (sent again on request).
 */
export function FailedMailAdmin() {
  const { t } = useTranslation();
  const format = useFormat();
  const failed = useQuery(failedMailQuery);

  if (failed.isPending) return <LoadingLines />;
  if (failed.isError) return <LoadError error={failed.error} onRetry={() => void failed.refetch()} />;
  const { inbound, outbox } = failed.data;

  return (
    <Stack gap="xl">
      <FailedSection
        title={t('mail.failed.inboundTitle')}
        intro={t('mail.failed.inboundIntro')}
        retry={reprocessInbound}
        retryAll={t('mail.failed.reprocessAll')}
        retryAllIcon={<IconRefresh size={16} aria-hidden="true" />}
        retryOne={t('mail.failed.reprocess')}
        retryOneLabel={(mail) => t('mail.failed.reprocessOne', { from: mail.envelopeFrom ?? mail.id })}
        emptyTitle={t('mail.failed.inboundEmpty')}
        miw={760}
        errorMaw={320}
        rows={inbound}
        error={(mail) =>
          mail.reason === 'error' ? mail.error : `${t(`mail.failed.reasons.${mail.reason}`)} (${mail.error})`
        }
        columns={[
          {
            header: t('mail.failed.received'),
            cell: (mail) => (
              <>
                <Text fz="sm">{format.dateTime(mail.receivedAt)}</Text>
                <Text fz="xs" c="dimmed">
                  {mail.source.toUpperCase()} · {format.number(Math.max(1, Math.round(mail.size / 1024)))} KB
                </Text>
              </>
            ),
          },
          { header: t('mail.failed.from'), cell: (mail) => <Text fz="sm">{mail.envelopeFrom ?? '—'}</Text> },
          { header: t('mail.failed.to'), cell: (mail) => <Text fz="sm">{mail.envelopeTo.join(', ') || '—'}</Text> },
        ]}
      />
      <FailedSection
        title={t('mail.failed.outgoingTitle')}
        intro={t('mail.failed.outgoingIntro')}
        retry={resendOutgoing}
        retryAll={t('mail.failed.resendAll')}
        retryAllIcon={<IconSend size={16} aria-hidden="true" />}
        retryOne={t('mail.failed.resend')}
        retryOneLabel={(item) => t('mail.failed.resendOne', { date: format.dateTime(item.createdAt) })}
        emptyTitle={t('mail.failed.outgoingEmpty')}
        miw={720}
        errorMaw={360}
        rows={outbox}
        error={(item) => item.lastError}
        columns={[
          { header: t('mail.failed.queued'), cell: (item) => <Text fz="sm">{format.dateTime(item.createdAt)}</Text> },
          {
            header: t('mail.failed.kind'),
            cell: (item) => (
              <Text fz="sm">
                {t(`mail.failed.kinds.${item.type.replace(/@\d+$/, '')}`, { defaultValue: item.type })}
              </Text>
            ),
          },
        ]}
      />
    </Stack>
  );
}

/**
 * One direction of failed mail: title and intro with a "retry all", then its table (its own
 * columns, then the error, the attempts and a retry of the one mail), or that nothing failed.
 */
function FailedSection<T extends { id: string; attempts: number }>({
  title,
  intro,
  retry,
  retryAll,
  retryAllIcon,
  retryOne,
  retryOneLabel,
  emptyTitle,
  miw,
  errorMaw,
  rows,
  error,
  columns,
}: {
  title: string;
  intro: string;
  retry: (ids?: string[]) => Promise<unknown>;
  retryAll: string;
  retryAllIcon: ReactNode;
  retryOne: string;
  retryOneLabel: (row: T) => string;
  emptyTitle: string;
  miw: number;
  errorMaw: number;
  rows: T[];
  error: (row: T) => string | null | undefined;
  columns: { header: string; cell: (row: T) => ReactNode }[];
}) {
  const { t } = useTranslation();
  const mutation = useAdminMutation(retry, { refresh: [[...mailKeys.failed]] });
  return (
    <Stack gap="sm" component="section" aria-label={title}>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2} fz="lg">
            {title}
          </Title>
          <Text c="dimmed" fz="sm" maw={640}>
            {intro}
          </Text>
        </div>
        {rows.length > 0 && (
          <Button
            leftSection={retryAllIcon}
            loading={mutation.isPending && mutation.variables === undefined}
            onClick={() => mutation.mutate(undefined)}
          >
            {retryAll}
          </Button>
        )}
      </Group>
      {rows.length === 0 ? (
        <EmptyState icon={<IconMailCheck size={30} stroke={1.5} aria-hidden="true" />} title={emptyTitle} />
      ) : (
        <Paper withBorder radius="md" style={{ overflowX: 'auto' }}>
          <Table verticalSpacing="xs" aria-label={title} miw={miw}>
            <Table.Thead>
              <Table.Tr>
                {columns.map((column) => (
                  <Table.Th key={column.header}>{column.header}</Table.Th>
                ))}
                <Table.Th>{t('mail.failed.error')}</Table.Th>
                <Table.Th>{t('mail.failed.attempts')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.id}>
                  {columns.map((column) => (
                    <Table.Td key={column.header}>{column.cell(row)}</Table.Td>
                  ))}
                  <Table.Td maw={errorMaw}>
                    <Text fz="xs" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                      {error(row) ?? '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color="red">
                      {row.attempts}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="light"
                      loading={mutation.isPending && mutation.variables?.[0] === row.id}
                      onClick={() => mutation.mutate([row.id])}
                      aria-label={retryOneLabel(row)}
                    >
                      {retryOne}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </Stack>
  );
}

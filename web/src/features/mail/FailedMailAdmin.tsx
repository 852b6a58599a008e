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
  const reprocess = useAdminMutation(reprocessInbound, { refresh: [[...mailKeys.failed]] });
  const resend = useAdminMutation(resendOutgoing, { refresh: [[...mailKeys.failed]] });

  if (failed.isPending) return <LoadingLines />;
  if (failed.isError) return <LoadError error={failed.error} onRetry={() => void failed.refetch()} />;
  const { inbound, outbox } = failed.data;

  return (
    <Stack gap="xl">
      <Section
        title={t('mail.failed.inboundTitle')}
        intro={t('mail.failed.inboundIntro')}
        action={
          inbound.length > 0 && (
            <Button
              leftSection={<IconRefresh size={16} aria-hidden="true" />}
              loading={reprocess.isPending && reprocess.variables === undefined}
              onClick={() => reprocess.mutate(undefined)}
            >
              {t('mail.failed.reprocessAll')}
            </Button>
          )
        }
      >
        {inbound.length === 0 ? (
          <EmptyState
            icon={<IconMailCheck size={30} stroke={1.5} aria-hidden="true" />}
            title={t('mail.failed.inboundEmpty')}
          />
        ) : (
          <Paper withBorder radius="md" style={{ overflowX: 'auto' }}>
            <Table verticalSpacing="xs" aria-label={t('mail.failed.inboundTitle')} miw={760}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('mail.failed.received')}</Table.Th>
                  <Table.Th>{t('mail.failed.from')}</Table.Th>
                  <Table.Th>{t('mail.failed.to')}</Table.Th>
                  <Table.Th>{t('mail.failed.error')}</Table.Th>
                  <Table.Th>{t('mail.failed.attempts')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {inbound.map((mail) => (
                  <Table.Tr key={mail.id}>
                    <Table.Td>
                      <Text fz="sm">{format.dateTime(mail.receivedAt)}</Text>
                      <Text fz="xs" c="dimmed">
                        {mail.source.toUpperCase()} · {format.number(Math.max(1, Math.round(mail.size / 1024)))} KB
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text fz="sm">{mail.envelopeFrom ?? '—'}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text fz="sm">{mail.envelopeTo.join(', ') || '—'}</Text>
                    </Table.Td>
                    <Table.Td maw={320}>
                      <Text fz="xs" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                        {mail.error ?? '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color="red">
                        {mail.attempts}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="light"
                        loading={reprocess.isPending && reprocess.variables?.[0] === mail.id}
                        onClick={() => reprocess.mutate([mail.id])}
                        aria-label={t('mail.failed.reprocessOne', { from: mail.envelopeFrom ?? mail.id })}
                      >
                        {t('mail.failed.reprocess')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        )}
      </Section>

      <Section
        title={t('mail.failed.outgoingTitle')}
        intro={t('mail.failed.outgoingIntro')}
        action={
          outbox.length > 0 && (
            <Button
              leftSection={<IconSend size={16} aria-hidden="true" />}
              loading={resend.isPending && resend.variables === undefined}
              onClick={() => resend.mutate(undefined)}
            >
              {t('mail.failed.resendAll')}
            </Button>
          )
        }
      >
        {outbox.length === 0 ? (
          <EmptyState
            icon={<IconMailCheck size={30} stroke={1.5} aria-hidden="true" />}
            title={t('mail.failed.outgoingEmpty')}
          />
        ) : (
          <Paper withBorder radius="md" style={{ overflowX: 'auto' }}>
            <Table verticalSpacing="xs" aria-label={t('mail.failed.outgoingTitle')} miw={720}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('mail.failed.queued')}</Table.Th>
                  <Table.Th>{t('mail.failed.kind')}</Table.Th>
                  <Table.Th>{t('mail.failed.error')}</Table.Th>
                  <Table.Th>{t('mail.failed.attempts')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {outbox.map((item) => (
                  <Table.Tr key={item.id}>
                    <Table.Td>
                      <Text fz="sm">{format.dateTime(item.createdAt)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text fz="sm">
                        {t(`mail.failed.kinds.${item.type.replace(/@\d+$/, '')}`, { defaultValue: item.type })}
                      </Text>
                    </Table.Td>
                    <Table.Td maw={360}>
                      <Text fz="xs" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                        {item.lastError ?? '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color="red">
                        {item.attempts}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="light"
                        loading={resend.isPending && resend.variables?.[0] === item.id}
                        onClick={() => resend.mutate([item.id])}
                        aria-label={t('mail.failed.resendOne', { date: format.dateTime(item.createdAt) })}
                      >
                        {t('mail.failed.resend')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        )}
      </Section>
    </Stack>
  );
}

function Section({
  title,
  intro,
  action,
  children,
}: {
  title: string;
  intro: string;
  action: ReactNode;
  children: ReactNode;
}) {
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
        {action}
      </Group>
      {children}
    </Stack>
  );
}

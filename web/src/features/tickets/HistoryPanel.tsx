import { Skeleton, Stack, Text, Timeline } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { HistoryEntry, Ticket } from '../../app/api-types.ts';
import { useFormat } from '../../app/useFormat.ts';
import { usePeople } from '../lookups/useLookups.ts';
import { historyQuery } from './queries.ts';

const KNOWN_FIELDS = [
  'created',
  'subject',
  'status',
  'priority',
  'type',
  'category',
  'departmentId',
  'assigneeId',
  'requesterId',
  'channel',
  'flag',
  'dueAt',
  'tags',
  'message',
  'followerIds',
  'ccContactIds',
  'mergedInto',
  'mergedFrom',
  'splitFrom',
  'splitInto',
  'task',
  'task_status',
  'playbook',
  'protocol',
  'protocol_step',
  'protocol_completed',
  'time_entry',
  'rule',
  'rule_failed',
  'queuePosition',
  'reminder',
  'sla',
  'satisfaction',
  'satisfaction_comment',
] as const;
type KnownField = (typeof KNOWN_FIELDS)[number];

/** Every change to the ticket: who, when, what, from and to (the audit trail agents read). */
export function HistoryPanel({ ticket }: { ticket: Ticket }) {
  const history = useQuery(historyQuery(ticket.id));
  const describe = useDescribe();

  return (
    <Stack gap="sm">
      {history.isPending ? (
        <Skeleton height={80} />
      ) : (
        <Timeline bulletSize={10} lineWidth={2} active={-1}>
          {[...(history.data?.items ?? [])].reverse().map((entry) => (
            <Timeline.Item
              key={entry.id}
              title={
                <Text fz="xs" fw={600}>
                  {describe.actor(entry)}
                </Text>
              }
            >
              <Text fz="xs">{describe.change(entry)}</Text>
              <Text fz={11} c="dimmed" component="time" dateTime={entry.createdAt}>
                {describe.when(entry.createdAt)}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </Stack>
  );
}

/** History entries in words; also used for what rules changed in a save (RuleChangesNotice). */
export function useDescribe() {
  const { t } = useTranslation();
  const format = useFormat();
  const { agentById, departmentById } = usePeople();

  function valueText(field: string, value: string | null): string {
    if (value === null || value === '') return t('history.empty');
    if (field === 'assigneeId') return agentById.get(value)?.name ?? value;
    if (field === 'departmentId') return departmentById.get(value)?.name ?? value;
    if (field === 'priority') return t(`ticket.priority.${value as 'normal'}`, { defaultValue: value });
    if (field === 'channel') return t(`ticket.channel.${value as 'email'}`, { defaultValue: value });
    if (field === 'flag') return t(`ticket.flag.${value as 'orange'}`, { defaultValue: value });
    if (field === 'dueAt') return format.dateTime(value);
    if (field === 'message') return t(`conversation.kind.${value as 'note'}`, { defaultValue: value });
    if (field === 'satisfaction') return t(`satisfaction.ratings.${value as 'good'}`, { defaultValue: value });
    return value;
  }

  return {
    actor(entry: HistoryEntry): string {
      if (entry.actorKind === 'agent' && entry.actorId) return agentById.get(entry.actorId)?.name ?? t('history.agent');
      if (entry.actorKind === 'contact') return t('history.customer');
      return t('history.system');
    },
    change(entry: Pick<HistoryEntry, 'field' | 'from' | 'to'>): string {
      const [base = entry.field, detail] = entry.field.split(/\.(.*)/s);
      const known = (KNOWN_FIELDS as readonly string[]).includes(base);
      const field =
        base === 'customFields' && detail
          ? detail
          : known
            ? `${t(`history.fields.${base as KnownField}`)}${detail ? ` (${detail})` : ''}`
            : entry.field;
      if (entry.field === 'created') return t('history.created', { number: entry.to ?? '' });
      if (entry.field === 'message') return t('history.message', { kind: valueText('message', entry.to) });
      if (entry.field === 'rule') return t('history.rule', { name: entry.to ?? '' });
      if (entry.from === null && entry.to !== null)
        return t('history.set', { field, to: valueText(entry.field, entry.to) });
      if (entry.to === null && entry.from !== null) {
        return t('history.removed', { field, from: valueText(entry.field, entry.from) });
      }
      return t('history.changed', {
        field,
        from: valueText(entry.field, entry.from),
        to: valueText(entry.field, entry.to),
      });
    },
    when: (iso: string) => `${format.dateTime(iso)} · ${format.relative(iso)}`,
  };
}

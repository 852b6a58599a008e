import { Alert, List } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconRobot } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { RuleChange, SavedTicket } from '../../app/api-types.ts';
import { useDescribe } from './HistoryPanel.tsx';

/** Where the last save's rule changes wait for the ticket page (also across the jump from "Nuevo ticket"). */
const ruleChangesKey = (ticketId: string) => ['ticket', ticketId, 'rule-changes'] as const;

function useRuleLines() {
  const { t } = useTranslation();
  const describe = useDescribe();
  return (changes: RuleChange[]) =>
    changes.map((change) => t('ticket.ruleChanges.line', { rule: change.rule, change: describe.change(change) }));
}

/**
 * After a save: what rules changed in it is said at once in a toast and kept for the ticket page
 * (issue 13: an agent's choice never changes without a word).
 */
export function useReportRuleChanges() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const lines = useRuleLines();
  return (saved: SavedTicket) => {
    queryClient.setQueryData(ruleChangesKey(saved.id), saved.ruleChanges);
    if (saved.ruleChanges.length === 0) return;
    notifications.show({
      color: 'blue',
      title: t('ticket.ruleChanges.title'),
      message: lines(saved.ruleChanges).join('\n'),
      autoClose: 10_000,
      style: { whiteSpace: 'pre-line' },
    });
  };
}

/** The rule changes of the agent's last save on this ticket, until dismissed or the next save. */
export function RuleChangesNotice({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const lines = useRuleLines();
  const changes = useQuery({
    queryKey: ruleChangesKey(ticketId),
    queryFn: () => [] as RuleChange[],
    enabled: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
  if (!changes.data || changes.data.length === 0) return null;
  return (
    <Alert
      color="blue"
      variant="light"
      icon={<IconRobot size={18} aria-hidden="true" />}
      title={t('ticket.ruleChanges.title')}
      withCloseButton
      closeButtonLabel={t('ticket.ruleChanges.dismiss')}
      onClose={() => queryClient.setQueryData(ruleChangesKey(ticketId), [])}
      role="status"
    >
      <List size="sm" spacing={2}>
        {lines(changes.data).map((line) => (
          <List.Item key={line}>{line}</List.Item>
        ))}
      </List>
    </Alert>
  );
}

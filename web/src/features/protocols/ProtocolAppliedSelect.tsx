import { Select } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/error-message.ts';
import { ticketKeys } from '../tickets/queries.ts';
import { appliedProtocolsQuery, applyProtocol, protocolKeys, protocolsQuery } from './api.ts';

const APPLY = 'apply:';

/**
 * The activity's "Protocolo aplicado" (000: "indicar si se aplicó algún protocolo"): one of the
 * protocols applied on this ticket, or another applied from here at once (it joins the ticket's
 * checklists and is chosen).
 */
export function ProtocolAppliedSelect({
  ticketId,
  value,
  onChange,
}: {
  ticketId: string;
  value: string | null;
  onChange: (appliedId: string | null) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const applied = useQuery(appliedProtocolsQuery(ticketId));
  const protocols = useQuery(protocolsQuery());
  const apply = useMutation({
    mutationFn: (protocolId: string) => applyProtocol(ticketId, protocolId),
    onSuccess: (created) => {
      onChange(created.id);
      void queryClient.invalidateQueries({ queryKey: protocolKeys.ofTicket(ticketId) });
      void queryClient.invalidateQueries({ queryKey: ticketKeys.part(ticketId, 'history') });
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(t, error) }),
  });
  const onTicket = applied.data?.items ?? [];
  const data = [
    {
      group: t('activity.protocol.appliedGroup'),
      items: onTicket.map((p) => ({
        value: p.id,
        label: p.completedAt
          ? `${p.title} (${t('protocols.completed').toLowerCase()})`
          : `${p.title} (${t('protocols.progress', { done: p.steps.filter((s) => s.doneAt).length, total: p.steps.length })})`,
      })),
    },
    {
      group: t('activity.protocol.applyGroup'),
      items: (protocols.data?.items ?? []).map((p) => ({
        value: `${APPLY}${p.id}`,
        label: t('activity.protocol.applyNow', { title: p.title }),
      })),
    },
  ].filter((group) => group.items.length > 0);

  return (
    <Select
      label={t('activity.fields.protocolApplied')}
      placeholder={t('activity.protocolPlaceholder')}
      data={data}
      value={value}
      onChange={(next) => {
        if (next?.startsWith(APPLY)) apply.mutate(next.slice(APPLY.length));
        else onChange(next);
      }}
      disabled={apply.isPending}
      clearable
      searchable
      nothingFoundMessage={t('activity.protocol.none')}
    />
  );
}

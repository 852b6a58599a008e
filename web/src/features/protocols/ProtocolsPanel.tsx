import { Badge, Button, Checkbox, Group, Paper, Progress, Select, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconMessagePlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppliedProtocol } from '../../app/api-types.ts';
import { errorMessage } from '../../app/error-message.ts';
import { useFormat } from '../../app/useFormat.ts';
import { useTicketSettings } from '../lookups/useLookups.ts';
import { renderMacro } from '../tickets/api.ts';
import { ticketKeys } from '../tickets/queries.ts';
import {
  appliedProtocolAnchor,
  appliedProtocolsQuery,
  applyProtocol,
  protocolKeys,
  protocolsQuery,
  tickStep,
} from './api.ts';
import { describeSets } from './describe-sets.ts';

/**
 * "Aplicar protocolo" (seed 002's procedures): the protocol's steps become a checklist on the
 * ticket; each tick is kept in the history, and a step that sends a script puts it in the composer.
 */
export function ProtocolsPanel({
  ticketId,
  disabled,
  onUseScript,
}: {
  ticketId: string;
  disabled: boolean;
  onUseScript: (text: string) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const protocols = useQuery(protocolsQuery());
  const applied = useQuery(appliedProtocolsQuery(ticketId));
  const [chosen, setChosen] = useState<string | null>(null);
  const apply = useMutation({
    mutationFn: (protocolId: string) => applyProtocol(ticketId, protocolId),
    onSuccess: () => {
      setChosen(null);
      void queryClient.invalidateQueries({ queryKey: protocolKeys.ofTicket(ticketId) });
      void queryClient.invalidateQueries({ queryKey: ticketKeys.part(ticketId, 'history') });
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(t, error) }),
  });

  return (
    <Stack gap="sm" component="section" aria-label={t('protocols.title')}>
      <Title order={2} fz="md">
        {t('protocols.title')}
      </Title>
      {applied.data?.items.map((protocol) => (
        <AppliedCard
          key={protocol.id}
          protocol={protocol}
          ticketId={ticketId}
          disabled={disabled}
          onUseScript={onUseScript}
        />
      ))}
      {!disabled && (
        <Group align="flex-end" gap="xs">
          <Select
            label={t('protocols.choose')}
            placeholder={t('protocols.choosePlaceholder')}
            data={(protocols.data?.items ?? []).map((p) => ({ value: p.id, label: p.title }))}
            value={chosen}
            onChange={setChosen}
            searchable
            style={{ flex: '1 1 240px' }}
          />
          <Button
            variant="light"
            disabled={!chosen}
            loading={apply.isPending}
            onClick={() => chosen && apply.mutate(chosen)}
          >
            {t('protocols.apply')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function AppliedCard({
  protocol,
  ticketId,
  disabled,
  onUseScript,
}: {
  protocol: AppliedProtocol;
  ticketId: string;
  disabled: boolean;
  onUseScript: (text: string) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const settings = useTicketSettings();
  const queryClient = useQueryClient();
  const done = protocol.steps.filter((s) => s.doneAt).length;
  const total = protocol.steps.length;
  const tick = useMutation({
    mutationFn: ({ step, checked }: { step: number; checked: boolean }) =>
      tickStep(ticketId, protocol.id, step, checked),
    onSuccess: (updated, { step, checked }) => {
      queryClient.setQueryData(protocolKeys.ofTicket(ticketId), (old: { items: AppliedProtocol[] } | undefined) =>
        old ? { ...old, items: old.items.map((p) => (p.id === updated.id ? updated : p)) } : old,
      );
      void queryClient.invalidateQueries({ queryKey: ticketKeys.part(ticketId, 'history') });
      // The step changed the ticket itself: its header and properties show the new value at once.
      if (checked && updated.steps.find((s) => s.position === step)?.sets) {
        void queryClient.invalidateQueries({ queryKey: ['ticket'] });
      }
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(t, error) }),
  });
  const script = useMutation({
    mutationFn: (macroId: string) => renderMacro(macroId, ticketId),
    onSuccess: (rendered) => onUseScript(rendered.body),
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(t, error) }),
  });

  return (
    <Paper
      withBorder
      radius="md"
      p="sm"
      data-applied-protocol={protocol.id}
      id={appliedProtocolAnchor(protocol.id)}
      tabIndex={-1}
    >
      <Stack gap="xs">
        <Group justify="space-between" gap="xs" wrap="nowrap">
          <Text fw={600} fz="sm">
            {protocol.title}
          </Text>
          {protocol.completedAt ? (
            <Badge color="teal" variant="light" data-protocol-completed>
              {t('protocols.completed')}
            </Badge>
          ) : (
            <Text fz="xs" c="dimmed">
              {t('protocols.progress', { done, total })}
            </Text>
          )}
        </Group>
        <Progress value={total ? (100 * done) / total : 0} size="sm" color="teal" aria-hidden="true" />
        {protocol.steps.map((step) => (
          <Stack key={step.position} gap={2}>
            <Checkbox
              label={`${step.position}. ${step.text}`}
              aria-label={t('protocols.step', { position: step.position, text: step.text })}
              checked={step.doneAt !== null}
              disabled={disabled || tick.isPending}
              onChange={(event) => tick.mutate({ step: step.position, checked: event.currentTarget.checked })}
            />
            <Group gap="xs" pl={30}>
              {step.sets && (
                <Badge variant="light" color="indigo" size="sm" tt="none" data-step-sets>
                  {t('protocols.sets', { change: describeSets(t, step.sets, settings) })}
                </Badge>
              )}
              {step.doneAt && (
                <Text fz="xs" c="dimmed">
                  {t('protocols.doneBy', { name: step.doneByName ?? '—', time: format.dateTime(step.doneAt) })}
                </Text>
              )}
              {step.macroId && step.macroName && !disabled && (
                <Button
                  size="compact-xs"
                  variant="subtle"
                  leftSection={<IconMessagePlus size={14} aria-hidden="true" />}
                  loading={script.isPending && script.variables === step.macroId}
                  onClick={() => step.macroId && script.mutate(step.macroId)}
                >
                  {t('protocols.insertScript', { name: step.macroName })}
                </Button>
              )}
            </Group>
          </Stack>
        ))}
      </Stack>
    </Paper>
  );
}

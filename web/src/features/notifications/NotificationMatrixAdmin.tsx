import { Badge, Button, Checkbox, Group, MultiSelect, Paper, Select, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError, LoadingLines } from '../../app/ui/States.tsx';
import { useAdminMutation } from '../admin/useAdminMutation.ts';
import { usePeople } from '../lookups/useLookups.ts';
import {
  DEFAULT_MATRIX_ID,
  inheritMatrix,
  type MatrixEntry,
  type MatrixOptions,
  matrixOptionsQuery,
  matrixQuery,
  notificationKeys,
  saveMatrix,
} from './api.ts';
import { DueLeadSetting } from './DueLeadSetting.tsx';
import { setCellTemplate, setNamedAgents, toggleCell } from './matrix-editing.ts';

type Event = MatrixEntry['event'];
type Template = MatrixEntry['template'];
/** The columns of the matrix: one per kind of recipient; named agents are one column with a list. */
const ROLE_COLUMNS = ['requester', 'assignee', 'department', 'supervisors'] as const;
type RoleColumn = (typeof ROLE_COLUMNS)[number];

/** Who hears of what, per department: a table of events × recipients, each cell with its mail template. */
export function NotificationMatrixAdmin() {
  const { t } = useTranslation();
  const { departments } = usePeople();
  const [scope, setScope] = useState<string>(DEFAULT_MATRIX_ID);
  const options = useQuery(matrixOptionsQuery);
  const matrix = useQuery(matrixQuery(scope));

  const scopes = [
    { value: DEFAULT_MATRIX_ID, label: t('notifications.matrix.defaultScope') },
    ...departments.map((d) => ({ value: d.id, label: d.name })),
  ];

  return (
    <Stack gap="md">
      <Text c="dimmed" fz="sm">
        {t('notifications.matrix.intro')}
      </Text>
      <DueLeadSetting />
      <Group align="flex-end">
        <Select
          label={t('notifications.matrix.department')}
          data={scopes}
          value={scope}
          onChange={(value) => value && setScope(value)}
          allowDeselect={false}
          w={320}
        />
        {matrix.data && scope !== DEFAULT_MATRIX_ID && (
          <Badge variant="light" color={matrix.data.inherited ? 'gray' : 'indigo'}>
            {matrix.data.inherited ? t('notifications.matrix.inherited') : t('notifications.matrix.own')}
          </Badge>
        )}
      </Group>
      {options.isPending || matrix.isPending ? (
        <LoadingLines />
      ) : options.isError || matrix.isError ? (
        <LoadError
          error={options.error ?? matrix.error}
          onRetry={() => {
            void options.refetch();
            void matrix.refetch();
          }}
        />
      ) : (
        <MatrixEditor
          key={`${scope}:${matrix.dataUpdatedAt}`}
          scope={scope}
          options={options.data}
          entries={matrix.data.entries}
          inherited={matrix.data.inherited}
        />
      )}
    </Stack>
  );
}

function MatrixEditor({
  scope,
  options,
  entries: initial,
  inherited,
}: {
  scope: string;
  options: MatrixOptions;
  entries: MatrixEntry[];
  inherited: boolean;
}) {
  const { t } = useTranslation();
  const { agents } = usePeople();
  const [entries, setEntries] = useState<MatrixEntry[]>(initial);
  useEffect(() => setEntries(initial), [initial]);
  const refresh = [[...notificationKeys.matrix(scope)]];
  const save = useAdminMutation(saveMatrix, { refresh });
  const inherit = useAdminMutation(inheritMatrix, { refresh });
  const events = options.events as Event[];
  const agentOptions = useMemo(
    () => agents.filter((a) => a.active).map((a) => ({ value: a.id, label: `${a.name} (${a.initials})` })),
    [agents],
  );
  const templateData = (recipient: string) =>
    ((recipient === 'requester' ? options.customerTemplates : options.agentTemplates) as Template[]).map((key) => ({
      value: key,
      label: t(`notifications.templates.${key}`),
    }));
  const agentDefault = (event: Event) => (options.defaultAgentTemplates[event] ?? 'agent_ticket_updated') as Template;

  const cell = (event: Event, recipient: RoleColumn) =>
    entries.find((e) => e.event === event && e.recipient === recipient);
  const named = (event: Event) => entries.filter((e) => e.event === event && e.recipient === 'agent');

  const toggle = (event: Event, recipient: RoleColumn, on: boolean) =>
    setEntries((current) => toggleCell(current, event, recipient, on, agentDefault(event)));
  const setTemplate = (event: Event, recipient: RoleColumn | 'agent', template: Template) =>
    setEntries((current) => setCellTemplate(current, event, recipient, template));
  const setNamed = (event: Event, agentIds: string[]) =>
    setEntries((current) => setNamedAgents(current, event, agentIds, agentDefault(event)));

  const changed = JSON.stringify(entries) !== JSON.stringify(initial);

  return (
    <Paper withBorder radius="md" p="md">
      <Table.ScrollContainer minWidth={1100}>
        <Table verticalSpacing="sm" withColumnBorders>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('notifications.matrix.event')}</Table.Th>
              {ROLE_COLUMNS.map((r) => (
                <Table.Th key={r}>{t(`notifications.recipients.${r}`)}</Table.Th>
              ))}
              <Table.Th>{t('notifications.recipients.agent')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {events.map((event) => {
              const eventLabel = t(`notifications.events.${event}`);
              const people = named(event);
              return (
                <Table.Tr key={event}>
                  <Table.Th scope="row" fw={500}>
                    {eventLabel}
                  </Table.Th>
                  {ROLE_COLUMNS.map((recipient) => {
                    const entry = cell(event, recipient);
                    const recipientLabel = t(`notifications.recipients.${recipient}`);
                    return (
                      <Table.Td key={recipient} miw={170}>
                        <Stack gap={6}>
                          <Checkbox
                            aria-label={t('notifications.matrix.cellLabel', {
                              event: eventLabel,
                              recipient: recipientLabel,
                            })}
                            checked={entry !== undefined}
                            onChange={(e) => toggle(event, recipient, e.currentTarget.checked)}
                          />
                          {entry && (
                            <Select
                              size="xs"
                              aria-label={t('notifications.matrix.templateFor', {
                                event: eventLabel,
                                recipient: recipientLabel,
                              })}
                              data={templateData(recipient)}
                              value={entry.template}
                              allowDeselect={false}
                              onChange={(value) => value && setTemplate(event, recipient, value as Template)}
                            />
                          )}
                        </Stack>
                      </Table.Td>
                    );
                  })}
                  <Table.Td miw={240}>
                    <Stack gap={6}>
                      <MultiSelect
                        size="xs"
                        aria-label={t('notifications.matrix.namedFor', { event: eventLabel })}
                        placeholder={people.length === 0 ? t('notifications.matrix.nobody') : undefined}
                        data={agentOptions}
                        value={people.map((p) => p.agentId ?? '')}
                        onChange={(ids) => setNamed(event, ids)}
                        searchable
                      />
                      {people.length > 0 && (
                        <Select
                          size="xs"
                          aria-label={t('notifications.matrix.templateFor', {
                            event: eventLabel,
                            recipient: t('notifications.recipients.agent'),
                          })}
                          data={templateData('agent')}
                          value={people[0]?.template ?? null}
                          allowDeselect={false}
                          onChange={(value) => value && setTemplate(event, 'agent', value as Template)}
                        />
                      )}
                    </Stack>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text fz="xs" c="dimmed" mt="sm">
        {t('notifications.matrix.personalNote')}
      </Text>
      <Group justify="flex-end" mt="md">
        {scope !== DEFAULT_MATRIX_ID && !inherited && (
          <Button variant="default" loading={inherit.isPending} onClick={() => inherit.mutate(scope)}>
            {t('notifications.matrix.useDefault')}
          </Button>
        )}
        <Button variant="default" disabled={!changed} onClick={() => setEntries(initial)}>
          {t('common.cancel')}
        </Button>
        <Button
          loading={save.isPending}
          disabled={!changed && !(inherited && scope !== DEFAULT_MATRIX_ID)}
          onClick={() => save.mutate({ departmentId: scope, entries })}
        >
          {scope !== DEFAULT_MATRIX_ID && inherited ? t('notifications.matrix.saveOwn') : t('common.save')}
        </Button>
      </Group>
    </Paper>
  );
}

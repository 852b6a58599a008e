import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Fieldset,
  Group,
  List,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/error-message.ts';
import { RecordName, RecordsList } from '../../app/ui/RecordsList.tsx';
import { useAdminMutation } from '../admin/useAdminMutation.ts';
import { type Action, ActionsEditor, useDescribeAction } from './ActionsEditor.tsx';
import {
  automationKeys,
  createTrigger,
  deleteRule,
  type Rule,
  type TestResult,
  type TriggerEvent,
  type TriggerInput,
  testTrigger,
  updateTrigger,
} from './api.ts';
import { ConditionEditor } from './ConditionEditor.tsx';
import { fieldProblem, problemAt } from './field-errors.ts';
import { triggersQuery } from './queries.ts';
import { EditorButtons, RecordEditorModal, SaveProblem, useListChanges } from './shared.tsx';

const EVENTS: readonly TriggerEvent[] = [
  'created',
  'updated',
  'message_from_customer',
  'message_from_agent',
  'satisfaction_rated',
];

function triggerInput(rule: Rule): TriggerInput {
  return {
    name: rule.name,
    position: rule.position,
    active: rule.active,
    events: rule.events,
    conditions: rule.conditions,
    actions: rule.actions,
  };
}

/** Triggers: on an event, in order, each rule whose conditions match runs its actions once. */
export function TriggersAdmin() {
  const { t } = useTranslation();
  const triggers = useQuery(triggersQuery);
  const describe = useDescribeAction();
  const [editing, setEditing] = useState<Rule | 'new' | null>(null);
  const { remove, reorder, toggle } = useListChanges(automationKeys.triggers, deleteRule, updateTrigger, triggerInput);

  return (
    <RecordsList
      intro={t('automation.triggers.intro')}
      newLabel={t('automation.triggers.new')}
      onNew={() => setEditing('new')}
      query={triggers}
      empty={{ title: t('automation.triggers.none') }}
      label={t('admin.sections.triggers')}
      miw={760}
      name={(rule) => rule.name}
      reorder={{ move: (order) => reorder.mutate(order), pending: reorder.isPending }}
      toggle={(rule) => toggle.mutate(rule)}
      columns={[
        { header: t('automation.triggers.name'), cell: (rule) => <RecordName>{rule.name}</RecordName> },
        {
          header: t('automation.triggers.events'),
          w: 200,
          cell: (rule) => (
            <Group gap={4}>
              {rule.events.map((e) => (
                <Badge key={e} size="xs" variant="light" tt="none">
                  {t(`automation.events.${e}`)}
                </Badge>
              ))}
            </Group>
          ),
        },
        {
          header: t('automation.actions.legend'),
          cell: (rule) => (
            <Text fz="xs" c="dimmed" lineClamp={2}>
              {rule.actions.map(describe).join(' · ')}
            </Text>
          ),
        },
      ]}
      edit={{ onEdit: setEditing, onRemove: (rule) => remove.mutate(rule.id) }}
    >
      <RecordEditorModal editing={editing} onClose={() => setEditing(null)} newTitle={t('automation.triggers.new')}>
        {(rule) => <TriggerEditor rule={rule} onDone={() => setEditing(null)} />}
      </RecordEditorModal>
    </RecordsList>
  );
}

const EMPTY: TriggerInput = { name: '', active: true, events: ['created'], conditions: { all: [] }, actions: [] };

function TriggerEditor({ rule, onDone }: { rule: Rule | null; onDone: () => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<TriggerInput>(() => (rule ? triggerInput(rule) : EMPTY));
  const save = useAdminMutation(
    (input: TriggerInput) => (rule ? updateTrigger(rule.id, input) : createTrigger(input)),
    { refresh: [[...automationKeys.triggers]], onSuccess: onDone },
  );
  const problem = save.isError ? fieldProblem(save.error) : null;
  const here = (path: string) =>
    problemAt(problem, path) ? t('automation.invalidHere', { named: problem?.named ?? '' }) : undefined;
  const body = { ...draft, name: draft.name.trim() };

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(body);
  }

  return (
    <Stack gap="md">
      <Stack gap="md" component="form" onSubmit={submit} aria-label={t('automation.triggers.form')}>
        <SaveProblem error={save.error} />
        <Group grow align="flex-start">
          <TextInput
            label={t('automation.triggers.name')}
            value={draft.name}
            onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
            error={here('name')}
            required
          />
          <Switch
            mt="lg"
            label={t('admin.active')}
            checked={draft.active ?? true}
            onChange={(e) => setDraft({ ...draft, active: e.currentTarget.checked })}
          />
        </Group>
        <Checkbox.Group
          label={t('automation.triggers.events')}
          description={t('automation.triggers.eventsHint')}
          value={draft.events}
          onChange={(events) => setDraft({ ...draft, events: events as TriggerEvent[] })}
          error={problem?.field.startsWith('events') ? t('automation.triggers.needEvent') : undefined}
        >
          <Group gap="md" mt={6}>
            {EVENTS.map((e) => (
              <Checkbox key={e} value={e} label={t(`automation.events.${e}`)} />
            ))}
          </Group>
        </Checkbox.Group>
        <ConditionEditor
          label={t('automation.triggers.conditions')}
          value={draft.conditions ?? {}}
          problem={problem}
          onChange={(conditions) => setDraft({ ...draft, conditions })}
        />
        <ActionsEditor
          actions={draft.actions as Action[]}
          problem={problem}
          onChange={(actions) => setDraft({ ...draft, actions })}
        />
        <EditorButtons onCancel={onDone} saving={save.isPending} />
      </Stack>
      <RuleTester rule={body} />
    </Stack>
  );
}

/**
 * "Probar esta regla con el ticket X": the server evaluates the rule as drafted (saved or not)
 * against the ticket as it is now, and says whether it matches and what it would do. Nothing changes.
 */
function RuleTester({ rule }: { rule: TriggerInput }) {
  const { t } = useTranslation();
  const describe = useDescribeAction();
  const [ticket, setTicket] = useState('');
  const [event, setEvent] = useState<TriggerEvent | null>(null);
  const test = useMutation({ mutationFn: testTrigger });
  const result: TestResult | undefined = test.data;
  const problem = test.isError ? fieldProblem(test.error) : null;

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!ticket.trim()) return;
    test.mutate({ rule, ticket: ticket.trim(), ...(event ? { event } : {}) });
  }

  return (
    <Fieldset legend={t('automation.test.legend')}>
      <Stack gap="sm" component="form" onSubmit={submit} aria-label={t('automation.test.legend')}>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput
            label={t('automation.test.ticket')}
            placeholder="OP10044"
            value={ticket}
            onChange={(e) => setTicket(e.currentTarget.value)}
            required
          />
          <Select
            label={t('automation.test.event')}
            placeholder={t('automation.test.firstEvent')}
            data={EVENTS.map((e) => ({ value: e, label: t(`automation.events.${e}`) }))}
            value={event}
            clearable
            onChange={(v) => setEvent(v as TriggerEvent | null)}
          />
          <Button type="submit" variant="light" loading={test.isPending}>
            {t('automation.test.run')}
          </Button>
        </Group>
        <div aria-live="polite">
          {test.isError && (
            <Alert color="red" variant="light" role="alert">
              {errorMessage(t, test.error)}
              {problem && ` ${t('automation.invalidHere', { named: problem.named })} (${problem.field})`}
            </Alert>
          )}
          {result && !test.isPending && (
            <Alert
              color={result.matches ? 'teal' : 'gray'}
              variant="light"
              icon={result.matches ? <IconCheck aria-hidden="true" /> : <IconX aria-hidden="true" />}
              title={t(result.matches ? 'automation.test.matches' : 'automation.test.noMatch', {
                number: result.ticketNumber,
              })}
            >
              {result.matches ? (
                <>
                  <Text fz="sm">{t('automation.test.wouldDo')}</Text>
                  <List size="sm" mt={4}>
                    {result.actions.map((action, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: draft rows have no id; the server names them by position
                      <List.Item key={i}>{describe(action)}</List.Item>
                    ))}
                  </List>
                </>
              ) : (
                <Text fz="sm">{t('automation.test.nothing')}</Text>
              )}
            </Alert>
          )}
        </div>
      </Stack>
    </Fieldset>
  );
}

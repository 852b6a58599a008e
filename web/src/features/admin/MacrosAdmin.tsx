import {
  Badge,
  Button,
  Code,
  Group,
  Modal,
  Select,
  Stack,
  Switch,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FLAGS, type Macro, type MacroActions, PRIORITIES } from '../../app/api-types.ts';
import { RecordName, RecordsList } from '../../app/ui/RecordsList.tsx';
import { useCurrentUser } from '../auth/useSession.ts';
import { useTicketSettings } from '../lookups/useLookups.ts';
import { useActionLines } from '../tickets/MacroPreview.tsx';
import { macrosQuery, ticketKeys } from '../tickets/queries.ts';
import { createMacro, deleteMacro, type MacroInput, updateMacro } from './api.ts';
import { useAdminMutation } from './useAdminMutation.ts';

/** The placeholders the server fills (src/core/conversation/macro-template.ts). */
export const PLACEHOLDERS = [
  'contact.first_name',
  'contact.name',
  'agent.name',
  'agent.first_name',
  'organization.name',
  'organization.code',
  'ticket.number',
  'ticket.subject',
] as const;

/** Canned responses (Wolk's payment scripts, OpenPyme's acknowledgement) with placeholders and actions. */
export function MacrosAdmin() {
  const { t } = useTranslation();
  const macros = useQuery({ ...macrosQuery, select: (page) => page.items });
  const [editing, setEditing] = useState<Macro | 'new' | null>(null);
  const remove = useAdminMutation((id: string) => deleteMacro(id), { refresh: [[...ticketKeys.macros]] });

  return (
    <RecordsList
      intro={t('admin.macros.intro')}
      newLabel={t('admin.macros.new')}
      onNew={() => setEditing('new')}
      query={macros}
      empty={{ title: t('admin.macros.none') }}
      label={t('admin.sections.macros')}
      miw={640}
      name={(macro) => macro.name}
      columns={[
        { header: t('admin.macros.name'), cell: (macro) => <RecordName>{macro.name}</RecordName> },
        {
          header: t('admin.macros.body'),
          cell: (macro) => (
            <Text fz="xs" c="dimmed" lineClamp={2} maw={520}>
              {macro.body}
            </Text>
          ),
        },
        {
          header: t('admin.macros.scope'),
          w: 110,
          cell: (macro) => (
            <Badge size="sm" variant="light" color={macro.scope === 'shared' ? 'indigo' : 'gray'}>
              {t(`admin.macros.scopes.${macro.scope}`)}
            </Badge>
          ),
        },
      ]}
      edit={{
        onEdit: setEditing,
        onRemove: (macro) => remove.mutate(macro.id),
        labels: (name) => ({
          edit: t('admin.macros.edit', { name }),
          remove: t('admin.macros.remove', { name }),
          confirmRemove: t('admin.macros.confirmRemove', { name }),
        }),
      }}
    >
      <MacroModal macro={editing} onClose={() => setEditing(null)} />
    </RecordsList>
  );
}

function MacroModal({ macro, onClose }: { macro: Macro | 'new' | null; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const settings = useTicketSettings();
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const [name, setName] = useState('');
  const [body, setBody] = useState('');
  const [shared, setShared] = useState(true);
  const [actions, setActions] = useState<MacroActions>({});
  const existing = macro && macro !== 'new' ? macro : null;
  const canShare = me.role !== 'agent';

  useEffect(() => {
    if (!macro) return;
    setName(existing?.name ?? '');
    setBody(existing?.body ?? '');
    setShared(existing ? existing.scope === 'shared' : canShare);
    setActions(existing?.actions ?? {});
  }, [macro, existing, canShare]);

  const save = useAdminMutation(
    (input: MacroInput) => (existing ? updateMacro(existing.id, input) : createMacro(input)),
    { refresh: [[...ticketKeys.macros]], onSuccess: onClose },
  );
  const actionLines = useActionLines(actions);

  function insert(placeholder: string) {
    const text = `{{${placeholder}}}`;
    const area = bodyRef.current;
    if (!area) return setBody((b) => b + text);
    const start = area.selectionStart ?? body.length;
    const end = area.selectionEnd ?? body.length;
    setBody(body.slice(0, start) + text + body.slice(end));
    window.setTimeout(() => {
      area.focus();
      area.setSelectionRange(start + text.length, start + text.length);
    }, 0);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim() || !body.trim()) return;
    const clean: MacroActions = {};
    if (actions.status) clean.status = actions.status;
    if (actions.priority) clean.priority = actions.priority;
    if (actions.type) clean.type = actions.type;
    if (actions.flag !== undefined) clean.flag = actions.flag;
    if (actions.tagsAdd?.length) clean.tagsAdd = actions.tagsAdd;
    if (actions.tagsRemove?.length) clean.tagsRemove = actions.tagsRemove;
    save.mutate({ name: name.trim(), body, actions: clean, ...(existing ? {} : { shared }) });
  }

  return (
    <Modal
      opened={macro !== null}
      onClose={onClose}
      title={existing ? t('admin.macros.editTitle') : t('admin.macros.new')}
      size="xl"
      centered
    >
      <form onSubmit={submit}>
        <Stack gap="sm">
          <TextInput
            label={t('admin.macros.name')}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            data-autofocus
          />
          <Textarea
            ref={bodyRef}
            label={t('admin.macros.body')}
            required
            autosize
            minRows={6}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
          />
          <div>
            <Text fz="xs" c="dimmed" mb={4}>
              {t('admin.macros.placeholders')}
            </Text>
            <Group gap={6}>
              {PLACEHOLDERS.map((p) => (
                <Tooltip
                  key={p}
                  label={t(`admin.macros.placeholderHelp.${p.replace('.', '_') as 'contact_name'}`)}
                  withinPortal
                >
                  <Button size="compact-xs" variant="light" onClick={() => insert(p)}>
                    <Code bg="transparent" fz={11}>{`{{${p}}}`}</Code>
                  </Button>
                </Tooltip>
              ))}
            </Group>
          </div>
          <Text fw={600} fz="sm" mt="xs">
            {t('admin.macros.actions')}
          </Text>
          <Group grow align="flex-start">
            <Select
              label={t('ticket.fields.status')}
              clearable
              value={actions.status ?? null}
              onChange={(v) => setActions({ ...actions, status: v ?? undefined })}
              data={(settings?.statuses ?? []).filter((s) => s.active).map((s) => ({ value: s.name, label: s.name }))}
            />
            <Select
              label={t('ticket.fields.priority')}
              clearable
              value={actions.priority ?? null}
              onChange={(v) => setActions({ ...actions, priority: v ?? undefined })}
              data={PRIORITIES.map((p) => ({ value: p, label: t(`ticket.priority.${p}`) }))}
            />
            <Select
              label={t('ticket.fields.flag')}
              clearable
              value={actions.flag === undefined ? null : (actions.flag ?? 'none')}
              onChange={(v) =>
                setActions({ ...actions, flag: v === null ? undefined : v === 'none' ? null : (v as 'orange') })
              }
              data={[
                { value: 'none', label: t('ticket.flag.remove') },
                ...FLAGS.map((f) => ({ value: f, label: t(`ticket.flag.${f}`) })),
              ]}
            />
          </Group>
          <Group grow align="flex-start">
            <TagsInput
              label={t('admin.macros.tagsAdd')}
              value={actions.tagsAdd ?? []}
              onChange={(tagsAdd) => setActions({ ...actions, tagsAdd })}
            />
            <TagsInput
              label={t('admin.macros.tagsRemove')}
              value={actions.tagsRemove ?? []}
              onChange={(tagsRemove) => setActions({ ...actions, tagsRemove })}
            />
          </Group>
          {actionLines.length > 0 && (
            <Text fz="xs" c="dimmed">
              {t('macros.preview.actions')} {actionLines.join(' · ')}
            </Text>
          )}
          {!existing && (
            <Switch
              label={t('admin.macros.shared')}
              description={canShare ? t('admin.macros.sharedHint') : t('admin.macros.personalOnly')}
              checked={shared && canShare}
              disabled={!canShare}
              onChange={(e) => setShared(e.currentTarget.checked)}
            />
          )}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

import {
  Checkbox,
  Group,
  MultiSelect,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CHANNELS,
  type Channel,
  type CustomField,
  FLAGS,
  type Flag,
  PRIORITIES,
  type Priority,
  type Ticket,
  type TicketChanges,
} from '../../app/api-types.ts';
import { fromWallTime, toWallTime } from '../../app/time.ts';
import { DateField, DateTimeField } from '../../app/ui/DateFields.tsx';
import { useFormat } from '../../app/useFormat.ts';
import { usePeople, useTicketSettings } from '../lookups/useLookups.ts';
import { FlagMark } from './badges.tsx';

type Props = { ticket: Ticket; onChange: (changes: TicketChanges) => void; disabled?: boolean };

/** The ticket's fields, each saved the moment it changes (optimistically, see useTicketActions). */
export function TicketProperties({ ticket, onChange, disabled }: Props) {
  const { t } = useTranslation();
  const settings = useTicketSettings();
  const { agents, departments } = usePeople();
  const format = useFormat();

  const type = settings?.types.find((x) => x.id === ticket.typeId);
  const barred = new Set(type?.barredStatusIds ?? []);
  const statuses = (settings?.statuses ?? []).filter((s) => s.active || s.id === ticket.statusId);
  const fields = (settings?.fields ?? [])
    .filter((f) => f.typeId === ticket.typeId)
    .sort((a, b) => a.position - b.position);

  const [due, setDue] = useState(ticket.dueAt ? toWallTime(ticket.dueAt, format.timeZone) : '');
  useEffect(() => {
    setDue(ticket.dueAt ? toWallTime(ticket.dueAt, format.timeZone) : '');
  }, [ticket.dueAt, format.timeZone]);

  return (
    <Stack gap="sm">
      <Select
        label={t('ticket.fields.status')}
        value={ticket.statusId}
        allowDeselect={false}
        disabled={disabled}
        data={statuses.map((s) => ({
          value: s.id,
          label: barred.has(s.id) ? `${s.name} — ${t('ticket.properties.barred', { type: type?.name ?? '' })}` : s.name,
          disabled: barred.has(s.id),
        }))}
        onChange={(value) => value && value !== ticket.statusId && onChange({ status: value })}
      />
      <SimpleGrid cols={2} spacing="sm">
        <Select
          label={t('ticket.fields.priority')}
          value={ticket.priority}
          allowDeselect={false}
          disabled={disabled}
          data={PRIORITIES.map((p) => ({ value: p, label: t(`ticket.priority.${p}`) }))}
          onChange={(value) => value && value !== ticket.priority && onChange({ priority: value as Priority })}
        />
        <Select
          label={t('ticket.fields.channel')}
          value={ticket.channel}
          allowDeselect={false}
          disabled={disabled}
          data={CHANNELS.map((c) => ({ value: c, label: t(`ticket.channel.${c}`) }))}
          onChange={(value) => value && value !== ticket.channel && onChange({ channel: value as Channel })}
        />
      </SimpleGrid>
      <SimpleGrid cols={2} spacing="sm">
        <Select
          label={t('ticket.fields.type')}
          placeholder={t('ticket.properties.none')}
          value={ticket.typeId}
          clearable
          disabled={disabled}
          data={(settings?.types ?? [])
            .filter((x) => x.active || x.id === ticket.typeId)
            .map((x) => ({ value: x.id, label: x.name }))}
          onChange={(value) => value !== ticket.typeId && onChange({ type: value })}
        />
        <Select
          label={t('ticket.fields.category')}
          placeholder={t('ticket.properties.none')}
          value={ticket.categoryId}
          clearable
          disabled={disabled}
          data={(settings?.categories ?? [])
            .filter((x) => x.active || x.id === ticket.categoryId)
            .map((x) => ({ value: x.id, label: x.name }))}
          onChange={(value) => value !== ticket.categoryId && onChange({ category: value })}
        />
      </SimpleGrid>
      <Select
        label={t('ticket.fields.department')}
        placeholder={t('ticket.properties.none')}
        value={ticket.departmentId}
        clearable
        searchable
        disabled={disabled}
        data={departments
          .filter((d) => d.active || d.id === ticket.departmentId)
          .map((d) => ({ value: d.id, label: d.name }))}
        onChange={(value) => value !== ticket.departmentId && onChange({ departmentId: value })}
      />
      <Select
        label={t('ticket.fields.assignee')}
        placeholder={t('ticket.unassigned')}
        value={ticket.assigneeId}
        clearable
        searchable
        disabled={disabled}
        data={agents.filter((a) => a.active || a.id === ticket.assigneeId).map((a) => ({ value: a.id, label: a.name }))}
        onChange={(value) => value !== ticket.assigneeId && onChange({ assigneeId: value })}
      />
      <div>
        <Text component="span" fz="sm" fw={500} id={`flag-label-${ticket.id}`}>
          {t('ticket.fields.flag')}
        </Text>
        <SegmentedControl
          fullWidth
          size="xs"
          mt={4}
          aria-labelledby={`flag-label-${ticket.id}`}
          disabled={disabled}
          value={ticket.flag ?? 'none'}
          onChange={(value) => {
            const next = value === 'none' ? null : (value as Flag);
            if (next !== ticket.flag) onChange({ flag: next });
          }}
          data={[
            { value: 'none', label: t('ticket.flag.noneShort') },
            ...FLAGS.map((flag) => ({
              value: flag,
              label: (
                <Group gap={4} wrap="nowrap" justify="center">
                  <FlagMark flag={flag} size={13} />
                  <span aria-hidden="true">{t(`ticket.flag.${flag}`)}</span>
                  <VisuallyHidden>{t(`ticket.flag.meaning.${flag}`)}</VisuallyHidden>
                </Group>
              ),
            })),
          ]}
        />
        {ticket.flag && (
          <Text fz="xs" c="dimmed" mt={4}>
            {t(`ticket.flag.meaning.${ticket.flag as Flag}`)}
          </Text>
        )}
      </div>
      <DateTimeField
        label={t('ticket.fields.dueAt')}
        description={t('ticket.properties.dueHint')}
        value={due}
        disabled={disabled}
        onChange={setDue}
        onBlur={() => {
          const next = due ? fromWallTime(due, format.timeZone) : null;
          if (due && !next) return;
          if (next !== ticket.dueAt) onChange({ dueAt: next });
        }}
      />
      <TagsInput
        label={t('ticket.fields.tags')}
        placeholder={t('ticket.properties.addTag')}
        value={ticket.tags}
        disabled={disabled}
        clearable
        onChange={(tags) => onChange({ tags })}
      />
      {fields.length > 0 && (
        <Stack gap="sm" pt="xs">
          <Text fz="xs" fw={700} c="dimmed" tt="uppercase" lts={0.4}>
            {t('ticket.properties.customFields', { type: type?.name ?? '' })}
          </Text>
          {fields.map((field) => (
            <CustomFieldInput
              key={field.id}
              field={field}
              value={ticket.customFields[field.key]}
              disabled={disabled}
              onSave={(value) => onChange({ customFields: { [field.key]: value } })}
            />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

/** One custom field of the ticket's type (001: fields that appear based on the ticket type). */
export function CustomFieldInput({
  field,
  value,
  disabled,
  onSave,
}: {
  field: CustomField;
  value: unknown;
  disabled?: boolean;
  onSave: (value: unknown) => void;
}) {
  const { agents } = usePeople();
  const text = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  const [draft, setDraft] = useState(text);
  useEffect(() => setDraft(text), [text]);
  const common = { label: field.label, required: field.required, disabled };
  const saveText = () => {
    if (draft !== text) onSave(draft.trim() === '' ? null : draft);
  };

  switch (field.kind) {
    case 'long_text':
      return (
        <Textarea
          {...common}
          autosize
          minRows={2}
          value={draft}
          onChange={(e) => setDraft(e.currentTarget.value)}
          onBlur={saveText}
        />
      );
    case 'number':
      return (
        // A native number input: Mantine's number input would bring react-number-format for this one field.
        <TextInput
          {...common}
          type="number"
          inputMode="decimal"
          step="any"
          value={draft}
          onChange={(e) => setDraft(e.currentTarget.value)}
          onBlur={() => {
            const raw = draft.trim();
            const next = raw === '' ? null : Number(raw);
            if (next !== (typeof value === 'number' ? value : null) && !Number.isNaN(next)) onSave(next);
          }}
        />
      );
    case 'date':
      return <DateField {...common} value={draft} onChange={setDraft} onBlur={saveText} />;
    case 'select':
      return (
        <Select
          {...common}
          clearable
          data={field.options}
          value={text || null}
          onChange={(next) => next !== (text || null) && onSave(next)}
        />
      );
    case 'multi_select':
      return (
        <MultiSelect
          {...common}
          clearable
          data={field.options}
          value={Array.isArray(value) ? (value as string[]) : []}
          onChange={(next) => onSave(next)}
        />
      );
    case 'checkbox':
      return (
        <Checkbox
          label={field.label}
          disabled={disabled}
          checked={value === true}
          onChange={(e) => onSave(e.currentTarget.checked)}
        />
      );
    case 'agent':
      return (
        <Select
          {...common}
          clearable
          searchable
          data={agents.map((a) => ({ value: a.id, label: a.name }))}
          value={text || null}
          onChange={(next) => next !== (text || null) && onSave(next)}
        />
      );
    default:
      return (
        <TextInput {...common} value={draft} onChange={(e) => setDraft(e.currentTarget.value)} onBlur={saveText} />
      );
  }
}

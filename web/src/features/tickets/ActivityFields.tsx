import { Checkbox, Collapse, Grid, Select, Stack, TagsInput, Textarea, TextInput } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { MEDIUMS, type Medium } from '../../app/api-types.ts';
import { DateTimeField } from '../../app/ui/DateFields.tsx';
import { ProtocolAppliedSelect } from '../protocols/ProtocolAppliedSelect.tsx';

export type ActivityDraft = {
  contactPerson: string;
  medium: Medium;
  reason: string;
  inputsReceived: string;
  inputsGiven: string;
  pendingItems: string;
  solution: string;
  /** The protocol applied on the ticket the activity followed. */
  protocolAppliedId: string | null;
  schedule: boolean;
  sessionTitle: string;
  sessionStart: string;
  sessionEnd: string;
  attendees: string[];
};

export function emptyActivity(contactPerson: string): ActivityDraft {
  return {
    contactPerson,
    medium: 'phone',
    reason: '',
    inputsReceived: '',
    inputsGiven: '',
    pendingItems: '',
    solution: '',
    protocolAppliedId: null,
    schedule: false,
    sessionTitle: '',
    sessionStart: '',
    sessionEnd: '',
    attendees: [],
  };
}

export type ActivityErrors = Partial<
  Record<'contactPerson' | 'reason' | 'sessionStart' | 'sessionEnd' | 'attendees', string>
>;

type Props = {
  ticketId: string;
  value: ActivityDraft;
  onChange: (next: ActivityDraft) => void;
  errors: ActivityErrors;
};

/** One shifted hour later in `datetime-local` text, for a session's default end. */
function oneHourLater(wall: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(wall);
  if (!match) return '';
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h + 1, mi));
  return date.toISOString().slice(0, 16);
}

/**
 * Wolk's activity record (000): one per interaction with the customer — who, by what medium,
 * why, what each side handed over, what is pending, the solution, the protocol, and any call or
 * session agreed (sent as a calendar invite).
 */
export function ActivityFields({ ticketId, value, onChange, errors }: Props) {
  const { t } = useTranslation();
  const sessionId = useId();
  const set = <K extends keyof ActivityDraft>(key: K, next: ActivityDraft[K]) => onChange({ ...value, [key]: next });

  return (
    <Stack gap="sm">
      <Grid gutter="sm">
        <Grid.Col span={{ base: 12, sm: 5 }}>
          <TextInput
            label={t('activity.fields.contactPerson')}
            required
            value={value.contactPerson}
            onChange={(e) => set('contactPerson', e.currentTarget.value)}
            error={errors.contactPerson}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 3 }}>
          <Select
            label={t('activity.fields.medium')}
            required
            allowDeselect={false}
            value={value.medium}
            data={MEDIUMS.map((m) => ({ value: m, label: t(`activity.medium.${m}`) }))}
            onChange={(next) => next && set('medium', next as Medium)}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <TextInput
            label={t('activity.fields.reason')}
            required
            value={value.reason}
            onChange={(e) => set('reason', e.currentTarget.value)}
            error={errors.reason}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <Textarea
            label={t('activity.fields.inputsReceived')}
            autosize
            minRows={2}
            maxRows={6}
            value={value.inputsReceived}
            onChange={(e) => set('inputsReceived', e.currentTarget.value)}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <Textarea
            label={t('activity.fields.inputsGiven')}
            autosize
            minRows={2}
            maxRows={6}
            value={value.inputsGiven}
            onChange={(e) => set('inputsGiven', e.currentTarget.value)}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <Textarea
            label={t('activity.fields.pendingItems')}
            autosize
            minRows={2}
            maxRows={6}
            value={value.pendingItems}
            onChange={(e) => set('pendingItems', e.currentTarget.value)}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <Textarea
            label={t('activity.fields.solution')}
            autosize
            minRows={2}
            maxRows={6}
            value={value.solution}
            onChange={(e) => set('solution', e.currentTarget.value)}
          />
        </Grid.Col>
        <Grid.Col span={12}>
          <ProtocolAppliedSelect
            ticketId={ticketId}
            value={value.protocolAppliedId}
            onChange={(next) => set('protocolAppliedId', next)}
          />
        </Grid.Col>
      </Grid>

      <Checkbox
        label={t('activity.schedule')}
        description={t('activity.scheduleHint')}
        checked={value.schedule}
        aria-controls={sessionId}
        aria-expanded={value.schedule}
        onChange={(e) => set('schedule', e.currentTarget.checked)}
      />
      <Collapse in={value.schedule} id={sessionId}>
        {value.schedule && (
          <Grid gutter="sm">
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <TextInput
                label={t('activity.session.title')}
                placeholder={value.reason || t('activity.session.titlePlaceholder')}
                value={value.sessionTitle}
                onChange={(e) => set('sessionTitle', e.currentTarget.value)}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, xs: 6, sm: 4 }}>
              <DateTimeField
                label={t('activity.session.start')}
                required
                value={value.sessionStart}
                onChange={(start) => {
                  onChange({
                    ...value,
                    sessionStart: start,
                    sessionEnd: value.sessionEnd && value.sessionEnd > start ? value.sessionEnd : oneHourLater(start),
                  });
                }}
                error={errors.sessionStart}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, xs: 6, sm: 4 }}>
              <DateTimeField
                label={t('activity.session.end')}
                required
                value={value.sessionEnd}
                onChange={(end) => set('sessionEnd', end)}
                error={errors.sessionEnd}
              />
            </Grid.Col>
            <Grid.Col span={12}>
              <TagsInput
                label={t('activity.session.attendees')}
                description={t('activity.session.attendeesHint')}
                value={value.attendees}
                onChange={(next) => set('attendees', next)}
                error={errors.attendees}
                splitChars={[',', ' ', ';']}
              />
            </Grid.Col>
          </Grid>
        )}
      </Collapse>
    </Stack>
  );
}

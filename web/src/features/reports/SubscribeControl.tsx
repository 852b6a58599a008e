import { Button, Group, Modal, MultiSelect, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconMailFast } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/error-message.ts';
import { DialogActions } from '../../app/ui/DialogActions.tsx';
import { useCurrentUser } from '../auth/useSession.ts';
import { activeOptions, usePeople } from '../lookups/useLookups.ts';
import {
  type Frequency,
  fetchSubscriptions,
  mailKeys,
  type ReportSubscription,
  type SummaryAttachment,
  subscribe,
  unsubscribe,
} from './mail-api.ts';

const FREQUENCIES: Frequency[] = ['daily', 'weekly', 'monthly'];
const ATTACHMENTS: SummaryAttachment[] = ['none', 'csv', 'xlsx'];

/**
 * "Suscribirme": the period's figures by mail (issue 17), weekly unless chosen otherwise, of the
 * tickets the agent may see, optionally of some departments only (the page's filter to start with).
 */
export function SubscribeControl({ departmentId }: { departmentId?: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const subscriptions = useQuery({
    queryKey: mailKeys.subscriptions,
    queryFn: ({ signal }) => fetchSubscriptions(signal),
  });
  const count = subscriptions.data?.length ?? 0;
  return (
    <>
      <Button
        variant={count > 0 ? 'light' : 'default'}
        leftSection={<IconMailFast size={16} aria-hidden="true" />}
        onClick={() => setOpen(true)}
      >
        {count > 0 ? t('reports.subscribe.subscribed', { count }) : t('reports.subscribe.button')}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('reports.subscribe.title')} size="lg">
        {open && (
          <SubscribeForm
            departmentId={departmentId}
            subscriptions={subscriptions.data ?? []}
            onClose={() => setOpen(false)}
          />
        )}
      </Modal>
    </>
  );
}

function SubscribeForm(props: { departmentId?: string; subscriptions: ReportSubscription[]; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const me = useCurrentUser();
  const { departments } = usePeople();
  const [frequency, setFrequency] = useState<Frequency>('weekly');
  const [attachment, setAttachment] = useState<SummaryAttachment>('none');
  const [departmentIds, setDepartmentIds] = useState<string[]>(props.departmentId ? [props.departmentId] : []);
  // An agent's summary covers their own departments only (the server holds to it too).
  const choices = activeOptions(departments).filter((d) => me.role !== 'agent' || me.departmentIds.includes(d.value));
  const names = new Map(departments.map((d) => [d.id, d.name]));
  const refresh = () => void queryClient.invalidateQueries({ queryKey: mailKeys.subscriptions });

  const create = useMutation({
    mutationFn: () => subscribe({ frequency, attachment, departmentIds }),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: t(`reports.subscribe.done.${frequency}`) });
      refresh();
      props.onClose();
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => unsubscribe(id),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: t('reports.subscribe.removed') });
      refresh();
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(t, error) }),
  });

  const describe = (s: ReportSubscription) =>
    [
      t(`reports.subscribe.frequency.${s.frequency}`),
      t(`reports.subscribe.attachment.${s.attachment}`),
      s.departmentIds.length > 0
        ? s.departmentIds.map((id) => names.get(id) ?? id).join(', ')
        : t('reports.subscribe.allDepartments'),
    ].join(' · ');

  return (
    <Stack gap="md">
      {props.subscriptions.length > 0 && (
        <Stack gap="xs" role="list" aria-label={t('reports.subscribe.current')}>
          <Text fw={600} fz="sm">
            {t('reports.subscribe.current')}
          </Text>
          {props.subscriptions.map((s) => (
            <Group key={s.id} justify="space-between" role="listitem" wrap="nowrap">
              <Text fz="sm">{describe(s)}</Text>
              <Button
                size="xs"
                variant="subtle"
                color="red"
                loading={remove.isPending}
                onClick={() => remove.mutate(s.id)}
              >
                {t('reports.subscribe.cancel')}
              </Button>
            </Group>
          ))}
        </Stack>
      )}
      <Text fz="sm" c="dimmed">
        {t('reports.subscribe.explain')}
      </Text>
      <Stack gap={4}>
        <Text component="span" fz="sm" fw={500} id="subscribe-frequency">
          {t('reports.subscribe.frequencyLabel')}
        </Text>
        <SegmentedControl
          aria-labelledby="subscribe-frequency"
          value={frequency}
          onChange={(value) => setFrequency(value as Frequency)}
          data={FREQUENCIES.map((f) => ({ value: f, label: t(`reports.subscribe.frequency.${f}`) }))}
        />
      </Stack>
      <Select
        label={t('reports.subscribe.attachmentLabel')}
        value={attachment}
        onChange={(value) => setAttachment((value as SummaryAttachment | null) ?? 'none')}
        data={ATTACHMENTS.map((a) => ({ value: a, label: t(`reports.subscribe.attachment.${a}`) }))}
        allowDeselect={false}
      />
      <MultiSelect
        label={t('reports.subscribe.departments')}
        placeholder={departmentIds.length === 0 ? t('reports.subscribe.allDepartments') : undefined}
        data={choices}
        value={departmentIds}
        onChange={setDepartmentIds}
        clearable
        searchable
      />
      <DialogActions
        error={create.isError ? errorMessage(t, create.error) : null}
        onCancel={props.onClose}
        submitLabel={t('reports.subscribe.submit')}
        loading={create.isPending}
        onSubmit={() => create.mutate()}
      />
    </Stack>
  );
}

import { Alert, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { ContactDetail } from '../../app/api-types.ts';
import { errorMessage } from '../../app/error-message.ts';
import { DialogActions } from '../../app/ui/DialogActions.tsx';
import { SearchPick, useSearchPickState } from '../../app/ui/SearchPick.tsx';
import { filteredTicketsQuery, ticketKeys } from '../tickets/queries.ts';
import { fetchContacts, mergeContact } from './api.ts';

type Props = { contact: ContactDetail; opened: boolean; onClose: () => void };

/**
 * The same person entered twice (an email and a WhatsApp number, say): this contact merges into
 * the one picked, which keeps it all. Its addresses, numbers and tickets move there; this one
 * stays only as a pointer for old links.
 */
export function ContactMergeDialog({ contact, opened, onClose }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { query, setQuery, debounced, pickedId: targetId, setPickedId: setTargetId } = useSearchPickState(opened);

  const results = useQuery({
    queryKey: ['contacts', 'merge-candidates', debounced],
    queryFn: ({ signal }) => fetchContacts(debounced, { signal }),
    enabled: opened && debounced.length > 1,
  });
  // The same list the page shows below, so its total is usually in the cache already.
  const tickets = useQuery({ ...filteredTicketsQuery({ requesterId: [contact.id] }, 'updated'), enabled: opened });
  const candidates = (results.data?.items ?? []).filter((c) => c.id !== contact.id && !c.mergedIntoId);
  const target = candidates.find((c) => c.id === targetId);

  const merge = useMutation({
    mutationFn: (keptId: string) => mergeContact(keptId, contact.id),
    onSuccess: async (kept) => {
      notifications.show({
        color: 'teal',
        message: t('contacts.merge.done', { source: contact.name, target: kept.name }),
      });
      onClose();
      // Away from the merged contact first: refetched while its page is open, its portal access
      // (which a merged-away contact no longer has) answered 404.
      await navigate({ to: '/contacts/$contactId', params: { contactId: kept.id } });
      void queryClient.invalidateQueries({ queryKey: ['contact'] });
      void queryClient.invalidateQueries({ queryKey: ['contacts'] });
      void queryClient.invalidateQueries({ queryKey: ticketKeys.lists });
    },
  });

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('contacts.merge.title', { name: contact.name })}
      size="lg"
      centered
    >
      <Stack gap="sm">
        <Text fz="sm" c="dimmed">
          {t('contacts.merge.text', { name: contact.name })}
        </Text>
        <SearchPick
          label={t('contacts.merge.find')}
          placeholder={t('contacts.search')}
          query={query}
          onQueryChange={setQuery}
          fetching={results.isFetching}
          answered={debounced.length > 1 && results.isSuccess}
          emptyText={t('contacts.nothing')}
          listLabel={t('contacts.merge.target')}
          items={candidates}
          idOf={(c) => c.id}
          labelOf={(c) => c.name}
          descriptionOf={(c) =>
            [c.organizationName, c.emails[0]?.email, c.phones[0]?.phone].filter(Boolean).join(' · ') || undefined
          }
          value={targetId}
          onChange={setTargetId}
        />
        {target && tickets.data && (
          <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} aria-hidden="true" />}>
            {t('contacts.merge.confirmText', {
              source: contact.name,
              target: target.name,
              tickets: t('contacts.merge.tickets', { count: tickets.data.total ?? tickets.data.items.length }),
              emails: t('contacts.merge.emails', { count: contact.emails.length }),
              phones: t('contacts.merge.phones', { count: contact.phones.length }),
            })}
          </Alert>
        )}
        <DialogActions
          error={merge.isError ? errorMessage(t, merge.error) : tickets.isError ? errorMessage(t, tickets.error) : null}
          onCancel={onClose}
          color="orange"
          // Nobody confirms a merge without being told what moves.
          disabled={!target || !tickets.data}
          loading={merge.isPending}
          submitLabel={target ? t('contacts.merge.submitInto', { name: target.name }) : t('contacts.merge.submit')}
          onSubmit={() => target && merge.mutate(target.id)}
        />
      </Stack>
    </Modal>
  );
}

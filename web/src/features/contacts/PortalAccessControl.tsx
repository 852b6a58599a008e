import { Badge, Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDoorEnter, IconDoorExit } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/error-message.ts';
import { portalAccessQuery, setPortalAccess } from './api.ts';

/**
 * The contact's portal access on their page: whether they may sign in, and the switch to turn one
 * person off (or back on) without touching the rest of their organization.
 */
export function PortalAccessControl({ contactId, name }: { contactId: string; name: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const query = portalAccessQuery(contactId);
  const access = useQuery(query);
  const change = useMutation({
    mutationFn: (active: boolean) => setPortalAccess(contactId, active),
    onSuccess: (state) => {
      queryClient.setQueryData(query.queryKey, state);
      notifications.show({
        color: 'teal',
        message: t(state.active ? 'contacts.portal.reactivated' : 'contacts.portal.deactivated', { name }),
      });
    },
    onError: (error) =>
      notifications.show({ color: 'red', title: t('contacts.portal.changeFailed'), message: errorMessage(t, error) }),
  });
  if (!access.data) return null;
  const { active, hasPassword } = access.data;
  const status = !active ? 'inactive' : hasPassword ? 'active' : 'noPassword';
  return (
    <>
      <Badge variant="light" color={status === 'inactive' ? 'red' : status === 'active' ? 'teal' : 'gray'}>
        {t(`contacts.portal.status.${status}`)}
      </Badge>
      <Button
        variant="default"
        color={active ? 'red' : undefined}
        leftSection={
          active ? <IconDoorExit size={16} aria-hidden="true" /> : <IconDoorEnter size={16} aria-hidden="true" />
        }
        loading={change.isPending}
        onClick={() => change.mutate(!active)}
      >
        {t(active ? 'contacts.portal.deactivate' : 'contacts.portal.reactivate')}
      </Button>
    </>
  );
}

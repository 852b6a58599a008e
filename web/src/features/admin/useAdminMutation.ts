import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/error-message.ts';

/**
 * A change to the configuration: on success the shared lookups (statuses, types, agents…) are
 * refreshed everywhere and a short confirmation shows; on failure the server's reason does.
 */
export function useAdminMutation<TVariables, TResult>(
  mutationFn: (variables: TVariables) => Promise<TResult>,
  options: { refresh?: unknown[][]; onSuccess?: (result: TResult) => void } = {},
) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (result) => {
      notifications.show({ color: 'teal', message: t('admin.saved') });
      options.onSuccess?.(result);
    },
    onError: (error) =>
      notifications.show({ color: 'red', title: t('admin.saveFailed'), message: errorMessage(t, error) }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['lookups'] });
      for (const queryKey of options.refresh ?? []) void queryClient.invalidateQueries({ queryKey });
    },
  });
}

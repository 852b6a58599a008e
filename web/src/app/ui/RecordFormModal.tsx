import { Modal, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../error-message.ts';
import { DialogActions } from './DialogActions.tsx';

type Props<T> = {
  opened: boolean;
  onClose: () => void;
  title: string;
  /** Creates or updates the record from the form's fields. */
  save: () => Promise<T>;
  /** False while a required field is empty: submitting then does nothing (the field says why). */
  canSave: boolean;
  savedMessage: (saved: T) => string;
  /** Query keys whose data the save changes. */
  refresh: readonly (readonly unknown[])[];
  /** After a save: e.g. open the page of a record just created. */
  onSaved?: (saved: T) => void;
  children: ReactNode;
};

/** A customer record's add/edit dialog: its fields, then Save, which confirms, refreshes and closes, or says why not. */
export function RecordFormModal<T>({
  opened,
  onClose,
  title,
  save,
  canSave,
  savedMessage,
  refresh,
  onSaved,
  children,
}: Props<T>) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: save,
    onSuccess: (saved) => {
      notifications.show({ color: 'teal', message: savedMessage(saved) });
      for (const queryKey of refresh) void queryClient.invalidateQueries({ queryKey });
      onClose();
      onSaved?.(saved);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (canSave) mutation.mutate();
  }

  return (
    <Modal opened={opened} onClose={onClose} title={title} centered>
      <form onSubmit={submit}>
        <Stack gap="sm">
          {children}
          <DialogActions
            error={mutation.isError ? errorMessage(t, mutation.error) : null}
            onCancel={onClose}
            submitLabel={t('common.save')}
            loading={mutation.isPending}
          />
        </Stack>
      </form>
    </Modal>
  );
}

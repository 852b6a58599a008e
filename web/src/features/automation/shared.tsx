import { Alert, Button, Group, Modal } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertCircle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/error-message.ts';
import { useAdminMutation } from '../admin/useAdminMutation.ts';

/** The server's reason for refusing a save, above the form; the control it names is marked too. */
export function SaveProblem({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert role="alert" color="red" variant="light" icon={<IconAlertCircle aria-hidden="true" />}>
      {errorMessage(t, error)}
    </Alert>
  );
}

/** An editor dialog: full screen on a phone, wide elsewhere. */
export function EditorModal({
  title,
  opened,
  onClose,
  children,
  size = 'xl',
}: {
  title: string;
  opened: boolean;
  onClose: () => void;
  children: ReactNode;
  size?: string;
}) {
  const phone = useMediaQuery('(max-width: 48em)');
  return (
    <Modal opened={opened} onClose={onClose} title={title} size={size} fullScreen={phone} keepMounted={false}>
      {children}
    </Modal>
  );
}

/** The editor dialog of an automation list: "New …" or "Edit <name>", with the editor only while open. */
export function RecordEditorModal<T extends { name: string }>({
  editing,
  onClose,
  newTitle,
  size,
  children,
}: {
  editing: T | 'new' | null;
  onClose: () => void;
  newTitle: string;
  size?: string;
  children: (record: T | null) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <EditorModal
      size={size}
      opened={editing !== null}
      onClose={onClose}
      title={editing === 'new' || editing === null ? newTitle : t('automation.editNamed', { name: editing.name })}
    >
      {editing !== null && children(editing === 'new' ? null : editing)}
    </EditorModal>
  );
}

/**
 * Remove, reorder and switch on/off the records of an ordered automation list (triggers, SLA
 * policies, time rules). Each change writes a record's whole body (PUT replaces), and a reorder
 * writes only the records whose place changed.
 */
export function useListChanges<T extends { id: string; position: number; active: boolean }, I>(
  queryKey: readonly unknown[],
  remove: (id: string) => Promise<unknown>,
  update: (id: string, input: I & { position?: number; active?: boolean }) => Promise<unknown>,
  input: (record: T) => I,
) {
  const refresh = { refresh: [[...queryKey]] };
  return {
    remove: useAdminMutation(remove, refresh),
    reorder: useAdminMutation(async (order: T[]) => {
      for (const [position, record] of order.entries()) {
        if (record.position !== position) await update(record.id, { ...input(record), position });
      }
    }, refresh),
    toggle: useAdminMutation((record: T) => update(record.id, { ...input(record), active: !record.active }), refresh),
  };
}

/** An automation editor's Cancel and Save, at the foot of its form. */
export function EditorButtons({ onCancel, saving }: { onCancel: () => void; saving: boolean }) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        {t('automation.cancel')}
      </Button>
      <Button type="submit" loading={saving}>
        {t('automation.save')}
      </Button>
    </Group>
  );
}

import { Alert, Modal } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertCircle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/error-message.ts';

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

/** `[a, b, c]`, move index 2 up → `[a, c, b]`; out of range returns the list as it was. */
export function moved<T>(list: readonly T[], index: number, by: -1 | 1): T[] {
  const target = index + by;
  if (index < 0 || target < 0 || target >= list.length) return [...list];
  const copy = [...list];
  [copy[index], copy[target]] = [copy[target] as T, copy[index] as T];
  return copy;
}

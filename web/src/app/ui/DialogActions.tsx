import { Alert, Button, type ButtonProps, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';

type Props = {
  /** Why the last attempt failed, already in the reader's language. */
  error?: string | null;
  onCancel: () => void;
  submitLabel: string;
  loading?: boolean;
  disabled?: boolean;
  color?: ButtonProps['color'];
  /** Without it the button submits the dialog's form. */
  onSubmit?: () => void;
};

/** The foot of every dialog: the reason a save failed, then Cancel and the dialog's own action. */
export function DialogActions({ error, onCancel, submitLabel, loading, disabled, color, onSubmit }: Props) {
  const { t } = useTranslation();
  return (
    <>
      {error && (
        <Alert color="red" variant="light" role="alert">
          {error}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button
          type={onSubmit ? 'button' : 'submit'}
          color={color}
          loading={loading}
          disabled={disabled}
          onClick={onSubmit}
        >
          {submitLabel}
        </Button>
      </Group>
    </>
  );
}

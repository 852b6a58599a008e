import { FileInput } from '@mantine/core';
import { IconPaperclip } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** Whole megabytes for messages ("hasta 10 MB"); the limit itself is bytes. */
export function megabytes(bytes: number): number {
  return Math.max(1, Math.round(bytes / (1024 * 1024)));
}

/** The files too large to send: the server would refuse the whole message with 413. */
export function oversized(files: File[], limitBytes: number | undefined): File[] {
  return limitBytes === undefined ? [] : files.filter((file) => file.size > limitBytes);
}

/**
 * Files for a new ticket or a reply. A file above the limit is named here before sending, so the
 * customer does not write everything again after a refused upload.
 */
export function AttachmentPicker({
  files,
  onChange,
  limitBytes,
}: {
  files: File[];
  onChange: (files: File[]) => void;
  limitBytes: number | undefined;
}) {
  const { t } = useTranslation();
  const tooLarge = oversized(files, limitBytes);
  const limitMb = limitBytes === undefined ? undefined : megabytes(limitBytes);
  return (
    <FileInput
      label={t('portal.attachments.label')}
      description={limitMb === undefined ? undefined : t('portal.attachments.limit', { limitMb })}
      placeholder={t('portal.attachments.placeholder')}
      leftSection={<IconPaperclip size={16} aria-hidden="true" />}
      multiple
      clearable
      value={files}
      onChange={onChange}
      error={
        tooLarge.length > 0
          ? t('portal.attachments.tooLarge', { names: tooLarge.map((f) => f.name).join(', '), limitMb })
          : undefined
      }
    />
  );
}

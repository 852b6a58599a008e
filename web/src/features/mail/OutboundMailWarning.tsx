import { Alert, Stack } from '@mantine/core';
import { IconMailOff } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { outboundStatusQuery } from './api.ts';

/**
 * Says while mail cannot reach customers (issue 13) or their answers cannot come back (issue 12).
 * `where`: the ticket page names only what stops a reply; the mailboxes screen says both and how to fix them.
 */
export function OutboundMailWarning({ where }: { where: 'ticket' | 'mailboxes' }) {
  const { t } = useTranslation();
  const status = useQuery(outboundStatusQuery);
  if (!status.data) return null;
  const { sending, answerable } = status.data;
  const problems = [
    !sending && t(`mail.outbound.notSending.${where}`),
    !answerable && where === 'mailboxes' && t('mail.outbound.notAnswerable'),
  ].filter((text): text is string => Boolean(text));
  if (problems.length === 0) return null;
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconMailOff size={18} aria-hidden="true" />}
      title={t('mail.outbound.title')}
      role="alert"
    >
      <Stack gap={4}>
        {problems.map((text) => (
          <span key={text}>{text}</span>
        ))}
      </Stack>
    </Alert>
  );
}

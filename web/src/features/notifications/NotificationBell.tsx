import {
  ActionIcon,
  Anchor,
  Badge,
  Box,
  Button,
  Divider,
  Group,
  Indicator,
  Popover,
  ScrollArea,
  Stack,
  Text,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications as toasts } from '@mantine/notifications';
import { IconBell } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { NOTICE_EVENTS } from '../../../../src/core/notifications/notice-events.ts';
import { errorMessage } from '../../app/error-message.ts';
import { useFormat } from '../../app/useFormat.ts';
import { inboxQuery, markRead, type Notification, notificationKeys } from './api.ts';

/** The words a notification shows: its event in the reader's language, else the title it was given. */
const KINDS = [...NOTICE_EVENTS, 'session_due', 'rule'] as const;
type Kind = (typeof KINDS)[number];
const isKind = (kind: string): kind is Kind => (KINDS as readonly string[]).includes(kind);

export function useNotificationText() {
  const { t } = useTranslation();
  return (n: Notification) => {
    // A rule's notice carries the title its author wrote; the others are named in the reader's language.
    const title = isKind(n.kind) && n.kind !== 'rule' ? t(`notifications.events.${n.kind}`) : n.title;
    const number = typeof n.data.number === 'string' ? n.data.number : null;
    const subject = typeof n.data.subject === 'string' ? n.data.subject : null;
    const detail = typeof n.data.detail === 'string' ? n.data.detail : null;
    return { title, number, subject, detail };
  };
}

/**
 * The bell in the header: how many notifications are unread (kept live by the WebSocket, which
 * refreshes this query), the newest ones, and marking them read.
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [opened, popover] = useDisclosure(false);
  const inbox = useQuery(inboxQuery);
  const text = useNotificationText();
  const unread = inbox.data?.unread ?? 0;
  const read = useMutation({
    mutationFn: markRead,
    onSuccess: (result) => {
      queryClient.setQueryData(inboxQuery.queryKey, (old) =>
        old
          ? {
              unread: result.unread,
              items: old.items.map((n) => ({ ...n, readAt: n.readAt ?? new Date().toISOString() })),
            }
          : old,
      );
      void queryClient.invalidateQueries({ queryKey: notificationKeys.inbox });
    },
    onError: (error) => toasts.show({ color: 'red', message: errorMessage(t, error) }),
  });

  function open(n: Notification) {
    if (!n.readAt) read.mutate([n.id]);
    popover.close();
    if (n.ticketId) void navigate({ to: '/tickets/$ticketRef', params: { ticketRef: n.ticketId } });
  }

  const label = unread > 0 ? t('notifications.bellUnread', { count: unread }) : t('notifications.bell');

  return (
    <Popover opened={opened} onChange={popover.toggle} width={360} position="bottom-end" shadow="md" withinPortal>
      <Popover.Target>
        <Tooltip label={label} disabled={opened}>
          <Indicator
            label={unread > 99 ? '99+' : unread}
            size={18}
            color="red"
            disabled={unread === 0}
            offset={4}
            data-testid="notification-count"
          >
            <ActionIcon
              variant="subtle"
              color="gray"
              size="lg"
              aria-label={label}
              aria-haspopup="dialog"
              aria-expanded={opened}
              onClick={popover.toggle}
            >
              <IconBell size={20} aria-hidden="true" />
            </ActionIcon>
          </Indicator>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown p={0} role="dialog" aria-label={t('notifications.title')}>
        <Group justify="space-between" px="md" py="sm">
          <Text fw={600}>{t('notifications.title')}</Text>
          <Button
            variant="subtle"
            size="compact-sm"
            disabled={unread === 0}
            loading={read.isPending}
            onClick={() => read.mutate('all')}
          >
            {t('notifications.markAllRead')}
          </Button>
        </Group>
        <Divider />
        <ScrollArea.Autosize mah={420}>
          {inbox.isError ? (
            <Text c="red" fz="sm" p="md">
              {errorMessage(t, inbox.error)}
            </Text>
          ) : (inbox.data?.items.length ?? 0) === 0 ? (
            <Text c="dimmed" fz="sm" p="md">
              {inbox.isPending ? t('app.loading') : t('notifications.empty')}
            </Text>
          ) : (
            <Stack gap={0} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
              {inbox.data?.items.map((n) => {
                const words = text(n);
                return (
                  <Box component="li" key={n.id}>
                    <UnstyledButton
                      onClick={() => open(n)}
                      w="100%"
                      px="md"
                      py="xs"
                      bg={n.readAt ? undefined : 'var(--mantine-color-blue-0)'}
                      aria-label={[words.title, words.number, words.subject].filter(Boolean).join(' · ')}
                    >
                      <Group justify="space-between" wrap="nowrap" gap="xs">
                        <Text fz="sm" fw={n.readAt ? 400 : 600} lineClamp={1}>
                          {words.title}
                        </Text>
                        {!n.readAt && (
                          <Badge size="xs" color="blue" variant="filled">
                            {t('notifications.new')}
                          </Badge>
                        )}
                      </Group>
                      {(words.number || words.subject) && (
                        <Text fz="xs" c="dimmed" lineClamp={1}>
                          {[words.number, words.subject].filter(Boolean).join(' — ')}
                        </Text>
                      )}
                      {words.detail && (
                        <Text fz="xs" lineClamp={2}>
                          {words.detail}
                        </Text>
                      )}
                      <Text fz="xs" c="dimmed">
                        {format.relative(n.createdAt)}
                      </Text>
                    </UnstyledButton>
                  </Box>
                );
              })}
            </Stack>
          )}
        </ScrollArea.Autosize>
        <Divider />
        <Box px="md" py="xs">
          <Anchor component={Link} to="/notifications/preferences" fz="sm" onClick={popover.close}>
            {t('notifications.preferencesLink')}
          </Anchor>
        </Box>
      </Popover.Dropdown>
    </Popover>
  );
}

import { Alert, Anchor, Badge, Button, Checkbox, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications as toasts } from '@mantine/notifications';
import { IconDownload, IconMoodSmile, IconRefresh } from '@tabler/icons-react';
import { type QueryClient, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../app/error-message.ts';
import { dateTime, safeTimeZone } from '../app/time.ts';
import { AnchorLink, ButtonLink } from '../app/ui/links.tsx';
import { LoadError } from '../app/ui/States.tsx';
import { usePageTitle } from '../app/usePageTitle.ts';
import { AttachmentPicker, oversized } from './AttachmentPicker.tsx';
import { StatusBadge } from './StatusBadge.tsx';
import {
  attachmentUrl,
  fetchPortalOptions,
  fetchPortalTicket,
  fetchSurveyToken,
  listPortalMessages,
  type PortalMessage,
  type PortalTicket,
  portalTicketsKey,
  reopenPortalTicket,
  replyToPortalTicket,
} from './tickets-api.ts';

const ticketKeyOf = (number: string) => [...portalTicketsKey, 'one', number] as const;

/** The ticket page: the public conversation, a reply box while it is not closed, Reabrir, the survey. */
export function PortalTicketPage() {
  const { t } = useTranslation();
  const { number } = useParams({ from: '/portal/portal-shell/tickets/$number' });
  const ticketKey = ticketKeyOf(number);
  const ticket = useQuery({ queryKey: ticketKey, queryFn: ({ signal }) => fetchPortalTicket(number, signal) });
  const messages = useInfiniteQuery({
    queryKey: [...ticketKey, 'messages'],
    queryFn: ({ pageParam, signal }) => listPortalMessages(number, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  usePageTitle(ticket.data ? `#${ticket.data.number} ${ticket.data.subject}` : t('portal.ticket.title'));

  if (ticket.isError)
    return <LoadError audience="customer" error={ticket.error} onRetry={() => void ticket.refetch()} />;
  if (!ticket.data) return null;
  const current = ticket.data;
  const category = current.status.category;

  return (
    <Stack gap="md" maw={860}>
      <AnchorLink to="/portal/tickets" fz="sm">
        {t('portal.ticket.back')}
      </AnchorLink>
      <div>
        <Group gap="xs" wrap="wrap">
          <Text c="dimmed" fw={600}>
            #{current.number}
          </Text>
          <StatusBadge status={current.status} />
          <Badge variant="outline" color="gray">
            {t(`ticket.priority.${current.priority}` as 'ticket.priority.normal', current.priority)}
          </Badge>
        </Group>
        <Title order={1} fz={24} style={{ overflowWrap: 'anywhere' }}>
          {current.subject}
        </Title>
      </div>

      {category === 'solved' && <SolvedActions ticket={current} />}

      {messages.isError && (
        <LoadError audience="customer" error={messages.error} onRetry={() => void messages.refetch()} />
      )}
      <Stack
        gap="sm"
        component="ol"
        aria-label={t('portal.ticket.conversation')}
        p={0}
        m={0}
        style={{ listStyle: 'none' }}
      >
        {messages.data?.pages
          .flatMap((page) => page.items)
          .map((message) => (
            <MessageItem key={message.id} message={message} />
          ))}
      </Stack>
      {messages.hasNextPage && (
        <Group justify="center">
          <Button variant="default" loading={messages.isFetchingNextPage} onClick={() => void messages.fetchNextPage()}>
            {t('portal.tickets.loadMore')}
          </Button>
        </Group>
      )}

      {category === 'closed' ? (
        <Alert color="gray" variant="light">
          {t('portal.ticket.closed')}
        </Alert>
      ) : (
        <ReplyForm ticket={current} />
      )}
    </Stack>
  );
}

function MessageItem({ message }: { message: PortalMessage }) {
  const { t, i18n } = useTranslation();
  const mine = message.author.kind === 'contact';
  return (
    <Paper component="li" withBorder radius="md" p="sm" bg={mine ? 'gray.0' : undefined}>
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Text fw={600} fz="sm">
          {message.author.name}
        </Text>
        <Text fz="xs" c="dimmed">
          {dateTime(message.createdAt, i18n.language, safeTimeZone(undefined))}
        </Text>
      </Group>
      {/* Plain text: a customer's page never renders mail HTML it did not write. */}
      <Text mt={6} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {message.body}
      </Text>
      {message.attachments.length > 0 && (
        <Stack gap={4} mt="xs" component="ul" aria-label={t('portal.ticket.files')} p={0} style={{ listStyle: 'none' }}>
          {message.attachments.map((file) => (
            <li key={file.id}>
              <Anchor
                href={attachmentUrl(file.id)}
                download={file.filename}
                fz="sm"
                style={{ overflowWrap: 'anywhere' }}
              >
                <IconDownload size={14} aria-hidden="true" style={{ verticalAlign: 'middle', marginRight: 4 }} />
                {file.filename} ({Math.max(1, Math.round(file.size / 1024))} KB)
              </Anchor>
            </li>
          ))}
        </Stack>
      )}
    </Paper>
  );
}

/**
 * Shows the ticket as the server answered at once and refreshes the rest, but not its survey
 * token: asked again for a ticket that was just reopened, it would answer 409.
 */
function showUpdated(queryClient: QueryClient, ticket: PortalTicket) {
  queryClient.setQueryData(ticketKeyOf(ticket.number), ticket);
  void queryClient.invalidateQueries({
    queryKey: portalTicketsKey,
    predicate: (query) => query.queryKey.at(-1) !== 'survey',
  });
}

/** A solved ticket: the requester may rate the attention, and anyone who sees it may reopen it. */
function SolvedActions({ ticket }: { ticket: PortalTicket }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  // Only the requester gets a token: a colleague's page does not ask (the server would answer 403).
  const survey = useQuery({
    queryKey: [...ticketKeyOf(ticket.number), 'survey'],
    queryFn: ({ signal }) => fetchSurveyToken(ticket.number, signal),
    enabled: ticket.isRequester,
  });
  const reopen = useMutation({
    mutationFn: () => reopenPortalTicket(ticket.number),
    onSuccess: (reopened) => {
      toasts.show({ color: 'teal', message: t('portal.ticket.reopened', { number: ticket.number }) });
      showUpdated(queryClient, reopened);
    },
    onError: (error) => toasts.show({ color: 'red', message: errorMessage(t, error, 'customer') }),
  });
  return (
    <Alert color="teal" variant="light" title={t('portal.ticket.solvedTitle')}>
      <Stack gap="xs">
        <Text fz="sm">{t('portal.ticket.solvedText')}</Text>
        <Group gap="sm" wrap="wrap">
          {ticket.isRequester && survey.data && (
            <ButtonLink
              to="/satisfaction/$token"
              params={{ token: survey.data }}
              variant="filled"
              color="teal"
              leftSection={<IconMoodSmile size={18} aria-hidden="true" />}
            >
              {t('portal.ticket.rate')}
            </ButtonLink>
          )}
          <Button
            variant="default"
            leftSection={<IconRefresh size={18} aria-hidden="true" />}
            loading={reopen.isPending}
            onClick={() => reopen.mutate()}
          >
            {t('portal.ticket.reopen')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

function ReplyForm({ ticket }: { ticket: PortalTicket }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const options = useQuery({
    queryKey: ['portal', 'ticket-options'],
    queryFn: ({ signal }) => fetchPortalOptions(signal),
  });
  const [body, setBody] = useState('');
  const [solved, setSolved] = useState(false);
  const [files, setFiles] = useState<File[]>([]);
  const [bodyError, setBodyError] = useState<string>();
  const send = useMutation({
    mutationFn: () => replyToPortalTicket(ticket.number, { body: body.trim(), solved, files }),
    onSuccess: (answer) => {
      setBody('');
      setSolved(false);
      setFiles([]);
      toasts.show({
        color: 'teal',
        message:
          answer.ticket.status.category === 'solved' && ticket.status.category !== 'solved'
            ? t('portal.ticket.sentSolved')
            : t('portal.ticket.sent'),
      });
      showUpdated(queryClient, answer.ticket);
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const missing = !body.trim();
    setBodyError(missing ? t('portal.ticket.replyRequired') : undefined);
    if (missing || oversized(files, options.data?.attachmentLimitBytes).length > 0) return;
    send.mutate();
  }

  return (
    <Paper withBorder radius="md" p="md">
      <form noValidate onSubmit={onSubmit} aria-label={t('portal.ticket.replyTitle')}>
        <Stack gap="sm">
          <Title order={2} fz="lg">
            {t('portal.ticket.replyTitle')}
          </Title>
          {send.isError && (
            <Alert role="alert" color="red" variant="light">
              {errorMessage(t, send.error, 'customer')}
            </Alert>
          )}
          <Textarea
            label={t('portal.ticket.reply')}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
            error={bodyError}
            autosize
            minRows={4}
          />
          <AttachmentPicker files={files} onChange={setFiles} limitBytes={options.data?.attachmentLimitBytes} />
          {ticket.status.category !== 'solved' && (
            <Checkbox
              label={t('portal.ticket.markSolved')}
              checked={solved}
              onChange={(e) => setSolved(e.currentTarget.checked)}
            />
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={send.isPending}>
              {t('portal.ticket.send')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

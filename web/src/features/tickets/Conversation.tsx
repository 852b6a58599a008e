import { Anchor, Badge, Box, Button, Group, Image, Paper, SimpleGrid, Stack, Text, Tooltip } from '@mantine/core';
import {
  IconCalendarEvent,
  IconClipboardText,
  IconLock,
  IconPaperclip,
  IconReceipt,
  IconSend,
} from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Activity, Attachment, Medium, Message } from '../../app/api-types.ts';
import { PersonAvatar } from '../../app/ui/AgentAvatar.tsx';
import { useFormat } from '../../app/useFormat.ts';
import { appliedProtocolAnchor } from '../protocols/api.ts';
import { SessionLinkButton } from '../whatsapp/WhatsappHabits.tsx';
import { attachmentUrl } from './api.ts';
import { ChannelIcon } from './badges.tsx';
import classes from './Conversation.module.css';
import { DeliveryStatus } from './DeliveryStatus.tsx';
import { MessageBody } from './MessageBody.tsx';

/**
 * The ticket's conversation, oldest first. Replies, internal notes and logged activities look
 * different at a glance (colour, icon and a written label, never colour alone), so nobody
 * mistakes a note for something the customer saw.
 */
/** A receipt a payment can be recorded from (seed 002): an image or a PDF. */
export const RECEIPT_TYPE = /^(image\/|application\/pdf$)/;

export function Conversation({
  messages,
  onRecordPayment,
}: {
  messages: Message[];
  /** Offered on each image or PDF ("Registrar pago") when given. */
  onRecordPayment?: (file: Attachment) => void;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="md" component="ol" className={classes.list} aria-label={t('conversation.label')}>
      {messages.map((message) => (
        <li key={message.id}>
          <MessageCard message={message} onRecordPayment={onRecordPayment} />
        </li>
      ))}
    </Stack>
  );
}

// i18next's TFunction: the hook's own `t` type grows too deep for tsc as the catalog grows.
function kindLabel(t: TFunction, message: Message): string {
  if (message.kind === 'note') return t('conversation.kind.note');
  if (message.kind === 'activity') return t('conversation.kind.activity');
  return message.author.kind === 'contact' ? t('conversation.kind.customer') : t('conversation.kind.reply');
}

function MessageCard({ message, onRecordPayment }: { message: Message; onRecordPayment?: (file: Attachment) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const fromCustomer = message.author.kind === 'contact';
  const variant = message.kind === 'reply' ? (fromCustomer ? 'customer' : 'reply') : message.kind;
  const icon =
    message.kind === 'note' ? (
      <IconLock size={14} aria-hidden="true" />
    ) : message.kind === 'activity' ? (
      <IconClipboardText size={14} aria-hidden="true" />
    ) : fromCustomer ? null : (
      <IconSend size={14} aria-hidden="true" />
    );
  const badgeColor =
    message.kind === 'note' ? 'yellow' : message.kind === 'activity' ? 'teal' : fromCustomer ? 'gray' : 'indigo';

  return (
    <Paper
      component="article"
      className={classes.message}
      data-kind={variant}
      radius="md"
      p={{ base: 'sm', sm: 'md' }}
      aria-label={`${kindLabel(t, message)} · ${message.author.name}`}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
          <PersonAvatar
            name={message.author.name}
            initials={message.author.initials}
            id={message.author.id ?? message.author.name}
            size={34}
            tooltip={false}
          />
          <Box style={{ minWidth: 0 }}>
            <Group gap={8} wrap="wrap">
              <Text fw={600} fz="sm">
                {message.author.name}
              </Text>
              <Badge size="xs" radius="sm" variant="light" color={badgeColor} leftSection={icon}>
                {kindLabel(t, message)}
              </Badge>
            </Group>
            <Group gap={6} mt={2}>
              <ChannelIcon channel={message.channel} size={13} />
              <Tooltip label={format.dateTime(message.createdAt)} withinPortal>
                <Text component="time" dateTime={message.createdAt} fz="xs" c="dimmed">
                  {format.dateTime(message.createdAt)} · {format.relative(message.createdAt)}
                </Text>
              </Tooltip>
            </Group>
          </Box>
        </Group>
      </Group>

      {message.activity && <ActivityDetails activity={message.activity} />}

      <MessageBody body={message.body} quote={message.quote} />

      {message.attachments.length > 0 && (
        <Attachments attachments={message.attachments} onRecordPayment={onRecordPayment} />
      )}

      {message.delivery && <DeliveryStatus message={{ ...message, delivery: message.delivery }} />}
    </Paper>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box>
      <Text fz="xs" c="dimmed" fw={600} tt="uppercase" lts={0.3}>
        {label}
      </Text>
      <Text fz="sm" className={classes.body}>
        {children}
      </Text>
    </Box>
  );
}

/** The protocol the activity followed: takes the reader to its checklist on this ticket. */
function ProtocolLink({ appliedId, children }: { appliedId: string; children: ReactNode }) {
  const target = appliedProtocolAnchor(appliedId);
  return (
    <Anchor
      href={`#${target}`}
      fz="sm"
      data-protocol-link={appliedId}
      onClick={(event) => {
        const card = document.getElementById(target);
        if (!card) return;
        event.preventDefault();
        card.scrollIntoView({ behavior: 'smooth', block: 'center' });
        card.focus({ preventScroll: true });
      }}
    >
      {children}
    </Anchor>
  );
}

/** Wolk's ten points of an interaction (000), laid out so the reader can scan them. */
function ActivityDetails({ activity }: { activity: Activity }) {
  const { t } = useTranslation();
  const format = useFormat();
  const session = activity.scheduledSession;
  const protocol = activity.protocolAppliedId ? (
    <ProtocolLink appliedId={activity.protocolAppliedId}>{activity.protocolApplied}</ProtocolLink>
  ) : (
    activity.protocolApplied
  );
  const optional: Array<[string, ReactNode]> = [
    [t('activity.fields.inputsReceived'), activity.inputsReceived],
    [t('activity.fields.inputsGiven'), activity.inputsGiven],
    [t('activity.fields.pendingItems'), activity.pendingItems],
    [t('activity.fields.solution'), activity.solution],
    [t('activity.fields.protocolApplied'), protocol],
  ];
  return (
    <Stack gap="sm" mt="sm">
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm" verticalSpacing="xs">
        <Field label={t('activity.fields.contactPerson')}>{activity.contactPerson}</Field>
        <Field label={t('activity.fields.medium')}>{t(`activity.medium.${activity.medium as Medium}`)}</Field>
        <Field label={t('activity.fields.reason')}>{activity.reason}</Field>
      </SimpleGrid>
      {optional.some(([, value]) => value) && (
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" verticalSpacing="xs">
          {optional.map(([label, value]) =>
            value ? (
              <Field key={label} label={label}>
                {value}
              </Field>
            ) : null,
          )}
        </SimpleGrid>
      )}
      {session && (
        <Group gap="xs" className={classes.session} data-cancelled={session.cancelledAt ? true : undefined}>
          <IconCalendarEvent size={18} aria-hidden="true" />
          <Text fz="sm">
            <Text span fw={600} fz="sm">
              {t('activity.sessionScheduled')}:
            </Text>{' '}
            {session.title} — {format.dateTime(session.startsAt)}–{format.time(session.endsAt)}
            {session.attendees.length > 0 && ` · ${t('activity.attendeesCount', { count: session.attendees.length })}`}
            {session.cancelledAt && ` · ${t('activity.sessionCancelled')}`}
            {session.joinUrl && (
              <>
                {' · '}
                <Anchor href={session.joinUrl} target="_blank" rel="noreferrer" fz="sm">
                  {t('whatsapp.habits.joinLink')}
                </Anchor>
              </>
            )}
          </Text>
          {!session.cancelledAt && <SessionLinkButton session={session} />}
        </Group>
      )}
    </Stack>
  );
}

function Attachments({
  attachments,
  onRecordPayment,
}: {
  attachments: Attachment[];
  onRecordPayment?: (file: Attachment) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Box mt="sm" pt="sm" className={classes.attachments}>
      <Group gap={6} mb={6}>
        <IconPaperclip size={14} aria-hidden="true" />
        <Text fz="xs" fw={600} c="dimmed">
          {t('conversation.attachments', { count: attachments.length })}
        </Text>
      </Group>
      <Group gap="sm" align="flex-start">
        {attachments.map((file) => {
          const isImage = /^image\/(png|jpe?g|gif|webp)$/.test(file.contentType);
          return (
            <Stack key={file.id} gap={4} align="flex-start">
              <Anchor
                key={file.id}
                href={attachmentUrl(file.id)}
                target="_blank"
                rel="noopener"
                className={classes.attachment}
                aria-label={t('conversation.download', { name: file.filename })}
              >
                {isImage && <Image src={attachmentUrl(file.id)} alt="" h={64} w={96} fit="cover" radius="sm" />}
                <Text fz="xs" fw={500} truncate="end" maw={180}>
                  {file.filename}
                </Text>
                <Text fz={11} c="dimmed">
                  {format.number(Math.max(1, Math.round(file.size / 1024)))} KB
                </Text>
              </Anchor>
              {onRecordPayment && RECEIPT_TYPE.test(file.contentType) && (
                <Button
                  size="compact-xs"
                  variant="light"
                  leftSection={<IconReceipt size={12} aria-hidden="true" />}
                  onClick={() => onRecordPayment(file)}
                  aria-label={t('payments.record', { name: file.filename })}
                >
                  {t('payments.recordShort')}
                </Button>
              )}
            </Stack>
          );
        })}
      </Group>
    </Box>
  );
}

import {
  Accordion,
  Alert,
  Anchor,
  Box,
  Button,
  Grid,
  Group,
  Kbd,
  Menu,
  Paper,
  Stack,
  Tabs,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import {
  IconArrowLeft,
  IconArrowMerge,
  IconArrowsSplit,
  IconBell,
  IconBook2,
  IconCheck,
  IconChecklist,
  IconChevronDown,
  IconClockExclamation,
  IconClockHour4,
  IconDotsVertical,
  IconFlag,
  IconHandGrab,
  IconHistory,
  IconListDetails,
  IconLock,
  IconMoodSmile,
  IconUserCircle,
  IconUserShare,
} from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams, useRouter } from '@tanstack/react-router';
import { type ReactNode, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api.ts';
import { type Attachment, FLAGS, type Ticket } from '../../app/api-types.ts';
import { ErrorView } from '../../app/ErrorPage.tsx';
import { useTicketPresence } from '../../app/live/LiveProvider.tsx';
import { useShortcuts } from '../../app/shortcuts.ts';
import { AnchorLink } from '../../app/ui/links.tsx';
import { LoadError, LoadingLines } from '../../app/ui/States.tsx';
import { useFormat } from '../../app/useFormat.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { useCurrentUser } from '../auth/useSession.ts';
import { KbTicketPanel } from '../kb/KbTicketPanel.tsx';
import { usePeople } from '../lookups/useLookups.ts';
import { OutboundMailWarning } from '../mail/OutboundMailWarning.tsx';
import { PaymentsPanel } from '../payments/PaymentsPanel.tsx';
import { RecordPaymentModal } from '../payments/RecordPaymentModal.tsx';
import { ProtocolsPanel } from '../protocols/ProtocolsPanel.tsx';
import { ChannelIcon, FlagMark, PriorityBadge, QueuePositionBadge, StatusBadge } from './badges.tsx';
import { Composer, type ComposerHandle } from './Composer.tsx';
import { Conversation } from './Conversation.tsx';
import { CustomerPanel } from './CustomerPanel.tsx';
import { HistoryPanel } from './HistoryPanel.tsx';
import { PresenceBar } from './PresenceBar.tsx';
import { messagesQuery, ticketBootstrapQuery, ticketQuery } from './queries.ts';
import { RuleChangesNotice } from './RuleChangesNotice.tsx';
import { SatisfactionPanel } from './SatisfactionPanel.tsx';
import { SlaBadge, StaleBadge } from './SlaBadges.tsx';
import { SlaPanel } from './SlaPanel.tsx';
import { DispatchDialog, MergeDialog, SplitDialog } from './TicketDialogs.tsx';
import { TicketLinks } from './TicketLinks.tsx';
import { TicketProperties } from './TicketProperties.tsx';
import { useTicketActions } from './useTicketActions.ts';
import { Reminders, Tasks, TimeEntries } from './WorkPanel.tsx';

export function TicketPage() {
  const { ticketRef } = useParams({ from: '/console/tickets/$ticketRef' });
  const queryClient = useQueryClient();
  const bootstrap = useQuery(ticketBootstrapQuery(ticketRef, queryClient));
  const ticket = useQuery({ ...ticketQuery(ticketRef), enabled: !bootstrap.isPending });
  const { t } = useTranslation();

  if (bootstrap.isPending || ticket.isPending) {
    return (
      <Box aria-label={t('app.loading')}>
        <LoadingLines lines={3} height={28} />
      </Box>
    );
  }
  if (ticket.isError) {
    if (isApiError(ticket.error) && ticket.error.status === 404) return <ErrorView kind="notFound" />;
    return <LoadError error={ticket.error} onRetry={() => void ticket.refetch()} />;
  }
  return <TicketWorkspace ticketRef={ticketRef} ticket={ticket.data} />;
}

function TicketWorkspace({ ticketRef, ticket }: { ticketRef: string; ticket: Ticket }) {
  const { t } = useTranslation();
  const router = useRouter();
  const me = useCurrentUser();
  const format = useFormat();
  const { agentById } = usePeople();
  const phone = useMediaQuery('(max-width: 48em)');
  usePageTitle(`${ticket.number} · ${ticket.subject}`);

  const messages = useQuery(messagesQuery(ticket.id));
  const actions = useTicketActions(ticketRef, ticket);
  const composer = useRef<ComposerHandle>(null);
  const [typing, setTyping] = useState(false);
  const viewers = useTicketPresence(ticket.id, typing ? 'typing' : 'viewing', me.id);
  const [dialog, setDialog] = useState<'dispatch' | 'merge' | 'split' | null>(null);
  const [tab, setTab] = useState<string | null>('conversation');
  const tabsId = useId();
  const [receipt, setReceipt] = useState<Attachment | null>(null);

  const mine = ticket.assigneeId === me.id;
  const closed = ticket.statusCategory === 'closed';
  const requesterName = messages.data?.find((m) => m.author.kind === 'contact')?.author.name ?? '';
  const assignee = ticket.assigneeId ? agentById.get(ticket.assigneeId) : undefined;

  /** On a phone a column is the panel of its tab (Mantine names a tab `<id>-tab-<value>`). */
  function tabPanel(value: 'conversation' | 'details') {
    if (!phone) return {};
    return {
      role: 'tabpanel',
      id: `${tabsId}-panel-${value}`,
      'aria-labelledby': `${tabsId}-tab-${value}`,
      style: tab === value ? undefined : { display: 'none' },
    };
  }

  /** A script (a payment's, a protocol step's, an article's) goes into the composer for the agent to send. */
  function insertScript(text: string) {
    setTab('conversation');
    composer.current?.insert(text);
  }

  function openComposer(mode: 'reply' | 'note') {
    setTab('conversation');
    composer.current?.open(mode);
  }

  useShortcuts({
    r: () => openComposer('reply'),
    n: () => openComposer('note'),
    a: () => {
      if (!mine && !actions.take.isPending) actions.take.mutate();
    },
  });

  const conversation = (
    <Stack gap="md">
      {messages.isPending ? (
        <LoadingLines lines={3} height={90} />
      ) : messages.isError ? (
        <LoadError error={messages.error} onRetry={() => void messages.refetch()} />
      ) : (
        <Conversation messages={messages.data} onRecordPayment={closed ? undefined : setReceipt} />
      )}
      <PaymentsPanel ticketId={ticket.id} ticketNumber={ticket.number} onUseScript={insertScript} />
      <ProtocolsPanel ticketId={ticket.id} disabled={closed} onUseScript={insertScript} />
      {receipt && (
        <RecordPaymentModal
          ticket={ticket}
          receipt={receipt}
          onClose={() => setReceipt(null)}
          onRecorded={() => setReceipt(null)}
        />
      )}
      {closed && !ticket.mergedIntoId && (
        <Alert color="gray" variant="light" icon={<IconLock size={18} aria-hidden="true" />}>
          {t('ticket.closedNotice')}
        </Alert>
      )}
      {!closed && <Composer ref={composer} ticket={ticket} requesterName={requesterName} onTypingChange={setTyping} />}
    </Stack>
  );

  const side = (
    <Accordion
      multiple
      defaultValue={['properties', 'sla', 'customer', 'kb', 'satisfaction', 'time']}
      variant="separated"
      radius="md"
      chevronPosition="right"
      styles={{ content: { paddingTop: 4 } }}
    >
      <Section value="properties" icon={<IconListDetails size={16} />} title={t('ticket.sections.properties')}>
        <TicketProperties ticket={ticket} onChange={(changes) => actions.update.mutate(changes)} disabled={closed} />
      </Section>
      <Section value="sla" icon={<IconClockExclamation size={16} />} title={t('ticket.sections.sla')}>
        <SlaPanel ticket={ticket} />
      </Section>
      <Section value="customer" icon={<IconUserCircle size={16} />} title={t('ticket.sections.customer')}>
        <CustomerPanel ticket={ticket} />
      </Section>
      <Section value="kb" icon={<IconBook2 size={16} />} title={t('kb.panel.title')}>
        <KbTicketPanel ticketNumber={ticket.number} disabled={closed} onInsert={insertScript} />
      </Section>
      <Section value="satisfaction" icon={<IconMoodSmile size={16} />} title={t('satisfaction.panel.title')}>
        <SatisfactionPanel ticket={ticket} />
      </Section>
      <Section value="time" icon={<IconClockHour4 size={16} />} title={t('ticket.sections.time')}>
        <TimeEntries ticket={ticket} />
      </Section>
      <Section value="tasks" icon={<IconChecklist size={16} />} title={t('ticket.sections.tasks')}>
        <Tasks ticket={ticket} />
      </Section>
      <Section value="reminders" icon={<IconBell size={16} />} title={t('ticket.sections.reminders')}>
        <Reminders ticket={ticket} />
      </Section>
      <Section value="history" icon={<IconHistory size={16} />} title={t('ticket.sections.history')}>
        <HistoryPanel ticket={ticket} />
      </Section>
    </Accordion>
  );

  return (
    <Stack gap="md">
      <Box>
        <Anchor
          component="button"
          type="button"
          fz="sm"
          c="dimmed"
          onClick={() => router.history.back()}
          mb={6}
          style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}
        >
          <IconArrowLeft size={14} aria-hidden="true" />
          {t('ticket.back')}
        </Anchor>
        <Group justify="space-between" align="flex-start" gap="sm">
          {/* The title takes the row; below ~320 px of room the actions wrap under it (phones). */}
          <Box style={{ minWidth: 0, flex: '1 1 320px' }}>
            <Group gap={8} mb={4}>
              <Text ff="monospace" fw={600} c="dimmed" fz="sm">
                {ticket.number}
              </Text>
              <StatusBadge name={ticket.status} category={ticket.statusCategory} />
              <QueuePositionBadge position={ticket.queuePosition} />
              <PriorityBadge priority={ticket.priority} />
              <FlagMark flag={ticket.flag} />
              <ChannelIcon channel={ticket.channel} />
              <SlaBadge ticket={ticket} />
              <StaleBadge stale={ticket.stale} variant="filled" />
            </Group>
            <Title order={1} fz={{ base: 20, sm: 24 }} lh={1.25} style={{ overflowWrap: 'anywhere' }}>
              {ticket.subject}
            </Title>
            <Text fz="sm" c="dimmed" mt={4}>
              {t('ticket.meta', {
                created: format.dateTime(ticket.createdAt),
                updated: format.relative(ticket.updatedAt),
              })}
              {' · '}
              {assignee ? t('ticket.assignedTo', { name: assignee.name }) : t('ticket.unassigned')}
            </Text>
            <TicketLinks ticketId={ticket.id} />
          </Box>
          <Group gap="xs" wrap="nowrap">
            {mine ? (
              // Already the agent's: says so, stays in the Tab order, and does nothing.
              <Button
                variant="light"
                color="teal"
                leftSection={<IconCheck size={16} aria-hidden="true" />}
                aria-disabled="true"
                onClick={(event) => event.preventDefault()}
              >
                {t('ticket.actions.yours')}
              </Button>
            ) : (
              <Tooltip label={<ShortcutHint k="a" text={t('ticket.actions.take')} />} withinPortal>
                <Button
                  leftSection={<IconHandGrab size={16} aria-hidden="true" />}
                  onClick={() => actions.take.mutate()}
                  loading={actions.take.isPending}
                  disabled={closed}
                >
                  {t('ticket.actions.take')}
                </Button>
              </Tooltip>
            )}
            <Button
              variant="default"
              leftSection={<IconUserShare size={16} aria-hidden="true" />}
              onClick={() => setDialog('dispatch')}
              disabled={closed}
              visibleFrom="xs"
            >
              {t('ticket.actions.dispatch')}
            </Button>
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <Button
                  variant="default"
                  px="xs"
                  aria-label={t('ticket.actions.flag')}
                  leftSection={<IconFlag size={16} aria-hidden="true" />}
                  rightSection={<IconChevronDown size={14} aria-hidden="true" />}
                  disabled={closed}
                >
                  <FlagMark flag={ticket.flag} size={14} />
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{t('ticket.actions.flag')}</Menu.Label>
                {FLAGS.map((flag) => (
                  <Menu.Item
                    key={flag}
                    leftSection={<FlagMark flag={flag} size={14} />}
                    onClick={() => actions.update.mutate({ flag })}
                  >
                    <Text fz="sm">{t(`ticket.flag.${flag}`)}</Text>
                    <Text fz="xs" c="dimmed">
                      {t(`ticket.flag.meaning.${flag}`)}
                    </Text>
                  </Menu.Item>
                ))}
                <Menu.Item onClick={() => actions.update.mutate({ flag: null })}>{t('ticket.flag.remove')}</Menu.Item>
              </Menu.Dropdown>
            </Menu>
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <Button variant="default" px="xs" aria-label={t('ticket.actions.more')}>
                  <IconDotsVertical size={18} aria-hidden="true" />
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item
                  hiddenFrom="xs"
                  leftSection={<IconUserShare size={16} aria-hidden="true" />}
                  onClick={() => setDialog('dispatch')}
                  disabled={closed}
                >
                  {t('ticket.actions.dispatch')}
                </Menu.Item>
                <Menu.Item
                  leftSection={<IconArrowsSplit size={16} aria-hidden="true" />}
                  onClick={() => setDialog('split')}
                  disabled={closed || !messages.data || messages.data.length === 0}
                >
                  {t('ticket.actions.split')}
                </Menu.Item>
                <Menu.Item
                  leftSection={<IconArrowMerge size={16} aria-hidden="true" />}
                  onClick={() => setDialog('merge')}
                  disabled={closed || !!ticket.mergedIntoId}
                >
                  {t('ticket.actions.merge')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </Box>

      <RuleChangesNotice ticketId={ticket.id} />

      {!closed && <OutboundMailWarning where="ticket" />}

      <PresenceBar viewers={viewers} />

      {ticket.mergedIntoId && <MergedNotice ticket={ticket} />}

      {/* One tree for both layouts: the phone's tabs only show or hide the two columns. Switching
          layout (a tablet turned, a window resized) must not remount the composer and lose the draft. */}
      {phone && (
        <Tabs id={tabsId} value={tab} onChange={setTab}>
          <Tabs.List grow>
            <Tabs.Tab value="conversation">{t('ticket.tabs.conversation')}</Tabs.Tab>
            <Tabs.Tab value="details">{t('ticket.tabs.details')}</Tabs.Tab>
          </Tabs.List>
        </Tabs>
      )}
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, md: 8 }} {...tabPanel('conversation')}>
          {conversation}
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }} {...tabPanel('details')}>
          <Box component="aside" aria-label={t('ticket.sections.label')}>
            {side}
          </Box>
        </Grid.Col>
      </Grid>

      <DispatchDialog
        ticket={ticket}
        opened={dialog === 'dispatch'}
        onClose={() => setDialog(null)}
        dispatch={actions.dispatch}
      />
      <MergeDialog ticket={ticket} opened={dialog === 'merge'} onClose={() => setDialog(null)} />
      <SplitDialog
        ticket={ticket}
        opened={dialog === 'split'}
        onClose={() => setDialog(null)}
        messages={messages.data ?? []}
      />
    </Stack>
  );
}

function Section({
  value,
  icon,
  title,
  children,
}: {
  value: string;
  icon: ReactNode;
  title: string;
  children: ReactNode;
}) {
  return (
    <Accordion.Item value={value}>
      <Accordion.Control icon={<span aria-hidden="true">{icon}</span>}>
        <Text fz="sm" fw={600}>
          {title}
        </Text>
      </Accordion.Control>
      <Accordion.Panel>{children}</Accordion.Panel>
    </Accordion.Item>
  );
}

function ShortcutHint({ k, text }: { k: string; text: string }) {
  return (
    <Group gap={6} wrap="nowrap">
      <span>{text}</span>
      <Kbd size="xs">{k}</Kbd>
    </Group>
  );
}

function MergedNotice({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  return (
    <Paper>
      <Alert color="gray" variant="light" icon={<IconArrowMerge size={18} aria-hidden="true" />}>
        {t('ticket.mergedNotice')}{' '}
        <AnchorLink to="/tickets/$ticketRef" params={{ ticketRef: ticket.mergedIntoId ?? '' }} fw={600}>
          {t('ticket.openMerged')}
        </AnchorLink>
      </Alert>
    </Paper>
  );
}

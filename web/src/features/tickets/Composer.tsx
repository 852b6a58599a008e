import {
  Alert,
  Box,
  Button,
  CloseButton,
  FileButton,
  Group,
  Kbd,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconClipboardText, IconLock, IconPaperclip, IconSend, IconUpload } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type DragEvent,
  type KeyboardEvent,
  type Ref,
  useEffect,
  useId,
  useImperativeHandle,
  useRef,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api.ts';
import type { Macro, MacroActions, Medium, RenderedMacro, Ticket, TicketChanges } from '../../app/api-types.ts';
import { errorMessage } from '../../app/error-message.ts';
import { fromWallTime } from '../../app/time.ts';
import { useFormat } from '../../app/useFormat.ts';
import { useTicketSettings } from '../lookups/useLookups.ts';
import { fillTemplate, whatsappStateQuery } from '../whatsapp/api.ts';
import {
  type ReplyChannel,
  type TemplateDraft,
  WhatsappReplyOptions,
  windowOpen,
} from '../whatsapp/WhatsappReplyOptions.tsx';
import { type ActivityDraft, type ActivityErrors, ActivityFields, emptyActivity } from './ActivityFields.tsx';
import { type ActivityInput, type NewMessage, postMessage, renderMacro, updateTicket } from './api.ts';
import classes from './Composer.module.css';
import { MacroPreview, useActionLines } from './MacroPreview.tsx';
import { macrosQuery, ticketKeys } from './queries.ts';

export type ComposerMode = 'reply' | 'note' | 'activity';
export type ComposerHandle = {
  open: (mode: ComposerMode) => void;
  /** Adds a prepared text (a payment's script) to the reply, for the agent to read and send. */
  insert: (text: string) => void;
};

type Props = {
  ticket: Ticket;
  requesterName: string;
  /** The agent is writing (or stopped): drives the "typing" presence others see. */
  onTypingChange: (typing: boolean) => void;
  ref?: Ref<ComposerHandle>;
};

const TYPING_IDLE_MS = 4_000;
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Writes to the ticket: a public reply, an internal note or a logged activity. Macros are
 * previewed filled in before they are inserted; files are attached by drag and drop or the
 * button. Ctrl+Enter sends.
 */
export function Composer({ ticket, requesterName, onTypingChange, ref }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const settings = useTicketSettings();
  const macros = useQuery(macrosQuery);
  const bodyId = useId();
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);

  const [mode, setMode] = useState<ComposerMode>('reply');
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<Array<{ id: number; file: File }>>([]);
  const nextFileId = useRef(0);
  const [dragging, setDragging] = useState(false);
  const [preview, setPreview] = useState<{ macro: Macro; rendered: RenderedMacro } | null>(null);
  const [macroActions, setMacroActions] = useState<MacroActions | null>(null);
  const [statusAfter, setStatusAfter] = useState<string | null>(null);
  const [activity, setActivity] = useState<ActivityDraft>(() => emptyActivity(requesterName));
  const [errors, setErrors] = useState<ActivityErrors & { body?: string; template?: string }>({});
  // The customer has no email address: the channels they do have, offered instead (issue 13).
  const [noEmail, setNoEmail] = useState<Medium[] | null>(null);
  // Issue 16: a reply goes by WhatsApp where the requester has it (by default on a WhatsApp ticket).
  const whatsapp = useQuery(whatsappStateQuery(ticket.id));
  const whatsappAvailable = whatsapp.data?.available === true;
  const [channelChoice, setChannelChoice] = useState<ReplyChannel | null>(null);
  const replyChannel: ReplyChannel =
    whatsappAvailable && (channelChoice ?? (ticket.channel === 'whatsapp' ? 'whatsapp' : 'email')) === 'whatsapp'
      ? 'whatsapp'
      : 'email';
  const [templateDraft, setTemplateDraft] = useState<TemplateDraft | null>(null);
  const byTemplate = mode === 'reply' && replyChannel === 'whatsapp' && !windowOpen(whatsapp.data);
  const typingTimer = useRef<number | undefined>(undefined);

  useImperativeHandle(ref, () => ({
    open(next: ComposerMode) {
      setMode(next);
      rootRef.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
      window.setTimeout(() => textareaRef.current?.focus(), 0);
    },
    insert(text: string) {
      setMode('reply');
      setBody((current) => (current.trim() ? `${current.trimEnd()}\n\n${text}` : text));
      rootRef.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
      window.setTimeout(() => textareaRef.current?.focus(), 0);
    },
  }));

  useEffect(() => () => window.clearTimeout(typingTimer.current), []);

  // The requester's name arrives with the conversation; it is who an activity is usually with.
  useEffect(() => {
    if (requesterName)
      setActivity((current) => (current.contactPerson ? current : { ...current, contactPerson: requesterName }));
  }, [requesterName]);

  function noteTyping() {
    onTypingChange(true);
    window.clearTimeout(typingTimer.current);
    typingTimer.current = window.setTimeout(() => onTypingChange(false), TYPING_IDLE_MS);
  }

  const pickMacro = useMutation({
    mutationFn: async (macro: Macro) => ({ macro, rendered: await renderMacro(macro.id, ticket.id) }),
    onSuccess: setPreview,
    onError: (error) =>
      notifications.show({ color: 'red', title: t('macros.renderFailed'), message: errorMessage(t, error) }),
  });

  function insertMacro() {
    if (!preview) return;
    setBody((current) => (current.trim() ? `${current.trimEnd()}\n\n${preview.rendered.body}` : preview.rendered.body));
    setMacroActions(Object.keys(preview.rendered.actions).length > 0 ? preview.rendered.actions : null);
    if (mode === 'activity') setMode('reply');
    setPreview(null);
    noteTyping();
    window.setTimeout(() => textareaRef.current?.focus(), 0);
  }

  const pendingActionLines = useActionLines(macroActions ?? {});

  const send = useMutation({
    mutationFn: async (input: NewMessage) => {
      const message = await postMessage(ticket.id, input);
      const changes: TicketChanges = {};
      if (macroActions && input.kind !== 'activity') {
        if (macroActions.status) changes.status = macroActions.status;
        if (macroActions.priority) changes.priority = macroActions.priority as TicketChanges['priority'];
        if (macroActions.type) changes.type = macroActions.type;
        if (macroActions.flag !== undefined) changes.flag = macroActions.flag;
        if (macroActions.tagsAdd) changes.tagsAdd = macroActions.tagsAdd;
        if (macroActions.tagsRemove) changes.tagsRemove = macroActions.tagsRemove;
      }
      if (statusAfter) changes.status = statusAfter;
      if (Object.keys(changes).length > 0) {
        try {
          await updateTicket(ticket.id, changes);
        } catch (error) {
          // The message is in; only the follow-up change was refused. Say so without losing it.
          notifications.show({ color: 'orange', title: t('composer.changesRefused'), message: errorMessage(t, error) });
        }
      }
      return message;
    },
    onSuccess: (_message, input) => {
      const done =
        input.kind === 'reply'
          ? t('composer.sent')
          : input.kind === 'note'
            ? t('composer.noted')
            : t('composer.logged');
      notifications.show({ color: 'teal', message: done });
      setBody('');
      setFiles([]);
      setMacroActions(null);
      setStatusAfter(null);
      setErrors({});
      setNoEmail(null);
      setTemplateDraft(null);
      if (input.kind === 'activity') setActivity(emptyActivity(requesterName));
      onTypingChange(false);
    },
    onError: (error) => {
      if (isApiError(error) && error.code === 'CONTACT_HAS_NO_EMAIL') {
        const offered = (error.details as { channels?: string[] } | undefined)?.channels ?? [];
        setNoEmail(offered.filter((c): c is Medium => c === 'whatsapp' || c === 'phone'));
        return;
      }
      notifications.show({
        color: 'red',
        title: t('composer.failed'),
        message: errorMessage(t, error),
        autoClose: 10_000,
      });
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['ticket'] });
      void queryClient.invalidateQueries({ queryKey: ticketKeys.lists });
      void queryClient.invalidateQueries({ queryKey: ticketKeys.views });
    },
  });

  function validate(): (ActivityErrors & { body?: string; template?: string }) | null {
    const next: ActivityErrors & { body?: string; template?: string } = {};
    if (byTemplate) {
      if (!templateDraft || templateDraft.parameters.some((p) => !p.trim()))
        next.template = t('whatsapp.composer.templateRequired');
      return Object.keys(next).length > 0 ? next : null;
    }
    if (!body.trim()) next.body = mode === 'activity' ? t('composer.describeRequired') : t('composer.bodyRequired');
    if (mode === 'activity') {
      if (!activity.contactPerson.trim()) next.contactPerson = t('activity.errors.contactPerson');
      if (!activity.reason.trim()) next.reason = t('activity.errors.reason');
      if (activity.schedule) {
        if (!fromWallTime(activity.sessionStart, format.timeZone)) next.sessionStart = t('activity.errors.start');
        if (!fromWallTime(activity.sessionEnd, format.timeZone) || activity.sessionEnd <= activity.sessionStart) {
          next.sessionEnd = t('activity.errors.end');
        }
        if (activity.attendees.some((email) => !EMAIL_SHAPE.test(email)))
          next.attendees = t('activity.errors.attendees');
      }
    }
    return Object.keys(next).length > 0 ? next : null;
  }

  function submit() {
    if (send.isPending) return;
    const problems = validate();
    setErrors(problems ?? {});
    if (problems) return;
    const input: NewMessage = { kind: mode, body: body.trim(), files: files.map((f) => f.file) };
    if (mode === 'reply' && replyChannel === 'whatsapp') {
      input.channel = 'whatsapp';
      if (byTemplate && templateDraft) {
        const { template, parameters } = templateDraft;
        const values = parameters.map((p) => p.trim());
        // What the customer reads is kept as the message's text.
        input.body = fillTemplate(template.body, values) || template.name;
        input.template = { name: template.name, language: template.language, parameters: values };
      }
    }
    if (mode === 'activity') {
      const a = activity;
      const orNull = (text: string) => (text.trim() ? text.trim() : null);
      const payload: ActivityInput = {
        contactPerson: a.contactPerson.trim(),
        medium: a.medium,
        reason: a.reason.trim(),
        inputsReceived: orNull(a.inputsReceived),
        inputsGiven: orNull(a.inputsGiven),
        pendingItems: orNull(a.pendingItems),
        solution: orNull(a.solution),
        // The server names the linked protocol by its title.
        protocolApplied: null,
        protocolAppliedId: a.protocolAppliedId,
      };
      if (a.schedule) {
        payload.scheduledSession = {
          title: a.sessionTitle.trim() || a.reason.trim(),
          startsAt: fromWallTime(a.sessionStart, format.timeZone) as string,
          endsAt: fromWallTime(a.sessionEnd, format.timeZone) as string,
          attendees: a.attendees.map((email) => ({ email })),
        };
      }
      input.activity = payload;
      input.channel = a.medium === 'in_person' ? 'internal' : a.medium;
    }
    send.mutate(input);
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    }
  }

  function addFiles(list: FileList | File[] | null) {
    if (!list) return;
    const added = Array.from(list);
    if (added.length > 0) {
      setFiles((current) => [...current, ...added.map((file) => ({ id: nextFileId.current++, file }))]);
    }
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    addFiles(event.dataTransfer.files);
  }

  const statuses = settings?.statuses.filter((s) => s.active) ?? [];
  const sendLabel =
    mode === 'reply'
      ? t('composer.send.reply')
      : mode === 'note'
        ? t('composer.send.note')
        : t('composer.send.activity');
  const macroOptions = (macros.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }));

  return (
    <Paper
      ref={rootRef}
      withBorder
      radius="md"
      p={{ base: 'sm', sm: 'md' }}
      className={classes.composer}
      data-mode={mode}
      data-dragging={dragging || undefined}
      component="section"
      aria-label={t('composer.label')}
      onDragEnter={(event: DragEvent) => {
        if (event.dataTransfer.types.includes('Files')) setDragging(true);
      }}
      onDragOver={(event: DragEvent) => {
        if (event.dataTransfer.types.includes('Files')) event.preventDefault();
      }}
      onDragLeave={(event: DragEvent) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={onDrop}
      onKeyDown={onKeyDown}
    >
      {dragging && (
        <Box className={classes.dropOverlay} aria-hidden="true">
          <IconUpload size={28} />
          <Text fw={600}>{t('composer.dropHere')}</Text>
        </Box>
      )}
      <Stack gap="sm">
        {noEmail && mode === 'reply' && (
          <Alert color="orange" variant="light" title={t('composer.noEmail.title')} role="alert">
            <Text fz="sm">{t('composer.noEmail.body', { name: requesterName || t('composer.noEmail.customer') })}</Text>
            <Group gap="xs" mt="xs">
              {noEmail.map((medium) => (
                <Button
                  key={medium}
                  size="xs"
                  variant="light"
                  onClick={() => {
                    setMode('activity');
                    setActivity((current) => ({ ...current, medium }));
                    setNoEmail(null);
                  }}
                >
                  {t('composer.noEmail.logAs', { medium: t(`activity.medium.${medium}`) })}
                </Button>
              ))}
            </Group>
          </Alert>
        )}
        <Group justify="space-between" gap="xs" wrap="wrap">
          <SegmentedControl
            aria-label={t('composer.modeLabel')}
            value={mode}
            onChange={(value) => setMode(value as ComposerMode)}
            size="xs"
            data={[
              { value: 'reply', label: <ModeLabel icon={<IconSend size={14} />} text={t('composer.mode.reply')} /> },
              { value: 'note', label: <ModeLabel icon={<IconLock size={14} />} text={t('composer.mode.note')} /> },
              {
                value: 'activity',
                label: <ModeLabel icon={<IconClipboardText size={14} />} text={t('composer.mode.activity')} />,
              },
            ]}
          />
          {mode !== 'activity' && (
            <Select
              aria-label={t('macros.pick')}
              placeholder={t('macros.pick')}
              searchable
              clearable={false}
              size="xs"
              w={{ base: '100%', xs: 260 }}
              data={macroOptions}
              value={null}
              nothingFoundMessage={t('macros.none')}
              onChange={(id) => {
                const macro = macros.data?.items.find((m) => m.id === id);
                if (macro) pickMacro.mutate(macro);
              }}
              disabled={pickMacro.isPending}
            />
          )}
        </Group>

        {mode === 'reply' && whatsappAvailable && whatsapp.data && (
          <WhatsappReplyOptions
            ticketId={ticket.id}
            state={whatsapp.data}
            channel={replyChannel}
            onChannel={setChannelChoice}
            draft={templateDraft}
            onDraft={setTemplateDraft}
            error={errors.template}
          />
        )}

        {mode === 'note' && (
          <Text fz="xs" c="yellow.9" fw={500}>
            {t('composer.noteHint')}
          </Text>
        )}

        {preview && (
          <MacroPreview
            macro={preview.macro}
            rendered={preview.rendered}
            onInsert={insertMacro}
            onDiscard={() => setPreview(null)}
          />
        )}

        {mode === 'activity' && (
          <ActivityFields
            ticketId={ticket.id}
            value={activity}
            onChange={(next) => {
              setActivity(next);
              noteTyping();
            }}
            errors={errors}
          />
        )}

        {!byTemplate && (
          <Textarea
            id={bodyId}
            ref={textareaRef}
            label={
              mode === 'reply'
                ? t('composer.body.reply', { name: requesterName })
                : mode === 'note'
                  ? t('composer.body.note')
                  : t('composer.body.activity')
            }
            placeholder={mode === 'activity' ? t('composer.placeholder.activity') : t('composer.placeholder.text')}
            autosize
            minRows={mode === 'activity' ? 3 : 5}
            maxRows={18}
            value={body}
            error={errors.body}
            onChange={(event) => {
              setBody(event.currentTarget.value);
              noteTyping();
            }}
            classNames={{ input: classes.textarea }}
          />
        )}

        {files.length > 0 && (
          <Group gap={6} aria-label={t('composer.filesLabel')} role="list">
            {files.map(({ id, file }) => (
              <Group key={id} gap={4} className={classes.file} role="listitem" wrap="nowrap">
                <IconPaperclip size={13} aria-hidden="true" />
                <Text fz="xs" truncate="end" maw={200}>
                  {file.name}
                </Text>
                <Text fz={11} c="dimmed">
                  {format.number(Math.max(1, Math.round(file.size / 1024)))} KB
                </Text>
                <CloseButton
                  size="xs"
                  aria-label={t('composer.removeFile', { name: file.name })}
                  onClick={() => setFiles((current) => current.filter((f) => f.id !== id))}
                />
              </Group>
            ))}
          </Group>
        )}

        {macroActions && pendingActionLines.length > 0 && (
          <Group gap={6}>
            <Text fz="xs" c="dimmed">
              {t('macros.preview.actions')} {pendingActionLines.join(' · ')}
            </Text>
            <CloseButton size="xs" aria-label={t('macros.dropActions')} onClick={() => setMacroActions(null)} />
          </Group>
        )}

        <Group justify="space-between" gap="xs" wrap="wrap">
          <Group gap="xs">
            <FileButton onChange={(picked) => addFiles(picked)} multiple>
              {(props) => (
                <Button
                  {...props}
                  variant="default"
                  size="xs"
                  leftSection={<IconPaperclip size={14} aria-hidden="true" />}
                >
                  {t('composer.attach')}
                </Button>
              )}
            </FileButton>
            <Text fz="xs" c="dimmed" visibleFrom="sm">
              {t('composer.dragHint')}
            </Text>
          </Group>
          {/* Wraps on a phone: the status picker takes its own line and the send button the next. */}
          <Group gap="xs" justify="flex-end" style={{ flexGrow: 1 }}>
            {mode !== 'activity' && (
              <Select
                aria-label={t('composer.statusAfter')}
                placeholder={t('composer.statusAfterPlaceholder')}
                size="xs"
                w={{ base: '100%', xs: 190 }}
                clearable
                value={statusAfter}
                onChange={setStatusAfter}
                data={statuses.map((s) => ({ value: s.id, label: s.name }))}
                comboboxProps={{ position: 'top' }}
              />
            )}
            <Tooltip label={<KeyHint />} withinPortal>
              <Button
                size="sm"
                onClick={submit}
                loading={send.isPending}
                color={mode === 'note' ? 'yellow.8' : mode === 'activity' ? 'teal.8' : undefined}
                leftSection={mode === 'reply' ? <IconSend size={16} aria-hidden="true" /> : undefined}
              >
                {sendLabel}
              </Button>
            </Tooltip>
          </Group>
        </Group>
      </Stack>
    </Paper>
  );
}

function ModeLabel({ icon, text }: { icon: React.ReactNode; text: string }) {
  return (
    <Group gap={6} wrap="nowrap" px={4}>
      <span aria-hidden="true" style={{ display: 'inline-flex' }}>
        {icon}
      </span>
      <span>{text}</span>
    </Group>
  );
}

function KeyHint() {
  const { t } = useTranslation();
  return (
    <span>
      <Kbd size="xs">Ctrl</Kbd> + <Kbd size="xs">Enter</Kbd>{' '}
      <VisuallyHidden>{t('composer.sendShortcut')}</VisuallyHidden>
    </span>
  );
}

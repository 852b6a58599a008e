import { Button, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBrandWhatsapp } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/error-message.ts';
import { DialogActions } from '../../app/ui/DialogActions.tsx';
import { sendSessionLink, sendWelcome, whatsappStateQuery } from './api.ts';

/** The ticket's messages and WhatsApp state after a one-click message was queued. */
function useRefreshTicket(ticketId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['ticket', ticketId] });
}

/** Seed 000: "enviarle un mensaje desde nuestro WhatsApp de soporte para que el cliente tenga nuestro contacto". */
export function WelcomeButton({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const state = useQuery(whatsappStateQuery(ticketId));
  const refresh = useRefreshTicket(ticketId);
  const welcome = useMutation({
    mutationFn: () => sendWelcome(ticketId),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: t('whatsapp.habits.welcomeQueued') });
      void refresh();
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(t, error), autoClose: 10_000 }),
  });
  if (!state.data?.available) return null;
  return (
    <Button
      variant="light"
      color="teal"
      size="compact-sm"
      leftSection={<IconBrandWhatsapp size={16} aria-hidden="true" />}
      title={t('whatsapp.habits.welcomeHint')}
      loading={welcome.isPending}
      onClick={() => welcome.mutate()}
    >
      {t('whatsapp.habits.welcome')}
    </Button>
  );
}

/** Seed 000: "cuando el cliente no tiene headset: enviarle por WhatsApp el link" of the session. */
export function SessionLinkButton({
  session,
}: {
  session: { id: string; ticketId: string; title: string; joinUrl: string | null };
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [link, setLink] = useState(session.joinUrl ?? '');
  const refresh = useRefreshTicket(session.ticketId);
  const send = useMutation({
    mutationFn: () => sendSessionLink(session.ticketId, session.id, link),
    onSuccess: () => {
      setOpen(false);
      notifications.show({ color: 'teal', message: t('whatsapp.habits.sessionLinkQueued') });
      void refresh();
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    send.mutate();
  }

  return (
    <>
      <Button
        variant="subtle"
        color="teal"
        size="compact-xs"
        leftSection={<IconBrandWhatsapp size={14} aria-hidden="true" />}
        onClick={() => {
          setLink(session.joinUrl ?? '');
          send.reset();
          setOpen(true);
        }}
      >
        {t('whatsapp.habits.sessionLink')}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('whatsapp.habits.sessionLinkTitle')} centered>
        <form onSubmit={submit}>
          <Stack gap="sm">
            <Text fz="sm">{t('whatsapp.habits.sessionLinkIntro', { title: session.title })}</Text>
            <TextInput
              label={t('whatsapp.habits.joinUrl')}
              description={t('whatsapp.habits.joinUrlHint')}
              placeholder="https://teams.microsoft.com/l/meetup-join/…"
              type="url"
              data-autofocus
              value={link}
              onChange={(event) => setLink(event.currentTarget.value)}
            />
            <DialogActions
              error={send.isError ? errorMessage(t, send.error) : null}
              onCancel={() => setOpen(false)}
              submitLabel={t('whatsapp.habits.send')}
              loading={send.isPending}
            />
          </Stack>
        </form>
      </Modal>
    </>
  );
}

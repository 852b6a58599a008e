import { Alert, Badge, Group, Paper, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconBrandWhatsapp, IconClockHour4, IconMail } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/error-message.ts';
import { useFormat } from '../../app/useFormat.ts';
import { type ApprovedTemplate, fillTemplate, type WhatsappReplyState, whatsappTemplatesQuery } from './api.ts';

export type ReplyChannel = 'email' | 'whatsapp';
export type TemplateDraft = { template: ApprovedTemplate; parameters: string[] };

/** Open now: the server said so when asked, and the closing time has not passed since. */
export function windowOpen(state: WhatsappReplyState | undefined, now = Date.now()): boolean {
  return Boolean(state?.windowOpen && state.closesAt && Date.parse(state.closesAt) > now);
}

/**
 * The reply's channel (email or WhatsApp) where the requester has WhatsApp, the 24-hour window
 * (open until when, or closed), and once it is closed the approved template with its parameters,
 * the only thing WhatsApp lets a business send then.
 */
export function WhatsappReplyOptions({
  ticketId,
  state,
  channel,
  onChannel,
  draft,
  onDraft,
  error,
}: {
  ticketId: string;
  state: WhatsappReplyState;
  channel: ReplyChannel;
  onChannel: (channel: ReplyChannel) => void;
  draft: TemplateDraft | null;
  onDraft: (draft: TemplateDraft | null) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const open = windowOpen(state);
  const templates = useQuery({ ...whatsappTemplatesQuery(ticketId), enabled: channel === 'whatsapp' && !open });
  const key = (template: ApprovedTemplate) => `${template.name}:${template.language}`;

  return (
    <Stack gap={6} data-whatsapp-reply data-window={open ? 'open' : 'closed'}>
      <Group gap="xs" wrap="wrap">
        <SegmentedControl
          aria-label={t('whatsapp.composer.channel')}
          size="xs"
          value={channel}
          onChange={(value) => onChannel(value as ReplyChannel)}
          data={[
            {
              value: 'email',
              label: (
                <Group gap={4} wrap="nowrap">
                  <IconMail size={14} aria-hidden="true" />
                  <span>{t('whatsapp.composer.email')}</span>
                </Group>
              ),
            },
            {
              value: 'whatsapp',
              label: (
                <Group gap={4} wrap="nowrap">
                  <IconBrandWhatsapp size={14} aria-hidden="true" />
                  <span>{t('whatsapp.composer.whatsapp')}</span>
                </Group>
              ),
            },
          ]}
        />
        {channel === 'whatsapp' && (
          <Badge
            variant="light"
            color={open ? 'teal' : 'orange'}
            leftSection={<IconClockHour4 size={12} aria-hidden="true" />}
            data-testid="whatsapp-window"
          >
            {open && state.closesAt
              ? t('whatsapp.composer.windowOpen', { time: format.time(state.closesAt) })
              : t('whatsapp.composer.windowClosed')}
          </Badge>
        )}
        {channel === 'whatsapp' && state.phone && (
          <Text fz="xs" c="dimmed">
            {t('whatsapp.composer.to', { phone: state.phone })}
          </Text>
        )}
      </Group>
      {channel === 'whatsapp' && !open && (
        <Paper withBorder radius="sm" p="sm">
          <Stack gap="xs">
            <Text fz="xs" c="dimmed">
              {state.lastInboundAt ? t('whatsapp.composer.templateOnly') : t('whatsapp.composer.neverWrote')}
            </Text>
            {templates.isError ? (
              <Alert color="red" variant="light" p="xs">
                {errorMessage(t, templates.error)}
              </Alert>
            ) : (
              <Select
                label={t('whatsapp.composer.template')}
                placeholder={t('whatsapp.composer.templatePlaceholder')}
                size="xs"
                data={(templates.data ?? []).map((template) => ({
                  value: key(template),
                  label: `${template.name} (${template.language})`,
                }))}
                value={draft ? key(draft.template) : null}
                onChange={(value) => {
                  const template = templates.data?.find((x) => key(x) === value);
                  onDraft(template ? { template, parameters: Array(template.parameters).fill('') } : null);
                }}
                nothingFoundMessage={t('whatsapp.composer.noTemplates')}
                disabled={templates.isPending}
                error={error}
              />
            )}
            {draft && draft.template.parameters > 0 && (
              <Group grow gap="xs" align="flex-start">
                {draft.parameters.map((value, index) => (
                  <TextInput
                    // biome-ignore lint/suspicious/noArrayIndexKey: parameters are positional, their index is their identity
                    key={index}
                    size="xs"
                    label={t('whatsapp.composer.parameter', { n: index + 1 })}
                    value={value}
                    onChange={(event) => {
                      const parameters = [...draft.parameters];
                      parameters[index] = event.currentTarget.value;
                      onDraft({ ...draft, parameters });
                    }}
                  />
                ))}
              </Group>
            )}
            {draft && (
              <Text fz="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="template-preview">
                {fillTemplate(draft.template.body, draft.parameters)}
              </Text>
            )}
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}

import { Alert, Badge, Box, Button, Code, Group, Mark, Paper, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconTemplate } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Macro, MacroActions, RenderedMacro } from '../../app/api-types.ts';
import { useTicketSettings } from '../lookups/useLookups.ts';
import { lineUp } from './macro-preview.ts';

type Props = { macro: Macro; rendered: RenderedMacro; onInsert: () => void; onDiscard: () => void };

/**
 * A macro filled in for this ticket before it goes into the reply: each placeholder's value
 * highlighted, empty ones called out, and what the macro will also change on the ticket.
 */
export function MacroPreview({ macro, rendered, onInsert, onDiscard }: Props) {
  const { t } = useTranslation();
  const lined = lineUp(macro.body, rendered.body);
  const missing = lined?.fills.filter((fill) => fill.value.trim() === '') ?? [];
  const actions = useActionLines(rendered.actions);

  return (
    <Paper
      withBorder
      radius="md"
      p="sm"
      bg="var(--mantine-color-gray-0)"
      role="region"
      aria-label={t('macros.preview.label')}
    >
      <Stack gap="xs">
        <Group gap={6}>
          <IconTemplate size={16} aria-hidden="true" />
          <Text fz="sm" fw={600}>
            {t('macros.preview.title', { name: macro.name })}
          </Text>
        </Group>
        <Box
          p="sm"
          bg="var(--mantine-color-body)"
          style={{ borderRadius: 'var(--mantine-radius-sm)', whiteSpace: 'pre-wrap' }}
          data-testid="macro-preview-text"
        >
          <Text fz="sm" component="div">
            {lined
              ? lined.segments.map((segment, index) =>
                  segment.placeholder ? (
                    <Mark
                      // biome-ignore lint/suspicious/noArrayIndexKey: segments are positional
                      key={index}
                      color={segment.text.trim() ? 'indigo' : 'red'}
                      title={`{{${segment.placeholder}}}`}
                      px={2}
                      style={{ borderRadius: 3 }}
                    >
                      {segment.text.trim() ? segment.text : `{{${segment.placeholder}}}`}
                    </Mark>
                  ) : (
                    // biome-ignore lint/suspicious/noArrayIndexKey: segments are positional
                    <span key={index}>{segment.text}</span>
                  ),
                )
              : rendered.body}
          </Text>
        </Box>
        {lined && lined.fills.length > 0 && (
          <Group gap={6}>
            <Text fz="xs" c="dimmed">
              {t('macros.preview.filled')}
            </Text>
            {lined.fills.map((fill) => (
              <Badge
                key={`${fill.placeholder}-${fill.value}`}
                variant="light"
                color={fill.value.trim() ? 'indigo' : 'red'}
                radius="sm"
                size="sm"
                tt="none"
              >
                <Code bg="transparent" fz={11} p={0}>{`{{${fill.placeholder}}}`}</Code> →{' '}
                {fill.value.trim() || t('macros.preview.empty')}
              </Badge>
            ))}
          </Group>
        )}
        {missing.length > 0 && (
          <Alert color="red" variant="light" p="xs" icon={<IconAlertTriangle size={16} aria-hidden="true" />}>
            <Text fz="xs">{t('macros.preview.missing', { count: missing.length })}</Text>
          </Alert>
        )}
        {actions.length > 0 && (
          <Text fz="xs" c="dimmed">
            {t('macros.preview.actions')} {actions.join(' · ')}
          </Text>
        )}
        <Group gap="xs" justify="flex-end">
          <Button size="xs" variant="subtle" color="gray" onClick={onDiscard}>
            {t('macros.preview.discard')}
          </Button>
          <Button size="xs" onClick={onInsert} data-autofocus>
            {t('macros.preview.insert')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** "Estado → PENDIENTE", "+ pago" …: what a macro changes on the ticket, in words. */
export function useActionLines(actions: MacroActions): string[] {
  const { t } = useTranslation();
  const settings = useTicketSettings();
  const lines: string[] = [];
  if (actions.status) {
    const status = settings?.statuses.find((s) => s.id === actions.status || s.name === actions.status);
    lines.push(`${t('ticket.fields.status')} → ${status?.name ?? actions.status}`);
  }
  if (actions.priority) {
    lines.push(
      `${t('ticket.fields.priority')} → ${t(`ticket.priority.${actions.priority as 'normal'}`, { defaultValue: actions.priority })}`,
    );
  }
  if (actions.type) lines.push(`${t('ticket.fields.type')} → ${actions.type}`);
  if (actions.flag !== undefined) {
    lines.push(
      `${t('ticket.fields.flag')} → ${actions.flag ? t(`ticket.flag.${actions.flag}`) : t('ticket.flag.none')}`,
    );
  }
  for (const tag of actions.tagsAdd ?? []) lines.push(`+ ${tag}`);
  for (const tag of actions.tagsRemove ?? []) lines.push(`− ${tag}`);
  return lines;
}

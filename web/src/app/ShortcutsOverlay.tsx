import { Group, Kbd, Modal, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const SHORTCUTS = [
  { keys: ['/'], key: 'search' },
  { keys: ['j'], key: 'next' },
  { keys: ['k'], key: 'previous' },
  { keys: ['Enter'], key: 'open' },
  { keys: ['x'], key: 'select' },
  { keys: ['r'], key: 'reply' },
  { keys: ['n'], key: 'note' },
  { keys: ['a'], key: 'take' },
  { keys: ['Ctrl', 'Enter'], key: 'send' },
  { keys: ['?'], key: 'help' },
] as const;

/** The `?` overlay: every keyboard shortcut of the console, in the reader's language. */
export function ShortcutsOverlay({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('shortcuts.title')} centered size="md">
      <Stack gap="sm">
        <Text fz="sm" c="dimmed">
          {t('shortcuts.intro')}
        </Text>
        <Table verticalSpacing={6} aria-label={t('shortcuts.title')}>
          <Table.Tbody>
            {SHORTCUTS.map((shortcut) => (
              <Table.Tr key={shortcut.key}>
                <Table.Td w={120}>
                  <Group gap={4} wrap="nowrap">
                    {shortcut.keys.map((k, i) => (
                      <span key={k}>
                        {i > 0 && ' + '}
                        <Kbd>{k}</Kbd>
                      </span>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text fz="sm">{t(`shortcuts.keys.${shortcut.key}`)}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Modal>
  );
}

import { Box, Center, Group, Paper, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { LanguageSwitch } from '../app/LanguageSwitch.tsx';
import { Logo } from '../app/Logo.tsx';
import { applyLocale, currentLocale } from '../i18n/i18n.ts';

/** The signed-out portal frame: logo, language switch and one narrow card (fits a 390 px phone). */
export function PortalAuthFrame({ children }: { children: ReactNode }) {
  return (
    <Stack component="main" id="main" mih="100dvh" p={{ base: 'md', sm: 40 }} gap={0}>
      <Group justify="space-between">
        <Logo size="sm" />
        <LanguageSwitch value={currentLocale()} onChange={applyLocale} />
      </Group>
      <Center flex={1} py="xl">
        <Box w="100%" maw={420}>
          <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }}>
            {children}
          </Paper>
        </Box>
      </Center>
    </Stack>
  );
}

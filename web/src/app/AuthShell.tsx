import { Box, Center, Group, List, SimpleGrid, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconChartBar, IconClockHour4, IconInbox } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { applyLocale, currentLocale } from '../i18n/i18n.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { Logo } from './Logo.tsx';

/** The signed-out frame: a brand panel on wide screens and the form on the right. */
export function AuthShell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const points = [
    { icon: IconInbox, text: t('auth.hero.channels') },
    { icon: IconClockHour4, text: t('auth.hero.sla') },
    { icon: IconChartBar, text: t('auth.hero.reports') },
  ];

  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing={0} mih="100dvh">
      <Box component="aside" className="auth-hero" visibleFrom="md" p={56} c="white">
        <Stack justify="space-between" h="100%">
          <Logo size="lg" inverted />
          <Stack gap="xl" maw={480}>
            {/* Styled as a headline but not a heading: the page's only h1 is the form's. */}
            <Text component="p" fz={34} fw={700} lh={1.2} c="white">
              {t('auth.hero.title')}
            </Text>
            <Text fz="lg" c="indigo.0" lh={1.55}>
              {t('auth.hero.text')}
            </Text>
            <List spacing="md" center>
              {points.map(({ icon: Icon, text }) => (
                <List.Item
                  key={text}
                  icon={
                    <ThemeIcon size={34} radius="xl" variant="white" color="indigo">
                      <Icon size={18} aria-hidden="true" />
                    </ThemeIcon>
                  }
                >
                  <Text c="white" fw={500}>
                    {text}
                  </Text>
                </List.Item>
              ))}
            </List>
          </Stack>
          <Text fz="sm" c="indigo.0">
            {t('app.license')}
          </Text>
        </Stack>
      </Box>

      <Stack component="main" id="main" p={{ base: 'lg', sm: 40 }} gap={0} bg="var(--mantine-color-body)">
        <Group justify="space-between">
          <Box hiddenFrom="md">
            <Logo size="sm" />
          </Box>
          <Box ml="auto">
            <LanguageSwitch value={locale} onChange={applyLocale} />
          </Box>
        </Group>
        <Center flex={1} py="xl">
          <Box w="100%" maw={400}>
            {children}
          </Box>
        </Center>
      </Stack>
    </SimpleGrid>
  );
}

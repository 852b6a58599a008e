import { Box, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../app/LanguageSwitch.tsx';
import { Logo } from '../app/Logo.tsx';
import { AnchorLink } from '../app/ui/links.tsx';
import { applyLocale, currentLocale } from '../i18n/i18n.ts';

/**
 * The public help centre's frame (019): no sign-in, a search box on every page. The print view
 * leaves the frame out (see HelpPrintPage).
 */
export function HelpLayout() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const q = useRouterState({ select: (s) => (s.location.search as { q?: string }).q ?? '' });
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);

  function onSearch(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const query = text.trim();
    void navigate({ to: '/help', search: query ? { q: query } : {} });
  }

  return (
    <Box mih="100dvh" bg="var(--mantine-color-gray-0)">
      <Box
        component="header"
        bg="white"
        py="md"
        px="md"
        style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}
      >
        <Stack maw={900} mx="auto" gap="sm">
          <Group justify="space-between" wrap="nowrap">
            <AnchorLink to="/help" underline="never" c="inherit">
              <Group gap="xs" wrap="nowrap">
                <Logo size="sm" />
                <Text fw={600}>{t('help.title')}</Text>
              </Group>
            </AnchorLink>
            <LanguageSwitch value={currentLocale()} onChange={applyLocale} key={i18n.language} />
          </Group>
          <search>
            <form onSubmit={onSearch}>
              <TextInput
                aria-label={t('help.search.label')}
                placeholder={t('help.search.placeholder')}
                leftSection={<IconSearch size={16} aria-hidden="true" />}
                value={text}
                onChange={(e) => setText(e.currentTarget.value)}
                type="search"
                size="md"
              />
            </form>
          </search>
        </Stack>
      </Box>
      <Box component="main" id="main" maw={900} mx="auto" px="md" py="lg">
        <Outlet />
      </Box>
    </Box>
  );
}

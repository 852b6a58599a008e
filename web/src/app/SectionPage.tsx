import { Box, List, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import type { Icon } from '@tabler/icons-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from './usePageTitle.ts';

type Props = {
  icon: Icon;
  title: string;
  description: string;
  /** What the section will hold, one short line each. */
  contents: string[];
};

/**
 * A section's title and purpose, with the list of what it is for. Used while a section has
 * no screens of its own yet, so the console never shows a blank page or a "coming soon".
 */
export function SectionPage({ icon: SectionIcon, title, description, contents }: Props) {
  const { t } = useTranslation();
  const contentsId = useId();
  usePageTitle(title);
  return (
    <Stack gap="xl" maw={880}>
      <Box>
        <Title order={1} fz={28}>
          {title}
        </Title>
        <Text c="dimmed" fz="lg" mt={6}>
          {description}
        </Text>
      </Box>

      <Paper
        component="section"
        aria-labelledby={contentsId}
        withBorder
        radius="lg"
        p={{ base: 'lg', sm: 'xl' }}
        style={{ borderStyle: 'dashed' }}
      >
        <Stack gap="lg">
          <ThemeIcon size={52} radius="xl" variant="light">
            <SectionIcon size={28} stroke={1.6} aria-hidden="true" />
          </ThemeIcon>
          <Title order={2} fz="lg" id={contentsId}>
            {t('sections.contentsHeading')}
          </Title>
          <List spacing="sm" c="dimmed">
            {contents.map((line) => (
              <List.Item key={line}>{line}</List.Item>
            ))}
          </List>
        </Stack>
      </Paper>
    </Stack>
  );
}

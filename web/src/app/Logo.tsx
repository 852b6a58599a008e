import { Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

type Props = { size?: 'sm' | 'md' | 'lg'; inverted?: boolean };

const markSizes = { sm: 26, md: 32, lg: 40 } as const;
const textSizes = { sm: 'lg', md: 'xl', lg: '1.75rem' } as const;

/** The ticket-stub mark and the product name; the mark is decoration, the name is the label. */
export function Logo({ size = 'md', inverted = false }: Props) {
  const { t } = useTranslation();
  const px = markSizes[size];
  return (
    <Group gap={10} wrap="nowrap">
      <svg width={px} height={px} viewBox="0 0 64 64" aria-hidden="true" focusable="false">
        <rect width="64" height="64" rx="16" fill={inverted ? '#ffffff' : 'var(--mantine-color-indigo-6)'} />
        <path
          d="M17 21h30v7a4 4 0 0 0 0 8v7H17v-7a4 4 0 0 0 0-8z"
          fill={inverted ? 'var(--mantine-color-indigo-6)' : '#ffffff'}
        />
        <path
          d="M38 23v18"
          stroke={inverted ? '#ffffff' : 'var(--mantine-color-indigo-6)'}
          strokeWidth="2.5"
          strokeDasharray="3 3"
        />
      </svg>
      <Text component="span" fw={750} fz={textSizes[size]} lts={-0.3} c={inverted ? 'white' : undefined}>
        {t('app.name')}
      </Text>
    </Group>
  );
}

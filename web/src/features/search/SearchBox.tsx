import { ActionIcon, Kbd, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useNavigate, useRouterState } from '@tanstack/react-router';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

export const GLOBAL_SEARCH_ID = 'global-search';

/** The header's search: tickets by number or words, contacts and organizations; `/` jumps here. */
export function SearchBox() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const current = useRouterState({
    select: (state) =>
      state.location.pathname === '/search' ? (state.location.search as { q?: string }).q : undefined,
  });
  const [value, setValue] = useState(current ?? '');
  useEffect(() => {
    if (current !== undefined) setValue(current);
  }, [current]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const q = value.trim();
    if (!q) return;
    void navigate({ to: '/search', search: { q } });
  }

  return (
    <>
      <search aria-label={t('search.label')} style={{ flex: 1, maxWidth: 520 }}>
        <form onSubmit={submit}>
          <TextInput
            id={GLOBAL_SEARCH_ID}
            visibleFrom="sm"
            aria-label={t('search.label')}
            placeholder={t('search.placeholder')}
            leftSection={<IconSearch size={16} aria-hidden="true" />}
            rightSection={<Kbd size="xs">/</Kbd>}
            rightSectionPointerEvents="none"
            value={value}
            onChange={(event) => setValue(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape') event.currentTarget.blur();
            }}
            radius="xl"
            type="search"
          />
        </form>
      </search>
      <ActionIcon
        onClick={() => void navigate({ to: '/search', search: { q: '' } })}
        hiddenFrom="sm"
        variant="default"
        size="lg"
        aria-label={t('search.label')}
      >
        <IconSearch size={18} aria-hidden="true" />
      </ActionIcon>
    </>
  );
}

import { ActionIcon, Kbd, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useNavigate, useRouterState } from '@tanstack/react-router';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

export const GLOBAL_SEARCH_ID = 'global-search';
/** The search page's own box, which a phone uses instead of the header's. */
export const PAGE_SEARCH_ID = 'page-search';

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

  // A phone's header has only the icon: it opens the search page (keeping what was searched) and
  // puts the cursor in that page's box, also when the page is already open.
  async function openPhoneSearch() {
    await navigate({ to: '/search', search: { q: current ?? '' } });
    focusWhenShown(PAGE_SEARCH_ID);
  }

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
        onClick={() => void openPhoneSearch()}
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

/** Focuses an element that the page being opened is about to render (its chunk may still be loading). */
function focusWhenShown(id: string, framesLeft = 120): void {
  const element = document.getElementById(id);
  if (element) element.focus();
  else if (framesLeft > 0) requestAnimationFrame(() => focusWhenShown(id, framesLeft - 1));
}

import { Loader, Radio, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { type ReactNode, useEffect, useState } from 'react';

/** What a SearchPick holds: the text typed, the same text once typing pauses (to search with), and the pick. */
export function useSearchPickState(opened: boolean) {
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 250);
  const [pickedId, setPickedId] = useState<string | null>(null);
  // Each opening of the dialog starts a new search.
  useEffect(() => {
    if (!opened) return;
    setQuery('');
    setPickedId(null);
  }, [opened]);
  return { query, setQuery, debounced, pickedId, setPickedId };
}

type Props<T> = {
  label: string;
  placeholder: string;
  query: string;
  onQueryChange: (query: string) => void;
  fetching: boolean;
  /** The search ran and answered: only then does an empty answer say "nothing matches". */
  answered: boolean;
  emptyText: string;
  listLabel: string;
  items: T[];
  idOf: (item: T) => string;
  labelOf: (item: T) => ReactNode;
  descriptionOf?: (item: T) => string | undefined;
  value: string | null;
  onChange: (id: string | null) => void;
};

/** Find one record by typing, then pick it from the answers (merge a ticket or a contact into another). */
export function SearchPick<T>(props: Props<T>) {
  const { items, value, onChange } = props;
  return (
    <>
      <TextInput
        label={props.label}
        placeholder={props.placeholder}
        value={props.query}
        onChange={(e) => {
          props.onQueryChange(e.currentTarget.value);
          onChange(null);
        }}
        rightSection={props.fetching ? <Loader size={14} /> : null}
        data-autofocus
      />
      {props.answered && items.length === 0 && (
        <Text fz="sm" c="dimmed">
          {props.emptyText}
        </Text>
      )}
      {items.length > 0 && (
        <Radio.Group label={props.listLabel} value={value} onChange={onChange}>
          <ScrollArea.Autosize mah={260} mt="xs">
            <Stack gap={6}>
              {items.map((item) => (
                <Radio
                  key={props.idOf(item)}
                  value={props.idOf(item)}
                  label={props.labelOf(item)}
                  description={props.descriptionOf?.(item)}
                />
              ))}
            </Stack>
          </ScrollArea.Autosize>
        </Radio.Group>
      )}
    </>
  );
}

import { Avatar, type MantineSize, Tooltip } from '@mantine/core';

const COLORS = ['indigo', 'teal', 'grape', 'cyan', 'pink', 'violet', 'blue', 'lime'] as const;

/** A stable colour per person, so the same agent always looks the same in every list. */
function colorFor(key: string): (typeof COLORS)[number] {
  let hash = 0;
  for (const char of key) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return COLORS[hash % COLORS.length] ?? 'indigo';
}

export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words;
  return letters
    .map((word) => word?.[0] ?? '')
    .join('')
    .toUpperCase();
}

type Props = { name: string; initials?: string | null; id?: string; size?: MantineSize | number; tooltip?: boolean };

/** Initials in a coloured circle; the name is the accessible label and the tooltip. */
export function PersonAvatar({ name, initials, id, size = 'sm', tooltip = true }: Props) {
  const avatar = (
    <Avatar
      size={size}
      radius="xl"
      color={colorFor(id ?? name)}
      variant="light"
      role="img"
      aria-label={name}
      style={{ flexShrink: 0 }}
    >
      {/* Three letters do not fit a small circle (José Maximino Raúl… is "JMRTT" on time entries). */}
      {(initials || initialsOf(name)).slice(0, typeof size === 'number' && size < 32 ? 2 : 3)}
    </Avatar>
  );
  return tooltip ? (
    <Tooltip label={name} withinPortal>
      {avatar}
    </Tooltip>
  ) : (
    avatar
  );
}

import { Avatar, type MantineSize, Tooltip } from '@mantine/core';
import { avatarInitials } from './avatar-initials.ts';

const COLORS = ['indigo', 'teal', 'grape', 'cyan', 'pink', 'violet', 'blue', 'lime'] as const;

/** A stable colour per person, so the same agent always looks the same in every list. */
function colorFor(key: string): (typeof COLORS)[number] {
  let hash = 0;
  for (const char of key) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return COLORS[hash % COLORS.length] ?? 'indigo';
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
      {(initials || avatarInitials(name)).slice(0, typeof size === 'number' && size < 32 ? 2 : 3)}
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

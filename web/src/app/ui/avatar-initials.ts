/**
 * Two letters for an avatar. Spanish names carry two surnames ("Mariana Solís Quesada"), and
 * people go by the first one, so three or more words give the first name and the first surname
 * (MS), not the last word (MQ).
 */
export function avatarInitials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const surname = words.length >= 3 ? words[words.length - 2] : words[1];
  return [words[0], surname]
    .map((word) => word?.[0] ?? '')
    .join('')
    .toUpperCase();
}

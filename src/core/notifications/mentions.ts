/**
 * The agents a note mentions: `@ACC` (initials, any case) or `@araceli.cruz` (the local part of
 * their email). An address such as `soporte@acme.com` is not a mention: the `@` must start a word.
 */
export function mentionedAgentIds(
  text: string,
  agents: readonly { id: string; initials: string; email: string }[],
): string[] {
  const handles = new Set(
    [...text.matchAll(/(?<![\p{L}\p{N}._%+-])@([\p{L}\p{N}][\p{L}\p{N}._%+-]*)/gu)].map((m) =>
      (m[1] ?? '').replace(/[._-]+$/, '').toLowerCase(),
    ),
  );
  if (handles.size === 0) return [];
  const ids: string[] = [];
  for (const agent of agents) {
    const local = agent.email.split('@')[0]?.toLowerCase() ?? '';
    if (handles.has(agent.initials.toLowerCase()) || handles.has(local)) ids.push(agent.id);
  }
  return ids;
}

/**
 * Splits a mail's text into what the sender wrote now and the quoted conversation below it
 * ("El … escribió:", "On … wrote:", Outlook's "De: … Enviado:" block, "-----Original Message-----",
 * `>` quotes). The quote is folded away for display, never thrown away.
 */
export function foldQuotes(text: string): { visible: string; quoted: string } {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  let cut = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    const next = (lines[i + 1] ?? '').trim();
    const joined = `${line} ${next}`;
    if (
      /^-{2,}\s*(original message|mensaje original|forwarded message|mensaje reenviado)\s*-{2,}$/i.test(line) ||
      /^(el|on|le|am)\s.{4,200}(escribió|wrote|a écrit|schrieb)\s*:$/i.test(line) ||
      /^(el|on)\s.{4,200}(escribió|wrote)\s*:$/i.test(joined) ||
      (/^(de|from)\s*:/i.test(line) && /^(enviado|sent|fecha|date)\s*:/i.test(next))
    ) {
      cut = i;
      break;
    }
    if (line.startsWith('>') && lines.slice(i).every((l) => l.trim() === '' || l.trim().startsWith('>'))) {
      cut = i;
      break;
    }
  }
  if (cut <= 0) return { visible: text.trim(), quoted: cut === 0 ? '' : '' };
  return { visible: lines.slice(0, cut).join('\n').trim(), quoted: lines.slice(cut).join('\n').trim() };
}

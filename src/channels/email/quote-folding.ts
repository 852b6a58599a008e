/**
 * Finds the quoted earlier conversation in a mail's text, so the console folds it away (never
 * throws it away): "El … escribió:", "On … wrote:" and their cousins in other languages, Outlook's
 * "De: … Enviado: …" header blocks, "-----Mensaje original-----", forwarded-message banners, `>`
 * quotes, signature delimiters and "Enviado desde mi iPhone". Each line is classified, then the
 * pattern of classes decides, in the manner of Discourse's email_reply_trimmer (whose fixtures are
 * in the corpus test): quoted text below the reply (top-posting) or above it (bottom-posting).
 */

type LineClass =
  | 'e' // empty
  | 'b' // embedded-mail marker: "On … wrote:", "-----Original Message-----"
  | 'd' // delimiter: "--", "______", "====="
  | 's' // mobile signature: "Sent from my iPhone"
  | 'q' // quote: "> …"
  | 'h' // header of an embedded mail: "From: …", "Enviado: …"
  | 't'; // text

const VERBS =
  'wrote|writes|escribió|escribio|escribe|a écrit|a ecrit|schrieb|schreef|geschreven|ha scritto|scrisse|escreveu|escreve|napisał\\(a\\)|napisała|napisał|написал\\(а\\)|написала|написал|написав|пише|skrev|kirjoitti|napsal|írta|yazdı';
/** "… wrote:" with a date or an address on the line, so a sentence such as "él escribió:" stays text. */
// \b knows only ASCII letters; these lookarounds also bound "написал" and "escribió".
const WROTE = new RegExp(
  `^.{0,400}(?<!\\p{L})(?:${VERBS})(?!\\p{L})(?:\\s*\\(a\\))?(?:\\s+.{0,120}?)?\\s*:\\s*$`,
  'iu',
);
const WROTE_DASHES = new RegExp(`^\\s*-{2,}\\s*.{0,300}(?<!\\p{L})(?:${VERBS})\\s*-{2,}\\s*$`, 'iu');
const DATE_SOMEONE =
  /^\s*\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s+(?:\d{1,2}:\d{2}(?::\d{2})?\s*(?:GMT|UTC)?\s*(?:[+-]\d{1,2}:?\d{2})?\s+\S.{0,200}|.{0,200}<[^<>\s]+@[^<>\s]+>:?)\s*$/iu;
const BANNER =
  /^[\s>*_-]*(?:original message|mensaje original|message d'origine|ursprüngliche nachricht|oorspronkelijk bericht|messaggio originale|mensagem original|wiadomość oryginalna|исходное сообщение|forwarded message|mensaje reenviado|message transféré|weitergeleitete nachricht|doorgestuurd bericht|messaggio inoltrato|mensagem encaminhada|пересылаемое сообщение)[\s*_-]*$/iu;
const BEGIN_FORWARD =
  /^\s*(?:begin forwarded message|inicio del mensaje reenviado|comienzo del mensaje reenviado|début du message réexpédié|anfang der weitergeleiteten nachricht)\s*:\s*$/iu;
const DELIMITER = /^\s*[-_~*=+ᐧ—]+\s*$/u;
const SIGNATURE =
  /^\s*(?:(?:sent|enviado|enviada|envoyé|gesendet|inviato|verzonden|skickat|sendt|wysłane|отправлено)\s+(?:from|desde|depuis|de|von|da|dal|vanaf|via|från|fra|z|с)\s+(?:my|mi|mon|ma|meinem|mio|mijn|min|mitt|mojego|моего)?\b.{0,60}|get outlook for .{0,40}|obtener outlook para .{0,40}|von meinem .{0,60} gesendet\.?)$/iu;
const QUOTE = /^\s*>/;
const HEADER =
  /^\s*\*?(?:from|de|von|van|da|od|от|från|fra|sent|enviado|enviada|envoyé|gesendet|verzonden|inviato|wysłano|отправлено|skickat|sendt|date|fecha|datum|data|дата|to|para|à|an|aan|a|do|кому|till|til|cc|subject|asunto|objet|betreff|onderwerp|oggetto|temat|тема|ämne|emne|assunto|reply-to|responder a|risposta)\s*:?\*?\s*:\s*\S?/iu;
/** A multi-line "On …\n<address>\n wrote:" starts with one of these, a digit, or names an address. */
const STARTER = /^\s*(?:on|el|le|am|em|op|den|il|dnia|w dniu|\d+)\b/iu;
const MARKER_START = /^\s*(?:on|el|le|am|em|op|den|il|dnia|w dniu|\d+)\b|[<@]/iu;

function isMarker(text: string): boolean {
  if (BANNER.test(text) || BEGIN_FORWARD.test(text) || WROTE_DASHES.test(text) || DATE_SOMEONE.test(text)) {
    return true;
  }
  return WROTE.test(text) && /[\d@]/.test(text);
}

const join = (lines: string[], from: number, to: number) =>
  lines
    .slice(from, to + 1)
    .map((l) => l.trim())
    .join(' ');

/**
 * How many more lines the marker starting at line `i` takes (0 = one line), or null when no marker
 * starts there. Clients wrap "On …, Name <address>\n wrote:" over up to five lines.
 */
function markerSpan(lines: string[], i: number): number | null {
  const line = lines[i] as string;
  if (QUOTE.test(line)) return null;
  let span: number | null = isMarker(line) ? 0 : null;
  if (span === null && MARKER_START.test(line)) {
    for (let k = 1; k <= 4 && i + k < lines.length; k++) {
      if (isMarker(join(lines, i, i + k))) {
        span = k;
        break;
      }
    }
    // The marker may start on a later line of the window ("… @elberet …\nOp 16 aug. … schreef"):
    // then this line is not part of it.
    if (span !== null && !STARTER.test(line)) {
      for (let j = i + span; j > i; j--) {
        if (MARKER_START.test(lines[j] as string) && isMarker(join(lines, j, i + span))) return null;
      }
    }
  }
  if (span === null) return null;
  // A one-line match may go on ("2016-10-24 15:36 GMT+02:00 Foo bar <\ninfo@foo.bar>:").
  for (let k = span + 1; k <= 3 && i + k < lines.length; k++) {
    const next = (lines[i + k] as string).trim();
    if (!next || next.length > 100 || !next.endsWith(':') || QUOTE.test(next)) break;
    if (isMarker(join(lines, i, i + k))) return k;
  }
  return span;
}

function classify(lines: string[]): LineClass[] {
  const classes: LineClass[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (!line.trim()) {
      classes.push('e');
      continue;
    }
    const span = markerSpan(lines, i);
    if (span !== null) {
      for (let k = 0; k <= span; k++) classes.push('b');
      i += span;
      continue;
    }
    if (DELIMITER.test(line)) classes.push('d');
    else if (SIGNATURE.test(line)) classes.push('s');
    else if (QUOTE.test(line)) classes.push('q');
    else if (HEADER.test(line)) classes.push('h');
    else classes.push('t');
  }
  return classes;
}

/** The line range [from, to) that is quoted, or null. */
function quotedLines(classes: LineClass[]): [number, number] | null {
  let pattern = classes.join('');
  // Header blocks whose values wrap onto text-looking lines ("Subject: a long\n subject").
  pattern = pattern.replace(/h+[hte]+h+e/, (block) => 'h'.repeat(block.length));

  // Bottom-posting: the quote (behind its marker) comes first, the reply after it.
  // (Written without nested repetition, which backtracks exponentially on long patterns.)
  const leading = /^(b[^t]*)(t[et]*)$/.exec(pattern);
  if (leading && /b[bqeh]+$/.test(leading[1] as string)) return [0, (leading[1] as string).length];

  const hasTextBefore = (index: number) => pattern.slice(0, index).includes('t');
  const cuts: number[] = [];
  // Everything from a delimiter ("--", "_____") on is signature or quote; the rules below then
  // look at what comes before it.
  const delimiter = pattern.indexOf('d');
  if (delimiter > 0 && hasTextBefore(delimiter)) {
    cuts.push(delimiter);
    pattern = pattern.slice(0, delimiter);
  }
  // A mobile signature ends the reply when only quoted material follows it.
  const signature = /t[es]*?(s[es]*)(?=[bqhd]|$)/.exec(pattern);
  if (signature) cuts.push(signature.index + signature[0].length - (signature[1] as string).length);
  const markerThenNoQuote = /te*(b[^q]*)$/.exec(pattern);
  if (markerThenNoQuote) cuts.push(pattern.length - (markerThenNoQuote[1] as string).length);
  const markerThenQuote = /te*(b[eqbh]*([te]*))$/.exec(pattern);
  if (markerThenQuote && ((markerThenQuote[2] as string).match(/t/g)?.length ?? 0) < 7) {
    cuts.push(pattern.length - (markerThenQuote[1] as string).length);
  }
  const headers = /t[eq]*(h{3,})/.exec(pattern);
  if (headers) cuts.push(headers.index + headers[0].length - (headers[1] as string).length);
  // Outlook's two-line "De: …\nEnviado: …" (or From/Sent, De/Fecha) after text.
  const outlook = /t[eq]*(hh)/.exec(pattern);
  if (outlook) cuts.push(outlook.index + outlook[0].length - 2);
  const trailingQuote = /te*([qbe]+)$/.exec(pattern);
  if (trailingQuote && (trailingQuote[1] as string).includes('q')) {
    cuts.push(pattern.length - (trailingQuote[1] as string).length);
  }
  const cut = cuts.filter((c) => c > 0 && hasTextBefore(c)).sort((a, b) => a - b)[0];
  return cut === undefined ? null : [cut, classes.length];
}

/**
 * Where the quoted conversation sits in `text`, as character offsets [start, end); null when
 * nothing is quoted or everything would be (then nothing is folded).
 */
export function findQuote(text: string): { start: number; end: number } | null {
  const lines: string[] = [];
  const offsets: number[] = [];
  const pattern = /\r?\n/g;
  let from = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    lines.push(text.slice(from, match.index));
    offsets.push(from);
    from = match.index + match[0].length;
  }
  lines.push(text.slice(from));
  offsets.push(from);
  const range = quotedLines(classify(lines));
  if (!range) return null;
  const start = offsets[range[0]] as number;
  const end = range[1] >= lines.length ? text.length : (offsets[range[1]] as number);
  const rest = text.slice(0, start) + text.slice(end);
  if (!rest.trim() || !text.slice(start, end).trim()) return null;
  return { start, end };
}

/** The text split into what the sender wrote now and the quoted conversation (folded away for display). */
export function foldQuotes(text: string): { visible: string; quoted: string } {
  const range = findQuote(text);
  if (!range) return { visible: text.trim(), quoted: '' };
  return {
    visible: `${text.slice(0, range.start)}${text.slice(range.end)}`.trim(),
    quoted: text.slice(range.start, range.end).trim(),
  };
}

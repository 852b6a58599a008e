import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { createTestApp } from '../../testing/test-app.ts';
import { createInboundProcessor } from './inbound-processor.ts';
import { parseMail } from './parse-mail.ts';
import { foldQuotes } from './quote-folding.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const corpus = path.resolve(root, '../shared/corpus/mail');
const present = existsSync(path.join(corpus, 'INDEX.tsv'));

function rawMessages(): string[] {
  return readFileSync(path.join(corpus, 'INDEX.tsv'), 'utf8')
    .split('\n')
    .filter((line) => line && !line.startsWith('#') && !line.startsWith('path\t'))
    .map((line) => line.split('\t')[0] as string);
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

interface StalwartHeader {
  name: string | { other: string };
  value: {
    Text?: string;
    Address?: { List?: { name: string | null; address: string | null }[] };
    ContentType?: { attributes?: { name: string; value: string }[] | null };
  };
}
interface StalwartPart {
  headers: StalwartHeader[];
  body: { Text?: string; Html?: string };
}

function headerOf(part: StalwartPart, name: string) {
  return part.headers.find((h) => h.name === name)?.value;
}

function attachmentName(part: StalwartPart): string | undefined {
  for (const header of ['content_disposition', 'content_type']) {
    const attrs = headerOf(part, header)?.ContentType?.attributes ?? [];
    const found = attrs.find((a) => a.name === 'filename' || a.name === 'name');
    if (found) return found.value;
  }
  return undefined;
}

class Score {
  checks = 0;
  matched = 0;
  misses: string[] = [];
  check(label: string, ok: boolean) {
    this.checks++;
    if (ok) this.matched++;
    else this.misses.push(label);
  }
  get rate() {
    return this.checks === 0 ? 1 : this.matched / this.checks;
  }
}

if (!present) {
  console.log(`mail corpus tests skipped: ${corpus} is absent`);
}

describe.runIf(present)('mail corpus: parsing', () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeAll(() => {
    process.on('unhandledRejection', onUnhandled);
  });
  afterAll(() => {
    process.off('unhandledRejection', onUnhandled);
  });

  it('parses every raw message without a crash', async () => {
    const files = rawMessages();
    expect(files.length).toBeGreaterThan(600);
    for (const file of files) {
      const parsed = await parseMail(readFileSync(path.join(corpus, file)));
      expect(typeof parsed.subject, file).toBe('string');
      expect(parsed.text.trim().length + parsed.attachments.length, file).toBeGreaterThanOrEqual(0);
      if (parsed.html) expect(parsed.html, file).not.toMatch(/<script|javascript:|\son\w+=/i);
    }
    await new Promise((r) => setTimeout(r, 50));
    expect(unhandled).toEqual([]);
  });

  it('matches the expected subject, sender, body text and attachment names (match rate printed)', async () => {
    const score = { subject: new Score(), from: new Score(), body: new Score(), attachments: new Score() };
    const base = path.join(corpus, 'stalwart-mail-parser');
    for (const folder of readdirSync(base)) {
      for (const file of readdirSync(path.join(base, folder)).filter((f) => f.endsWith('.json'))) {
        const eml = path.join(base, folder, file.replace(/\.json$/, '.eml'));
        if (!existsSync(eml)) continue;
        const label = `${folder}/${file}`;
        const expected = JSON.parse(readFileSync(path.join(base, folder, file), 'utf8')) as {
          text_body: number[];
          attachments: number[];
          parts: StalwartPart[];
        };
        const ours = await parseMail(readFileSync(eml));
        const top = expected.parts[0] as StalwartPart;
        const subject = headerOf(top, 'subject')?.Text;
        if (subject !== undefined) score.subject.check(label, squash(ours.subject) === squash(subject));
        const from = headerOf(top, 'from')?.Address?.List?.[0]?.address;
        if (from) score.from.check(label, ours.from?.address.toLowerCase() === from.toLowerCase());
        const textPart = expected.parts[expected.text_body[0] ?? -1];
        const body = textPart?.body.Text;
        if (body?.trim()) score.body.check(label, squash(ours.text).includes(squash(body)));
        const names = expected.attachments
          .map((i) => expected.parts[i])
          .map((p) => (p ? attachmentName(p) : undefined))
          .filter((n): n is string => Boolean(n));
        if (names.length > 0) {
          const ourNames = new Set(ours.attachments.map((a) => a.filename));
          score.attachments.check(
            label,
            names.every((n) => ourNames.has(n)),
          );
        }
      }
    }

    const talon = path.join(corpus, 'talon/standard_replies');
    const trimmer = path.join(corpus, 'reply-bodies/email_reply_trimmer');
    const quotes = new Score();
    for (const file of readdirSync(talon).filter((f) => f.endsWith('.eml'))) {
      const ours = await parseMail(readFileSync(path.join(talon, file)));
      const expectedFile = path.join(talon, `${file.replace(/\.eml$/, '')}_reply_text`);
      const want = existsSync(expectedFile) ? readFileSync(expectedFile, 'utf8') : 'Hello';
      quotes.check(`talon/${file}`, squash(foldQuotes(ours.text).visible).startsWith(squash(want)));
    }
    for (const file of readdirSync(path.join(trimmer, 'emails'))) {
      const expectedFile = path.join(trimmer, 'trimmed', file);
      if (!existsSync(expectedFile)) continue;
      const visible = foldQuotes(readFileSync(path.join(trimmer, 'emails', file), 'utf8')).visible;
      quotes.check(`trimmer/${file}`, squash(visible) === squash(readFileSync(expectedFile, 'utf8')));
    }

    const all = [...Object.values(score), quotes];
    const checks = all.reduce((n, s) => n + s.checks, 0);
    const matched = all.reduce((n, s) => n + s.matched, 0);
    const pct = (s: { rate: number }) => `${(s.rate * 100).toFixed(1)} %`;
    console.log(
      [
        `mail corpus match rate: ${((matched / checks) * 100).toFixed(1)} % (${matched}/${checks})`,
        `  subject ${pct(score.subject)} (${score.subject.matched}/${score.subject.checks})`,
        `  sender ${pct(score.from)} (${score.from.matched}/${score.from.checks})`,
        `  body text ${pct(score.body)} (${score.body.matched}/${score.body.checks})`,
        `  attachment names ${pct(score.attachments)} (${score.attachments.matched}/${score.attachments.checks})`,
        `  quote folding (talon, email_reply_trimmer) ${pct(quotes)} (${quotes.matched}/${quotes.checks})`,
        `  misses: ${all.flatMap((s) => s.misses).join(', ')}`,
      ].join('\n'),
    );
    // Held to a floor so a regression shows. The misses left are debatable expectations: Stalwart
    // names three attachments with U+FFFD where the 8-bit filename decodes as ISO-8859-1 ("Frösche"),
    // counts inline text/plain parts as attachments where mailparser keeps them in the body text
    // (nothing is lost), and reads two malformed boundaries as one text part; talon keeps "Sent from
    // my iPhone" and "-- " signatures in the reply that email_reply_trimmer (and we) fold away; the
    // trimmer drops a mail that is nothing but quotes, which we never fold whole, and removes marker
    // lines inside interleaved replies, which one folded range cannot.
    expect(score.subject.rate).toBeGreaterThanOrEqual(0.98);
    expect(score.from.rate).toBeGreaterThanOrEqual(0.98);
    expect(score.body.rate).toBeGreaterThanOrEqual(0.95);
    expect(quotes.rate).toBeGreaterThanOrEqual(0.9);
  });
});

if (present) {
  forEachDialect('mail corpus: ingestion', (ctx) => {
    it('ingests every raw message of the corpus: each stored mail ends processed or ignored, none lost', async () => {
      const t = await createTestApp(ctx);
      try {
        const files = rawMessages();
        for (const file of files) {
          await t.services.inbound.store({
            source: 'corpus',
            envelopeFrom: null,
            envelopeTo: ['soporte@tiquete.test'],
            raw: readFileSync(path.join(corpus, file)),
          });
        }
        const errors: unknown[] = [];
        await createInboundProcessor({ inbound: t.services.inbound, onError: (e, id) => errors.push([id, e]) }).drain();
        const rows = await ctx.database.db.selectFrom('inbound_messages').select(['status', 'error']).execute();
        expect(rows).toHaveLength(files.length);
        expect(errors).toEqual([]);
        expect(rows.filter((r) => r.status === 'failed' || r.status === 'pending')).toEqual([]);
      } finally {
        await t.close();
      }
    }, 600_000);
  });
}

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGraphApi, startFakeGraphApi } from '../../testing/fake-graph-api.ts';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { SYSTEM_ACTOR } from '../../testing/test-app.ts';
import { whatsappTestKit } from './test-support.ts';
import { readWebhook } from './webhook-payload.ts';

/**
 * Third-party example payloads (shared/corpus/whatsapp, README there); read in place, never copied.
 * `shared` sits beside the checkout (/work/main) or, from a worktree (/work/wt/x), two levels up.
 */
const root = path.resolve(import.meta.dirname, '../../..');
const CORPUS =
  ['../shared/corpus/whatsapp', '../../shared/corpus/whatsapp']
    .map((relative) => path.resolve(root, relative))
    .find((dir) => existsSync(path.join(dir, 'README.md'))) ?? path.resolve(root, '../shared/corpus/whatsapp');
const present = existsSync(CORPUS);
if (!present) console.log(`WhatsApp corpus not found at ${CORPUS}: its tests are skipped`);

/** Every webhook body of the corpus (the upstream pywa files hold several cases each and are split beside them). */
function webhookFiles(): { name: string; raw: Buffer }[] {
  const files: { name: string; raw: Buffer }[] = [];
  for (const folder of ['meta-docs', 'third-party-docs', 'pywa-fixtures']) {
    const dir = path.join(CORPUS, folder);
    for (const name of readdirSync(dir)
      .filter((n) => n.endsWith('.json'))
      .sort()) {
      const raw = readFileSync(path.join(dir, name));
      const body = JSON.parse(raw.toString('utf8')) as { object?: unknown };
      if (body.object === 'whatsapp_business_account') files.push({ name: `${folder}/${name}`, raw });
    }
  }
  return files;
}

function fixture(name: string) {
  return JSON.parse(readFileSync(path.join(CORPUS, 'pywa-fixtures', name), 'utf8'));
}

describe.skipIf(!present)('WhatsApp corpus payloads read as messages people can read', () => {
  const now = '2026-01-01T00:00:00.000Z';
  const first = (name: string) => readWebhook(fixture(name), now)[0]?.messages[0];

  it('gives each kind a readable text and the media to fetch', () => {
    expect(first('message__text.json')).toMatchObject({ type: 'text', waId: '972987654321', unknown: false });
    expect(first('message__image.json')?.media).toEqual([
      expect.objectContaining({ kind: 'image', mimeType: 'image/jpeg' }),
    ]);
    expect(first('message__voice.json')?.media[0]?.kind).toBe('voice');
    expect(first('message__document.json')?.media[0]?.filename).toBeTruthy();
    expect(first('message__chosen_location.json')?.text).toBe(
      '📍 Facebook HQ\n1 Hacker Way, Menlo Park, CA 94025\nhttps://www.google.com/maps/search/?api=1&query=37.4611978,-122.2164385',
    );
    expect(first('message__contacts.json')?.text).toBe(
      'Contacto compartido:\nChandler Bing · +1 555-555-5555\nMonica · +1 666-666-6666\nRachel Green · +1 777-777-7777',
    );
    expect(first('callback_button__button.json')?.text).toBe('Eligió: title');
    expect(first('callback_selection__callback.json')?.text).toBe('Eligió: title');
    expect(first('message__reaction.json')?.reaction).toEqual({ emoji: '😮', wamid: 'wamid.yzxyzx=' });
    expect(first('message__unreaction_empty.json')?.reaction?.emoji).toBe('');
    expect(first('system__phone_number_change.json')?.text).toBe(
      'Aviso de WhatsApp: User A changed from 972987654321 to 972912345678',
    );
  });

  it('keeps unknown shapes (unsupported, order) as they came, marked unknown', () => {
    for (const name of ['message__unsupported.json', 'message__order.json']) {
      const message = first(name);
      expect(message?.unknown, name).toBe(true);
      expect(message?.text).toContain('Tiquete no muestra');
      expect(message?.text).toContain(message?.wamid);
    }
  });

  it('reads statuses, with the reason of a failure', () => {
    const [failed] = readWebhook(fixture('message_status__failed.json'), now)[0]?.statuses ?? [];
    expect(failed).toMatchObject({ status: 'failed', wamid: 'wamid.xyzxyz' });
    expect(failed?.detail).toContain("User's number is part of an experiment");
    expect(readWebhook(fixture('message_status__played.json'), now)[0]?.statuses[0]?.status).toBe('played');
  });
});

let graph: FakeGraphApi;
beforeAll(async () => {
  graph = await startFakeGraphApi();
});
afterAll(() => graph.close());

forEachDialect('WhatsApp corpus through the signed webhook', (ctx) => {
  it.skipIf(!present)(
    'every corpus payload, signed with its number’s app secret, is stored and processed; none is lost',
    async () => {
      const kit = await whatsappTestKit(ctx, graph, { phoneNumberId: '1122334455667' });
      try {
        const metaNumber = await kit.t.services.whatsappNumbers.create(SYSTEM_ACTOR, {
          phoneNumberId: '106540352242922',
          businessAccountId: '102290129340398',
          displayNumber: '+1 555 078 3881',
          accessToken: graph.accessToken,
          appSecret: 'secreto-de-la-app-de-meta',
          verifyToken: 'otro-token',
          graphBaseUrl: graph.baseUrl,
        });
        const files = webhookFiles();
        const expectedWamids = new Set<string>();
        for (const file of files) {
          const batches = readWebhook(JSON.parse(file.raw.toString('utf8')), new Date().toISOString());
          const forMeta = batches.some((b) => b.phoneNumberId === metaNumber.phoneNumberId);
          for (const batch of batches) {
            if ([kit.number.phoneNumberId, metaNumber.phoneNumberId].includes(batch.phoneNumberId ?? '')) {
              for (const m of batch.messages) expectedWamids.add(m.wamid);
            }
          }
          const response = await kit.post(file.raw, forMeta ? metaNumber.appSecret : kit.number.appSecret);
          expect(response.statusCode, file.name).toBe(200);
        }
        await kit.processed();
        const webhooks = await ctx.database.db.selectFrom('whatsapp_webhooks').select(['status', 'error']).execute();
        expect(webhooks).toHaveLength(files.length);
        expect(webhooks.filter((w) => w.status !== 'processed')).toEqual([]);
        const taken = await ctx.database.db
          .selectFrom('whatsapp_messages')
          .select('wamid')
          .where('direction', '=', 'in')
          .execute();
        expect(new Set(taken.map((r) => r.wamid))).toEqual(expectedWamids);
        console.log(
          `[${ctx.dialect}] WhatsApp corpus: ${files.length} payloads signed and stored, ${expectedWamids.size} distinct wamids became messages`,
        );
      } finally {
        await kit.t.close();
      }
    },
  );
});

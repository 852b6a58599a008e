import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { type FakeGraphApi, startFakeGraphApi } from '../../testing/fake-graph-api.ts';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { type Session, unique } from '../../testing/test-app.ts';
import { inboundPayload, type WhatsappTestKit, whatsappTestKit } from './test-support.ts';
import { MAX_WEBHOOK_ATTEMPTS } from './webhook-processor.ts';

let graph: FakeGraphApi;
beforeAll(async () => {
  graph = await startFakeGraphApi({ accessToken: 'EAAG-reintentos' });
});
afterAll(() => graph.close());

forEachDialect('WhatsApp webhook retries', (ctx) => {
  let kit: WhatsappTestKit;
  let admin: Session;

  beforeEach(async () => {
    kit = await whatsappTestKit(ctx, graph);
    admin = await kit.t.signedIn('admin');
  });
  afterEach(() => kit.t.close());

  // The database refusing for a while: the table of conversations is away, every read of it fails.
  const refuse = () => sql`alter table whatsapp_threads rename to whatsapp_threads_away`.execute(ctx.database.db);
  const recover = () => sql`alter table whatsapp_threads_away rename to whatsapp_threads`.execute(ctx.database.db);
  const webhooks = () =>
    ctx.database.db
      .selectFrom('whatsapp_webhooks')
      .select(['status', 'attempts', 'error', 'next_attempt_at'])
      .execute();
  const messages = () =>
    ctx.database.db
      .selectFrom('messages')
      .select(['ticket_id', 'body_text'])
      .where('channel', '=', 'whatsapp')
      .execute();
  const hello = () =>
    inboundPayload(kit.number.phoneNumberId, {
      id: `wamid.${unique('retry')}`,
      type: 'text',
      text: { body: 'Buenas, no puedo entrar al sistema' },
    });

  it('a body whose processing failed once is retried after a wait and gives exactly one message', async () => {
    const body = hello();
    await refuse();
    expect((await kit.post(body)).statusCode).toBe(200);
    await kit.processed();
    const [failed] = await webhooks();
    expect(failed).toMatchObject({ status: 'pending', attempts: 1 });
    expect(failed?.error).toMatch(/whatsapp_threads/);
    expect(Date.parse(String(failed?.next_attempt_at))).toBe(kit.t.clock.now().getTime() + 60_000);
    expect(await messages()).toEqual([]);
    await recover();
    // Not before its wait is over, then once.
    await kit.processed();
    expect(await messages()).toEqual([]);
    kit.t.clock.advance(61_000);
    await kit.processed();
    expect(await messages()).toEqual([expect.objectContaining({ body_text: 'Buenas, no puedo entrar al sistema' })]);
    expect(await webhooks()).toEqual([expect.objectContaining({ status: 'processed', error: null })]);
    // Meta delivering it again adds nothing.
    await kit.post(body);
    await kit.processed();
    expect(await messages()).toHaveLength(1);
    expect(await ctx.database.db.selectFrom('contacts').select('id').execute()).toHaveLength(1);
  });

  it('after every attempt failed it is shown to admins with its error, and an admin’s retry takes it once', async () => {
    await refuse();
    await kit.post(hello());
    for (let attempt = 1; attempt <= MAX_WEBHOOK_ATTEMPTS; attempt++) {
      await kit.processed();
      kit.t.clock.advance(60 * 60_000);
    }
    expect(await webhooks()).toEqual([expect.objectContaining({ status: 'failed', attempts: MAX_WEBHOOK_ATTEMPTS })]);
    const listed = await kit.t.as(admin, 'GET', '/api/v1/whatsapp/webhooks/failed');
    expect(listed.statusCode).toBe(200);
    const [item] = listed.json().items;
    expect(item).toMatchObject({ attempts: MAX_WEBHOOK_ATTEMPTS, error: expect.stringMatching(/whatsapp_threads/) });
    // Not for an agent: what failed may be any department's customers.
    const agent = await kit.t.signedIn('agent');
    expect((await kit.t.as(agent, 'GET', '/api/v1/whatsapp/webhooks/failed')).statusCode).toBe(403);
    expect((await kit.t.as(agent, 'POST', '/api/v1/whatsapp/webhooks/failed/retry', {})).statusCode).toBe(403);
    expect(await messages()).toEqual([]);

    await recover();
    const retried = await kit.t.as(admin, 'POST', '/api/v1/whatsapp/webhooks/failed/retry', { ids: [item.id] });
    expect(retried.json()).toEqual({ requeued: 1 });
    await kit.processed();
    expect(await messages()).toHaveLength(1);
    expect((await kit.t.as(admin, 'GET', '/api/v1/whatsapp/webhooks/failed')).json().items).toEqual([]);
    // A second retry of the same body finds nothing failed.
    expect((await kit.t.as(admin, 'POST', '/api/v1/whatsapp/webhooks/failed/retry', {})).json()).toEqual({
      requeued: 0,
    });
  });
});

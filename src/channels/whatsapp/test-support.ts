import type { LightMyRequestResponse } from 'fastify';
import { loadConfig } from '../../config/config.ts';
import type { WhatsappNumber } from '../../core/whatsapp/whatsapp-number.repository.ts';
import { createOutboxWorker } from '../../jobs/outbox-worker.ts';
import type { FakeGraphApi } from '../../testing/fake-graph-api.ts';
import type { DialectContext } from '../../testing/for-each-dialect.ts';
import { createTestApp, SYSTEM_ACTOR, type TestApp, unique } from '../../testing/test-app.ts';
import { signBody } from './signature.ts';
import { whatsappOutbound } from './whatsapp-channel.ts';

export { inboundPayload, statusPayload } from './test-payloads.ts';

/** Attachments in the database: the tests have no data directory. */
export const WHATSAPP_TEST_ENV = { ATTACHMENT_STORAGE: 'database' };

export interface WhatsappTestKit {
  t: TestApp;
  number: WhatsappNumber;
  /** POSTs `body` (bytes as given) to the webhook, signed with `secret` (the number's app secret by default; null: unsigned). */
  post(body: string | Buffer, secret?: string | null): Promise<LightMyRequestResponse>;
  /** Waits until every stored webhook is processed. */
  processed(): Promise<void>;
  /** Runs the WhatsApp outbox handlers (media downloads, sends) on what is due now. */
  deliver(): Promise<number>;
}

/** A test app with one WhatsApp number pointing at the fake Graph API. */
export async function whatsappTestKit(
  ctx: DialectContext,
  graph: FakeGraphApi,
  overrides: { phoneNumberId?: string; withDepartment?: boolean } = {},
): Promise<WhatsappTestKit> {
  const t = await createTestApp(ctx, WHATSAPP_TEST_ENV);
  const department = overrides.withDepartment
    ? await t.services.departments.create(SYSTEM_ACTOR, { name: unique('Soporte ') })
    : null;
  const number = await t.services.whatsappNumbers.create(SYSTEM_ACTOR, {
    phoneNumberId: overrides.phoneNumberId ?? '106540352242922',
    businessAccountId: '102290129340398',
    displayNumber: '+506 4000 1234',
    accessToken: graph.accessToken,
    appSecret: `secreto-${unique('app')}`,
    verifyToken: 'token-de-verificacion',
    departmentId: department?.id ?? null,
    graphBaseUrl: graph.baseUrl,
    graphVersion: 'v23.0',
  });
  const config = loadConfig({
    SESSION_SECRET: 'test-secret-test-secret-test-secret-0123',
    DATA_DIR: '/nonexistent-test-data-dir',
    WEB_DIR: '/nonexistent-web-dir',
    ...WHATSAPP_TEST_ENV,
  });
  const worker = createOutboxWorker({
    db: ctx.database.db,
    clock: t.clock,
    handlers: whatsappOutbound(t.services, config).outboxHandlers,
  });
  return {
    t,
    number,
    post(body, secret) {
      const raw = Buffer.isBuffer(body) ? body : Buffer.from(body);
      const key = secret === undefined ? number.appSecret : secret;
      return t.app.inject({
        method: 'POST',
        url: '/webhooks/whatsapp',
        payload: raw,
        headers: {
          'content-type': 'application/json',
          ...(key !== null && { 'x-hub-signature-256': signBody(raw, key) }),
        },
      });
    },
    async processed() {
      await t.app.whatsappWebhooks.drain();
    },
    deliver: () => worker.drain(),
  };
}

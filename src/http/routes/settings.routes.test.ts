import { afterEach, beforeEach, expect, it } from 'vitest';
import { MAX_ATTACHMENT_LIMIT_BYTES } from '../../core/settings/settings.service.ts';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { multipartBody } from '../../testing/multipart.ts';
import { createTestApp, type Session, SYSTEM_ACTOR, type TestApp } from '../../testing/test-app.ts';
import { createTicketFixture } from '../../testing/ticket-fixtures.ts';

const MB = 1_048_576;
const CONFIGURED = 2 * MB;

forEachDialect('settings API (attachment limit)', (ctx) => {
  let t: TestApp;
  let admin: Session;

  beforeEach(async () => {
    // ATTACHMENT_STORAGE=database: uploads need no directory on disk.
    t = await createTestApp(ctx, { ATTACHMENT_LIMIT_BYTES: String(CONFIGURED), ATTACHMENT_STORAGE: 'database' });
    admin = await t.signedIn('admin');
  });
  afterEach(() => t.close());

  // A second agent needs a name of its own: initials are unique.
  async function signedIn(role: 'supervisor' | 'agent', name: string) {
    return t.login((await t.createAgent({ role, name })).email);
  }

  function upload(session: Session, ticketId: string, bytes: number) {
    const { payload, contentType } = multipartBody([
      { name: 'kind', value: 'note' },
      { name: 'body', value: 'Adjunto el respaldo' },
      { name: 'file', filename: 'respaldo.zip', contentType: 'application/zip', data: Buffer.alloc(bytes, 7) },
    ]);
    return t.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${ticketId}/messages`,
      payload,
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'content-type': contentType },
    });
  }

  it('starts at the configured ATTACHMENT_LIMIT_BYTES until an admin changes it', async () => {
    const response = await t.as(admin, 'GET', '/api/v1/settings');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      attachmentLimitBytes: CONFIGURED,
      attachmentLimitDefaultBytes: CONFIGURED,
      attachmentLimitMaxBytes: MAX_ATTACHMENT_LIMIT_BYTES,
      dueDateLeadMinutes: 60,
      entitlement: 'open',
      contractExpiringDays: 30,
      exchangeRates: {},
      accountingDepartmentId: null,
      paymentRecentDays: 7,
    });
  });

  it('an admin lowers the limit and the next upload above it is refused with 413 in Spanish', async () => {
    const ticket = await createTicketFixture(ctx.database.db);
    const agent = await signedIn('agent', 'Pablo Vega');
    expect((await upload(agent, ticket.id, Math.round(1.5 * MB))).statusCode).toBe(201);

    const saved = await t.as(admin, 'PUT', '/api/v1/settings', { attachmentLimitBytes: MB });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().attachmentLimitBytes).toBe(MB);
    expect((await t.as(admin, 'GET', '/api/v1/settings')).json().attachmentLimitBytes).toBe(MB);

    const refused = await upload(agent, ticket.id, Math.round(1.5 * MB));
    expect(refused.statusCode).toBe(413);
    expect(refused.json().error).toEqual({
      code: 'ATTACHMENT_TOO_LARGE',
      message: 'El archivo adjunto supera el tamaño máximo de 1 MB',
      details: { limitMb: '1', limitBytes: MB },
    });
    expect((await upload(agent, ticket.id, MB - 100)).statusCode).toBe(201);
  });

  it('raising the limit above the configured default lets a larger file through', async () => {
    const ticket = await createTicketFixture(ctx.database.db);
    expect((await upload(admin, ticket.id, 3 * MB)).statusCode).toBe(413);
    await t.as(admin, 'PUT', '/api/v1/settings', { attachmentLimitBytes: 4 * MB });
    const accepted = await upload(admin, ticket.id, 3 * MB);
    expect(accepted.statusCode).toBe(201);
    expect(accepted.json().attachments[0]).toMatchObject({ filename: 'respaldo.zip', size: 3 * MB });
  });

  it('null goes back to the configured default', async () => {
    await t.as(admin, 'PUT', '/api/v1/settings', { attachmentLimitBytes: 5 * MB });
    const reset = await t.as(admin, 'PUT', '/api/v1/settings', { attachmentLimitBytes: null });
    expect(reset.statusCode).toBe(200);
    expect(reset.json().attachmentLimitBytes).toBe(CONFIGURED);
  });

  it.each([
    ['zero', 0],
    ['a negative number', -5],
    ['a fraction', 1.5],
    ['more than the maximum', MAX_ATTACHMENT_LIMIT_BYTES + 1],
    ['text', '10 MB'],
  ])('refuses %s with VALIDATION_FAILED naming the field, and keeps the limit', async (_what, value) => {
    const response = await t.as(admin, 'PUT', '/api/v1/settings', { attachmentLimitBytes: value });
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details.errors.map((e: { field: string }) => e.field)).toContain('body.attachmentLimitBytes');
    expect((await t.as(admin, 'GET', '/api/v1/settings')).json().attachmentLimitBytes).toBe(CONFIGURED);
  });

  it('the service itself refuses a limit out of range, for callers without the HTTP schema (CLI, jobs)', async () => {
    const defaults = { attachmentLimitBytes: CONFIGURED };
    for (const value of [0, 2.5, MAX_ATTACHMENT_LIMIT_BYTES + 1]) {
      await expect(
        t.services.settings.update(SYSTEM_ACTOR, { attachmentLimitBytes: value }, defaults),
      ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { max: MAX_ATTACHMENT_LIMIT_BYTES } });
    }
    expect(await t.services.settings.attachmentLimitBytes(defaults)).toBe(CONFIGURED);
  });

  it('refuses unknown settings', async () => {
    const response = await t.as(admin, 'PUT', '/api/v1/settings', { attachmentLimitBytes: MB, theme: 'dark' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('only admins read or change settings (403 for supervisors and agents)', async () => {
    for (const [role, name] of [
      ['supervisor', 'Marta Rojas'],
      ['agent', 'Pablo Vega'],
    ] as const) {
      const session = await signedIn(role, name);
      expect((await t.as(session, 'GET', '/api/v1/settings')).statusCode).toBe(403);
      const put = await t.as(session, 'PUT', '/api/v1/settings', { attachmentLimitBytes: MB });
      expect(put.statusCode).toBe(403);
      expect(put.json().error.code).toBe('FORBIDDEN');
    }
    expect((await t.as(admin, 'GET', '/api/v1/settings')).json().attachmentLimitBytes).toBe(CONFIGURED);
  });
});

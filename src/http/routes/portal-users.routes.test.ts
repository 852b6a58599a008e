import { afterEach, beforeEach, expect, it } from 'vitest';
import { PORTAL_ACCESS_JOB } from '../../core/portal/portal-links.ts';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { createTestApp, type PortalSession, type TestApp, unique } from '../../testing/test-app.ts';

forEachDialect('portal users (the main contact manages the organization)', (ctx) => {
  let t: TestApp;
  let main: PortalSession;
  let organizationId: string;
  beforeEach(async () => {
    t = await createTestApp(ctx);
    const contact = await t.createPortalContact({ organizationRole: 'main_contact', name: 'Ana Castro' });
    organizationId = contact.organizationId as string;
    main = await t.portalLogin(contact.emails[0]?.email ?? '');
  });
  afterEach(() => t.close());

  const queuedInvitations = () =>
    ctx.database.db.selectFrom('outbox').select('payload').where('type', '=', PORTAL_ACCESS_JOB).execute();

  it('the main contact lists the organization’s users, and only theirs', async () => {
    const colleague = await t.createPortalContact({ organizationId, name: 'Bruno Díaz' });
    const stranger = await t.createPortalContact({ name: 'Carla Otra' });
    const list = await t.as(main, 'GET', '/api/v1/portal/users');
    expect(list.statusCode, list.body).toBe(200);
    const ids = list.json().items.map((u: { id: string }) => u.id);
    expect(ids).toEqual(expect.arrayContaining([main.contact.id, colleague.id]));
    expect(ids).not.toContain(stranger.id);
    expect(list.json().items.find((u: { id: string }) => u.id === colleague.id)).toMatchObject({
      name: 'Bruno Díaz',
      active: true,
      hasPassword: true,
      isMainContact: false,
    });
  });

  it('the main contact invites a colleague: a member of the organization with an invitation in the outbox', async () => {
    const email = `${unique('colega')}@cimatic.test`;
    const created = await t.as(main, 'POST', '/api/v1/portal/users', { name: 'Diego Mora', email, locale: 'en' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      name: 'Diego Mora',
      email,
      organizationRole: 'member',
      active: true,
      hasPassword: false,
    });
    const contact = await t.services.contacts.get({ kind: 'system', reason: 'test' }, created.json().id);
    expect(contact.organizationId).toBe(organizationId);
    const mails = (await queuedInvitations()).map((r) => JSON.parse(r.payload));
    expect(mails).toEqual([expect.objectContaining({ to: email, purpose: 'invitation', locale: 'en' })]);
  });

  it('an address that already belongs to a contact is refused without saying whose, and nothing is stored', async () => {
    const stranger = await t.createPortalContact({ name: 'Carla Otra' });
    const taken = await t.as(main, 'POST', '/api/v1/portal/users', {
      name: 'Intruso',
      email: stranger.emails[0]?.email,
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('PORTAL_EMAIL_TAKEN');
    expect(taken.body).not.toContain('Carla');
    expect(await queuedInvitations()).toEqual([]);
    const list = await t.as(main, 'GET', '/api/v1/portal/users');
    expect(list.json().items.map((u: { name: string }) => u.name)).not.toContain('Intruso');
  });

  it('the main contact deactivates and re-activates a colleague (sessions end at deactivation)', async () => {
    const colleague = await t.createPortalContact({ organizationId });
    const email = colleague.emails[0]?.email ?? '';
    const session = await t.portalLogin(email);
    const off = await t.as(main, 'PATCH', `/api/v1/portal/users/${colleague.id}`, { active: false });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json().active).toBe(false);
    expect((await t.as(session, 'GET', '/api/v1/portal/auth/me')).statusCode).toBe(401);
    await expect(t.portalLogin(email)).rejects.toThrow(/401/);

    const on = await t.as(main, 'PATCH', `/api/v1/portal/users/${colleague.id}`, { active: true });
    expect(on.json().active).toBe(true);
    expect((await t.portalLogin(email)).contact.id).toBe(colleague.id);
  });

  it('the main contact re-sends an invitation to a colleague who has not set a password', async () => {
    const colleague = await t.createPortalContact({ organizationId });
    const sent = await t.as(main, 'POST', `/api/v1/portal/users/${colleague.id}/invite`);
    expect(sent.statusCode, sent.body).toBe(200);
    expect(await queuedInvitations()).toHaveLength(1);
  });

  it('the main contact cannot deactivate themselves', async () => {
    const self = await t.as(main, 'PATCH', `/api/v1/portal/users/${main.contact.id}`, { active: false });
    expect(self.statusCode).toBe(422);
    expect(self.json().error.code).toBe('PORTAL_CANNOT_DEACTIVATE_SELF');
    expect((await t.as(main, 'GET', '/api/v1/portal/auth/me')).statusCode).toBe(200);
  });

  it('a member who is not the main contact is refused user management (403), and nothing changes', async () => {
    const member = await t.createPortalContact({ organizationId });
    const colleague = await t.createPortalContact({ organizationId });
    const session = await t.portalLogin(member.emails[0]?.email ?? '');
    const attempts = [
      await t.as(session, 'GET', '/api/v1/portal/users'),
      await t.as(session, 'POST', '/api/v1/portal/users', { name: 'X', email: `${unique('x')}@cimatic.test` }),
      await t.as(session, 'PATCH', `/api/v1/portal/users/${colleague.id}`, { active: false }),
      await t.as(session, 'POST', `/api/v1/portal/users/${colleague.id}/invite`),
    ];
    for (const attempt of attempts) {
      expect(attempt.statusCode, attempt.body).toBe(403);
      expect(attempt.json().error.code).toBe('PORTAL_MAIN_CONTACT_ONLY');
    }
    expect(await queuedInvitations()).toEqual([]);
    expect((await t.portalLogin(colleague.emails[0]?.email ?? '')).contact.id).toBe(colleague.id);
  });

  it('another organization’s user is 404 to the main contact, as if it did not exist', async () => {
    const stranger = await t.createPortalContact({ name: 'Carla Otra' });
    for (const attempt of [
      await t.as(main, 'PATCH', `/api/v1/portal/users/${stranger.id}`, { active: false }),
      await t.as(main, 'POST', `/api/v1/portal/users/${stranger.id}/invite`),
    ]) {
      expect(attempt.statusCode).toBe(404);
      expect(attempt.body).not.toContain('Carla');
    }
    expect((await t.portalLogin(stranger.emails[0]?.email ?? '')).contact.id).toBe(stranger.id);
  });

  it('an agent session is refused on the portal user routes (403)', async () => {
    const admin = await t.signedIn('admin');
    expect((await t.as(admin, 'GET', '/api/v1/portal/users')).statusCode).toBe(403);
  });

  const portalAudit = (contactId: string) =>
    ctx.database.db
      .selectFrom('audit_log')
      .select(['from_value', 'to_value', 'actor_kind', 'actor_id'])
      .where('entity', '=', 'contact')
      .where('entity_id', '=', contactId)
      .where('field', '=', 'portal_access')
      .orderBy('id')
      .execute();

  it('staff deactivate one contact’s portal access from the contact page (sessions end, audited) and re-activate it', async () => {
    const colleague = await t.createPortalContact({ organizationId });
    const email = colleague.emails[0]?.email ?? '';
    const session = await t.portalLogin(email);
    const agent = await t.signedIn('agent');
    const path = `/api/v1/contacts/${colleague.id}/portal-access`;
    expect((await t.as(agent, 'GET', path)).json()).toEqual({
      active: true,
      hasPassword: true,
      organizationActive: true,
    });

    const off = await t.as(agent, 'PATCH', path, { active: false });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({ active: false, hasPassword: true });
    expect((await t.as(session, 'GET', '/api/v1/portal/auth/me')).statusCode).toBe(401);
    await expect(t.portalLogin(email)).rejects.toThrow(/401/);
    // The same request again changes nothing and logs nothing more.
    expect((await t.as(agent, 'PATCH', path, { active: false })).statusCode).toBe(200);

    const on = await t.as(agent, 'PATCH', path, { active: true });
    expect(on.json()).toMatchObject({ active: true });
    expect((await t.portalLogin(email)).contact.id).toBe(colleague.id);
    // The main contact's own change is audited the same way.
    await t.as(main, 'PATCH', `/api/v1/portal/users/${colleague.id}`, { active: false });
    const agentId = agent.agent.id;
    expect(await portalAudit(colleague.id)).toEqual([
      { from_value: 'active', to_value: 'inactive', actor_kind: 'agent', actor_id: agentId },
      { from_value: 'inactive', to_value: 'active', actor_kind: 'agent', actor_id: agentId },
      { from_value: 'active', to_value: 'inactive', actor_kind: 'contact', actor_id: main.contact.id },
    ]);
  });

  it('the staff portal-access route refuses bad input, unknown contacts and portal sessions, changing nothing', async () => {
    const colleague = await t.createPortalContact({ organizationId });
    const agent = await t.signedIn('agent');
    const path = `/api/v1/contacts/${colleague.id}/portal-access`;
    for (const body of [{}, { active: 'no' }, { active: false, extra: 1 }]) {
      const bad = await t.as(agent, 'PATCH', path, body);
      expect(bad.statusCode, JSON.stringify(body)).toBe(400);
      expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    }
    const missing = await t.as(agent, 'PATCH', '/api/v1/contacts/no-such-contact/portal-access', { active: false });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('CONTACT_NOT_FOUND');
    // A customer (even the main contact) cannot use the staff route.
    expect((await t.as(main, 'PATCH', path, { active: false })).statusCode).toBe(403);
    expect((await t.as(agent, 'GET', path)).json()).toMatchObject({ active: true });
    expect(await portalAudit(colleague.id)).toEqual([]);
  });
});

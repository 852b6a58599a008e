import { afterEach, beforeEach, expect, it } from 'vitest';
import type { DomainEvent } from '../../core/shared/domain-events.ts';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { createTestApp, type Session, SYSTEM_ACTOR, type TestApp } from '../../testing/test-app.ts';

forEachDialect('contacts API', (ctx) => {
  let t: TestApp;
  let agent: Session;
  beforeEach(async () => {
    t = await createTestApp(ctx);
    agent = await t.signedIn('agent');
  });
  afterEach(() => t.close());

  const create = (body: Record<string, unknown>) => t.as(agent, 'POST', '/api/v1/contacts', body);
  const names = async (url = '/api/v1/contacts') =>
    (await t.as(agent, 'GET', url)).json().items.map((c: { name: string }) => c.name) as string[];
  const organization = (name: string, domains: string[] = []) =>
    t.services.organizations.create(SYSTEM_ACTOR, { name, domains });

  it('creates a contact with title, several emails, phones and an organization, and shows its side panel', async () => {
    const school = await organization('Colegio Torreblanca');
    const response = await create({
      name: 'María José Pérez',
      title: 'Coordinador de secundaria',
      organizationId: school.id,
      organizationRole: 'main_contact',
      locale: 'es',
      notes: 'Prefiere WhatsApp',
      emails: [{ email: 'mjperez@gmail.com' }, { email: 'MJ.Perez@Torreblanca.edu.mx', primary: true }],
      phones: [
        { phone: '+52 (55) 1500 0780', label: 'oficina' },
        { phone: '+506 8888-1234', whatsapp: true },
      ],
    });
    expect(response.statusCode).toBe(201);
    const contact = response.json();
    expect(contact).toMatchObject({
      name: 'María José Pérez',
      title: 'Coordinador de secundaria',
      organizationId: school.id,
      organizationName: 'Colegio Torreblanca',
      organizationRole: 'main_contact',
      locale: 'es',
      notes: 'Prefiere WhatsApp',
      emails: [
        { email: 'mj.perez@torreblanca.edu.mx', primary: true },
        { email: 'mjperez@gmail.com', primary: false },
      ],
      phones: [
        { phone: '+50688881234', whatsapp: true, label: null },
        { phone: '+525515000780', whatsapp: false, label: 'oficina' },
      ],
      mergedIntoId: null,
      openTicketCount: 0,
    });
    const fetched = await t.as(agent, 'GET', `/api/v1/contacts/${contact.id}`);
    expect(fetched.json()).toEqual(contact);
  });

  it('makes the first email the primary one when none is marked', async () => {
    const contact = (
      await create({ name: 'Ana', emails: [{ email: 'ana@uno.com' }, { email: 'ana@dos.com' }] })
    ).json();
    expect(contact.emails).toEqual([
      { email: 'ana@uno.com', primary: true },
      { email: 'ana@dos.com', primary: false },
    ]);
  });

  it('joins a new contact to the organization that owns its email domain, also from a subdomain', async () => {
    const acme = await organization('Acme Comercial', ['acme.co.cr']);
    const direct = (await create({ name: 'Luis', emails: [{ email: 'luis@ACME.co.cr' }] })).json();
    expect(direct).toMatchObject({ organizationId: acme.id, organizationName: 'Acme Comercial' });
    const sub = (await create({ name: 'Eva', emails: [{ email: 'eva@soporte.acme.co.cr' }] })).json();
    expect(sub.organizationId).toBe(acme.id);
    const other = (await create({ name: 'Sin empresa', emails: [{ email: 'x@gmail.com' }] })).json();
    expect(other.organizationId).toBeNull();
    const detail = (await t.as(agent, 'GET', `/api/v1/organizations/${acme.id}`)).json();
    expect(detail.contactCount).toBe(2);
  });

  it('keeps the organization the agent chose, or none when organizationId is null, over the email domain', async () => {
    await organization('Acme Comercial', ['acme.co.cr']);
    const other = await organization('Otra Empresa');
    const chosen = (
      await create({ name: 'Luis', organizationId: other.id, emails: [{ email: 'luis@acme.co.cr' }] })
    ).json();
    expect(chosen.organizationId).toBe(other.id);
    const none = (await create({ name: 'Eva', organizationId: null, emails: [{ email: 'eva@acme.co.cr' }] })).json();
    expect(none.organizationId).toBeNull();
  });

  it('finds the organization by its normalized name or creates it on the fly (001), never repeating it', async () => {
    const acme = await organization('Acme SA');
    const joined = (await create({ name: 'Ana', organizationName: 'ACME, S.A.' })).json();
    expect(joined).toMatchObject({ organizationId: acme.id, organizationName: 'Acme SA' });
    const created = (await create({ name: 'Beto', organizationName: 'Escuela Nueva' })).json();
    expect(created.organizationName).toBe('Escuela Nueva');
    const again = (await create({ name: 'Carla', organizationName: 'escuela nueva' })).json();
    expect(again.organizationId).toBe(created.organizationId);
    const both = await create({ name: 'Dora', organizationName: 'Escuela Nueva', organizationId: acme.id });
    expect(both.statusCode).toBe(400);
  });

  it('refuses an email another contact has, whatever its case (409 naming the contact), and writes nothing', async () => {
    const owner = (await create({ name: 'Jesús Adrián Rodríguez', emails: [{ email: 'jesus@openpyme.mx' }] })).json();
    const again = await create({
      name: 'Otro Jesús',
      emails: [{ email: 'nuevo@openpyme.mx' }, { email: 'JESUS@OpenPyme.MX' }],
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({
      code: 'EMAIL_TAKEN_BY_CONTACT',
      details: {
        field: 'emails',
        email: 'jesus@openpyme.mx',
        contact: { id: owner.id, name: 'Jesús Adrián Rodríguez' },
      },
    });
    expect(again.json().error.message).toBe(
      'El correo jesus@openpyme.mx ya pertenece al contacto «Jesús Adrián Rodríguez»',
    );
    expect(await names()).toEqual(['Jesús Adrián Rodríguez']);
    expect((await t.as(agent, 'GET', '/api/v1/contacts?q=nuevo@openpyme')).json().items).toEqual([]);
  });

  it('normalizes phone numbers to E.164: +506 8888-1234, a local Costa Rican number, and (55) 1500 0780 in Mexico', async () => {
    const cr = (await create({ name: 'Tica', phones: [{ phone: '+506 8888-1234' }, { phone: '2222 3333' }] })).json();
    expect(cr.phones.map((p: { phone: string }) => p.phone)).toEqual(['+50622223333', '+50688881234']);
    const mx = (await create({ name: 'Mexicana', defaultCountry: 'MX', phones: [{ phone: '(55) 1500 0780' }] })).json();
    expect(mx.phones).toEqual([{ phone: '+525515000780', whatsapp: false, label: null }]);
    const dup = (
      await create({ name: 'Repetido', phones: [{ phone: '8777 1111' }, { phone: '+50687771111' }] })
    ).json();
    expect(dup.phones).toHaveLength(1);
  });

  it('rejects a phone number of an impossible length or with letters (400 naming it) and writes nothing', async () => {
    for (const phone of ['8888-123', '(55) 1500 0780', '+506 8888 12345', '8888-CASA']) {
      const response = await create({ name: 'Teléfono malo', phones: [{ phone: '+506 8888 0000' }, { phone }] });
      expect(response.statusCode, phone).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'PHONE_INVALID', details: { field: 'phones[1]', phone } });
      expect(response.json().error.message).toContain(phone);
    }
    expect(await names()).toEqual([]);
  });

  it('refuses a phone number another contact has, however it is written (409)', async () => {
    const owner = (await create({ name: 'Dueña', phones: [{ phone: '+506 8888-1234' }] })).json();
    const again = await create({ name: 'Otra', phones: [{ phone: '8888 1234' }] });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({
      code: 'PHONE_TAKEN_BY_CONTACT',
      details: { phone: '+50688881234', contact: { id: owner.id } },
    });
  });

  it('allows one primary email and one WhatsApp number only (400)', async () => {
    const emails = await create({
      name: 'Dos primarios',
      emails: [
        { email: 'a@x.com', primary: true },
        { email: 'b@x.com', primary: true },
      ],
    });
    expect(emails.statusCode).toBe(400);
    expect(emails.json().error.details).toMatchObject({ field: 'emails' });
    const phones = await create({
      name: 'Dos WhatsApp',
      phones: [
        { phone: '+50688881111', whatsapp: true },
        { phone: '+50688882222', whatsapp: true },
      ],
    });
    expect(phones.statusCode).toBe(400);
    expect(phones.json().error.details).toMatchObject({ field: 'phones' });
  });

  it('refuses an organization that does not exist (422 naming the field) and writes nothing', async () => {
    const response = await create({ name: 'Huérfana', organizationId: 'nope', emails: [{ email: 'h@x.com' }] });
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toMatchObject({ code: 'REFERENCE_NOT_FOUND', details: { field: 'organizationId' } });
    expect(response.json().error.message).toContain('organizationId');
    expect(await names()).toEqual([]);
  });

  it('lists contacts with a cursor and finds them by name without accents, by email and by phone', async () => {
    await create({
      name: 'José Álvarez',
      emails: [{ email: 'jalvarez@univa.mx' }],
      phones: [{ phone: '+506 8888-1234' }],
    });
    await create({ name: 'Lucero Saray', emails: [{ email: 'lucero_s@weknow.mx' }] });
    for (let i = 0; i < 3; i++) await create({ name: `Relleno ${i}` });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/contacts?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await t.as(agent, 'GET', url)).json();
      seen.push(...page.items.map((c: { id: string }) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(5);
    expect(await names('/api/v1/contacts?q=jose%20alv')).toEqual(['José Álvarez']);
    expect(await names('/api/v1/contacts?q=ÁLVAREZ')).toEqual(['José Álvarez']);
    expect(await names('/api/v1/contacts?q=univa.mx')).toEqual(['José Álvarez']);
    expect(await names('/api/v1/contacts?q=lucero_')).toEqual(['Lucero Saray']);
    expect(await names('/api/v1/contacts?q=8888-1234')).toEqual(['José Álvarez']);
    expect(await names('/api/v1/contacts?q=%25')).toEqual([]);
  });

  it('filters contacts by organization', async () => {
    const acme = await organization('Acme', ['acme.com']);
    await create({ name: 'De Acme', emails: [{ email: 'a@acme.com' }] });
    await create({ name: 'De nadie' });
    expect(await names(`/api/v1/contacts?organizationId=${acme.id}`)).toEqual(['De Acme']);
  });

  it('changes a contact: emails and phones replace the list, and its own addresses are no conflict', async () => {
    const other = (await create({ name: 'Otra', emails: [{ email: 'otra@x.com' }] })).json();
    const contact = (
      await create({ name: 'Ana', emails: [{ email: 'ana@x.com' }], phones: [{ phone: '88881234' }] })
    ).json();
    const changed = await t.as(agent, 'PATCH', `/api/v1/contacts/${contact.id}`, {
      name: 'Ana Lucía',
      title: 'Directora de sistemas',
      emails: [{ email: 'ANA@x.com' }, { email: 'ana.lucia@x.com', primary: true }],
      phones: [{ phone: '+506 7000 0000', whatsapp: true }],
      organizationRole: 'owner',
      locale: 'en',
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({
      name: 'Ana Lucía',
      title: 'Directora de sistemas',
      organizationRole: 'owner',
      locale: 'en',
      emails: [
        { email: 'ana.lucia@x.com', primary: true },
        { email: 'ana@x.com', primary: false },
      ],
      phones: [{ phone: '+50670000000', whatsapp: true, label: null }],
    });
    const taken = await t.as(agent, 'PATCH', `/api/v1/contacts/${contact.id}`, { emails: [{ email: 'OTRA@x.com' }] });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.details.contact).toEqual({ id: other.id, name: 'Otra' });
    const cleared = await t.as(agent, 'PATCH', `/api/v1/contacts/${contact.id}`, { title: null, phones: [] });
    expect(cleared.json()).toMatchObject({ title: null, phones: [] });
    expect(await names('/api/v1/contacts?q=lucia')).toEqual(['Ana Lucía']);
    expect((await t.as(agent, 'PATCH', `/api/v1/contacts/${contact.id}`, {})).statusCode).toBe(400);
    expect((await t.as(agent, 'PATCH', '/api/v1/contacts/nope', { name: 'X' })).statusCode).toBe(404);
  });

  it('merges two contacts: emails, phones, requested tickets and CC places move to the target', async () => {
    const db = ctx.database.db;
    const target = (
      await create({
        name: 'Jesús Rodríguez',
        emails: [{ email: 'jesus@openpyme.mx' }],
        phones: [{ phone: '+52 55 1500 0780', whatsapp: true }],
      })
    ).json();
    const source = (
      await create({
        name: 'Jesus Rodriguez (personal)',
        title: 'Contador',
        notes: 'Escribe desde su correo personal',
        emails: [{ email: 'jesus.r@gmail.com' }],
        phones: [{ phone: '+506 8888 1234', whatsapp: true }],
      })
    ).json();
    const bystander = (await create({ name: 'Tercero' })).json();
    const requested = await t.openTicket(source.id);
    const solved = await t.openTicket(source.id, { status: 'RESUELTO' });
    const copied = await t.openTicket(bystander.id, { ccContactIds: [source.id] });
    const both = await t.openTicket(bystander.id, { ccContactIds: [source.id, target.id] });

    const response = await t.as(agent, 'POST', `/api/v1/contacts/${target.id}/merge`, { sourceId: source.id });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      id: target.id,
      name: 'Jesús Rodríguez',
      title: 'Contador',
      notes: 'Escribe desde su correo personal',
      emails: [
        { email: 'jesus@openpyme.mx', primary: true },
        { email: 'jesus.r@gmail.com', primary: false },
      ],
      phones: [
        { phone: '+525515000780', whatsapp: true },
        { phone: '+50688881234', whatsapp: false },
      ],
      openTicketCount: 1,
    });
    const requesters = await db
      .selectFrom('tickets')
      .select(['id', 'requester_id'])
      .where('id', 'in', [requested, solved])
      .execute();
    expect(requesters.map((r) => r.requester_id)).toEqual([target.id, target.id]);
    const ccs = await db.selectFrom('ticket_ccs').select(['ticket_id', 'contact_id']).orderBy('ticket_id').execute();
    expect(ccs).toEqual(
      [
        { ticket_id: copied, contact_id: target.id },
        { ticket_id: both, contact_id: target.id },
      ].sort((a, b) => a.ticket_id.localeCompare(b.ticket_id)),
    );
    const history = await db.selectFrom('ticket_events').selectAll().where('ticket_id', '=', requested).execute();
    expect(history).toContainEqual(
      expect.objectContaining({
        field: 'requesterId',
        from_value: source.id,
        to_value: target.id,
        actor_id: agent.agent.id,
      }),
    );
  });

  it('hides a merged contact from lists, keeps it readable with mergedIntoId, and refuses to change or merge it again', async () => {
    const target = (await create({ name: 'Destino' })).json();
    const source = (await create({ name: 'Origen', emails: [{ email: 'origen@x.com' }] })).json();
    await t.as(agent, 'POST', `/api/v1/contacts/${target.id}/merge`, { sourceId: source.id });
    expect(await names()).toEqual(['Destino']);
    expect(await names('/api/v1/contacts?q=origen@x.com')).toEqual(['Destino']);
    const old = await t.as(agent, 'GET', `/api/v1/contacts/${source.id}`);
    expect(old.json()).toMatchObject({ id: source.id, mergedIntoId: target.id, emails: [] });
    const patch = await t.as(agent, 'PATCH', `/api/v1/contacts/${source.id}`, { name: 'Otra vez' });
    expect(patch.statusCode).toBe(422);
    expect(patch.json().error.code).toBe('CONTACT_ALREADY_MERGED');
    const again = await t.as(agent, 'POST', `/api/v1/contacts/${target.id}/merge`, { sourceId: source.id });
    expect(again.statusCode).toBe(422);
    expect(again.json().error).toMatchObject({ code: 'CONTACT_ALREADY_MERGED', details: { mergedIntoId: target.id } });
    // The address is free again under its new owner only.
    const reuse = await create({ name: 'Ladrón', emails: [{ email: 'origen@x.com' }] });
    expect(reuse.json().error.details.contact.id).toBe(target.id);
  });

  it('refuses to merge a contact into itself, with an unknown source (422) or into an unknown target (404), changing nothing', async () => {
    const contact = (await create({ name: 'Única', emails: [{ email: 'u@x.com' }] })).json();
    const self = await t.as(agent, 'POST', `/api/v1/contacts/${contact.id}/merge`, { sourceId: contact.id });
    expect(self.statusCode).toBe(422);
    expect(self.json().error.code).toBe('CONTACT_MERGE_INVALID');
    const unknown = await t.as(agent, 'POST', `/api/v1/contacts/${contact.id}/merge`, { sourceId: 'nope' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error).toMatchObject({ code: 'REFERENCE_NOT_FOUND', details: { field: 'sourceId' } });
    const noTarget = await t.as(agent, 'POST', '/api/v1/contacts/nope/merge', { sourceId: contact.id });
    expect(noTarget.statusCode).toBe(404);
    expect(noTarget.json().error.code).toBe('CONTACT_NOT_FOUND');
    const badBody = await t.as(agent, 'POST', `/api/v1/contacts/${contact.id}/merge`, { source: contact.id });
    expect(badBody.statusCode).toBe(400);
    const unchanged = (await t.as(agent, 'GET', `/api/v1/contacts/${contact.id}`)).json();
    expect(unchanged).toMatchObject({ mergedIntoId: null, emails: [{ email: 'u@x.com', primary: true }] });
  });

  it('emits contact.created, contact.updated and contact.merged after the commit, and nothing for a refused write', async () => {
    const events: DomainEvent[] = [];
    t.services.events.subscribe((event) => {
      events.push(event);
    });
    const acme = await organization('Acme', ['acme.com']);
    const target = (await create({ name: 'Uno', emails: [{ email: 'uno@acme.com' }] })).json();
    const source = (await create({ name: 'Dos' })).json();
    await create({ name: 'Tres', emails: [{ email: 'UNO@acme.com' }] });
    await t.as(agent, 'PATCH', `/api/v1/contacts/${source.id}`, { title: 'Maestra' });
    await t.as(agent, 'PATCH', `/api/v1/contacts/${source.id}`, { title: 'Maestra' });
    await t.as(agent, 'POST', `/api/v1/contacts/${target.id}/merge`, { sourceId: source.id });
    const mine = events.filter((e) => e.type.startsWith('contact.'));
    expect(mine.map((e) => [e.type, e.data.contactId, e.organizationId])).toEqual([
      ['contact.created', target.id, acme.id],
      ['contact.created', source.id, null],
      ['contact.updated', source.id, null],
      ['contact.merged', target.id, acme.id],
    ]);
    expect(mine[2]?.data.changed).toEqual(['title']);
    expect(mine[3]?.data).toMatchObject({ sourceId: source.id, targetId: target.id, movedEmails: 0 });
  });

  it('rejects an unknown field, a wrong type and a missing name with 400 naming the field', async () => {
    const unknown = await create({ name: 'X', twitter: '@x' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details.errors).toContainEqual(expect.objectContaining({ field: 'body.twitter' }));
    const nested = await create({ name: 'X', emails: [{ email: 'x@x.com', main: true }] });
    expect(nested.statusCode).toBe(400);
    const wrongType = await create({ name: 'X', emails: 'x@x.com' });
    expect(wrongType.json().error.details.errors).toContainEqual(expect.objectContaining({ field: 'body.emails' }));
    const missing = await create({ emails: [{ email: 'x@x.com' }] });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toContain('name');
    const role = await create({ name: 'X', organizationRole: 'boss' });
    expect(role.statusCode).toBe(400);
    const badEmail = await create({ name: 'X', emails: [{ email: 'no-es-correo' }] });
    expect(badEmail.statusCode).toBe(400);
    expect(await names()).toEqual([]);
  });

  it('answers 404 for a contact that does not exist, and lets every staff role read and write contacts', async () => {
    const missing = await t.as(agent, 'GET', '/api/v1/contacts/does-not-exist');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('CONTACT_NOT_FOUND');
    for (const role of ['supervisor', 'admin'] as const) {
      const session = await t.signedIn(role);
      expect((await t.as(session, 'POST', '/api/v1/contacts', { name: `De ${role}` })).statusCode).toBe(201);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/contacts' })).statusCode).toBe(401);
  });
});

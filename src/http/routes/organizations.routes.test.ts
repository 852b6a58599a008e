import { afterEach, beforeEach, expect, it } from 'vitest';
import { searchIndexRepository } from '../../core/search/search-index.repository.ts';
import type { DomainEvent } from '../../core/shared/domain-events.ts';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { createTestApp, type Session, SYSTEM_ACTOR, type TestApp, unique } from '../../testing/test-app.ts';

forEachDialect('organizations API', (ctx) => {
  let t: TestApp;
  let agent: Session;
  beforeEach(async () => {
    t = await createTestApp(ctx);
    agent = await t.signedIn('agent');
  });
  afterEach(() => t.close());

  const create = (body: Record<string, unknown>) => t.as(agent, 'POST', '/api/v1/organizations', body);
  const names = async (url: string) =>
    (await t.as(agent, 'GET', url)).json().items.map((o: { name: string }) => o.name) as string[];

  it('creates an organization with code, tax id, domains, tier, leader, notes and tags, and shows its side panel', async () => {
    const leader = await t.createAgent({ name: 'Araceli Cruz Cruz' });
    const response = await create({
      name: 'Wolk Software',
      code: 'ID Wolk 1234',
      taxId: '3101123456',
      taxIdCountry: 'CR',
      domains: ['Wolk.CO.CR', '@wolksoftware.com'],
      tier: 'special',
      accountLeaderId: leader.id,
      notes: 'Paga por SINPE Móvil',
      tags: ['POS', 'facturación electrónica'],
    });
    expect(response.statusCode).toBe(201);
    const organization = response.json();
    expect(organization).toMatchObject({
      name: 'Wolk Software',
      code: 'ID Wolk 1234',
      taxId: '3-101-123456',
      domains: ['wolk.co.cr', 'wolksoftware.com'],
      tier: 'special',
      accountLeaderId: leader.id,
      accountLeader: { id: leader.id, name: 'Araceli Cruz Cruz', email: leader.email },
      notes: 'Paga por SINPE Móvil',
      tags: ['facturación-electrónica', 'pos'],
      openTicketCount: 0,
      contactCount: 0,
    });
    const fetched = await t.as(agent, 'GET', `/api/v1/organizations/${organization.id}`);
    expect(fetched.statusCode).toBe(200);
    expect(fetched.json()).toEqual(organization);
  });

  it('refuses an organization whose name differs only in case, accents, punctuation or legal form (409 with the existing one)', async () => {
    const existing = (await create({ name: 'Acme SA' })).json();
    for (const name of ['ACME, S.A.', 'Acmé S.A. de C.V.', 'acme s. de r.l.', 'Acme']) {
      const again = await create({ name });
      expect(again.statusCode, name).toBe(409);
      expect(again.json().error).toMatchObject({
        code: 'ORGANIZATION_EXISTS',
        details: { field: 'name', existing: { id: existing.id, name: 'Acme SA' } },
      });
      expect(again.json().error.message).toContain('Acme SA');
    }
    expect(await names('/api/v1/organizations')).toEqual(['Acme SA']);
  });

  it('refuses a second organization with the same customer code, whatever its case or spacing (409)', async () => {
    const first = (await create({ name: 'Wolk Uno', code: 'ID Wolk 1234' })).json();
    const again = await create({ name: 'Wolk Dos', code: 'id  wolk 1234' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({
      code: 'ORGANIZATION_CODE_TAKEN',
      details: { field: 'code', existing: { id: first.id } },
    });
    expect(again.json().error.message).toContain('Wolk Uno');
  });

  it('refuses a second organization with the same tax id, written with or without dashes (409)', async () => {
    await create({ name: 'Colegio Torreblanca', taxId: '3-101-654321', taxIdCountry: 'CR' });
    const again = await create({ name: 'Torreblanca Educación', taxId: '3101654321' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'TAX_ID_TAKEN', details: { field: 'taxId' } });
    const untaxed = await create({ name: 'Sin cédula' });
    const alsoUntaxed = await create({ name: 'Tampoco tiene cédula', taxId: null });
    expect([untaxed.statusCode, alsoUntaxed.statusCode]).toEqual([201, 201]);
  });

  it('accepts a Costa Rican cédula jurídica (10 digits starting with 3) or física (9 digits), with or without dashes', async () => {
    const juridica = await create({ name: unique('Jurídica '), taxId: '3101123456', taxIdCountry: 'CR' });
    expect(juridica.json().taxId).toBe('3-101-123456');
    const dashed = await create({ name: unique('Jurídica '), taxId: '3-102-765432', taxIdCountry: 'cr' });
    expect(dashed.json().taxId).toBe('3-102-765432');
    const fisica = await create({ name: unique('Física '), taxId: '1-0234-0567', taxIdCountry: 'CR' });
    expect(fisica.json().taxId).toBe('1-0234-0567');
  });

  it('rejects a Costa Rican tax id of the wrong shape with 400 and a message that explains the format', async () => {
    for (const taxId of ['4101123456', '3-101-1234', '3-1O1-123456']) {
      const response = await create({ name: unique('Mala '), taxId, taxIdCountry: 'CR' });
      expect(response.statusCode, taxId).toBe(400);
      expect(response.json().error).toMatchObject({
        code: 'TAX_ID_INVALID',
        details: { field: 'taxId', taxId, country: 'CR' },
      });
      expect(response.json().error.message).toContain('cédula jurídica de 10 dígitos que empieza con 3');
    }
    expect(await names('/api/v1/organizations')).toEqual([]);
  });

  it('accepts a Mexican RFC of 3 or 4 letters, a YYMMDD date and a homoclave, and rejects other shapes', async () => {
    const moral = await create({
      name: 'Cimatic de México, S.A. de C.V.',
      taxId: 'cme-160404-ab1',
      taxIdCountry: 'MX',
    });
    expect(moral.statusCode).toBe(201);
    expect(moral.json().taxId).toBe('CME160404AB1');
    const fisica = await create({ name: 'Jesús Adrián Rodríguez', taxId: 'ROGJ840229XY9', taxIdCountry: 'MX' });
    expect(fisica.statusCode).toBe(201);
    for (const taxId of ['CM160404AB1', 'CME161304AB1', 'CME1604AB1']) {
      const bad = await create({ name: unique('RFC malo '), taxId, taxIdCountry: 'MX' });
      expect(bad.statusCode, taxId).toBe(400);
      expect(bad.json().error.code).toBe('TAX_ID_INVALID');
    }
  });

  it('stores the tax id of another country as written, without checking its format', async () => {
    const response = await create({ name: 'Distribuidora Bogotá', taxId: '900.123.456-7', taxIdCountry: 'CO' });
    expect(response.statusCode).toBe(201);
    expect(response.json().taxId).toBe('900.123.456-7');
  });

  it('gives each email domain to one organization only (409 naming the owner), and writes nothing', async () => {
    const owner = (await create({ name: 'Acme Comercial', domains: ['acme.co.cr'] })).json();
    const again = await create({ name: 'Acme Logística', domains: ['otro.cr', 'ACME.co.cr'] });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({
      code: 'DOMAIN_TAKEN',
      details: { field: 'domains', domain: 'acme.co.cr', organization: { id: owner.id, name: 'Acme Comercial' } },
    });
    expect(again.json().error.message).toContain('Acme Comercial');
    expect(await names('/api/v1/organizations')).toEqual(['Acme Comercial']);
    const free = await create({ name: 'Otro', domains: ['otro.cr'] });
    expect(free.statusCode).toBe(201);
  });

  it('refuses a public email provider as an organization domain (422), since every user of it would join', async () => {
    const response = await create({ name: 'Escuela Gmail', domains: ['gmail.com'] });
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toMatchObject({ code: 'DOMAIN_NOT_ALLOWED', details: { domain: 'gmail.com' } });
    const notADomain = await create({ name: 'Escuela', domains: ['no es un dominio'] });
    expect(notADomain.statusCode).toBe(400);
    expect(notADomain.json().error.details).toMatchObject({ field: 'domains' });
  });

  it('refuses an account leader who is not an agent (422) and writes nothing', async () => {
    const response = await create({ name: 'Sin líder', accountLeaderId: 'nobody' });
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toMatchObject({
      code: 'REFERENCE_NOT_FOUND',
      details: { field: 'accountLeaderId' },
    });
    expect(response.json().error.message).toContain('accountLeaderId');
    expect(await names('/api/v1/organizations')).toEqual([]);
  });

  it('autocompletes "acme" and "comer" to "Acmé Comercial" ignoring accents, names starting with the text first', async () => {
    await create({ name: 'Distribuidora Acmé del Norte' });
    await create({ name: 'Acmé Comercial', code: 'ID Wolk 1234' });
    await create({ name: 'Colegio Torreblanca' });
    const acme = await t.as(agent, 'GET', '/api/v1/organizations/autocomplete?q=acme');
    expect(acme.statusCode).toBe(200);
    expect(acme.json().items.map((o: { name: string }) => o.name)).toEqual([
      'Acmé Comercial',
      'Distribuidora Acmé del Norte',
    ]);
    expect(acme.json().items[0]).toMatchObject({ code: 'ID Wolk 1234', tier: 'general' });
    const comer = await t.as(agent, 'GET', '/api/v1/organizations/autocomplete?q=COMER');
    expect(comer.json().items.map((o: { name: string }) => o.name)).toEqual(['Acmé Comercial']);
    const byCode = await t.as(agent, 'GET', '/api/v1/organizations/autocomplete?q=wolk%2012');
    expect(byCode.json().items.map((o: { name: string }) => o.name)).toEqual(['Acmé Comercial']);
    const punctuation = await t.as(agent, 'GET', '/api/v1/organizations/autocomplete?q=%25%25');
    expect(punctuation.json().items).toEqual([]);
  });

  it('autocompletes at most 20 organizations', async () => {
    for (let i = 0; i < 23; i++) await t.services.organizations.create(SYSTEM_ACTOR, { name: `Escuela ${i}` });
    const response = await t.as(agent, 'GET', '/api/v1/organizations/autocomplete?q=escuela');
    expect(response.json().items).toHaveLength(20);
    expect((await t.as(agent, 'GET', '/api/v1/organizations/autocomplete')).statusCode).toBe(400);
  });

  it('pages organizations with a cursor and filters them by text, tier, tag, code, tax id and domain', async () => {
    for (let i = 0; i < 5; i++) await t.services.organizations.create(SYSTEM_ACTOR, { name: `Colegio ${i}` });
    await create({ name: 'Universidad Altos', tier: 'special', tags: ['Moodle'], domains: ['altos.edu.mx'] });
    await create({ name: 'UPN Educación', tags: ['moodle', 'upn'], code: 'UPN-77', taxId: 'UPN900101AB1' });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/organizations?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await t.as(agent, 'GET', url)).json();
      seen.push(...page.items.map((o: { id: string }) => o.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(7);
    expect(await names('/api/v1/organizations?q=EDUCACION')).toEqual(['UPN Educación']);
    expect(await names('/api/v1/organizations?tier=special')).toEqual(['Universidad Altos']);
    expect(await names('/api/v1/organizations?tag=Moodle')).toEqual(['Universidad Altos', 'UPN Educación']);
    expect(await names('/api/v1/organizations?tag=upn&q=upn')).toEqual(['UPN Educación']);
    expect(await names('/api/v1/organizations?q=upn-77')).toEqual(['UPN Educación']);
    expect(await names('/api/v1/organizations?q=900101')).toEqual(['UPN Educación']);
    expect(await names('/api/v1/organizations?q=altos.edu')).toEqual(['Universidad Altos']);
    expect(await names('/api/v1/organizations?tag=100%25')).toEqual([]);
    expect((await t.as(agent, 'GET', '/api/v1/organizations?tier=gold')).statusCode).toBe(400);
    expect((await t.as(agent, 'GET', '/api/v1/organizations?cursor=%%%')).statusCode).toBe(400);
  });

  it('changes an organization, keeping names, codes, tax ids and domains unique but not against itself', async () => {
    const acme = (await create({ name: 'Acme', code: 'A-1', domains: ['acme.com'] })).json();
    await create({ name: 'Beta Sistemas', code: 'B-1', domains: ['beta.com'] });
    const renamed = await t.as(agent, 'PATCH', `/api/v1/organizations/${acme.id}`, { name: 'ACME, S.A.', code: 'a-1' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'ACME, S.A.', code: 'a-1' });
    const clash = await t.as(agent, 'PATCH', `/api/v1/organizations/${acme.id}`, { name: 'Beta Sistemas S.R.L.' });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.code).toBe('ORGANIZATION_EXISTS');
    const code = await t.as(agent, 'PATCH', `/api/v1/organizations/${acme.id}`, { code: 'B-1' });
    expect(code.json().error.code).toBe('ORGANIZATION_CODE_TAKEN');
    const domain = await t.as(agent, 'PATCH', `/api/v1/organizations/${acme.id}`, {
      domains: ['acme.com', 'beta.com'],
    });
    expect(domain.json().error.code).toBe('DOMAIN_TAKEN');
    const domains = await t.as(agent, 'PATCH', `/api/v1/organizations/${acme.id}`, {
      domains: ['acme.co.cr'],
      tier: 'special',
      tags: ['vip'],
      taxId: 'ACM010101AA1',
      taxIdCountry: 'MX',
    });
    expect(domains.json()).toMatchObject({
      name: 'ACME, S.A.',
      domains: ['acme.co.cr'],
      tier: 'special',
      tags: ['vip'],
      taxId: 'ACM010101AA1',
    });
    const cleared = await t.as(agent, 'PATCH', `/api/v1/organizations/${acme.id}`, { code: null, taxId: null });
    expect(cleared.json()).toMatchObject({ code: null, taxId: null });
    const badTax = await t.as(agent, 'PATCH', `/api/v1/organizations/${acme.id}`, { taxId: '123', taxIdCountry: 'CR' });
    expect(badTax.statusCode).toBe(400);
    expect((await t.as(agent, 'PATCH', `/api/v1/organizations/${acme.id}`, {})).statusCode).toBe(400);
    expect((await t.as(agent, 'PATCH', '/api/v1/organizations/nope', { tier: 'general' })).statusCode).toBe(404);
  });

  it('emits organization.created and organization.updated with the changed fields, and nothing for a refused write', async () => {
    const events: DomainEvent[] = [];
    t.services.events.subscribe((event) => {
      events.push(event);
    });
    const created = (await create({ name: 'Eventos SA' })).json();
    await create({ name: 'EVENTOS S.A.' });
    await t.as(agent, 'PATCH', `/api/v1/organizations/${created.id}`, { notes: 'Cuenta nueva', tier: 'general' });
    await t.as(agent, 'PATCH', `/api/v1/organizations/${created.id}`, { notes: 'Cuenta nueva' });
    expect(events.map((e) => [e.type, e.organizationId, e.data.changed])).toEqual([
      ['organization.created', created.id, undefined],
      ['organization.updated', created.id, ['notes']],
    ]);
    expect(events[0]?.actor).toMatchObject({ kind: 'agent', id: agent.agent.id });
  });

  it('counts the open tickets of an organization in its side panel, not solved ones', async () => {
    const organization = await t.services.organizations.create(SYSTEM_ACTOR, { name: 'Con tickets' });
    const contact = await t.services.contacts.create(SYSTEM_ACTOR, { name: 'Ana', organizationId: organization.id });
    await t.openTicket(contact.id);
    await t.openTicket(contact.id, { status: 'PENDIENTE' });
    await t.openTicket(contact.id, { status: 'RESUELTO' });
    const detail = (await t.as(agent, 'GET', `/api/v1/organizations/${organization.id}`)).json();
    expect(detail).toMatchObject({ openTicketCount: 2, contactCount: 1 });
  });

  it('indexes organizations for staff search by code, tax id and domain, as internal documents', async () => {
    const organization = (
      await create({ name: 'Cimatic', code: 'CIM-9', taxId: 'CME160404AB1', domains: ['cimatic.com.mx'] })
    ).json();
    const search = searchIndexRepository(ctx.database.db);
    for (const query of ['cim-9', 'CME160404AB1', 'cimatic']) {
      const internal = await search.search(query, { includeInternal: true, limit: 10 });
      expect(
        internal.map((h) => h.refId),
        query,
      ).toContain(organization.id);
    }
    expect(await search.search('cimatic', { includeInternal: false, limit: 10 })).toEqual([]);
  });

  it('rejects an unknown field, a wrong type and a missing name with 400 naming the field', async () => {
    const unknown = await create({ name: 'X', revenue: 10 });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details.errors).toContainEqual(expect.objectContaining({ field: 'body.revenue' }));
    const wrongType = await create({ name: 'X', domains: 'acme.com' });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().error.details.errors).toContainEqual(expect.objectContaining({ field: 'body.domains' }));
    const missing = await create({ code: 'X-1' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toContain('name');
    const blank = await create({ name: '  ...  ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error.details).toMatchObject({ field: 'name' });
    const tier = await create({ name: 'X', tier: 'gold' });
    expect(tier.statusCode).toBe(400);
    expect(await names('/api/v1/organizations')).toEqual([]);
  });

  it('answers 404 for an organization that does not exist, and 401 to someone not signed in', async () => {
    const missing = await t.as(agent, 'GET', '/api/v1/organizations/does-not-exist');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('ORGANIZATION_NOT_FOUND');
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/organizations' });
    expect(anonymous.statusCode).toBe(401);
  });
});

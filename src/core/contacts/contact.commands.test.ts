import { expect, it } from 'vitest';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { findOrCreateOrganizationByName } from '../organizations/organization.commands.ts';
import { createOrganizationService } from '../organizations/organization.service.ts';
import type { Actor } from '../shared/actor.ts';
import { manualClock } from '../shared/clock.ts';
import { type CoreDeps, inTransaction } from '../shared/core-deps.ts';
import { createEventBus, type DomainEvent } from '../shared/domain-events.ts';
import { findOrCreateContact, getContactSummaries, type RequesterInput } from './contact.commands.ts';
import { createContactService } from './contact.service.ts';

const SYSTEM: Actor = { kind: 'system', reason: 'email' };

forEachDialect('contact commands for the ticket module', (ctx) => {
  function setup() {
    const events: DomainEvent[] = [];
    const deps: CoreDeps = { db: ctx.database.db, clock: manualClock(), events: createEventBus() };
    deps.events.subscribe((event) => {
      events.push(event);
    });
    return {
      events,
      contacts: createContactService(deps),
      organizations: createOrganizationService(deps),
      findOrCreate: (input: RequesterInput) =>
        inTransaction(deps, ({ trx, now, emit }) => findOrCreateContact(trx, now, input, emit, SYSTEM)),
      findOrCreateOrganization: (name: string) =>
        inTransaction(deps, ({ trx, now, emit }) => findOrCreateOrganizationByName(trx, now, name, emit, SYSTEM)),
    };
  }

  it('finds a requester by id, by email whatever its case, and by phone however it is written', async () => {
    const s = setup();
    const ana = await s.contacts.create(SYSTEM, {
      name: 'Ana Mora',
      emails: [{ email: 'ana@acme.co.cr' }],
      phones: [{ phone: '+506 8888-1234' }],
    });
    for (const input of [{ id: ana.id }, { email: 'ANA@Acme.co.cr', name: 'Otro nombre' }, { phone: '8888 1234' }]) {
      const { contact, created } = await s.findOrCreate(input);
      expect(created).toBe(false);
      expect(contact).toEqual({
        id: ana.id,
        name: 'Ana Mora',
        primaryEmail: 'ana@acme.co.cr',
        organizationId: null,
        organizationRole: 'member',
        locale: 'es',
      });
    }
  });

  it('creates an unknown requester named after its email, joined to the organization of its domain', async () => {
    const s = setup();
    const acme = await s.organizations.create(SYSTEM, { name: 'Acme', domains: ['acme.mx'] });
    const { contact, created } = await s.findOrCreate({ email: 'Jesus.Rodriguez@Acme.mx' });
    expect(created).toBe(true);
    expect(contact).toMatchObject({
      name: 'Jesus Rodriguez',
      primaryEmail: 'jesus.rodriguez@acme.mx',
      organizationId: acme.id,
    });
    const again = await s.findOrCreate({ email: 'jesus.rodriguez@acme.mx', name: 'Jesús Adrián' });
    expect(again).toEqual({ contact, created: false });
    expect(s.events.filter((e) => e.type === 'contact.created')).toHaveLength(1);
  });

  it('creates a requester known only by phone, with the number in E.164 and the given name', async () => {
    const s = setup();
    const { contact, created } = await s.findOrCreate({ phone: '8777-6655', name: 'Cliente WhatsApp' });
    expect(created).toBe(true);
    expect(contact).toMatchObject({ name: 'Cliente WhatsApp', primaryEmail: null });
    const full = await s.contacts.get({ kind: 'system', reason: 'test' }, contact.id);
    expect(full.phones).toEqual([{ phone: '+50687776655', whatsapp: false, label: null }]);
  });

  it('puts a new requester in the organization the caller names, and a known one without organization too', async () => {
    const s = setup();
    await s.organizations.create(SYSTEM, { name: 'Por dominio', domains: ['dominio.com'] });
    const chosen = await s.organizations.create(SYSTEM, { name: 'Elegida' });
    const fresh = await s.findOrCreate({ email: 'nuevo@dominio.com', organizationId: chosen.id });
    expect(fresh.contact.organizationId).toBe(chosen.id);
    const orphan = await s.contacts.create(SYSTEM, { name: 'Sin empresa', emails: [{ email: 'solo@gmail.com' }] });
    const joined = await s.findOrCreate({ email: 'solo@gmail.com', organizationId: chosen.id });
    expect(joined).toMatchObject({ created: false, contact: { id: orphan.id, organizationId: chosen.id } });
    const unknownOrganization = s.findOrCreate({ email: 'otro@x.com', organizationId: 'nope' });
    await expect(unknownOrganization).rejects.toMatchObject({ code: 'REFERENCE_NOT_FOUND' });
  });

  it('answers a merged contact with the one it was merged into', async () => {
    const s = setup();
    const target = await s.contacts.create(SYSTEM, { name: 'Destino', emails: [{ email: 'd@x.com' }] });
    const source = await s.contacts.create(SYSTEM, { name: 'Origen' });
    await s.contacts.merge(SYSTEM, target.id, source.id);
    const { contact } = await s.findOrCreate({ id: source.id });
    expect(contact.id).toBe(target.id);
  });

  it('refuses an unknown id (422), a requester without id, email or phone (400), and a bad phone (400), creating nothing', async () => {
    const s = setup();
    await expect(s.findOrCreate({ id: 'nope' })).rejects.toMatchObject({
      code: 'REFERENCE_NOT_FOUND',
      details: { field: 'requester.id' },
    });
    await expect(s.findOrCreate({ name: 'Solo nombre' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { field: 'requester' },
    });
    await expect(s.findOrCreate({ phone: '123' })).rejects.toMatchObject({
      code: 'PHONE_INVALID',
      details: { field: 'requester.phone' },
    });
    await expect(s.findOrCreate({ email: 'no-es-correo' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { field: 'requester.email' },
    });
    expect((await s.contacts.list(SYSTEM, { limit: 10 })).items).toEqual([]);
  });

  it('creates one contact when two messages from a new sender arrive at once', async () => {
    const s = setup();
    const [first, second] = await Promise.all([
      s.findOrCreate({ email: 'nuevo@cliente.com', name: 'Primero' }),
      s.findOrCreate({ email: 'nuevo@cliente.com', name: 'Segundo' }),
    ]);
    expect(first.contact.id).toBe(second.contact.id);
    expect([first.created, second.created].sort()).toEqual([false, true]);
    expect((await s.contacts.list(SYSTEM, { limit: 10 })).items).toHaveLength(1);
  });

  it('gives summaries of known contacts with their primary email, and leaves unknown ids out', async () => {
    const s = setup();
    const ana = await s.contacts.create(SYSTEM, {
      name: 'Ana',
      organizationRole: 'main_contact',
      locale: 'en',
      emails: [{ email: 'b@x.com' }, { email: 'a@x.com', primary: true }],
    });
    const beto = await s.contacts.create(SYSTEM, { name: 'Beto' });
    const summaries = await getContactSummaries(ctx.database.db, [ana.id, beto.id, 'nope', ana.id]);
    expect([...summaries.keys()].sort()).toEqual([ana.id, beto.id].sort());
    expect(summaries.get(ana.id)).toEqual({
      id: ana.id,
      name: 'Ana',
      primaryEmail: 'a@x.com',
      organizationId: null,
      organizationRole: 'main_contact',
      locale: 'en',
    });
    expect(summaries.get(beto.id)?.primaryEmail).toBeNull();
    expect(await getContactSummaries(ctx.database.db, [])).toEqual(new Map());
  });

  it('finds an organization by its normalized name or creates it once, also when two ask at once', async () => {
    const s = setup();
    const existing = await s.organizations.create(SYSTEM, { name: 'Acme SA' });
    const found = await s.findOrCreateOrganization('ACME, S.A. de C.V.');
    expect(found).toMatchObject({ created: false, organization: { id: existing.id, name: 'Acme SA' } });
    const [a, b] = await Promise.all([
      s.findOrCreateOrganization('Escuela Nueva'),
      s.findOrCreateOrganization('ESCUELA NUEVA S.C.'),
    ]);
    expect(a.organization.id).toBe(b.organization.id);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    await expect(s.findOrCreateOrganization(' ... ')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});

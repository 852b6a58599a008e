import { beforeEach, expect, it } from 'vitest';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { SYSTEM_ACTOR, unique } from '../../testing/test-app.ts';
import { createTicketFixture, type TicketFixture } from '../../testing/ticket-fixtures.ts';
import { createServices, type Services } from '../services.ts';
import type { Actor } from '../shared/actor.ts';
import { manualClock } from '../shared/clock.ts';
import { type AttachmentStore, databaseAttachmentStorage } from './attachment-storage.ts';

const databaseStore = (limitBytes = 1_048_576): AttachmentStore => ({
  kind: 'database',
  limitBytes,
  storage: (_kind, db) => databaseAttachmentStorage(db),
});

forEachDialect('message service', (ctx) => {
  let services: Services;
  let agent: Actor;
  let ticket: TicketFixture;
  let contact: Extract<Actor, { kind: 'contact' }>;

  beforeEach(async () => {
    services = createServices({ db: ctx.database.db, clock: manualClock(new Date()) });
    const { agent: created } = await services.agents.create(SYSTEM_ACTOR, {
      email: `${unique('agente')}@example.com`,
      name: 'Araceli Cruz Cruz',
      password: 'correct horse battery',
    });
    agent = { kind: 'agent', id: created.id, role: 'agent', departmentIds: [], locale: 'es' };
    ticket = await createTicketFixture(ctx.database.db);
    contact = {
      kind: 'contact',
      id: ticket.requesterId,
      organizationId: ticket.organizationId,
      organizationRole: 'member',
      locale: 'es',
    };
  });

  it('a note or activity is never visible to a contact: not in the list, not by id, not its attachment', async () => {
    const store = databaseStore();
    const file = (name: string) => ({
      filename: name,
      contentType: 'application/pdf',
      data: Buffer.from('mismo archivo'),
    });
    const reply = await services.messages.add(
      agent,
      ticket.id,
      { kind: 'reply', body: 'Le adjunto la factura.', attachments: [file('factura.pdf')] },
      { store },
    );
    const note = await services.messages.add(
      agent,
      ticket.id,
      { kind: 'note', body: 'Cliente moroso, no aplicar descuento.', attachments: [file('interno.pdf')] },
      { store },
    );
    const activity = await services.messages.add(
      agent,
      ticket.id,
      {
        kind: 'activity',
        body: 'Llamada a la central',
        activity: { contactPerson: 'Recepción', medium: 'phone', reason: 'Seguimiento del pago' },
        attachments: [file('acta.pdf')],
      },
      { store },
    );

    const staffView = await services.messages.list(agent, ticket.id, { limit: 50 });
    expect(staffView.items.map((m) => m.id)).toEqual([reply.id, note.id, activity.id]);

    const customerView = await services.messages.list(contact, ticket.number, { limit: 50 });
    expect(customerView.items.map((m) => m.id)).toEqual([reply.id]);
    await expect(services.messages.get(contact, ticket.id, reply.id)).resolves.toMatchObject({ kind: 'reply' });
    for (const hidden of [note, activity]) {
      await expect(services.messages.get(contact, ticket.id, hidden.id)).rejects.toMatchObject({
        code: 'MESSAGE_NOT_FOUND',
      });
      await expect(
        services.messages.openAttachment(contact, hidden.attachments[0]?.id as string, store),
      ).rejects.toMatchObject({ code: 'ATTACHMENT_NOT_FOUND' });
    }
    // The same bytes are stored once, but the customer reaches them only through the reply.
    const opened = await services.messages.openAttachment(contact, reply.attachments[0]?.id as string, store);
    expect(opened).toMatchObject({ filename: 'factura.pdf', contentType: 'application/pdf' });
    expect(opened.bytes.toString()).toBe('mismo archivo');
    await expect(
      services.messages.openAttachment(agent, note.attachments[0]?.id as string, store),
    ).resolves.toMatchObject({ filename: 'interno.pdf' });

    const stranger: Actor = { ...contact, id: (await createTicketFixture(ctx.database.db)).requesterId };
    await expect(services.messages.list(stranger, ticket.id, { limit: 50 })).rejects.toMatchObject({
      code: 'TICKET_NOT_FOUND',
    });
    await expect(
      services.messages.openAttachment(stranger, reply.attachments[0]?.id as string, store),
    ).rejects.toMatchObject({ code: 'ATTACHMENT_NOT_FOUND' });
  });

  it('a contact may add only public replies, which set no first response and queue no email', async () => {
    await expect(services.messages.add(contact, ticket.id, { kind: 'note', body: 'x' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const reply = await services.messages.add(contact, ticket.id, { kind: 'reply', body: 'Gracias, ya funciona.' });
    expect(reply).toMatchObject({
      channel: 'portal',
      author: { kind: 'contact', id: contact.id, name: ticket.contact.name },
    });
    const row = await ctx.database.db
      .selectFrom('tickets')
      .select('first_response_at')
      .where('id', '=', ticket.id)
      .executeTakeFirstOrThrow();
    expect(row.first_response_at).toBeNull();
    expect(await ctx.database.db.selectFrom('outbox').select('id').execute()).toEqual([]);
  });

  it('a failed write leaves nothing half-written (the second file cannot be stored)', async () => {
    let puts = 0;
    const failing: AttachmentStore = {
      kind: 'database',
      limitBytes: 1_048_576,
      storage: (_kind, db) => ({
        async put(sha256, bytes) {
          puts++;
          if (puts === 2) throw new Error('disk full');
          await databaseAttachmentStorage(db).put(sha256, bytes);
        },
        get: (sha256) => databaseAttachmentStorage(db).get(sha256),
      }),
    };
    await expect(
      services.messages.add(
        agent,
        ticket.id,
        {
          kind: 'reply',
          body: 'Dos archivos',
          attachments: [
            { filename: 'a.txt', contentType: 'text/plain', data: Buffer.from('a') },
            { filename: 'b.txt', contentType: 'text/plain', data: Buffer.from('b') },
          ],
        },
        { store: failing },
      ),
    ).rejects.toThrow('disk full');
    const db = ctx.database.db;
    for (const table of ['messages', 'attachments', 'message_attachments', 'outbox', 'ticket_events'] as const) {
      expect(await db.selectFrom(table).select('id').execute(), table).toEqual([]);
    }
    expect(await db.selectFrom('attachment_blobs').select('sha256').execute()).toEqual([]);
    const row = await db
      .selectFrom('tickets')
      .select('first_response_at')
      .where('id', '=', ticket.id)
      .executeTakeFirstOrThrow();
    expect(row.first_response_at).toBeNull();
  });

  it('refuses a file over the configured limit whoever calls, naming the limit in MB', async () => {
    await expect(
      services.messages.add(
        agent,
        ticket.id,
        {
          kind: 'note',
          body: 'x',
          attachments: [{ filename: 'a.bin', contentType: 'x/y', data: Buffer.alloc(600_000) }],
        },
        { store: databaseStore(524_288) },
      ),
    ).rejects.toMatchObject({ code: 'ATTACHMENT_TOO_LARGE', details: { limitMb: '0.5' } });
  });
});

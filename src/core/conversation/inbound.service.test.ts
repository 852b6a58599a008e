import { afterEach, describe, expect, it } from 'vitest';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { createTestApp, SYSTEM_ACTOR, type TestApp } from '../../testing/test-app.ts';
import { type InboundMessage, ticketNumbersInSubject } from './inbound.service.ts';

describe('ticket numbers in a subject', () => {
  it('reads [OP10044] and #OP10044, not a bare number', () => {
    expect(ticketNumbersInSubject('Re: [OP10044] Desbloqueo de usuario')).toEqual(['OP10044']);
    expect(ticketNumbersInSubject('RE: sigue igual #op10044')).toEqual(['OP10044']);
    expect(ticketNumbersInSubject('Factura 10044 de enero')).toEqual([]);
  });
});

function mail(overrides: Partial<InboundMessage>): InboundMessage {
  return {
    messageId: null,
    inReplyTo: [],
    references: [],
    from: { address: 'cliente@empresa.test', name: 'Cliente' },
    to: [{ address: 'soporte@tiquete.test', name: '' }],
    cc: [],
    subject: 'Consulta',
    text: 'Hola',
    html: null,
    attachments: [],
    noAutoAnswer: false,
    fromOurselves: false,
    bounce: null,
    ...overrides,
  };
}

forEachDialect('receiveInbound', (ctx) => {
  let t: TestApp;
  afterEach(() => t?.close());

  async function receive(msg: InboundMessage) {
    const id = await t.services.inbound.store({
      source: 'test',
      envelopeFrom: null,
      envelopeTo: [],
      raw: Buffer.from('x'),
    });
    return t.services.inbound.receive(id, msg);
  }

  it('joins a ticket by the number in the subject only when the sender is a participant', async () => {
    t = await createTestApp(ctx);
    const first = await receive(mail({ subject: 'Desbloqueo de usuario' }));
    if (first.kind !== 'created') throw new Error(first.kind);
    const { number } = await t.services.tickets.get(SYSTEM_ACTOR, first.ticketId);
    const fromRequester = await receive(mail({ subject: `Re: [${number}] gracias` }));
    expect(fromRequester).toMatchObject({ kind: 'threaded', ticketId: first.ticketId });
    const fromStranger = await receive(
      mail({ from: { address: 'otro@ajeno.test', name: 'Otro' }, subject: `Re: [${number}] hola` }),
    );
    expect(fromStranger.kind).toBe('created');
  });

  it('makes CC addresses ticket CCs and unknown senders contacts with the From name', async () => {
    t = await createTestApp(ctx);
    const result = await receive(
      mail({
        from: { address: 'marta@ferreteria.test', name: 'Marta Solís' },
        cc: [{ address: 'jefe@ferreteria.test', name: 'Jefe' }],
      }),
    );
    if (result.kind !== 'created') throw new Error(result.kind);
    const ticket = await t.services.tickets.get(SYSTEM_ACTOR, result.ticketId);
    expect(ticket.ccContactIds).toHaveLength(1);
    const contacts = await ctx.database.db.selectFrom('contacts').select('name').orderBy('name').execute();
    expect(contacts.map((c) => c.name)).toEqual(['Jefe', 'Marta Solís']);
  });

  it("routes a mailbox's mail to its department and answers in the mailbox's language", async () => {
    t = await createTestApp(ctx);
    const department = await t.services.departments.create(SYSTEM_ACTOR, { name: 'Support EN' });
    await t.services.inbound.mailboxes.create(SYSTEM_ACTOR, {
      address: 'support@tiquete.test',
      departmentId: department.id,
      defaultPriority: 'alta',
      language: 'en',
    });
    const result = await receive(mail({ to: [{ address: 'support@tiquete.test', name: '' }], subject: 'Printer' }));
    if (result.kind !== 'created') throw new Error(result.kind);
    const ticket = await t.services.tickets.get(SYSTEM_ACTOR, result.ticketId);
    expect(ticket).toMatchObject({ departmentId: department.id, priority: 'alta', channel: 'email' });
    const ack = await t.services.emailTemplates.compose('acknowledgement', { ticketId: ticket.id, outboxId: 'o1' });
    expect(ack?.text).toContain(`Your ticket reference is ${ticket.number}`);
    expect(ack?.headers['Auto-Submitted']).toBe('auto-replied');
  });

  it('processes a stored mail once even when asked twice', async () => {
    t = await createTestApp(ctx);
    const id = await t.services.inbound.store({
      source: 'test',
      envelopeFrom: null,
      envelopeTo: [],
      raw: Buffer.from('x'),
    });
    const [a, b] = await Promise.all([
      t.services.inbound.receive(id, mail({})),
      t.services.inbound.receive(id, mail({})),
    ]);
    expect([a.kind, b.kind].sort()).toEqual(['already-done', 'created']);
    expect(await ctx.database.db.selectFrom('tickets').select('id').execute()).toHaveLength(1);
  });
});

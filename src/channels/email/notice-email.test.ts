import { afterEach, expect, it } from 'vitest';
import { createOutboxWorker } from '../../jobs/outbox-worker.ts';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { createTestApp, SYSTEM_ACTOR, type TestApp, unique } from '../../testing/test-app.ts';
import { createSmtpSender } from './email-sender.ts';
import { emailOutboxHandlers } from './outbox-handlers.ts';
import { startSink } from './test-support.ts';

forEachDialect('notice mail (email.notification@1) over SMTP', (ctx) => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setup() {
    const t: TestApp = await createTestApp(ctx);
    cleanups.push(() => t.close());
    const sink = await startSink();
    cleanups.push(() => sink.close());
    const sender = createSmtpSender(`smtp://127.0.0.1:${sink.port}`);
    cleanups.push(() => sender.close());
    const worker = createOutboxWorker({
      db: ctx.database.db,
      clock: t.clock,
      handlers: emailOutboxHandlers(t.services, sender),
    });
    return { t, sink, worker };
  }

  it('mails the assignment notice to the agent, in the agent’s language, outside the customer’s thread', async () => {
    const { t, sink, worker } = await setup();
    const { agent } = await t.services.agents.create(SYSTEM_ACTOR, {
      name: 'Laura Arenas',
      email: `${unique('laura')}@example.com`,
      locale: 'en',
      password: 'correct horse battery',
    });
    const ticket = await t.services.tickets.create(SYSTEM_ACTOR, {
      subject: 'Póliza sin generar',
      body: 'No se genera la póliza.',
      requester: { email: `${unique('cliente')}@example.com`, name: 'Jesús Adrián Rodríguez' },
      assigneeId: agent.id,
    });
    await worker.drain();
    const mail = sink.mails.find((m) => m.headers.get('to') && m.text?.includes('Hello Laura'));
    expect(mail?.subject).toBe(`[${ticket.number}] A ticket was assigned to you: Póliza sin generar`);
    expect(mail?.text).toContain(`${ticket.number} — Póliza sin generar`);
    expect(mail?.headers.get('auto-submitted')).toBe('auto-generated');
    expect(mail?.inReplyTo).toBeUndefined();
  });

  it('tells the customer of a general account their queued ticket’s place (003)', async () => {
    const { t, sink, worker } = await setup();
    const organization = await t.services.organizations.create(SYSTEM_ACTOR, { name: unique('Comercial Pyme ') });
    const customer = `${unique('cliente')}@example.com`;
    const open = (subject: string) =>
      t.services.tickets.create(SYSTEM_ACTOR, {
        subject,
        body: 'No funciona.',
        type: 'Soporte',
        requester: { email: customer, name: 'Jesús Adrián Rodríguez' },
        organization: { id: organization.id },
      });
    await open('Primer caso');
    const second = await open('Segundo caso');
    await worker.drain();
    const queued = sink.mails.find((m) => m.subject?.includes(second.number) && m.text?.includes('quedó en espera'));
    expect(queued?.text).toContain('Su lugar en la fila: 1');
  });

  it('mails the customer the solved notice in Spanish by default', async () => {
    const { t, sink, worker } = await setup();
    const customer = `${unique('cliente')}@example.com`;
    const ticket = await t.services.tickets.create(SYSTEM_ACTOR, {
      subject: 'Desbloqueo de usuario',
      body: 'No puedo entrar.',
      requester: { email: customer, name: 'Jesús Adrián Rodríguez' },
    });
    await t.services.tickets.update(SYSTEM_ACTOR, ticket.id, { status: 'RESUELTO' });
    await worker.drain();
    const solved = sink.mails.find((m) => m.text?.includes('se considera resuelta'));
    expect(solved?.subject).toBe(`[${ticket.number}] Desbloqueo de usuario`);
    expect(solved?.text).toContain('Estimado/Estimada Jesús Adrián Rodríguez');
    expect(JSON.stringify(solved?.to)).toContain(customer);
  });
});

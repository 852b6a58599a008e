import { afterEach, expect, it } from 'vitest';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { createTestApp } from '../../testing/test-app.ts';
import { createInboundProcessor } from './inbound-processor.ts';
import { customerClient, startTestListener } from './test-support.ts';

forEachDialect('quoted conversation in mail, through SMTP and the API', (ctx) => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('stores where the quote sits in the body, whole, so the console can fold it on new tickets and answers', async () => {
    const t = await createTestApp(ctx);
    cleanups.push(() => t.close());
    const { processor, listener } = await startTestListener(t.services.inbound);
    cleanups.push(() => listener.close());
    const client = customerClient(listener.port);
    cleanups.push(() => client.close());
    const admin = await t.signedIn('admin');

    const first =
      'No puedo emitir facturas.\n\nEl lun, 5 ene 2026 a las 9:00, Ventas <ventas@x.test> escribió:\n> Su plan está activo.\n';
    await client.sendMail({ from: 'ana@cliente.test', to: 'soporte@tiquete.test', subject: 'Facturas', text: first });
    await processor.drain();
    const [ticket] = (await t.as(admin, 'GET', '/api/v1/tickets?limit=5')).json().items;
    await client.sendMail({
      from: 'ana@cliente.test',
      to: 'soporte@tiquete.test',
      subject: `Re: [${ticket.number}] Facturas`,
      text: 'Gracias, ya funciona.',
    });
    await client.sendMail({
      from: 'ana@cliente.test',
      to: 'soporte@tiquete.test',
      subject: `Re: [${ticket.number}] Facturas`,
      text: 'El mar, 6 ene 2026 a las 8:00, Soporte <soporte@tiquete.test> escribió:\n> ¿Sigue el error?\n\nNo, ya quedó.',
    });
    await processor.drain();

    const messages = (await t.as(admin, 'GET', `/api/v1/tickets/${ticket.id}/messages`)).json().items as {
      body: string;
      quote: { start: number; end: number } | null;
    }[];
    expect(messages).toHaveLength(3);
    const [opened, plain, bottom] = messages;
    // Nothing is thrown away: the body is the whole text, the quote a range of it.
    expect(opened?.body.replace(/\r\n/g, '\n').trim()).toBe(first.trim());
    const folded = (m: typeof opened) => ({
      visible: `${m?.body.slice(0, m.quote?.start)}${m?.body.slice(m?.quote?.end)}`.trim(),
      quoted: m?.body.slice(m.quote?.start, m.quote?.end).trim(),
    });
    expect(folded(opened).visible).toBe('No puedo emitir facturas.');
    expect(folded(opened).quoted).toMatch(/^El lun, 5 ene 2026 .* escribió:\s+> Su plan está activo\.$/);
    expect(plain?.quote).toBeNull();
    expect(folded(bottom).visible).toBe('No, ya quedó.');
    expect(folded(bottom).quoted).toContain('> ¿Sigue el error?');
  });

  it('keeps the quote in place when NUL bytes (which PostgreSQL text cannot hold) are dropped before it', async () => {
    const t = await createTestApp(ctx);
    cleanups.push(() => t.close());
    const raw = Buffer.from(
      'From: ana@cliente.test\r\nTo: soporte@tiquete.test\r\nSubject: Con NUL\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n' +
        'Hola\u0000\u0000 equipo.\r\n\r\nEl lun, 5 ene 2026 a las 9:00, Ventas <ventas@x.test> escribió:\r\n> Cita\r\n',
    );
    await t.services.inbound.store({ source: 'smtp', envelopeFrom: null, envelopeTo: ['soporte@tiquete.test'], raw });
    await createInboundProcessor({ inbound: t.services.inbound }).drain();
    const admin = await t.signedIn('admin');
    const [ticket] = (await t.as(admin, 'GET', '/api/v1/tickets?limit=5')).json().items;
    const [message] = (await t.as(admin, 'GET', `/api/v1/tickets/${ticket.id}/messages`)).json().items as {
      body: string;
      quote: { start: number; end: number };
    }[];
    expect(message?.body).not.toContain('\u0000');
    expect(message?.body.slice(0, message.quote.start).trim()).toBe('Hola equipo.');
    expect(message?.body.slice(message.quote.start, message.quote.end)).toMatch(/^El lun, 5 ene 2026/);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { createTestApp, SYSTEM_ACTOR, type TestApp } from '../../testing/test-app.ts';
import { senderAuthOf } from './sender-auth.ts';
import { startMailDesk } from './test-support.ts';

describe('SPF/DKIM alignment read from Authentication-Results', () => {
  it('passes when DMARC passed, or SPF or DKIM passed for the From’s domain (or a subdomain)', () => {
    expect(senderAuthOf('mx.tiquete.test; dmarc=pass header.from=cliente.test', 'ana@cliente.test')).toBe('pass');
    expect(senderAuthOf('mx.tiquete.test; spf=pass smtp.mailfrom=bounces@mail.cliente.test', 'ana@cliente.test')).toBe(
      'pass',
    );
    expect(
      senderAuthOf(
        'mx.tiquete.test; spf=fail smtp.mailfrom=x@otro.test; dkim=pass header.d=cliente.test',
        'a@cliente.test',
      ),
    ).toBe('pass');
  });

  it('fails when what passed belongs to another domain, when all failed, or when the From has no domain', () => {
    expect(senderAuthOf('mx.tiquete.test; spf=pass smtp.mailfrom=x@atacante.test', 'ana@cliente.test')).toBe('fail');
    expect(
      senderAuthOf(
        'mx.tiquete.test; dkim=pass header.d=atacante.test (dkim=pass header.d=cliente.test)',
        'a@cliente.test',
      ),
    ).toBe('fail');
    expect(
      senderAuthOf('mx.tiquete.test; spf=softfail smtp.mailfrom=a@cliente.test; dkim=none', 'a@cliente.test'),
    ).toBe('fail');
    expect(senderAuthOf('mx.tiquete.test; spf=pass smtp.mailfrom=a@cliente.test', undefined)).toBe('fail');
  });

  it('is none without the header', () => {
    expect(senderAuthOf(undefined, 'ana@cliente.test')).toBe('none');
  });
});

forEachDialect('a mailbox that requires SPF/DKIM alignment (issue 14, item 9)', (ctx) => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('a forged answer does not reopen a solved ticket by itself: it is kept and marked; an aligned one reopens it', async () => {
    const t: TestApp = await createTestApp(ctx);
    cleanups.push(() => t.close());
    const admin = await t.signedIn('admin');
    const created = await t.as(admin, 'POST', '/api/v1/mailboxes', { address: 'soporte@tiquete.test' });
    const changed = await t.as(admin, 'PATCH', `/api/v1/mailboxes/${created.json().id}`, { requireSenderAuth: true });
    expect(changed.json()).toMatchObject({ requireSenderAuth: true });
    const desk = await startMailDesk(t.services.inbound);
    cleanups.push(() => desk.close());

    const mail = (authResults: string, text: string, n: number) =>
      [
        `Authentication-Results: mx.tiquete.test; ${authResults}`,
        'Authentication-Results: mx.atacante.test; dmarc=pass header.from=cliente.test',
        'From: Ana <ana@cliente.test>',
        'To: soporte@tiquete.test',
        `Subject: Re: [OP${n}] Acceso`,
        `Message-ID: <m${text.length}@cliente.test>`,
        '',
        text,
        '',
      ].join('\r\n');
    await desk.deliver(mail('dkim=pass header.d=cliente.test', 'No puedo entrar.', 0));
    await desk.processor.idle();
    const ticket = await ctx.database.db.selectFrom('tickets').select(['id', 'number']).executeTakeFirstOrThrow();
    const number = Number(String(ticket.number).replace(/\D/g, ''));
    const vocabulary = await t.services.ticketSettings.vocabulary();
    const solved = vocabulary.statuses.find((s) => s.active && s.category === 'solved')?.name as string;
    await t.services.tickets.update(SYSTEM_ACTOR, ticket.id, { status: solved });

    // The topmost header is the receiving MTA's: SPF failed; a lower one claiming DMARC is ignored.
    await desk.deliver(mail('spf=fail smtp.mailfrom=ana@cliente.test', 'Reábranlo, por favor.', number));
    await desk.processor.idle();
    const after = (await t.as(admin, 'GET', `/api/v1/tickets/${ticket.id}`)).json() as { statusCategory: string };
    expect(after.statusCategory).toBe('solved');
    const messages = (await t.as(admin, 'GET', `/api/v1/tickets/${ticket.id}/messages?limit=10`)).json() as {
      items: { kind: string; body: string }[];
    };
    expect(messages.items.map((m) => m.kind)).toEqual(['reply', 'reply', 'note']);
    expect(messages.items[1]?.body).toContain('Reábranlo, por favor.');
    expect(messages.items[2]?.body).toContain(
      'no pasó la verificación SPF/DKIM que exige el buzón soporte@tiquete.test',
    );

    await desk.deliver(mail('spf=pass smtp.mailfrom=ana@cliente.test', 'Sigue sin funcionar, de verdad.', number));
    await desk.processor.idle();
    const reopened = (await t.as(admin, 'GET', `/api/v1/tickets/${ticket.id}`)).json() as { statusCategory: string };
    expect(reopened.statusCategory).toBe('open');
  });
});

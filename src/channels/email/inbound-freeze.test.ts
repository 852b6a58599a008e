import { afterEach, expect, it } from 'vitest';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { MAX_PARSE_STARTS } from './inbound-processor.ts';
import { startMailDesk } from './test-support.ts';

/** An HTML mail of `depth` nested <div> (200,000 make 2.2 MB). */
function nestedDivs(depth: number): string {
  const html = `${'<div>'.repeat(depth)}Necesito ayuda con la factura${'</div>'.repeat(depth)}`;
  return [
    'From: Atacante <atacante@cliente.test>',
    'To: soporte@tiquete.test',
    'Subject: Divs anidados',
    'Message-ID: <divs@cliente.test>',
    'MIME-Version: 1.0',
    'Content-Type: text/html; charset=utf-8',
    '',
    html,
    '',
  ].join('\r\n');
}

forEachDialect('a mail that takes long to parse (issue 14, hole 1)', (ctx) => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function app(): Promise<TestApp> {
    const t = await createTestApp(ctx);
    cleanups.push(() => t.close());
    return t;
  }

  const tickets = async () => ctx.database.db.selectFrom('tickets').select(['id', 'subject']).execute();

  /** Delivers `raw`; once its parsing has begun, asks the API something and says what finished first. */
  async function requestDuringParse(t: TestApp, raw: string) {
    const admin = await t.signedIn('admin');
    let parsing: () => void = () => {};
    const parseBegun = new Promise<void>((resolve) => {
      parsing = resolve;
    });
    const desk = await startMailDesk(t.services.inbound, { beforeParse: () => parsing() });
    cleanups.push(() => desk.close());
    expect(await desk.deliver(raw)).toMatch(/^250 /);
    await parseBegun;
    const order: string[] = [];
    const processed = desk.processor.idle().then(() => order.push('mail processed'));
    const response = await t.as(admin, 'GET', '/api/v1/tickets?limit=5');
    order.push(`API answered ${response.statusCode}`);
    await processed;
    return order;
  }

  it('200,000 nested <div>: the API answers while the mail is parsed, and the mail becomes a ticket', async () => {
    const t = await app();
    const order = await requestDuringParse(t, nestedDivs(200_000));
    expect(order).toEqual(['API answered 200', 'mail processed']);
    const [ticket] = await tickets();
    expect(ticket?.subject).toBe('Divs anidados');
    const message = await ctx.database.db
      .selectFrom('messages')
      .select(['body_text', 'body_html'])
      .where('ticket_id', '=', ticket?.id as string)
      .executeTakeFirstOrThrow();
    expect(message.body_text).toContain('Necesito ayuda con la factura');
    // The depth is capped: the stored HTML holds the text, not 200,000 levels.
    expect(message.body_html).toContain('Necesito ayuda con la factura');
    expect((message.body_html ?? '').length).toBeLessThan(10_000);
  });

  it('a 20 MB plain-text mail: the API answers while it is parsed', async () => {
    const t = await app();
    const line = 'Registro de la bitácora del sistema contable, línea de prueba.\r\n';
    const raw = [
      'From: cliente@cliente.test',
      'To: soporte@tiquete.test',
      'Subject: Bitácora completa',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      line.repeat(Math.ceil(20_000_000 / Buffer.byteLength(line))),
    ].join('\r\n');
    const order = await requestDuringParse(t, raw);
    expect(order).toEqual(['API answered 200', 'mail processed']);
    expect((await tickets()).map((ticket) => ticket.subject)).toEqual(['Bitácora completa']);
    // Moving 20 MB through SMTP, the database and the parser takes a while on a loaded machine.
  }, 120_000);

  it('a mail whose parsing times out is kept raw, listed as failed (timeout), and not parsed again at a restart', async () => {
    const t = await app();
    const admin = await t.signedIn('admin');
    // Nothing parses within 1 ms: this stands for a mail that would take longer than the limit.
    const desk = await startMailDesk(t.services.inbound, { parseTimeoutMs: 1 });
    cleanups.push(() => desk.close());
    const raw = nestedDivs(20_000);
    expect(await desk.deliver(raw)).toMatch(/^250 /);
    await desk.processor.idle();
    expect(await tickets()).toEqual([]);
    const failed = (await t.as(admin, 'GET', '/api/v1/mail/failed')).json() as {
      inbound: { id: string; reason: string; size: number; attempts: number }[];
    };
    expect(failed.inbound).toEqual([
      expect.objectContaining({ reason: 'timeout', size: Buffer.byteLength(raw), attempts: 1 }),
    ]);

    // A restart: the failed mail is not parsed again by itself.
    const restarted = await startMailDesk(t.services.inbound);
    cleanups.push(() => restarted.close());
    expect(await restarted.processor.drain()).toBe(0);
    expect(await tickets()).toEqual([]);

    // An admin asks for it again: with time enough it becomes its ticket.
    const requeue = await t.as(admin, 'POST', '/api/v1/mail/failed/reprocess', { ids: [failed.inbound[0]?.id] });
    expect(requeue.json()).toEqual({ requeued: 1 });
    await restarted.processor.drain();
    expect((await tickets()).map((ticket) => ticket.subject)).toEqual(['Divs anidados']);
  });

  it('a mail whose parsing began three times and never ended (the process died) is given up on', async () => {
    const t = await app();
    const admin = await t.signedIn('admin');
    const id = await t.services.inbound.store({
      source: 'smtp',
      envelopeFrom: 'atacante@cliente.test',
      envelopeTo: ['soporte@tiquete.test'],
      raw: Buffer.from(nestedDivs(10)),
    });
    // Three starts that died with the process (each start is counted before parsing).
    for (let start = 0; start < MAX_PARSE_STARTS; start++) await t.services.inbound.startParse(id);
    const desk = await startMailDesk(t.services.inbound);
    cleanups.push(() => desk.close());
    await desk.processor.drain();
    expect(await tickets()).toEqual([]);
    const failed = (await t.as(admin, 'GET', '/api/v1/mail/failed')).json() as { inbound: { reason: string }[] };
    expect(failed.inbound).toEqual([expect.objectContaining({ reason: 'crashed' })]);
  });
});

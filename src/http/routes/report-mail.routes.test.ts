import ExcelJS from 'exceljs';
import type { ParsedMail } from 'mailparser';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createSmtpSender } from '../../channels/email/email-sender.ts';
import { emailOutboxHandlers } from '../../channels/email/outbox-handlers.ts';
import { startSink } from '../../channels/email/test-support.ts';
import { newId } from '../../core/shared/ids.ts';
import { foldKey } from '../../core/shared/text.ts';
import { createJobRunner } from '../../jobs/job-runner.ts';
import { createOutboxWorker } from '../../jobs/outbox-worker.ts';
import { reportMailWork } from '../../jobs/report-mail-work.ts';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { createTestApp, type Session, SYSTEM_ACTOR, type TestApp } from '../../testing/test-app.ts';
import { createTicketFixture, type TicketFixture } from '../../testing/ticket-fixtures.ts';

/** Costa Rica local time → UTC ISO (UTC-6 all year). */
const cr = (local: string) => new Date(`${local}-06:00`).toISOString();

/** The plain-text table rows of a mail: "Creados | 5". */
function figure(mail: ParsedMail | undefined, label: string): string | undefined {
  const line = (mail?.text ?? '').split('\n').find((l) => l.startsWith(`${label} | `));
  return line?.slice(label.length + 3);
}

forEachDialect('reports by mail (issue 17): weekly summaries and timesheets over SMTP', (ctx) => {
  let t: TestApp;
  let sink: Awaited<ReturnType<typeof startSink>>;
  let sender: ReturnType<typeof createSmtpSender>;
  let worker: ReturnType<typeof createOutboxWorker>;
  let supervisor: Session;
  let araceli: Session;
  let soporte: string;
  let ventas: string;
  let araceliId: string;
  let supervisorEmail: string;
  let araceliEmail: string;

  beforeEach(async () => {
    t = await createTestApp(ctx);
    sink = await startSink();
    sender = createSmtpSender(`smtp://127.0.0.1:${sink.port}`);
    worker = createOutboxWorker({
      db: ctx.database.db,
      clock: t.clock,
      handlers: emailOutboxHandlers(t.services, sender),
    });
    soporte = (await t.services.departments.create(SYSTEM_ACTOR, { name: 'Soporte Técnico' })).id;
    ventas = (await t.services.departments.create(SYSTEM_ACTOR, { name: 'Ventas' })).id;
    const sup = await t.createAgent({ role: 'supervisor', name: 'Mariana Solís' });
    const a = await t.createAgent({ name: 'Araceli Cruz Cruz', departmentIds: [soporte] });
    araceliId = a.id;
    supervisorEmail = sup.email;
    araceliEmail = a.email;
    // Both read their figures in Costa Rica's days.
    await ctx.database.db.updateTable('agents').set({ time_zone: 'America/Costa_Rica' }).execute();
    supervisor = await t.login(sup.email);
    araceli = await t.login(a.email);
  });
  afterEach(async () => {
    sender.close();
    await sink.close();
    await t.close();
  });

  /** A ticket created at a Costa Rica time, in a department. */
  async function ticketAt(departmentId: string, local: string, extra: Partial<{ solved: string }> = {}) {
    const db = ctx.database.db;
    const fixture = await createTicketFixture(db, { departmentId });
    await db
      .updateTable('tickets')
      .set({
        created_at: cr(local),
        ...(extra.solved && { status_category: 'solved' as const, solved_at: cr(extra.solved) }),
      })
      .where('id', '=', fixture.id)
      .execute();
    return fixture;
  }

  it('mails each subscriber the week that ended, once, with their own figures only (also with two instances)', async () => {
    t.clock.set('2026-11-04T15:00:00.000Z'); // Wednesday: they subscribe mid-week
    const mine = await t.as(supervisor, 'POST', '/api/v1/reports/subscriptions', { attachment: 'xlsx' });
    expect(mine.statusCode, mine.body).toBe(201);
    expect(mine.json()).toMatchObject({ frequency: 'weekly', attachment: 'xlsx', departmentIds: [] });
    const hers = await t.as(araceli, 'POST', '/api/v1/reports/subscriptions', {});
    expect(hers.statusCode, hers.body).toBe(201);

    // Attacker checks: an agent cannot ask for another department's figures, nor touch another's subscription.
    const outsider = await t.as(araceli, 'POST', '/api/v1/reports/subscriptions', { departmentIds: [ventas] });
    expect(outsider.statusCode).toBe(403);
    expect(outsider.json().error).toMatchObject({ code: 'FORBIDDEN', details: { field: 'departmentIds', id: ventas } });
    const theirs = await t.as(araceli, 'PATCH', `/api/v1/reports/subscriptions/${mine.json().id}`, {
      frequency: 'daily',
    });
    expect(theirs.statusCode).toBe(404);
    expect((await t.as(araceli, 'DELETE', `/api/v1/reports/subscriptions/${mine.json().id}`)).statusCode).toBe(404);
    expect((await t.as(araceli, 'GET', '/api/v1/reports/subscriptions')).json().items).toHaveLength(1);
    const bad = await t.as(supervisor, 'POST', '/api/v1/reports/subscriptions', { frequency: 'hourly' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/reports/subscriptions' });
    expect(anonymous.statusCode).toBe(401);

    // The week of Mon 2 to Sun 8 November in Costa Rica: Soporte 2 created (1 solved), Ventas 3.
    await ticketAt(soporte, '2026-11-02T09:00', { solved: '2026-11-03T10:00' });
    await ticketAt(soporte, '2026-11-08T23:30');
    await ticketAt(ventas, '2026-11-03T10:00');
    await ticketAt(ventas, '2026-11-04T10:00');
    await ticketAt(ventas, '2026-11-06T10:00');
    await ticketAt(soporte, '2026-11-09T00:30'); // Monday after: next week's

    const work = reportMailWork(t.services);
    const jobs = () =>
      createJobRunner({
        db: ctx.database.db,
        clock: t.clock,
        events: t.services.events,
        handlers: work.jobHandlers,
        recurring: work.recurring,
      });
    const first = jobs();
    const second = jobs(); // a second server instance
    // Sunday 23:05 in Costa Rica: the week is not over yet, and the week before ended before they subscribed.
    t.clock.set('2026-11-09T05:05:00.000Z');
    await first.runDue();
    await worker.drain();
    expect(sink.mails).toHaveLength(0);

    // Monday 00:05: both instances run the hour's job; each subscriber gets the week once.
    t.clock.set('2026-11-09T06:05:00.000Z');
    await Promise.all([first.runDue(), second.runDue()]);
    await worker.drain();
    t.clock.set('2026-11-09T07:05:00.000Z');
    await first.runDue();
    await second.runDue();
    await worker.drain();
    expect(sink.mails.map((m) => m.to && 'value' in m.to && m.to.value[0]?.address).sort()).toEqual(
      [araceliEmail, supervisorEmail].sort(),
    );

    const to = (address: string) =>
      sink.mails.find((m) => m.to && 'value' in m.to && m.to.value[0]?.address === address);
    const supervisorMail = to(supervisorEmail);
    const araceliMail = to(araceliEmail);
    expect(supervisorMail?.subject).toBe('Resumen semanal de soporte: 02/11/2026 – 08/11/2026');
    expect(supervisorMail?.headers.get('auto-submitted')).toBe('auto-generated');
    // Now (Monday 00:05): 5 open tickets of all 6, 2 of Soporte's 3 for Araceli.
    expect(figure(supervisorMail, 'Abiertos ahora')).toBe('5');
    expect(figure(araceliMail, 'Abiertos ahora')).toBe('2');
    expect(figure(supervisorMail, 'Creados')).toBe('5');
    expect(figure(supervisorMail, 'Resueltos')).toBe('1');
    // Araceli sees Soporte's two tickets: Ventas' three are not in her mail.
    expect(figure(araceliMail, 'Creados')).toBe('2');
    expect(figure(araceliMail, 'Resueltos')).toBe('1');
    expect(araceliMail?.html).toContain('Del 02/11/2026 al 08/11/2026 (America/Costa_Rica)');
    expect(araceliMail?.html).toMatch(/<th [^>]*>Fecha<\/th><th [^>]*>Creados<\/th>/);
    expect(araceliMail?.attachments).toHaveLength(0);

    // The supervisor asked for the tables attached as workbooks.
    const volume = supervisorMail?.attachments.find((a) => a.filename === 'volume-2026-11-02-2026-11-08.xlsx');
    expect(volume).toBeDefined();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(volume?.content as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const created: number[] = [];
    sheet?.eachRow((row, index) => {
      if (index > 1) created.push(Number(row.getCell(2).value));
    });
    expect(created.reduce((a, b) => a + b, 0)).toBe(5);

    // Unsubscribing stops the next week's mail.
    expect((await t.as(araceli, 'DELETE', `/api/v1/reports/subscriptions/${hers.json().id}`)).statusCode).toBe(204);
    t.clock.set('2026-11-16T06:05:00.000Z');
    await first.runDue();
    await worker.drain();
    expect(sink.mails.filter((m) => m.to && 'value' in m.to && m.to.value[0]?.address === araceliEmail)).toHaveLength(
      1,
    );
    expect(sink.mails).toHaveLength(3);
  });

  it("sends an organization's month of time to its main contact, records it, and never to another organization's contacts", async () => {
    const db = ctx.database.db;
    t.clock.set('2026-12-01T15:00:00.000Z');
    const clavo = await createTicketFixture(db, {
      departmentId: soporte,
      organization: { name: 'El Clavo Ferretería' },
      contactName: 'Jesús Adrián Rodríguez',
      contactEmail: 'jrodriguez@elclavo.example',
    });
    const other = await createTicketFixture(db, {
      departmentId: soporte,
      organization: { name: 'Panadería La Espiga' },
      contactEmail: 'svargas@laespiga.example',
    });
    await db.updateTable('contacts').set({ org_role: 'main_contact' }).where('id', '=', clavo.contact.id).execute();
    // A member of El Clavo, who may be added by hand but is not a default recipient.
    const member = newId();
    await db
      .insertInto('contacts')
      .values({
        id: member,
        name: 'Lucía Pérez',
        search_name: foldKey('Lucía Pérez'),
        title: null,
        organization_id: clavo.organizationId,
        org_role: 'member',
        locale: 'es',
        notes: '',
        password_hash: null,
        merged_into_id: null,
        created_at: '2026-11-01T00:00:00.000Z',
        updated_at: '2026-11-01T00:00:00.000Z',
      })
      .execute();
    await db
      .insertInto('contact_emails')
      .values({ email: 'lperez@elclavo.example', contact_id: member, is_primary: 1 })
      .execute();
    const entry = (ticket: TicketFixture, description: string, minutes: number, date: string, n: number) => ({
      id: newId(),
      ticket_id: ticket.id,
      task_id: null,
      agent_id: araceliId,
      description,
      minutes,
      work_date: date,
      billable: 1,
      created_at: new Date(Date.parse('2026-11-30T00:00:00Z') + n * 1000).toISOString(),
    });
    await db
      .insertInto('time_entries')
      .values([
        entry(clavo, 'Seguimiento de ticket', 30, '2026-11-03', 1),
        entry(clavo, 'Migración de inventario', 95, '2026-11-20', 2),
        entry(clavo, 'Fuera del mes', 60, '2026-12-01', 3),
        entry(other, 'Caja nueva', 45, '2026-11-10', 4),
      ])
      .execute();
    const organizationId = clavo.organizationId as string;

    const recipients = await t.as(
      supervisor,
      'GET',
      `/api/v1/reports/timesheets/recipients?organizationId=${organizationId}`,
    );
    expect(recipients.json().items).toEqual([{ email: 'jrodriguez@elclavo.example', name: 'Jesús Adrián Rodríguez' }]);

    // Another organization's contact is refused, alone or among the right ones.
    const stranger = await t.as(supervisor, 'POST', '/api/v1/reports/timesheets', {
      organizationId,
      month: '2026-11',
      to: ['jrodriguez@elclavo.example', 'svargas@laespiga.example'],
    });
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { field: 'to', address: 'svargas@laespiga.example' },
    });
    const empty = await t.as(supervisor, 'POST', '/api/v1/reports/timesheets', {
      organizationId,
      month: '2026-10',
      to: ['jrodriguez@elclavo.example'],
    });
    expect(empty.statusCode).toBe(400);

    const sent = await t.as(supervisor, 'POST', '/api/v1/reports/timesheets', {
      organizationId,
      month: '2026-11',
      to: ['jrodriguez@elclavo.example', 'LPerez@elclavo.example'],
    });
    expect(sent.statusCode, sent.body).toBe(201);
    await worker.drain();
    expect(sink.mails).toHaveLength(1);
    const mail = sink.mails[0];
    expect(mail?.subject).toBe('Hoja de tiempo de El Clavo Ferretería: noviembre 2026');
    expect(sink.envelopes[0]?.rcptTo.map((r) => r.address).sort()).toEqual([
      'jrodriguez@elclavo.example',
      'lperez@elclavo.example',
    ]);
    // 003's table: the initials lead the description; 0:30 + 1:35 = 2:05; December's entry and La Espiga's stay out.
    expect(mail?.text).toContain('ACC — Araceli Cruz Cruz');
    expect(mail?.text).toContain('ACC Seguimiento de ticket | 0:30 | 03/11/2026');
    expect(mail?.text).toContain('ACC Migración de inventario | 1:35 | 20/11/2026');
    expect(mail?.text).toContain('Total: 2:05');
    expect(mail?.text).not.toContain('Fuera del mes');
    expect(mail?.text).not.toContain('Caja nueva');
    expect(mail?.html).toContain('<td style="border:1px solid #d0d7de;padding:4px 8px;text-align:left">1:35</td>');
    const xlsx = mail?.attachments.find((a) => a.filename === 'hoja-de-tiempo-2026-11.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx?.content as unknown as ArrayBuffer);
    const descriptions: string[] = [];
    workbook.worksheets[0]?.eachRow((row, index) => {
      if (index > 1) descriptions.push(String(row.getCell(5).value));
    });
    expect(descriptions).toEqual(['ACC Seguimiento de ticket', 'ACC Migración de inventario']);

    // Recorded: who sent which month, to whom, and that it left.
    const sends = await t.as(supervisor, 'GET', `/api/v1/reports/timesheets?organizationId=${organizationId}`);
    expect(sends.json().items).toMatchObject([
      {
        month: '2026-11',
        recipients: ['jrodriguez@elclavo.example', 'lperez@elclavo.example'],
        sentBy: { name: 'Mariana Solís' },
        createdAt: '2026-12-01T15:00:00.000Z',
        delivery: 'sent',
      },
    ]);
    expect(
      (await t.as(supervisor, 'GET', `/api/v1/reports/timesheets?organizationId=${other.organizationId}`)).json().items,
    ).toEqual([]);
  });
});

import ExcelJS from 'exceljs';
import type { Updateable } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../core/shared/ids.ts';
import type { TicketsTable } from '../../db/database.ts';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { createTestApp, type Session, SYSTEM_ACTOR, type TestApp } from '../../testing/test-app.ts';
import { createTicketFixture, type TicketFixture } from '../../testing/ticket-fixtures.ts';

/**
 * One hand-built week (Mon 2026-11-02 … Fri 2026-11-06) in Costa Rica (UTC-6, no DST), on the
 * default calendar (Mon–Fri 08:00–18:00). Every expected figure below is worked out by hand from
 * these times, in business minutes unless said otherwise.
 *
 * T1 Soporte, Araceli: created Mon 09:00, first reply Mon 10:30 (90), solved Tue 09:00
 *    (Mon 540 + Tue 60 = 600), reopened Wed 12:00.
 * T2 Soporte, Araceli: created Mon 19:00 (Tue 01:00 UTC: a Monday in Costa Rica), first reply Tue
 *    09:00 (60: the night does not count), solved Fri 17:00 (Tue-Thu 3×600 + Fri 540 = 2340).
 * T3 Soporte, Araceli: created Fri 16:00, first reply Fri 17:30 (90), open, red since Sat 00:00 UTC.
 * T4 Ventas, José: created Tue 07:00 (before opening), first reply Tue 08:30 (30), open.
 * T5 Ventas, José, WhatsApp: created Wed 10:00, no reply, open, red since Thu 16:00 UTC.
 * T6 Ventas: created Sun 23:30 (Mon 05:30 UTC: outside the period in Costa Rica), open.
 */
const PERIOD = 'from=2026-11-02&to=2026-11-06';
const NOW = '2026-11-07T12:00:00.000Z';
/** Costa Rica local time → UTC ISO (UTC-6 all year). */
const cr = (local: string) => new Date(`${local}-06:00`).toISOString();

forEachDialect('reports (issue 17)', (ctx) => {
  let t: TestApp;
  let supervisor: Session;
  let araceliSession: Session;
  let soporte: string;
  let ventas: string;
  let araceli: string;
  let jose: string;
  let tickets: Record<'T1' | 'T2' | 'T3' | 'T4' | 'T5' | 'T6', TicketFixture>;

  beforeEach(async () => {
    t = await createTestApp(ctx);
    t.clock.set(NOW);
    const db = ctx.database.db;
    soporte = (await t.services.departments.create(SYSTEM_ACTOR, { name: 'Soporte Técnico' })).id;
    ventas = (await t.services.departments.create(SYSTEM_ACTOR, { name: 'Ventas' })).id;
    const a = await t.createAgent({ name: 'Araceli Cruz Cruz', departmentIds: [soporte] });
    const j = await t.createAgent({ name: 'José Maximino Raúl Tlaxcala Trujillo', departmentIds: [ventas] });
    araceli = a.id;
    jose = j.id;
    supervisor = await t.signedIn('supervisor');
    araceliSession = await t.login(a.email);

    const T1 = await createTicketFixture(db, { departmentId: soporte, assigneeId: araceli });
    tickets = {
      T1,
      T2: await createTicketFixture(db, { departmentId: soporte, assigneeId: araceli, requester: T1 }),
      T3: await createTicketFixture(db, { departmentId: soporte, assigneeId: araceli }),
      T4: await createTicketFixture(db, { departmentId: ventas, assigneeId: jose }),
      T5: await createTicketFixture(db, { departmentId: ventas, assigneeId: jose }),
      T6: await createTicketFixture(db, { departmentId: ventas }),
    };
    const solvedStatus = await db
      .selectFrom('ticket_statuses')
      .select('id')
      .where('name', '=', 'RESUELTO')
      .executeTakeFirstOrThrow();
    const openStatus = await db
      .selectFrom('ticket_statuses')
      .select('id')
      .where('name', '=', 'ABIERTO')
      .executeTakeFirstOrThrow();
    const set = (fixture: TicketFixture, values: Updateable<TicketsTable>) =>
      db.updateTable('tickets').set(values).where('id', '=', fixture.id).execute();
    const solved = { status_category: 'solved' as const, status_id: solvedStatus.id };
    await set(tickets.T1, {
      created_at: cr('2026-11-02T09:00'),
      first_response_at: cr('2026-11-02T10:30'),
      solved_at: cr('2026-11-03T09:00'),
      ...solved,
    });
    await set(tickets.T2, {
      created_at: cr('2026-11-02T19:00'),
      first_response_at: cr('2026-11-03T09:00'),
      solved_at: cr('2026-11-06T17:00'),
      ...solved,
    });
    await set(tickets.T3, {
      created_at: cr('2026-11-06T16:00'),
      first_response_at: cr('2026-11-06T17:30'),
      stale: 1,
    });
    await set(tickets.T4, { created_at: cr('2026-11-03T07:00'), first_response_at: cr('2026-11-03T08:30') });
    await set(tickets.T5, { created_at: cr('2026-11-04T10:00'), channel: 'whatsapp', stale: 1 });
    await set(tickets.T6, { created_at: cr('2026-11-01T23:30') });
    await db
      .insertInto('ticket_events')
      .values({
        ticket_id: tickets.T1.id,
        actor_kind: 'agent',
        actor_id: araceli,
        via: 'api',
        field: 'status',
        from_value: 'RESUELTO',
        to_value: 'ABIERTO',
        from_ref: solvedStatus.id,
        to_ref: openStatus.id,
        created_at: cr('2026-11-04T12:00'),
      })
      .execute();
  });
  afterEach(() => t.close());

  const report = async (session: Session, name: string, query = PERIOD) => {
    const response = await t.as(session, 'GET', `/api/v1/reports/${name}?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as {
      range: { from: string; to: string; timeZone: string };
      summary: Record<string, number | null>;
      series: Record<string, unknown>[];
      breakdowns: Record<string, Record<string, unknown>[]>;
      rows: Record<string, unknown>[];
    };
  };

  describe('volume', () => {
    it('counts created, solved and reopened per local day: a ticket of Monday 19:00 in Costa Rica is Monday', async () => {
      const volume = await report(supervisor, 'volume');
      expect(volume.range).toEqual({ from: '2026-11-02', to: '2026-11-06', timeZone: 'America/Costa_Rica' });
      expect(volume.series).toEqual([
        { bucket: '2026-11-02', created: 2, solved: 0, reopened: 0 },
        { bucket: '2026-11-03', created: 1, solved: 1, reopened: 0 },
        { bucket: '2026-11-04', created: 1, solved: 0, reopened: 1 },
        { bucket: '2026-11-05', created: 0, solved: 0, reopened: 0 },
        { bucket: '2026-11-06', created: 1, solved: 1, reopened: 0 },
      ]);
      // T6 (Sunday 23:30 in Costa Rica, Monday in UTC) is outside the period.
      expect(volume.summary).toEqual({ created: 5, solved: 2, reopened: 1 });
      expect(volume.breakdowns.byChannel).toEqual([
        { channel: 'email', created: 4 },
        { channel: 'whatsapp', created: 1 },
      ]);
    });

    it('filters by channel and groups by week (weeks start on Monday)', async () => {
      const volume = await report(supervisor, 'volume', `${PERIOD}&interval=week&channel=email`);
      expect(volume.series).toEqual([{ bucket: '2026-11-02', created: 4, solved: 2, reopened: 1 }]);
    });

    it('counts a reopening by the status category it left, even after the statuses are renamed', async () => {
      t.clock.set(cr('2026-11-05T10:00'));
      const created = await t.as(supervisor, 'POST', '/api/v1/tickets', {
        subject: 'No abre la caja',
        body: 'La caja no abre desde ayer.',
        departmentId: soporte,
        requester: { email: 'cajera@example.com', name: 'Cajera' },
      });
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().id as string;
      for (const status of ['RESUELTO', 'ABIERTO', 'EN PROGRESO']) {
        const changed = await t.as(supervisor, 'PATCH', `/api/v1/tickets/${id}`, { status });
        expect(changed.statusCode, changed.body).toBe(200);
      }
      t.clock.set(NOW);
      const admin = await t.signedIn('admin');
      const settings = (await t.as(admin, 'GET', '/api/v1/ticket-settings')).json() as {
        statuses: { id: string; name: string }[];
      };
      for (const [name, renamed] of [
        ['RESUELTO', 'LISTO'],
        ['ABIERTO', 'EN CURSO'],
      ]) {
        const status = settings.statuses.find((s) => s.name === name);
        const response = await t.as(admin, 'PATCH', `/api/v1/ticket-settings/statuses/${status?.id}`, {
          name: renamed,
        });
        expect(response.statusCode, response.body).toBe(200);
      }

      const volume = await report(supervisor, 'volume');
      // Solved → open is one reopening; open → in progress is none.
      expect(volume.series.map((r) => r.reopened)).toEqual([0, 0, 1, 1, 0]);
      expect(volume.summary.reopened).toBe(2);
    });

    it("shows an agent only their departments' tickets; a supervisor all", async () => {
      expect((await report(araceliSession, 'volume')).summary).toEqual({ created: 3, solved: 2, reopened: 1 });
      const ventasOnly = await report(supervisor, 'volume', `${PERIOD}&departmentId=${ventas}`);
      expect(ventasOnly.summary).toEqual({ created: 2, solved: 0, reopened: 0 });
    });
  });

  describe('first reply and resolution, in business minutes', () => {
    it('first reply: median and p90 over the period, per day and per agent', async () => {
      const firstReply = await report(supervisor, 'first-reply');
      // [30, 60, 90, 90]: median (60 + 90) / 2; p90 by nearest rank: the 4th of 4.
      expect(firstReply.summary).toEqual({ count: 4, medianMinutes: 75, p90Minutes: 90 });
      expect(firstReply.series).toContainEqual({ bucket: '2026-11-02', count: 1, medianMinutes: 90, p90Minutes: 90 });
      // Tuesday: T2 (60) and T4 (30).
      expect(firstReply.series).toContainEqual({ bucket: '2026-11-03', count: 2, medianMinutes: 45, p90Minutes: 60 });
      expect(firstReply.breakdowns.byAgent).toEqual([
        { agent: 'Araceli Cruz Cruz', count: 3, medianMinutes: 90, p90Minutes: 90 },
        { agent: 'José Maximino Raúl Tlaxcala Trujillo', count: 1, medianMinutes: 30, p90Minutes: 30 },
      ]);
      const jose = await report(supervisor, 'first-reply', `${PERIOD}&agentId=${tickets.T4.assigneeId}`);
      expect(jose.summary).toEqual({ count: 1, medianMinutes: 30, p90Minutes: 30 });
    });

    it('resolution: nights and the weekend do not count', async () => {
      const resolution = await report(supervisor, 'resolution');
      // T1 600 and T2 2340.
      expect(resolution.summary).toEqual({ count: 2, medianMinutes: 1470, p90Minutes: 2340 });
      expect(resolution.series).toContainEqual({
        bucket: '2026-11-06',
        count: 1,
        medianMinutes: 2340,
        p90Minutes: 2340,
      });
    });
  });

  it('SLA compliance: met in time over met plus breached, per policy and target, from the stored targets', async () => {
    const db = ctx.database.db;
    const policy = await db
      .selectFrom('sla_policies')
      .select(['id', 'name'])
      .orderBy('position')
      .executeTakeFirstOrThrow();
    const target = (ticket: TicketFixture, metric: 'first_reply' | 'resolution', state: string) => ({
      ticket_id: ticket.id,
      metric,
      policy_id: policy.id,
      started_at: cr('2026-11-02T09:00'),
      due_at: cr('2026-11-02T13:00'),
      warn_at: cr('2026-11-02T12:00'),
      state: state as 'met',
      met_at: null,
      updated_at: NOW,
    });
    await db
      .insertInto('ticket_sla_targets')
      .values([
        target(tickets.T1, 'first_reply', 'met'),
        target(tickets.T1, 'resolution', 'met'),
        target(tickets.T2, 'first_reply', 'met'),
        target(tickets.T2, 'resolution', 'breached'),
        target(tickets.T3, 'first_reply', 'breached'),
        target(tickets.T4, 'first_reply', 'met'),
        target(tickets.T5, 'first_reply', 'ok'),
        // T6 was created before the period.
        target(tickets.T6, 'first_reply', 'breached'),
      ])
      .execute();
    const sla = await report(supervisor, 'sla-compliance');
    expect(sla.rows).toEqual([
      { policy: policy.name, metric: 'first_reply', met: 3, breached: 1, running: 1, compliance: 75 },
      { policy: policy.name, metric: 'resolution', met: 1, breached: 1, running: 0, compliance: 50 },
    ]);
    // 4 met of 6 decided.
    expect(sla.summary).toEqual({ met: 4, breached: 2, running: 1, compliance: 66.7 });
    // Araceli's department: T1-T3 only.
    expect((await report(araceliSession, 'sla-compliance')).summary).toEqual({
      met: 3,
      breached: 2,
      running: 0,
      compliance: 60,
    });
  });

  it('staleness (003: "que permanezcan de color blanco"): every red spell of the period, how long in all and within it', async () => {
    const db = ctx.database.db;
    const spell = (ticket: TicketFixture, started: string, ended: string | null) => ({
      ticket_id: ticket.id,
      started_at: new Date(started).toISOString(),
      ended_at: ended && new Date(ended).toISOString(),
    });
    // The period runs from Mon 06:00 UTC to Sat 06:00 UTC (Costa Rica's days); now is Sat 12:00 UTC.
    await db
      .insertInto('ticket_red_spells')
      .values([
        spell(tickets.T5, '2026-11-05T16:00Z', null), // 44 h so far, 38 of them before Sat 06:00
        spell(tickets.T3, '2026-11-07T00:00Z', null), // 12 h so far, 6 in the period
        spell(tickets.T1, '2026-11-01T18:00Z', '2026-11-02T12:00Z'), // 18 h, 6 after Mon 06:00
        spell(tickets.T4, '2026-11-03T14:00Z', '2026-11-03T20:30Z'), // 6.5 h
        spell(tickets.T4, '2026-11-04T14:00Z', '2026-11-04T16:00Z'), // 2 h: red a second time
        spell(tickets.T2, '2026-10-30T12:00Z', '2026-11-02T05:00Z'), // white again before the period
        spell(tickets.T6, '2026-11-07T07:00Z', null), // red only after the period
      ])
      .execute();
    const staleness = await report(supervisor, 'staleness');
    expect(staleness.rows.map((r) => [r.number, r.redSince, r.redUntil, r.hoursRed, r.hoursRedInPeriod])).toEqual([
      [tickets.T5.number, '2026-11-05T16:00:00.000Z', null, 44, 38],
      [tickets.T1.number, '2026-11-01T18:00:00.000Z', '2026-11-02T12:00:00.000Z', 18, 6],
      [tickets.T3.number, '2026-11-07T00:00:00.000Z', null, 12, 6],
      [tickets.T4.number, '2026-11-03T14:00:00.000Z', '2026-11-03T20:30:00.000Z', 6.5, 6.5],
      [tickets.T4.number, '2026-11-04T14:00:00.000Z', '2026-11-04T16:00:00.000Z', 2, 2],
    ]);
    // 38 + 6 + 6 + 6.5 + 2 = 58.5 h; the median of 44, 18, 12, 6.5, 2 is 12.
    expect(staleness.summary).toEqual({
      red: 2,
      spells: 5,
      tickets: 4,
      hoursRedInPeriod: 58.5,
      medianHoursRed: 12,
      maxHoursRed: 44,
    });
    expect(staleness.series).toEqual([
      { agent: 'Araceli Cruz Cruz', spells: 2, hoursRedInPeriod: 12 },
      { agent: 'José Maximino Raúl Tlaxcala Trujillo', spells: 3, hoursRedInPeriod: 46.5 },
    ]);
    // Araceli sees Soporte's spells only: Ventas' T4 and T5 stay out.
    expect((await report(araceliSession, 'staleness')).rows.map((r) => r.number)).toEqual([
      tickets.T1.number,
      tickets.T3.number,
    ]);
    // The week before: only the spells that reached into it (T2's, T1's).
    const before = await report(supervisor, 'staleness', 'from=2026-10-26&to=2026-11-01');
    expect(before.rows.map((r) => [r.number, r.hoursRedInPeriod])).toEqual([
      [tickets.T2.number, 65],
      [tickets.T1.number, 12],
    ]);
  });

  it('backlog age: the unsolved tickets now, by age band, with the median and p90 age in hours', async () => {
    const backlog = await report(supervisor, 'backlog-age');
    // Ages at Sat 12:00 UTC: T3 14 h, T5 68 h, T4 95 h, T6 126.5 h (T1 and T2 are solved).
    expect(backlog.rows).toEqual([
      { band: '0-1', open: 1 },
      { band: '1-3', open: 1 },
      { band: '3-7', open: 2 },
      { band: '7-30', open: 0 },
      { band: '30+', open: 0 },
    ]);
    expect(backlog.summary).toEqual({ open: 4, medianHours: 81.5, p90Hours: 126.5, oldestHours: 126.5 });
  });

  it('satisfaction: good share, per agent and per organization, with every comment', async () => {
    const db = ctx.database.db;
    const survey = (
      ticket: TicketFixture,
      rating: 'good' | 'bad' | null,
      comment: string | null,
      at: string | null,
    ) => ({
      ticket_id: ticket.id,
      contact_id: ticket.requesterId,
      nonce: newId(),
      token_hash: newId(),
      rating,
      comment,
      rated_at: at,
      created_at: cr('2026-11-02T08:00'),
    });
    await db
      .insertInto('satisfaction_surveys')
      .values([
        survey(tickets.T1, 'good', 'Excelente atención', cr('2026-11-03T10:00')),
        // Friday 18:00 in Costa Rica is Saturday in UTC: still in the period.
        survey(tickets.T2, 'bad', 'Tardaron mucho', cr('2026-11-06T18:00')),
        survey(tickets.T4, 'good', null, cr('2026-11-04T11:00')),
        survey(tickets.T3, null, null, null),
      ])
      .execute();
    const csat = await report(supervisor, 'satisfaction');
    expect(csat.summary).toEqual({ good: 2, bad: 1, rated: 3, goodShare: 66.7, comments: 2 });
    expect(csat.breakdowns.byAgent).toEqual([
      { agent: 'Araceli Cruz Cruz', good: 1, bad: 1, rated: 2, goodShare: 50 },
      { agent: 'José Maximino Raúl Tlaxcala Trujillo', good: 1, bad: 0, rated: 1, goodShare: 100 },
    ]);
    expect(csat.breakdowns.byOrganization).toContainEqual({
      organization: tickets.T1.organization?.name,
      good: 1,
      bad: 1,
      rated: 2,
      goodShare: 50,
    });
    expect(csat.rows.map((r) => [r.number, r.rating, r.comment])).toEqual([
      [tickets.T2.number, 'bad', 'Tardaron mucho'],
      [tickets.T4.number, 'good', null],
      [tickets.T1.number, 'good', 'Excelente atención'],
    ]);
    expect(csat.series).toContainEqual({ bucket: '2026-11-06', good: 0, bad: 1, rated: 1, goodShare: 0 });
  });

  /** The week's timesheet (003's example entries); one entry before and one after the period. */
  async function logTime() {
    const db = ctx.database.db;
    let logged = 0;
    const entry = (
      ticket: TicketFixture,
      agentId: string,
      description: string,
      minutes: number,
      date: string,
      billable = 1,
    ) => ({
      id: newId(),
      ticket_id: ticket.id,
      task_id: null,
      agent_id: agentId,
      description,
      minutes,
      work_date: date,
      billable,
      // In the order written, as the sheet lists them.
      created_at: new Date(Date.parse(NOW) + logged++ * 1000).toISOString(),
    });
    await db
      .insertInto('time_entries')
      .values([
        entry(tickets.T1, araceli, 'Seguimiento de ticket', 30, '2026-09-28'),
        entry(tickets.T1, araceli, 'Seguimiento de ticket', 30, '2026-11-02'),
        entry(tickets.T1, jose, 'Entender el escenario', 30, '2026-11-02'),
        entry(tickets.T1, jose, 'Acciones recomendadas', 30, '2026-11-02', 0),
        entry(tickets.T4, jose, 'Configuración del examen', 75, '2026-11-04'),
        entry(tickets.T1, araceli, 'Cierre', 45, '2026-11-09'),
      ])
      .execute();
  }

  it('time (003, OpenPyme): initials and description, h:mm sums per agent and organization, billable apart', async () => {
    await logTime();
    const time = await report(supervisor, 'time');
    expect(time.summary).toEqual({ entries: 4, minutes: 165, billableMinutes: 135 });
    expect(time.breakdowns.byAgent).toEqual([
      { initials: 'ACC', agent: 'Araceli Cruz Cruz', minutes: 30, billableMinutes: 30 },
      { initials: 'JMRTT', agent: 'José Maximino Raúl Tlaxcala Trujillo', minutes: 135, billableMinutes: 105 },
    ]);
    const t1 = time.rows.filter((r) => r.number === tickets.T1.number);
    expect(t1.map((r) => [r.description, r.minutes, r.date])).toEqual([
      ['ACC Seguimiento de ticket', 30, '2026-11-02'],
      ['JMRTT Entender el escenario', 30, '2026-11-02'],
      ['JMRTT Acciones recomendadas', 30, '2026-11-02'],
    ]);
    // The agent filter is who logged the time; the organization filter, the ticket's.
    expect((await report(supervisor, 'time', `${PERIOD}&agentId=${jose}`)).summary).toEqual({
      entries: 3,
      minutes: 135,
      billableMinutes: 105,
    });
    const org = await report(supervisor, 'time', `${PERIOD}&organizationId=${tickets.T1.organizationId}`);
    expect(org.summary).toEqual({ entries: 3, minutes: 90, billableMinutes: 60 });
    // Araceli sees the time logged on her department's tickets, by whoever logged it, and not T4's.
    expect((await report(araceliSession, 'time')).summary).toEqual({ entries: 3, minutes: 90, billableMinutes: 60 });
  });

  it('exports the table as CSV (h:mm, translated headers) and as XLSX that reads back with times that add up', async () => {
    await logTime();
    const query = `${PERIOD}&organizationId=${tickets.T1.organizationId}`;
    const csv = await t.as(supervisor, 'GET', `/api/v1/reports/time?${query}&format=csv`);
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="time-2026-11-02-2026-11-06.csv"');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('Organización,Ticket,Tarea,Iniciales,Descripción,Cantidad,Fecha,Facturable');
    const org = tickets.T1.organization?.name as string;
    expect(lines.slice(1)).toEqual([
      `${org},${tickets.T1.number},,ACC,ACC Seguimiento de ticket,0:30,2026-11-02,Sí`,
      `${org},${tickets.T1.number},,JMRTT,JMRTT Entender el escenario,0:30,2026-11-02,Sí`,
      `${org},${tickets.T1.number},,JMRTT,JMRTT Acciones recomendadas,0:30,2026-11-02,No`,
    ]);

    const xlsx = await t.as(supervisor, 'GET', `/api/v1/reports/time?${query}&format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const [table, summary] = workbook.worksheets;
    expect(table?.name).toBe('Registro de tiempo');
    expect(table?.getRow(1).values).toEqual([
      undefined,
      'Organización',
      'Ticket',
      'Tarea',
      'Iniciales',
      'Descripción',
      'Cantidad',
      'Fecha',
      'Facturable',
    ]);
    const second = table?.getRow(3);
    expect(second?.getCell(5).value).toBe('JMRTT Entender el escenario');
    // 30 minutes is stored as 30/1440 of a day shown as [h]:mm, which exceljs reads back as that
    // time after the spreadsheet epoch (1899-12-30); the date is a real date.
    expect(second?.getCell(6).value).toEqual(new Date(Date.UTC(1899, 11, 30, 0, 30)));
    expect(second?.getCell(6).numFmt).toBe('[h]:mm');
    expect(second?.getCell(7).value).toEqual(new Date('2026-11-02T00:00:00.000Z'));
    expect(table?.rowCount).toBe(4);
    expect(summary?.getRow(2).values).toEqual([undefined, 'Periodo', '2026-11-02 – 2026-11-06 (America/Costa_Rica)']);
    expect(summary?.getRow(4).values).toEqual([undefined, 'Minutos', 90]);

    // Every report exports; an English-speaking agent gets English headers.
    const english = await t.createAgent({ role: 'supervisor' });
    await t.services.agents.update(SYSTEM_ACTOR, english.id, { locale: 'en' });
    const volume = await t.as(await t.login(english.email), 'GET', `/api/v1/reports/volume?${PERIOD}&format=csv`);
    expect(volume.body.split('\r\n').slice(0, 2)).toEqual(['\uFEFFDate,Created,Solved,Reopened', '2026-11-02,2,0,0']);
  });

  it('dashboard: what is open now by status, department and agent, red, due within the hour, breached today, new and solved today, CSAT of 30 days', async () => {
    const db = ctx.database.db;
    // Friday 17:30 in Costa Rica: "today" began at 06:00 UTC.
    t.clock.set('2026-11-06T23:30:00.000Z');
    const policy = await db.selectFrom('sla_policies').select('id').executeTakeFirstOrThrow();
    const set = (ticket: TicketFixture, values: Updateable<TicketsTable>) =>
      db.updateTable('tickets').set(values).where('id', '=', ticket.id).execute();
    await set(tickets.T4, { sla_due_at: '2026-11-07T00:00:00.000Z', sla_state: 'warning' });
    await set(tickets.T6, { sla_due_at: '2026-11-07T02:00:00.000Z', sla_state: 'ok' });
    const breached = (ticket: TicketFixture, due: string) => ({
      ticket_id: ticket.id,
      metric: 'first_reply' as const,
      policy_id: policy.id,
      started_at: '2026-11-02T15:00:00.000Z',
      due_at: due,
      warn_at: due,
      state: 'breached' as const,
      met_at: null,
      updated_at: NOW,
    });
    await db
      .insertInto('ticket_sla_targets')
      .values([
        breached(tickets.T5, '2026-11-06T15:00:00.000Z'),
        breached(tickets.T4, '2026-11-06T20:00:00.000Z'),
        // Yesterday's breach is not today's.
        breached(tickets.T3, '2026-11-05T20:00:00.000Z'),
      ])
      .execute();
    const survey = (ticket: TicketFixture, rating: 'good' | 'bad', at: string) => ({
      ticket_id: ticket.id,
      contact_id: ticket.requesterId,
      nonce: newId(),
      token_hash: newId(),
      rating,
      comment: null,
      rated_at: at,
      created_at: at,
    });
    await db
      .insertInto('satisfaction_surveys')
      .values([
        survey(tickets.T1, 'good', '2026-11-03T16:00:00.000Z'),
        survey(tickets.T4, 'good', '2026-11-04T17:00:00.000Z'),
        // More than 30 days ago.
        survey(tickets.T6, 'bad', '2026-09-20T17:00:00.000Z'),
      ])
      .execute();

    const response = await t.as(supervisor, 'GET', '/api/v1/reports/dashboard');
    expect(response.statusCode, response.body).toBe(200);
    const board = response.json();
    // Open: T3-T6 (T1 and T2 are solved); T6 has nobody; T3 and T5 are red; T4 is due in 30 min
    // (T6 in 2 h); T4 and T5 breached today; T3 was created today and T2 solved today.
    expect(board.counts).toEqual({
      open: 4,
      unassigned: 1,
      stale: 2,
      breachingWithinHour: 1,
      breachedToday: 2,
      newToday: 1,
      solvedToday: 1,
    });
    expect(board.csat30).toEqual({ good: 2, rated: 2, goodShare: 100 });
    expect(board.byDepartment).toEqual([
      { department: 'Soporte Técnico', open: 1 },
      { department: 'Ventas', open: 3 },
    ]);
    expect(board.agentLoad).toEqual([
      { agent: 'Araceli Cruz Cruz', initials: 'ACC', open: 1 },
      { agent: 'José Maximino Raúl Tlaxcala Trujillo', initials: 'JMRTT', open: 2 },
    ]);
    expect(board.byStatus.reduce((sum: number, s: { open: number }) => sum + s.open, 0)).toBe(4);

    // Araceli sees Soporte's only: T3, red, created today; T2 solved today.
    const hers = (await t.as(araceliSession, 'GET', '/api/v1/reports/dashboard')).json();
    expect(hers.counts).toEqual({
      open: 1,
      unassigned: 0,
      stale: 1,
      breachingWithinHour: 0,
      breachedToday: 0,
      newToday: 1,
      solvedToday: 1,
    });
    expect(hers.csat30).toEqual({ good: 1, rated: 1, goodShare: 100 });
  });

  it('refuses a bad period, an unknown filter value or report with 400 and the error shape', async () => {
    for (const [name, query, field] of [
      ['volume', 'from=2026-13-01', 'from'],
      ['volume', 'from=2026-11-06&to=2026-11-02', 'from'],
      ['volume', 'from=2025-01-01&to=2026-11-02', 'from'],
      ['volume', 'priority=altisima', 'priority'],
      ['volume', 'tz=Marte/Olympus', 'tz'],
    ] as const) {
      const response = await t.as(supervisor, 'GET', `/api/v1/reports/${name}?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field } });
    }
    const unknown = await t.as(supervisor, 'GET', '/api/v1/reports/horoscope');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('VALIDATION_FAILED');
  });
});

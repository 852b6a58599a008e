import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { outboxRepository } from '../../core/outbox/outbox.repository.ts';
import type { DomainEvent } from '../../core/shared/domain-events.ts';
import { ticketHistoryRepository } from '../../core/tickets/ticket-history.repository.ts';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { type FormPart, multipartBody } from '../../testing/multipart.ts';
import { createTestApp, type Session, SYSTEM_ACTOR, type TestApp, unique } from '../../testing/test-app.ts';
import { createTicketFixture, type TicketFixture } from '../../testing/ticket-fixtures.ts';

const LIMIT_BYTES = 1_048_576;

/** The lines of an iCalendar text with folded lines joined back (RFC 5545 §3.1). */
function icsLines(ics: string): string[] {
  return ics
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter(Boolean);
}

forEachDialect('messages API', (ctx) => {
  let t: TestApp;
  let agent: Session;
  let dataDir: string;
  let ticket: TicketFixture;

  beforeEach(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'tiquete-attachments-'));
    t = await createTestApp(ctx, { DATA_DIR: dataDir, ATTACHMENT_LIMIT_BYTES: String(LIMIT_BYTES) });
    agent = await t.signedIn('agent');
    ticket = await createTicketFixture(ctx.database.db);
  });
  afterEach(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  function upload(session: Session, ticketRef: string, parts: FormPart[]) {
    const { payload, contentType } = multipartBody(parts);
    return t.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${ticketRef}/messages`,
      payload,
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'content-type': contentType },
    });
  }

  async function ticketRow(id: string) {
    return ctx.database.db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  }

  it('an agent reply sets the first response time once, touches the ticket and queues the reply email', async () => {
    const before = await ticketRow(ticket.id);
    t.clock.advance(60_000);
    const first = await t.as(agent, 'POST', `/api/v1/tickets/${ticket.id}/messages`, {
      kind: 'reply',
      body: 'Hola Jesús, ya desbloqueamos su usuario.',
    });
    expect(first.statusCode).toBe(201);
    const reply = first.json();
    expect(reply).toMatchObject({
      ticketId: ticket.id,
      kind: 'reply',
      channel: 'email',
      author: { kind: 'agent', id: agent.agent.id, name: agent.agent.name, initials: agent.agent.initials },
      body: 'Hola Jesús, ya desbloqueamos su usuario.',
      activity: null,
      attachments: [],
    });
    const afterFirst = await ticketRow(ticket.id);
    expect(afterFirst.first_response_at).toBe(reply.createdAt);
    expect(afterFirst.updated_at > before.updated_at).toBe(true);

    t.clock.advance(60_000);
    await t.as(agent, 'POST', `/api/v1/tickets/${ticket.id}/messages`, { kind: 'reply', body: 'Segunda respuesta' });
    expect((await ticketRow(ticket.id)).first_response_at).toBe(reply.createdAt);

    const outbox = await outboxRepository(ctx.database.db).listForTicket(ticket.id);
    expect(outbox.filter((o) => o.type === 'email.reply@1')).toHaveLength(2);
    expect(outbox[0]).toMatchObject({
      type: 'email.reply@1',
      status: 'pending',
      payload: { ticketId: ticket.id, messageId: reply.id },
    });
  });

  it('stores an HTML body posted through the API harmless, since it is mailed to the customer as it is stored', async () => {
    const posted = await t.as(agent, 'POST', `/api/v1/tickets/${ticket.id}/messages`, {
      kind: 'reply',
      body: 'Adjunto el enlace.',
      html: '<p onclick="steal()">Adjunto <a href="javascript:alert(1)">el enlace</a><script>alert(2)</script><img src="https://tracker.test/p.gif"></p>',
    });
    expect(posted.statusCode).toBe(201);
    const stored = await ctx.database.db
      .selectFrom('messages')
      .select('body_html')
      .where('id', '=', posted.json().id)
      .executeTakeFirstOrThrow();
    expect(stored.body_html).toContain('Adjunto');
    expect(stored.body_html).not.toMatch(/script|onclick|javascript:|tracker\.test|alert/i);
  });

  it('a note sets no first response and queues no email, but records history and emits message.added', async () => {
    const events: DomainEvent[] = [];
    t.services.events.subscribe((event) => {
      events.push(event);
    });
    const response = await t.as(agent, 'POST', `/api/v1/tickets/${ticket.number}/messages`, {
      kind: 'note',
      body: 'El cliente tiene el sistema desactivado; revisar contrato.',
    });
    expect(response.statusCode).toBe(201);
    const note = response.json();
    expect(note).toMatchObject({ kind: 'note', channel: 'internal' });
    expect((await ticketRow(ticket.id)).first_response_at).toBeNull();
    expect(await outboxRepository(ctx.database.db).listForTicket(ticket.id)).toEqual([]);
    const history = await ticketHistoryRepository(ctx.database.db).list(ticket.id);
    expect(history).toContainEqual(
      expect.objectContaining({
        field: 'message',
        from: null,
        to: 'note',
        actorKind: 'agent',
        actorId: agent.agent.id,
      }),
    );
    expect(events).toContainEqual(
      expect.objectContaining({
        type: 'message.added',
        ticketId: ticket.id,
        data: { ticketId: ticket.id, messageId: note.id, kind: 'note' },
      }),
    );
  });

  it('an activity with all the Wolk fields round-trips', async () => {
    const activity = {
      contactPerson: 'Jesús Adrián Rodríguez (dueño)',
      medium: 'whatsapp',
      reason: 'Confirmar el recibido del pago',
      inputsReceived: 'Comprobante SINPE del 5 de enero',
      inputsGiven: 'SCRIPT #2 con el recordatorio del ID',
      pendingItems: 'Contabilidad aplica el pago',
      solution: 'Pago compartido con SINPEMOVIL WOLK',
      protocolApplied: 'Pago recibido por WhatsApp de soporte',
    };
    const created = await t.as(agent, 'POST', `/api/v1/tickets/${ticket.id}/messages`, {
      kind: 'activity',
      body: 'Llamada por WhatsApp con el cliente.',
      activity,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      kind: 'activity',
      channel: 'whatsapp',
      activity: { ...activity, scheduledSession: null },
    });
    const list = await t.as(agent, 'GET', `/api/v1/tickets/${ticket.id}/messages`);
    expect(list.json().items).toEqual([created.json()]);
    const one = await t.as(agent, 'GET', `/api/v1/tickets/${ticket.id}/messages/${created.json().id}`);
    expect(one.json()).toEqual(created.json());
    expect(await outboxRepository(ctx.database.db).listForTicket(ticket.id)).toEqual([]);
  });

  it('a scheduled session queues one calendar invite for the contact, the support colleagues and the supervisor', async () => {
    const department = await t.services.departments.create(SYSTEM_ACTOR, { name: unique('Soporte Técnico') });
    const organizer = await t.createAgent({ name: 'Silvia Luna', departmentIds: [department.id] });
    const colleague = await t.createAgent({ name: 'David Nieto', departmentIds: [department.id] });
    const supervisor = await t.createAgent({
      name: 'Alicia Rodríguez',
      role: 'supervisor',
      departmentIds: [department.id],
    });
    const outsider = await t.createAgent({ name: 'Laura Arenas' });
    const supportTicket = await createTicketFixture(ctx.database.db, {
      departmentId: department.id,
      assigneeId: organizer.id,
      subject: 'Capacitación de facturación',
    });
    const session = await t.login(organizer.email);

    const response = await t.as(session, 'POST', `/api/v1/tickets/${supportTicket.number}/messages`, {
      kind: 'activity',
      body: 'Se agenda la capacitación por Teams.',
      activity: {
        contactPerson: supportTicket.contact.name,
        medium: 'teams',
        reason: 'Capacitación de facturación',
        scheduledSession: {
          startsAt: '2026-03-10T15:00:00-06:00',
          endsAt: '2026-03-10T16:30:00-06:00',
          attendees: [{ name: 'Contadora externa', email: 'Contadora@Example.com' }],
        },
      },
    });
    expect(response.statusCode).toBe(201);
    const message = response.json();
    const scheduled = message.activity.scheduledSession;
    expect(scheduled).toMatchObject({
      ticketId: supportTicket.id,
      ticketNumber: supportTicket.number,
      messageId: message.id,
      title: 'Sesión de soporte',
      startsAt: '2026-03-10T21:00:00.000Z',
      endsAt: '2026-03-10T22:30:00.000Z',
      organizerId: organizer.id,
    });
    expect(scheduled.attendees.map((a: { email: string; role: string }) => [a.email, a.role])).toEqual([
      [organizer.email, 'organizer'],
      [supportTicket.contact.email, 'contact'],
      [supervisor.email, 'supervisor'],
      [colleague.email, 'colleague'],
      ['contadora@example.com', 'guest'],
    ]);

    const invites = (await outboxRepository(ctx.database.db).listForTicket(supportTicket.id)).filter(
      (o) => o.type === 'calendar.invite@1',
    );
    expect(invites).toHaveLength(1);
    const payload = invites[0]?.payload as { ics: string; recipients: { email: string; role: string }[] };
    expect(payload.recipients.map((r) => r.email)).toEqual(scheduled.attendees.map((a: { email: string }) => a.email));

    const lines = icsLines(payload.ics);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines.at(-1)).toBe('END:VCALENDAR');
    expect(lines).toContain('METHOD:REQUEST');
    expect(lines).toContain('BEGIN:VEVENT');
    expect(lines).toContain('END:VEVENT');
    expect(lines).toContain(`UID:${scheduled.id}@tiquete`);
    expect(lines).toContain('DTSTART:20260310T210000Z');
    expect(lines).toContain('DTEND:20260310T223000Z');
    expect(lines.some((l) => /^DTSTAMP:\d{8}T\d{6}Z$/.test(l))).toBe(true);
    expect(lines.find((l) => l.startsWith('SUMMARY:'))).toContain(supportTicket.number);
    expect(lines.find((l) => l.startsWith('ORGANIZER'))?.toLowerCase()).toContain(`mailto:${organizer.email}`);
    const attendees = lines.filter((l) => l.startsWith('ATTENDEE')).map((l) => l.toLowerCase());
    for (const email of [supportTicket.contact.email, colleague.email, supervisor.email, 'contadora@example.com']) {
      expect(attendees.some((l) => l.endsWith(`mailto:${email.toLowerCase()}`))).toBe(true);
    }
    expect(attendees.some((l) => l.includes(outsider.email))).toBe(false);
    // Issue 13: the organizer is an attendee too, so the invitation reaches their own calendar.
    expect(attendees.filter((l) => l.includes(organizer.email.toLowerCase()))).toHaveLength(1);

    const sessions = await t.as(session, 'GET', `/api/v1/tickets/${supportTicket.id}/sessions`);
    expect(sessions.json().items).toEqual([scheduled]);
    const agenda = await t.as(
      session,
      'GET',
      '/api/v1/agenda?from=2026-03-01T00:00:00.000Z&to=2026-04-01T00:00:00.000Z',
    );
    expect(agenda.json().items.map((s: { id: string }) => s.id)).toEqual([scheduled.id]);
    const supervisorAgenda = await t.as(
      await t.login(supervisor.email),
      'GET',
      '/api/v1/agenda?from=2026-03-10T00:00:00.000Z&to=2026-03-11T00:00:00.000Z',
    );
    expect(supervisorAgenda.json().items.map((s: { id: string }) => s.id)).toEqual([scheduled.id]);
    const outsiderAgenda = await t.as(
      await t.login(outsider.email),
      'GET',
      '/api/v1/agenda?from=2026-03-10T00:00:00.000Z&to=2026-03-11T00:00:00.000Z',
    );
    expect(outsiderAgenda.json().items).toEqual([]);
  });

  it('a session that ends before it starts is refused and nothing is written', async () => {
    const response = await t.as(agent, 'POST', `/api/v1/tickets/${ticket.id}/messages`, {
      kind: 'activity',
      body: 'Llamada',
      activity: {
        contactPerson: 'Jesús',
        medium: 'phone',
        reason: 'Agendar',
        scheduledSession: { startsAt: '2026-03-10T16:00:00Z', endsAt: '2026-03-10T15:00:00Z' },
      },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details).toMatchObject({ field: 'activity.scheduledSession.endsAt' });
    expect(await ctx.database.db.selectFrom('messages').select('id').execute()).toEqual([]);
    expect(await ctx.database.db.selectFrom('scheduled_sessions').select('id').execute()).toEqual([]);
  });

  it('lists the conversation oldest first with authors, and pages with a cursor', async () => {
    const ids: string[] = [];
    for (const body of ['uno', 'dos', 'tres']) {
      t.clock.advance(1000);
      ids.push((await t.as(agent, 'POST', `/api/v1/tickets/${ticket.id}/messages`, { kind: 'note', body })).json().id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/tickets/${ticket.number}/messages?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await t.as(agent, 'GET', url)).json();
      seen.push(...page.items.map((m: { id: string }) => m.id));
      expect(page.items[0].author).toMatchObject({ kind: 'agent', name: agent.agent.name });
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(ids);
  });

  it('refuses an unknown field, a wrong type, a missing body and activity fields on a note (400)', async () => {
    const url = `/api/v1/tickets/${ticket.id}/messages`;
    const unknown = await t.as(agent, 'POST', url, { kind: 'reply', body: 'x', cc: 'a@b.c' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details.errors).toContainEqual(expect.objectContaining({ field: 'body.cc' }));
    const wrongType = await t.as(agent, 'POST', url, { kind: 'reply', body: 42 });
    expect(wrongType.statusCode).toBe(400);
    const wrongKind = await t.as(agent, 'POST', url, { kind: 'memo', body: 'x' });
    expect(wrongKind.statusCode).toBe(400);
    const missing = await t.as(agent, 'POST', url, { kind: 'reply' });
    expect(missing.statusCode).toBe(400);
    const tooLong = await t.as(agent, 'POST', url, { kind: 'reply', body: 'a'.repeat(100_001) });
    expect(tooLong.statusCode).toBe(400);
    const noActivity = await t.as(agent, 'POST', url, { kind: 'activity', body: 'x' });
    expect(noActivity.statusCode).toBe(400);
    const noteWithActivity = await t.as(agent, 'POST', url, {
      kind: 'note',
      body: 'x',
      activity: { contactPerson: 'A', medium: 'email', reason: 'B' },
    });
    expect(noteWithActivity.statusCode).toBe(400);
    const badMedium = await t.as(agent, 'POST', url, {
      kind: 'activity',
      body: 'x',
      activity: { contactPerson: 'A', medium: 'fax', reason: 'B' },
    });
    expect(badMedium.statusCode).toBe(400);
    expect(await ctx.database.db.selectFrom('messages').select('id').execute()).toEqual([]);
  });

  it('answers 404 for a ticket that does not exist or that the agent may not see', async () => {
    const missing = await t.as(agent, 'POST', '/api/v1/tickets/OP99999/messages', { kind: 'note', body: 'x' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('TICKET_NOT_FOUND');
    expect((await t.as(agent, 'GET', '/api/v1/tickets/nope/messages')).statusCode).toBe(404);

    const department = await t.services.departments.create(SYSTEM_ACTOR, { name: unique('Contabilidad') });
    const other = await createTicketFixture(ctx.database.db, { departmentId: department.id });
    const hidden = await t.as(agent, 'GET', `/api/v1/tickets/${other.id}/messages`);
    expect(hidden.statusCode).toBe(404);
    const write = await t.as(agent, 'POST', `/api/v1/tickets/${other.id}/messages`, { kind: 'note', body: 'x' });
    expect(write.statusCode).toBe(404);
  });

  it('refuses an attachment over the limit with 413 naming the limit in MB, and writes nothing', async () => {
    const response = await upload(agent, ticket.id, [
      { name: 'kind', value: 'reply' },
      { name: 'body', value: 'Adjunto el comprobante' },
      { name: 'file', filename: 'pequeño.txt', contentType: 'text/plain', data: Buffer.from('hola') },
      {
        name: 'file',
        filename: 'enorme.pdf',
        contentType: 'application/pdf',
        data: Buffer.alloc(LIMIT_BYTES + 10, 1),
      },
    ]);
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('ATTACHMENT_TOO_LARGE');
    expect(response.json().error.message).toContain('1 MB');
    expect(await ctx.database.db.selectFrom('messages').select('id').execute()).toEqual([]);
    expect(await ctx.database.db.selectFrom('attachments').select('id').execute()).toEqual([]);
    expect(existsSync(path.join(dataDir, 'attachments'))).toBe(false);
  });

  it('refuses more than 20 files on one message (400) and writes nothing', async () => {
    const files: FormPart[] = Array.from({ length: 21 }, (_, i) => ({
      name: 'file',
      filename: `f${i}.txt`,
      contentType: 'text/plain',
      data: Buffer.from(`archivo ${i}`),
    }));
    const response = await upload(agent, ticket.id, [
      { name: 'kind', value: 'note' },
      { name: 'body', value: 'Muchos archivos' },
      ...files,
    ]);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details).toMatchObject({ field: 'attachments' });
    expect(await ctx.database.db.selectFrom('messages').select('id').execute()).toEqual([]);
  });

  it('stores the same file uploaded twice once (one attachments row, one file on disk)', async () => {
    const data = Buffer.from('%PDF-1.4 comprobante de pago SINPE');
    const parts = (name: string): FormPart[] => [
      { name: 'kind', value: 'reply' },
      { name: 'body', value: 'Comprobante adjunto' },
      { name: 'file', filename: name, contentType: 'application/pdf', data },
    ];
    const first = await upload(agent, ticket.id, parts('comprobante.pdf'));
    expect(first.statusCode).toBe(201);
    const second = await upload(agent, ticket.number, parts('comprobante (copia).pdf'));
    expect(second.statusCode).toBe(201);
    expect(first.json().attachments).toEqual([
      { id: expect.any(String), filename: 'comprobante.pdf', contentType: 'application/pdf', size: data.length },
    ]);
    expect(second.json().attachments[0].filename).toBe('comprobante (copia).pdf');

    const db = ctx.database.db;
    const stored = await db.selectFrom('attachments').selectAll().execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.storage).toBe('file');
    expect(await db.selectFrom('message_attachments').select('id').execute()).toHaveLength(2);
    const sha = stored[0]?.sha256 as string;
    expect(existsSync(path.join(dataDir, 'attachments', sha.slice(0, 2), sha.slice(2, 4), sha))).toBe(true);

    const download = await t.as(agent, 'GET', `/api/v1/attachments/${second.json().attachments[0].id}`);
    expect(download.rawPayload.equals(data)).toBe(true);
  });

  it('with ATTACHMENT_STORAGE=database keeps the bytes in attachment_blobs', async () => {
    await t.close();
    t = await createTestApp(ctx, { DATA_DIR: dataDir, ATTACHMENT_STORAGE: 'database' });
    agent = await t.signedIn('agent');
    const data = Buffer.from('una captura de pantalla');
    const response = await upload(agent, ticket.id, [
      { name: 'kind', value: 'note' },
      { name: 'body', value: 'Captura del error' },
      { name: 'file', filename: 'error.txt', contentType: 'text/plain', data },
      { name: 'file', filename: 'error-otra-vez.txt', contentType: 'text/plain', data },
    ]);
    expect(response.statusCode).toBe(201);
    expect(response.json().attachments).toHaveLength(2);
    const db = ctx.database.db;
    expect(await db.selectFrom('attachments').select('storage').execute()).toEqual([{ storage: 'database' }]);
    expect(await db.selectFrom('attachment_blobs').select('sha256').execute()).toHaveLength(1);
    expect(existsSync(path.join(dataDir, 'attachments'))).toBe(false);
    const download = await t.as(agent, 'GET', `/api/v1/attachments/${response.json().attachments[1].id}`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(data)).toBe(true);
  });

  it('serves attachments as downloads with nosniff, raster images inline, and svg as an octet-stream', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const html = Buffer.from('<html><script>alert(1)</script></html>');
    const response = await upload(agent, ticket.id, [
      { name: 'kind', value: 'reply' },
      { name: 'body', value: 'Archivos' },
      { name: 'file', filename: 'Cotización año 2026.html', contentType: 'text/html', data: html },
      { name: 'file', filename: 'logo.svg', contentType: 'image/svg+xml', data: svg },
      { name: 'file', filename: 'captura.png', contentType: 'image/png', data: png },
    ]);
    expect(response.statusCode).toBe(201);
    const [htmlFile, svgFile, pngFile] = response.json().attachments;

    const download = await t.as(agent, 'GET', `/api/v1/attachments/${htmlFile.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/octet-stream');
    expect(download.headers['content-disposition']).toBe(
      "attachment; filename*=UTF-8''Cotizaci%C3%B3n%20a%C3%B1o%202026.html",
    );
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.rawPayload.equals(html)).toBe(true);

    const svgDownload = await t.as(agent, 'GET', `/api/v1/attachments/${svgFile.id}`);
    expect(svgDownload.headers['content-type']).toBe('application/octet-stream');
    expect(svgDownload.headers['content-disposition']).toMatch(/^attachment; /);
    expect(svgDownload.headers['x-content-type-options']).toBe('nosniff');

    const image = await t.as(agent, 'GET', `/api/v1/attachments/${pngFile.id}`);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.headers['content-disposition']).toBe("inline; filename*=UTF-8''captura.png");
    expect(image.headers['x-content-type-options']).toBe('nosniff');

    expect((await t.as(agent, 'GET', '/api/v1/attachments/nope')).statusCode).toBe(404);
  });

  it('takes an activity as JSON text in a multipart form, and checks the form fields like a JSON body', async () => {
    const ok = await upload(agent, ticket.id, [
      { name: 'kind', value: 'activity' },
      { name: 'body', value: 'Sesión por Skype' },
      {
        name: 'activity',
        value: JSON.stringify({ contactPerson: 'Jesús', medium: 'skype', reason: 'Configuración inicial' }),
      },
      { name: 'file', filename: 'acta.txt', contentType: 'text/plain', data: Buffer.from('acta') },
    ]);
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({
      kind: 'activity',
      channel: 'skype',
      activity: { contactPerson: 'Jesús', medium: 'skype', reason: 'Configuración inicial', solution: null },
      attachments: [{ filename: 'acta.txt' }],
    });
    const bad = await upload(agent, ticket.id, [
      { name: 'kind', value: 'reply' },
      { name: 'body', value: 'x' },
      { name: 'salary', value: '10' },
    ]);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.errors).toContainEqual(expect.objectContaining({ field: 'body.salary' }));
  });
});

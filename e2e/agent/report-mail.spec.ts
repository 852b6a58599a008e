import ExcelJS from 'exceljs';
import type { ParsedMail } from 'mailparser';
import { afterAll, describe, expect, it } from 'vitest';
import { startSink } from '../../src/channels/email/test-support.ts';
import type { Ticket } from '../fixtures/api.ts';
import { screenshot } from '../fixtures/browser.ts';
import { consoleJourney } from '../fixtures/console-journey.ts';
import type { Sink } from '../fixtures/portal.ts';

/** Today in Costa Rica (the default calendar's zone), as time entries are dated. */
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Costa_Rica' }).format(new Date());

async function mailTo(sink: Sink, address: string, subject: string): Promise<ParsedMail> {
  const until = Date.now() + 30_000;
  while (Date.now() < until) {
    const mail = sink.mails.find((m) => JSON.stringify(m.to ?? '').includes(address) && m.subject?.startsWith(subject));
    if (mail) return mail;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no mail reached ${address} within 30 s`);
}

describe('a supervisor gets the reports by mail and sends a customer its timesheet', () => {
  let sink: Sink;
  let cimatic: Ticket;

  const spec = consoleJourney({
    viewport: { width: 1440, height: 900 },
    env: async () => {
      sink = await startSink();
      return { OUTBOUND_SMTP_URL: `smtp://127.0.0.1:${sink.port}` };
    },
    seed: async (journey) => {
      const api = journey.admin;
      cimatic = await api.createTicket({
        subject: 'Desbloqueo de usuario',
        body: 'El usuario de la cajera quedó bloqueado.',
        requester: { name: 'Jesús Adrián Rodríguez', email: 'jrodriguez@cimatic.example' },
        organization: { name: 'Cimatic Soluciones S.A.' },
      });
      // Jesús is Cimatic's main contact; Lucía another of its contacts; Sofía is El Clavo's.
      await api.patch(`/contacts/${cimatic.requesterId}`, { organizationRole: 'main_contact' });
      await api.post('/contacts', {
        name: 'Lucía Pérez',
        organizationId: cimatic.organizationId,
        emails: [{ email: 'lperez@cimatic.example' }],
      });
      await api.createTicket({
        subject: 'Consulta de facturación',
        body: '¿Cómo anulo una factura?',
        requester: { name: 'Sofía Vargas', email: 'svargas@elclavo.example' },
        organization: { name: 'El Clavo Ferretería' },
      });
      await api.post(`/tickets/${cimatic.id}/time-entries`, {
        description: 'Seguimiento de ticket',
        duration: '00:30',
      });
      await api.post(`/tickets/${cimatic.id}/time-entries`, { description: 'Entender el escenario', duration: '1:15' });
    },
  });

  afterAll(async () => {
    await sink?.close();
  });

  it('"Suscribirme": a weekly summary with the tables as Excel, listed, then cancelled', async () => {
    const page = spec.page;
    await page.goto(`/reports/volume?from=${today}&to=${today}`);
    await page.getByRole('button', { name: 'Suscribirme' }).click();
    const dialog = page.getByRole('dialog', { name: 'Recibir los informes por correo' });
    await dialog.waitFor();
    expect(await dialog.getByRole('radio', { name: 'Semanal' }).isChecked()).toBe(true);
    await dialog.getByRole('textbox', { name: 'Adjuntar las tablas' }).click();
    await page.getByRole('option', { name: 'Excel (XLSX)' }).click();
    await screenshot(page, 'report-subscribe-dialog');
    await dialog.getByRole('button', { name: 'Suscribirme' }).click();
    await page.getByText('Listo: recibirás el resumen cada lunes.').waitFor();
    await dialog.waitFor({ state: 'detached' });

    const subscriptions = await spec.admin.get<{ items: { frequency: string; attachment: string }[] }>(
      '/reports/subscriptions',
    );
    expect(subscriptions.items).toMatchObject([{ frequency: 'weekly', attachment: 'xlsx' }]);

    await page.getByRole('button', { name: 'Suscrito (1)' }).click();
    const current = page.getByRole('list', { name: 'Tus suscripciones' });
    await current
      .getByRole('listitem')
      .filter({ hasText: 'Semanal · Excel (XLSX) · Todos tus departamentos' })
      .waitFor();
    await screenshot(page, 'report-subscribed');
    await current.getByRole('button', { name: 'Cancelar suscripción' }).click();
    await page.getByText('Listo: ya no recibirás ese resumen.').waitFor();
    await current.waitFor({ state: 'detached' });
    expect((await spec.admin.get<{ items: unknown[] }>('/reports/subscriptions')).items).toEqual([]);
    expect(spec.session.pageErrors).toEqual([]);
  });

  it('"Enviar al cliente": the main contact by default, another customer refused, the mail with its table and XLSX, the send recorded', async () => {
    const page = spec.page;
    await page.goto(`/reports/time?from=${today}&to=${today}&organizationId=${cimatic.organizationId}`);
    await page.getByRole('table', { name: 'Hoja de tiempo de Cimatic Soluciones S.A.' }).waitFor();
    await page.getByRole('button', { name: 'Enviar al cliente' }).click();
    const dialog = page.getByRole('dialog', { name: 'Enviar la hoja de tiempo de Cimatic Soluciones S.A.' });
    await dialog.getByText('jrodriguez@cimatic.example').waitFor();
    expect(await dialog.getByLabel('Mes').inputValue()).toBe(today.slice(0, 7));
    await dialog.getByText('Todavía no se ha enviado ninguna hoja de tiempo.').waitFor();

    const to = dialog.getByRole('textbox', { name: 'Para' });
    await to.fill('svargas@elclavo.example');
    await to.press('Enter');
    await dialog.getByRole('button', { name: 'Enviar' }).click();
    await dialog
      .getByRole('alert')
      .filter({ hasText: 'svargas@elclavo.example no es contacto de esta organización' })
      .waitFor();
    await screenshot(page, 'report-timesheet-refused');
    // (El Clavo's customer got the acknowledgement of her own ticket, and nothing else.)
    const timesheets = () => sink.mails.filter((m) => m.subject?.startsWith('Hoja de tiempo'));
    expect(timesheets()).toEqual([]);

    await to.press('Backspace');
    await dialog.getByText('svargas@elclavo.example', { exact: true }).waitFor({ state: 'detached' });
    await to.fill('lperez@cimatic.example');
    await to.press('Enter');
    await dialog.getByRole('button', { name: 'Enviar' }).click();
    await page.getByText('Hoja de tiempo enviada a 2 destinatarios.').waitFor();

    const mail = await mailTo(sink, 'jrodriguez@cimatic.example', 'Hoja de tiempo');
    expect(JSON.stringify(mail.to)).toContain('lperez@cimatic.example');
    expect(mail.subject).toMatch(/^Hoja de tiempo de Cimatic Soluciones S\.A\.: \p{L}+ \d{4}$/u);
    const date = today.split('-').reverse().join('/');
    expect(mail.text).toContain(`Seguimiento de ticket | 0:30 | ${date}`);
    expect(mail.text).toContain(`Entender el escenario | 1:15 | ${date}`);
    expect(mail.text).toContain('Total: 1:45');
    const xlsx = mail.attachments.find((a) => a.filename === `hoja-de-tiempo-${today.slice(0, 7)}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx?.content as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]?.rowCount).toBe(3);
    expect(timesheets().filter((m) => JSON.stringify(m.to ?? '').includes('elclavo'))).toEqual([]);

    // The send is recorded: who, when, to whom, and that it left.
    await page.getByRole('button', { name: 'Enviar al cliente' }).click();
    const history = page.getByRole('list', { name: 'Envíos anteriores' });
    const line = history.getByRole('listitem').filter({ hasText: `enviada por ${spec.admin.user.name}` });
    await line.waitFor();
    expect(await line.textContent()).toContain('jrodriguez@cimatic.example, lperez@cimatic.example');
    const month = new Intl.DateTimeFormat('es', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(`${today.slice(0, 7)}-01T12:00:00Z`),
    );
    expect(await line.textContent()).toMatch(new RegExp(`^${month}: enviada por`));
    await line.filter({ hasText: 'Enviado' }).waitFor();
    await screenshot(page, 'report-timesheet-sent');
    // The browser logs the refused send (400) as a failed load; nothing else went wrong.
    expect(spec.session.pageErrors).toEqual([
      'console: Failed to load resource: the server responded with a status of 400 (Bad Request)',
    ]);
  });
});

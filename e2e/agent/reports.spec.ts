import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Ticket } from '../fixtures/api.ts';
import { artifactPath, screenshot } from '../fixtures/browser.ts';
import { consoleJourney } from '../fixtures/console-journey.ts';

/** Today in Costa Rica (the default calendar's zone), as the report's days are counted. */
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Costa_Rica' }).format(new Date());

describe('a supervisor reads the Informes: volume by channel and the timesheet of one customer, and downloads its CSV and Excel', () => {
  let mailed: Ticket;
  let called: Ticket;
  let other: Ticket;

  const spec = consoleJourney({
    viewport: { width: 1440, height: 900 },
    seed: async (journey) => {
      const api = journey.admin;
      mailed = await api.createTicket({
        subject: 'Desbloqueo de usuario',
        body: 'El usuario de la cajera quedó bloqueado.',
        requester: { name: 'Jesús Adrián Rodríguez', email: 'jrodriguez@cimatic.example' },
        organization: { name: 'Cimatic Soluciones S.A.' },
      });
      called = await api.createTicket({
        subject: 'No imprime el cierre de caja',
        body: 'Llamada: el cierre de caja no sale en la impresora.',
        requester: { id: mailed.requesterId },
        channel: 'phone',
      });
      other = await api.createTicket({
        subject: 'Consulta de facturación',
        body: '¿Cómo anulo una factura?',
        requester: { name: 'Sofía Vargas', email: 'svargas@elclavo.example' },
        organization: { name: 'El Clavo Ferretería' },
      });
      await api.post(`/tickets/${mailed.id}/time-entries`, { description: 'Seguimiento de ticket', duration: '00:30' });
      await api.post(`/tickets/${called.id}/time-entries`, { description: 'Entender el escenario', duration: '1:15' });
      await api.post(`/tickets/${other.id}/time-entries`, { description: 'Respuesta al cliente', duration: '00:20' });
    },
  });

  it("volume: the table counts today's tickets; filtering by channel keeps the filter in the address", async () => {
    const page = spec.page;
    await page.goto(`/reports/volume?from=${today}&to=${today}`);
    const table = page.getByRole('table', { name: 'Volumen' });
    await table.waitFor();
    const row = table.getByRole('row').filter({ hasText: today.split('-').reverse().join('/') });
    expect(await row.getByRole('cell').allTextContents()).toEqual([
      today.split('-').reverse().join('/'),
      '3',
      '0',
      '0',
    ]);
    await page.getByRole('figure', { name: 'Gráfico del informe' }).locator('.recharts-surface').first().waitFor();
    await screenshot(page, 'reports-volume');

    await page.getByRole('textbox', { name: 'Canal' }).click();
    await page.getByRole('option', { name: 'Teléfono' }).click();
    await page.waitForURL(/channel=phone/);
    await expect
      .poll(() => row.getByRole('cell').allTextContents())
      .toEqual([today.split('-').reverse().join('/'), '1', '0', '0']);
    expect(new URL(page.url()).searchParams.get('from')).toBe(today);
  });

  it("time: one customer's sheet in 003's form (initials, description, h:mm, date), its CSV and its Excel", async () => {
    const page = spec.page;
    await page.goto(`/reports/time?from=${today}&to=${today}&organizationId=${mailed.organizationId}`);
    const sheet = page.getByRole('table', { name: 'Hoja de tiempo de Cimatic Soluciones S.A.' });
    await sheet.waitFor();
    const initials = spec.admin.user.name
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, '')
      .split(/\s+/)
      .map((w) => w[0]?.toUpperCase())
      .join('');
    const date = today.split('-').reverse().join('/');
    const rows = await sheet.getByRole('row').allTextContents();
    expect(rows).toEqual([
      'DescripciónCantidadFecha',
      `${initials} Seguimiento de ticket00:30${date}`,
      `${initials} Entender el escenario01:15${date}`,
      'Total1:45',
    ]);
    // El Clavo's time is not on Cimatic's sheet.
    expect(await page.getByText('Respuesta al cliente').count()).toBe(0);
    await screenshot(page, 'reports-time-sheet');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Descargar CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`time-${today}-${today}.csv`);
    const csv = (await readFile(await download.path(), 'utf8'))
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(csv[0]).toBe('Organización,Ticket,Tarea,Iniciales,Descripción,Cantidad,Fecha,Facturable');
    expect(csv.slice(1)).toEqual([
      `Cimatic Soluciones S.A.,${mailed.number},,${initials},${initials} Seguimiento de ticket,0:30,${today},Sí`,
      `Cimatic Soluciones S.A.,${called.number},,${initials},${initials} Entender el escenario,1:15,${today},Sí`,
    ]);

    const [excel] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Descargar Excel' }).click(),
    ]);
    expect(excel.suggestedFilename()).toBe(`time-${today}-${today}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile(await excel.path())) as unknown as ArrayBuffer);
    const [header, ...entries] = (workbook.worksheets[0]?.getSheetValues() ?? [])
      .filter(Boolean)
      .map((row) => (row as unknown[]).slice(1));
    // The same header as the CSV's.
    expect(header?.join(',')).toBe(csv[0]);
    // A duration is a spreadsheet time shown as h:mm, read back as that time after the epoch of
    // spreadsheets (1899-12-30); the date is a real date.
    const epoch = Date.UTC(1899, 11, 30);
    expect(
      entries.map((row) => [
        row[0],
        row[1],
        row[4],
        ((row[5] as Date).getTime() - epoch) / 60_000,
        (row[6] as Date).toISOString().slice(0, 10),
        row[7],
      ]),
    ).toEqual([
      ['Cimatic Soluciones S.A.', mailed.number, `${initials} Seguimiento de ticket`, 30, today, 'Sí'],
      ['Cimatic Soluciones S.A.', called.number, `${initials} Entender el escenario`, 75, today, 'Sí'],
    ]);
    expect(spec.session.pageErrors).toEqual([]);
  });
  it('dashboard: the counts of now, refreshed live when a ticket arrives (no reload)', async () => {
    const page = spec.page;
    await page.goto('/reports');
    await page.waitForURL(/\/reports\/dashboard$/);
    const open = page.locator('[data-count="open"]');
    await expect.poll(() => open.textContent()).toBe('Abiertos3');
    expect(await page.locator('[data-count="newToday"]').textContent()).toBe('Nuevos hoy3');
    await page.getByRole('figure', { name: 'Carga por agente' }).waitFor();
    await screenshot(page, 'reports-dashboard');
    await spec.admin.createTicket({
      subject: 'Otra consulta',
      body: 'Llega mientras el supervisor mira el tablero.',
      requester: { name: 'Ana Mora', email: 'amora@cimatic.example' },
    });
    await expect.poll(() => open.textContent(), { timeout: 10_000 }).toBe('Abiertos4');
    expect(spec.session.pageErrors).toEqual([]);
  });

  it('time: a table longer than the page shows its first 500 rows and says so, the customer sheets wait for an organization; the CSV carries them all', async () => {
    for (let i = 0; i < 500; i++) {
      await spec.admin.post(`/tickets/${other.id}/time-entries`, {
        description: `Revisión ${i + 1}`,
        duration: '00:05',
      });
    }
    const page = spec.page;
    await page.goto(`/reports/time?from=${today}&to=${today}`);
    await page.getByText('Se muestran las primeras 500 de 503 filas.', { exact: false }).waitFor();
    const table = page.getByRole('table', { name: 'Tiempo', exact: true });
    expect(await table.getByRole('row').count()).toBe(501);
    // The printable customer sheets wait for an organization filter at that size.
    await page
      .getByText('Para imprimir o enviar la hoja de tiempo de un cliente, filtra por su organización.')
      .waitFor();
    expect(await page.getByRole('table').count()).toBe(1);
    const notice = page.getByRole('status').filter({ hasText: 'Se muestran las primeras 500' });
    await notice.scrollIntoViewIfNeeded();
    await page.screenshot({ path: await artifactPath('reports-time-cut'), animations: 'disabled' });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Descargar CSV' }).click(),
    ]);
    const lines = (await readFile(await download.path(), 'utf8')).trimEnd().split('\r\n');
    expect(lines).toHaveLength(1 + 503);
    expect(spec.session.pageErrors).toEqual([]);
  });
});

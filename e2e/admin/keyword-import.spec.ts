import { describe, expect, it } from 'vitest';
import { consoleJourney } from '../fixtures/console-journey.ts';
import { AutomationAdminPage } from '../pages/AutomationAdminPage.ts';

type Keyword = { keyword: string; agentId: string | null; departmentId: string | null };

describe('an admin imports the Anexo A keyword table from a spreadsheet (Cimatic 004)', () => {
  let agents: Array<{ id: string; name: string }>;

  const spec = consoleJourney({
    viewport: { width: 1280, height: 900 },
    seed: async (journey) => {
      agents = (await journey.admin.get<{ items: Array<{ id: string; name: string }> }>('/agents?limit=200')).items;
    },
  });

  it('shows each line with its problem, imports the corrected file, and a module code then assigns its consultant', async () => {
    const admin = new AutomationAdminPage(spec.page);
    await admin.open('keywords');

    const wrong = await admin.importCsv(
      'anexo-a.csv',
      'Código,Consultor\nSL-AP,Eleazar González\nSL-ZZ,Nadie Conocido\n,Silvia Luna\n',
    );
    expect(await admin.previewLine(wrong, 2).textContent()).toContain('Correcta');
    expect(await admin.previewLine(wrong, 3).textContent()).toContain('No hay un agente «Nadie Conocido».');
    expect(await admin.previewLine(wrong, 4).textContent()).toContain('Falta el código.');
    expect(await wrong.getByRole('alert').textContent()).toContain('2 líneas tienen errores');
    expect(await admin.importButton(wrong, 3).isDisabled()).toBe(true);
    await wrong.getByRole('button', { name: admin.auto.cancel }).click();

    // Excel in Spanish separates with semicolons; accents may be missing in the names.
    const right = await admin.importCsv(
      'anexo-a-corregido.csv',
      'Código;Consultor\r\nSL-AP;Eleazar Gonzalez\r\nXA-CFDI;Silvia Luna\r\nsl-report;Laura Arenas\r\n',
    );
    expect(await right.getByRole('alert').count()).toBe(0);
    await admin.importButton(right, 3).click();
    await right.waitFor({ state: 'hidden' });

    const table = spec.page.getByRole('table', { name: admin.text.admin.sections.keywords });
    // Saved rows come back in code order, upper case.
    await table.getByLabel('Código de la fila 3', { exact: true }).waitFor();
    expect(await table.getByLabel('Código de la fila 2', { exact: true }).inputValue()).toBe('SL-REPORT');

    const id = (name: string) => agents.find((a) => a.name === name)?.id ?? null;
    const { items } = await spec.admin.get<{ items: Keyword[] }>('/automation/keywords');
    expect(items).toEqual([
      { keyword: 'SL-AP', agentId: id('Eleazar González'), departmentId: null },
      { keyword: 'SL-REPORT', agentId: id('Laura Arenas'), departmentId: null },
      { keyword: 'XA-CFDI', agentId: id('Silvia Luna'), departmentId: null },
    ]);

    // The seeded "Anexo A" trigger reads the imported table, before anyone's skills (David Nieto knows SL-REPORT).
    const ticket = await spec.admin.createTicket({
      subject: 'No cuadra el reporte de ventas',
      body: 'Buenas, el reporte SL-REPORT de noviembre da un total distinto al cierre.',
      requester: { name: 'Patricia Gómez', email: 'pgomez@univa.mx' },
    });
    expect(ticket.assigneeId).toBe(id('Laura Arenas'));
    expect(spec.session.pageErrors).toEqual([]);
  });
});

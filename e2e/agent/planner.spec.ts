import { describe, expect, it } from 'vitest';
import type { Ticket } from '../fixtures/api.ts';
import { screenshot } from '../fixtures/browser.ts';
import { consoleJourney } from '../fixtures/console-journey.ts';

const PASSWORD = 'Planificador-2026!';

describe("a supervisor plans the team's week: tasks across tickets, overdue ones apart, sessions beside them", () => {
  let migration: Ticket;
  let register: Ticket;

  const spec = consoleJourney({
    viewport: { width: 1440, height: 900 },
    seed: async (journey) => {
      const api = journey.admin;
      const araceli = await api.createAgent({
        name: 'Araceli Cruz Cruz',
        email: 'araceli@openpyme.example',
        password: PASSWORD,
      });
      const jose = await api.createAgent({
        name: 'José Tlaxcala Trujillo',
        email: 'jose@openpyme.example',
        password: PASSWORD,
      });
      migration = await api.createTicket({
        subject: 'Migración de inventario',
        body: 'Queremos cargar el inventario con la planilla tradicional.',
        requester: { name: 'Jesús Adrián Rodríguez', email: 'jrodriguez@elclavo.example' },
        organization: { name: 'El Clavo Ferretería' },
      });
      register = await api.createTicket({
        subject: 'Caja nueva en la sucursal',
        body: 'Necesitamos configurar una caja más.',
        requester: { name: 'Sofía Vargas', email: 'svargas@laespiga.example' },
        organization: { name: 'Panadería La Espiga' },
      });
      // Around now, so both fall on today in any time zone: one already late, one still ahead.
      const now = Date.now();
      await api.post(`/tickets/${migration.id}/tasks`, {
        title: 'Migrar inventario',
        assigneeId: araceli.id,
        dueAt: new Date(now - 60_000).toISOString(),
      });
      await api.post(`/tickets/${register.id}/tasks`, {
        title: 'Configurar caja',
        assigneeId: jose.id,
        dueAt: new Date(now + 60_000).toISOString(),
      });
      await api.post(`/tickets/${migration.id}/messages`, {
        kind: 'activity',
        body: 'Se agenda la capacitación de la migración por Teams.',
        activity: {
          contactPerson: 'Jesús Adrián Rodríguez',
          medium: 'teams',
          reason: 'Capacitación de la migración',
          scheduledSession: {
            startsAt: new Date(now + 120_000).toISOString(),
            endsAt: new Date(now + 1_920_000).toISOString(),
          },
        },
      });
    },
  });

  it('the list shows every open task with its ticket, the overdue one marked; filtering by assignee narrows it', async () => {
    const page = spec.page;
    await page.goto('/');
    await page.getByRole('link', { name: 'Planificador' }).click();
    await page.waitForURL(/\/planner$/);
    const table = page.getByRole('table', { name: 'Lista' });
    await table.waitFor();
    const late = table.getByRole('row').filter({ hasText: 'Migrar inventario' });
    const ahead = table.getByRole('row').filter({ hasText: 'Configurar caja' });
    await late.waitFor();
    expect(await late.getByRole('cell').nth(1).textContent()).toContain(migration.number);
    expect(await late.getByRole('cell').nth(2).textContent()).toBe('El Clavo Ferretería');
    expect(await late.getByRole('cell').last().textContent()).toBe('Vencida');
    expect(await ahead.getByRole('cell').last().textContent()).toBe('Abierta');
    await screenshot(page, 'planner-list');

    await page.getByRole('textbox', { name: 'Responsable' }).click();
    await page.getByRole('option', { name: 'José Tlaxcala Trujillo' }).click();
    await table.getByRole('row').filter({ hasText: 'Migrar inventario' }).waitFor({ state: 'detached' });
    const rows = await table.getByRole('row').allTextContents();
    expect(rows.slice(1).map((row) => row.includes('Configurar caja'))).toEqual([true]);

    await page.locator('label', { hasText: /^Vencidas$/ }).click();
    await page.getByText('No hay tareas con estos filtros').waitFor();

    // The filters live in the address: a reload (or the link sent to a colleague) keeps them.
    await page.waitForURL(/state=overdue/);
    const filtered = new URL(page.url());
    expect(filtered.searchParams.get('state')).toBe('overdue');
    expect(filtered.searchParams.get('assignee')).toMatch(/\S/);
    await page.reload();
    await page.getByText('No hay tareas con estos filtros').waitFor();
    expect(await page.getByRole('textbox', { name: 'Responsable' }).inputValue()).toBe('José Tlaxcala Trujillo');
    await page.locator('label', { hasText: /^Abiertas$/ }).click();
    await table.getByRole('row').filter({ hasText: 'Configurar caja' }).waitFor();
    expect(new URL(page.url()).searchParams.get('state')).toBeNull();

    // The same link opened in a fresh page shows José's open task and only it.
    const shared = await page.context().newPage();
    await shared.goto(page.url());
    const sharedTable = shared.getByRole('table', { name: 'Lista' });
    await sharedTable.getByRole('row').filter({ hasText: 'Configurar caja' }).waitFor();
    expect((await sharedTable.getByRole('row').allTextContents()).length).toBe(2);
    await screenshot(shared, 'planner-shared-link');
    await shared.close();
  });

  it('the week puts the tasks on their due day beside the sessions; the overdue task stands out and opens its ticket', async () => {
    const page = spec.page;
    await page.goto('/planner');
    await page.getByRole('tab', { name: 'Semana' }).click();
    const week = page.getByRole('list', { name: 'Semana' });
    await week.waitFor();
    const lateName = `Migrar inventario · ${migration.number} · Vencida`;
    const late = week.getByRole('link', { name: lateName });
    await late.waitFor();
    const day = week.getByRole('listitem').filter({ has: page.getByRole('link', { name: lateName }) });
    await day.getByRole('link', { name: new RegExp(`^Sesión: .+ · ${migration.number}$`) }).waitFor();
    await day.getByRole('link', { name: `Configurar caja · ${register.number}` }).waitFor();
    expect(await late.evaluate((el) => getComputedStyle(el).borderLeftColor)).not.toBe(
      await day
        .getByRole('link', { name: `Configurar caja · ${register.number}` })
        .evaluate((el) => getComputedStyle(el).borderLeftColor),
    );
    await screenshot(page, 'planner-week');

    // The week shown is in the address too: next week survives a reload, and "this week" clears it.
    await page.getByRole('button', { name: 'Semana siguiente' }).click();
    await page.waitForURL(/week=\d{4}-\d{2}-\d{2}/);
    await page.reload();
    await page.getByRole('list', { name: 'Semana' }).waitFor();
    expect(await week.getByRole('link', { name: lateName }).count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('view')).toBe('week');
    await page.getByRole('button', { name: 'Esta semana' }).click();
    await late.waitFor();
    expect(new URL(page.url()).searchParams.get('week')).toBeNull();

    await late.click();
    await page.waitForURL(new RegExp(`/tickets/${migration.number}$`));
    await page.getByText('Migración de inventario').first().waitFor();
  });
});

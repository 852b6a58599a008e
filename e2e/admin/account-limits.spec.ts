import { describe, expect, it } from 'vitest';
import type { Ticket } from '../fixtures/api.ts';
import { screenshot } from '../fixtures/browser.ts';
import { consoleJourney } from '../fixtures/console-journey.ts';
import { catalogs } from '../fixtures/i18n.ts';
import { AdminPage } from '../pages/AdminPage.ts';
import { pickOption } from '../pages/controls.ts';
import { QueuePage } from '../pages/QueuePage.ts';
import { TicketPage } from '../pages/TicketPage.ts';

type QueuedTicket = Ticket & { queuePosition: number | null };
type Limits = {
  tier: string;
  waiting: number;
  items: Array<{ type: string; rule: string | null; ownLimit: number | null; limit: number | null }>;
};

const text = catalogs.es;
const limitsText = text.automation.limits;

describe('a general account’s waiting tickets show their place; Soporte stays one by one and an admin agrees a second Cambio (OpenPyme 003)', () => {
  let support: QueuedTicket;
  let change: QueuedTicket;
  const organization = 'Ferretería El Clavo';

  const spec = consoleJourney({
    viewport: { width: 1280, height: 900 },
    seed: async (journey) => {
      const open = (subject: string, type: string) =>
        journey.admin.createTicket({
          subject,
          body: 'Necesitamos ayuda con el sistema.',
          type,
          requester: { name: 'Jorge Araya', email: 'jaraya@elclavo.cr' },
          organization: { name: organization },
        }) as Promise<QueuedTicket>;
      await open('No abre el módulo de inventario', 'Soporte');
      support = await open('Error al cerrar la caja', 'Soporte');
      await open('Agregar un campo al reporte de ventas', 'Cambio');
      change = await open('Nuevo formato de factura', 'Cambio');
      // A general account works one Soporte and one Cambio at a time: the second of each waits.
      expect(support).toMatchObject({ status: 'EN COLA', queuePosition: 1 });
      expect(change).toMatchObject({ status: 'BACKLOG', queuePosition: 1 });
    },
  });

  it('shows the place in line in the queue table and on the ticket page', async () => {
    const page = spec.page;
    const queue = new QueuePage(page);
    await page.goto('/queues');
    await queue.openView('Todos abiertos');
    const row = queue.row(support.number);
    await row.waitFor();
    const place = row.locator('[data-queue-position]');
    expect(await place.textContent()).toBe('N.º 1 en la fila');
    expect(await queue.row(change.number).locator('[data-queue-position]').textContent()).toBe('N.º 1 en la fila');
    await screenshot(page, 'account-limits-queue');

    const ticket = new TicketPage(page);
    await ticket.goto(support.number);
    const badge = page.getByRole('main').locator('[data-queue-position="1"]');
    expect(await badge.textContent()).toBe('N.º 1 en la fila');
    expect(spec.session.pageErrors).toEqual([]);
  });

  it('says which types are limited, keeps Soporte fixed, and an agreed Cambio lets the waiting one in', async () => {
    const page = spec.page;
    await page.goto('/admin/statuses');
    const panel = await new AdminPage(page).open('account-limits');
    await panel.getByText(limitsText.intro).waitFor();

    await pickOption(page, panel.getByRole('textbox', { name: limitsText.organization }), organization, 'Clavo');
    const table = panel.getByRole('table', { name: limitsText.tableLabel });
    const soporte = table.locator('tr[data-type="Soporte"]');
    const cambio = table.locator('tr[data-type="Cambio"]');
    await soporte.waitFor();
    expect(await soporte.getByRole('cell').nth(1).textContent()).toBe(limitsText.rules.one_by_one);
    expect(await soporte.getByRole('cell').nth(2).textContent()).toBe('1 / 1');
    expect(await soporte.getByRole('cell').nth(3).textContent()).toBe('1');
    expect(await soporte.getByRole('cell').nth(4).textContent()).toBe(limitsText.fixed);
    expect(await soporte.getByRole('spinbutton').count()).toBe(0);
    expect(await cambio.getByRole('cell').nth(1).textContent()).toBe(limitsText.rules.agreed);
    expect(await table.locator('tr[data-type="Consultoría"]').getByRole('cell').nth(1).textContent()).toBe(
      limitsText.rules.none,
    );
    expect(await panel.getByText('2 tickets esperan su turno').count()).toBe(1);

    const limit = cambio.getByRole('spinbutton', { name: 'Límite de Cambio' });
    expect(await limit.getAttribute('placeholder')).toBe('1');
    await screenshot(page, 'account-limits-admin');
    await limit.fill('2');
    await cambio.getByRole('button', { name: 'Guardar el límite de Cambio' }).click();
    await cambio.getByRole('button', { name: 'Quitar el límite propio de Cambio' }).waitFor();
    const stored = await spec.admin.get<Limits>(`/automation/account-limits/${support.organizationId}`);
    expect(stored.items.find((i) => i.type === 'Cambio')).toMatchObject({ rule: 'agreed', ownLimit: 2, limit: 2 });
    // The agreed number lets the waiting Cambio into work at once; the Soporte keeps waiting.
    expect(stored.waiting).toBe(1);
    expect(await spec.admin.get<QueuedTicket>(`/tickets/${change.id}`)).toMatchObject({
      status: 'ABIERTO',
      queuePosition: null,
    });
    await panel.getByText('1 ticket espera su turno').waitFor();
    expect(await cambio.getByRole('cell').nth(2).textContent()).toBe('2 / 2');

    await page.goto(`/organizations/${support.organizationId}`);
    const summary = page.getByRole('region', { name: limitsText.summaryTitle });
    await summary.getByText('1 ticket espera su turno').waitFor();
    expect(await summary.getByText('Soporte: 1 en trabajo de 1 · 1 en fila').count()).toBe(1);
    expect(await summary.getByText('Cambio: 2 en trabajo de 2 · 0 en fila').count()).toBe(1);
    expect(await summary.getByText(`(${limitsText.own})`).count()).toBe(1);
    await summary.getByRole('link', { name: limitsText.manage }).click();
    await page.getByRole('table', { name: limitsText.tableLabel }).locator('tr[data-type="Cambio"]').waitFor();
    expect(page.url()).toContain(`organization=${support.organizationId}`);
    expect(spec.session.pageErrors).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import type { Ticket } from '../fixtures/api.ts';
import { consoleJourney } from '../fixtures/console-journey.ts';
import { catalogs } from '../fixtures/i18n.ts';
import { AdminPage } from '../pages/AdminPage.ts';
import { pickOption } from '../pages/controls.ts';

type Limits = {
  tier: string;
  waiting: number;
  items: Array<{ type: string; ownLimit: number | null; limit: number | null }>;
};

const text = catalogs.es;
const limitsText = text.automation.limits;

describe('an admin sees a general account’s BACKLOG and raises its Soporte limit, which lets the waiting ticket in (OpenPyme 003)', () => {
  let first: Ticket;
  let queued: Ticket;
  const organization = 'Ferretería El Clavo';

  const spec = consoleJourney({
    viewport: { width: 1280, height: 900 },
    seed: async (journey) => {
      const open = (subject: string) =>
        journey.admin.createTicket({
          subject,
          body: 'Necesitamos ayuda con el sistema.',
          type: 'Soporte',
          requester: { name: 'Jorge Araya', email: 'jaraya@elclavo.cr' },
          organization: { name: organization },
        });
      first = await open('No abre el módulo de inventario');
      queued = await open('Error al cerrar la caja');
      // A general account works one Soporte at a time: the second waits.
      expect(queued.status).toBe('BACKLOG');
    },
  });

  it('shows the default and the queue, saves an own limit that lets the waiting ticket in, and the organization page says it', async () => {
    const page = spec.page;
    await page.goto('/admin/statuses');
    const panel = await new AdminPage(page).open('account-limits');
    await panel.getByText(limitsText.intro).waitFor();

    await pickOption(page, panel.getByRole('textbox', { name: limitsText.organization }), organization, 'Clavo');
    const table = panel.getByRole('table', { name: limitsText.tableLabel });
    const soporte = table.locator('tr[data-type="Soporte"]');
    await soporte.waitFor();
    expect(await soporte.getByRole('cell').nth(1).textContent()).toBe('1 / 1');
    expect(await soporte.getByRole('cell').nth(2).textContent()).toBe('1');
    const limit = soporte.getByRole('spinbutton', { name: 'Límite de Soporte' });
    expect(await limit.getAttribute('placeholder')).toBe('1');
    expect(await panel.getByText('Vacío: el predeterminado de cuenta general (1)').count()).toBeGreaterThan(0);
    expect(await panel.getByText('1 ticket espera en BACKLOG').count()).toBe(1);

    await limit.fill('2');
    await soporte.getByRole('button', { name: 'Guardar el límite de Soporte' }).click();
    await soporte.getByRole('button', { name: 'Quitar el límite propio de Soporte' }).waitFor();
    const stored = await spec.admin.get<Limits>(`/automation/account-limits/${first.organizationId}`);
    expect(stored.items.find((i) => i.type === 'Soporte')).toMatchObject({ ownLimit: 2, limit: 2 });
    // The raised limit lets the waiting ticket into work at once.
    expect(stored.waiting).toBe(0);
    expect((await spec.admin.get<Ticket>(`/tickets/${queued.id}`)).status).toBe('ABIERTO');
    await panel.getByText('0 tickets esperan en BACKLOG').waitFor();
    expect(await soporte.getByRole('cell').nth(1).textContent()).toBe('2 / 2');

    await page.goto(`/organizations/${first.organizationId}`);
    const summary = page.getByRole('region', { name: limitsText.summaryTitle });
    await summary.getByText('0 tickets esperan en BACKLOG').waitFor();
    expect(await summary.getByText('Soporte: 2 en trabajo de 2 · 0 en BACKLOG').count()).toBe(1);
    expect(await summary.getByText(`(${limitsText.own})`).count()).toBe(1);
    await summary.getByRole('link', { name: limitsText.manage }).click();
    await page.getByRole('table', { name: limitsText.tableLabel }).locator('tr[data-type="Soporte"]').waitFor();
    expect(page.url()).toContain(`organization=${first.organizationId}`);
    expect(spec.session.pageErrors).toEqual([]);
  });
});

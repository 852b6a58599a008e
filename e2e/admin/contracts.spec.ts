import { describe, expect, it } from 'vitest';
import type { Ticket } from '../fixtures/api.ts';
import { screenshot } from '../fixtures/browser.ts';
import { consoleJourney } from '../fixtures/console-journey.ts';
import { catalogs } from '../fixtures/i18n.ts';

const text = catalogs.es.contracts;
const money = (amount: number, currency: string) =>
  new Intl.NumberFormat('es', { style: 'currency', currency, currencyDisplay: 'code' }).format(amount);

describe('an admin adds a contract to an organization, sees its state and amount due, and extends it 3 days with an escalation to Contabilidad (issue 15)', () => {
  let original: Ticket;

  const spec = consoleJourney({
    viewport: { width: 1280, height: 900 },
    seed: async (journey) => {
      original = await journey.admin.createTicket({
        subject: 'El sistema está desactivado',
        body: 'No podemos facturar y contabilidad no contesta.',
        requester: { name: 'Jorge Araya', email: 'jaraya@elclavo.cr' },
        organization: { name: 'Ferretería El Clavo' },
      });
      // ₡505.00 per dollar, as CRC céntimos.
      await journey.admin.request('PUT', '/settings', { exchangeRates: { USD: 50_500 } });
    },
  });

  it('adds the contract: active, USD 1 200 + IVA 13 % and the same in colones', async () => {
    const page = spec.page;
    await page.goto(`/organizations/${original.organizationId}`);
    const section = page.getByRole('region', { name: text.title });
    await section.getByText(text.none).waitFor();
    await section.getByRole('button', { name: text.add }).click();

    const dialog = page.getByRole('dialog', { name: text.form.addTitle });
    await dialog.getByLabel(text.form.plan).fill('Mantenimiento anual POS');
    await dialog.getByLabel(text.form.amount).fill('1200');
    await dialog.getByRole('button', { name: catalogs.es.common.save }).click();
    await dialog.waitFor({ state: 'detached' });

    const contract = section.locator('[data-contract="Mantenimiento anual POS"]');
    await contract.waitFor();
    expect(await contract.locator('[data-contract-state]').textContent()).toBe(text.state.active);
    expect(await contract.locator('[data-amount-due]').textContent()).toBe(
      text.amountDue.replace('{{amount}}', money(1356, 'USD')),
    );
    expect(await contract.locator('[data-amount-crc]').textContent()).toBe(
      text.inCrc.replace('{{amount}}', money(684_780, 'CRC')),
    );
    await screenshot(page, 'contracts-organization');
    expect(spec.session.pageErrors).toEqual([]);
  });

  it('"Extender 3 días" moves the end and opens a Contabilidad ticket linked to the original', async () => {
    const page = spec.page;
    const section = page.getByRole('region', { name: text.title });
    const contract = section.locator('[data-contract="Mantenimiento anual POS"]');
    const before = await spec.admin.get<{ items: Array<{ id: string; endsOn: string }> }>(
      `/organizations/${original.organizationId}/contracts`,
    );
    await contract.getByRole('button', { name: text.extend.button }).click();

    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(text.form.reason).fill('Sistema desactivado y contabilidad no disponible');
    await dialog.getByLabel(text.extend.ticket).fill(original.number);
    await dialog.getByRole('button', { name: 'Extender 3 días' }).click();

    const done = dialog.locator('[data-escalation-ticket]');
    await done.waitFor();
    const number = (await done.getAttribute('data-escalation-ticket')) as string;
    expect(await done.getByRole('link', { name: number }).count()).toBe(1);
    await screenshot(page, 'contracts-extended');

    const after = await spec.admin.get<{ endsOn: string; history: Array<{ action: string; reason: string }> }>(
      `/contracts/${before.items[0]?.id}`,
    );
    const end = new Date(`${before.items[0]?.endsOn}T00:00:00Z`);
    end.setUTCDate(end.getUTCDate() + 3);
    expect(after.endsOn).toBe(end.toISOString().slice(0, 10));
    expect(after.history.at(-1)).toMatchObject({
      action: 'extended',
      reason: 'Sistema desactivado y contabilidad no disponible',
    });

    await done.getByRole('link', { name: number }).click();
    await page.waitForURL(`**/tickets/${number}`);
    // The ticket's side panel shows the organization's contract, state and amount due.
    const panel = page.locator('[data-ticket-contract]');
    await panel.waitFor();
    expect(await panel.getAttribute('data-ticket-contract')).toBe('active');
    expect(await panel.locator('[data-amount-due]').textContent()).toBe(
      text.amountDue.replace('{{amount}}', money(1356, 'USD')),
    );
    const escalation = await spec.admin.get<Ticket & { departmentId: string }>(`/tickets/${number}`);
    const departments = await spec.admin.get<{ items: Array<{ id: string; name: string }> }>('/departments?limit=200');
    expect(departments.items.find((d) => d.id === escalation.departmentId)?.name).toBe('Contabilidad');
    expect(spec.session.pageErrors).toEqual([]);
  });
});

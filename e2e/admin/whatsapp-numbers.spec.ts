import { describe, expect, it } from 'vitest';
import { screenshot } from '../fixtures/browser.ts';
import { consoleJourney } from '../fixtures/console-journey.ts';
import { catalogs } from '../fixtures/i18n.ts';
import { fieldLabel, pickOption } from '../pages/controls.ts';

const es = catalogs.es;
const words = es.whatsapp.numbers;
type Department = { id: string; name: string };
type StoredNumber = Record<string, unknown> & { id: string; displayNumber: string; departmentId: string | null };

describe('an admin adds the support WhatsApp number, edits it without retyping its secrets, and removes it', () => {
  let department: Department;
  const spec = consoleJourney({
    seed: async (journey) => {
      const { items } = await journey.admin.get<{ items: Department[] }>('/departments');
      department = items[0] as Department;
    },
  });
  const panel = () => spec.page.locator('[data-admin-screen="whatsapp"]');
  const table = () => panel().getByRole('table', { name: es.admin.sections.whatsapp });
  const field = (name: string) => spec.page.getByRole('dialog').getByLabel(fieldLabel(name));

  it('adds the number: the secrets are stored but never come back, to the page or the API', async () => {
    await spec.page.goto('/admin/whatsapp');
    await panel().getByRole('button', { name: words.new }).click();
    const dialog = spec.page.getByRole('dialog', { name: words.new });
    await field(words.displayNumber).fill('+506 4000 1234');
    await pickOption(spec.page, field(words.department), department.name);
    await field(words.phoneNumberId).fill('106540352242922');
    await field(words.businessAccountId).fill('102290129340398');
    await field(words.accessToken).fill('EAAG-token-secreto');
    await field(words.appSecret).fill('secreto-de-la-app');
    await field(words.verifyToken).fill('token-de-verificacion');
    await dialog.getByRole('button', { name: es.common.save, exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });

    const row = table().getByRole('row').filter({ hasText: '+50640001234' });
    await row.getByText(words.secretsSet).waitFor();
    await row.getByText(department.name).waitFor();
    expect(await spec.page.getByText(/EAAG-token-secreto|secreto-de-la-app|token-de-verificacion/).count()).toBe(0);
    const { items } = await spec.admin.get<{ items: StoredNumber[] }>('/whatsapp/numbers');
    expect(items).toEqual([
      expect.objectContaining({
        displayNumber: '+50640001234',
        departmentId: department.id,
        hasAccessToken: true,
        hasAppSecret: true,
        hasVerifyToken: true,
      }),
    ]);
    expect(JSON.stringify(items)).not.toMatch(/EAAG-token-secreto|secreto-de-la-app|token-de-verificacion/);
    await screenshot(spec.page, 'whatsapp-numbers');
  });

  it('edits the Graph version; the empty secret fields keep the stored ones (the handshake still answers)', async () => {
    await table()
      .getByRole('button', { name: words.edit.replace('{{number}}', '+50640001234') })
      .click();
    const dialog = spec.page.getByRole('dialog', { name: '+50640001234' });
    expect(await field(words.accessToken).inputValue()).toBe('');
    await dialog.getByText(words.secretKept).first().waitFor();
    await field(words.graphVersion).fill('v24.0');
    await dialog.getByRole('button', { name: es.common.save, exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });

    const { items } = await spec.admin.get<{ items: StoredNumber[] }>('/whatsapp/numbers');
    expect(items[0]).toEqual(expect.objectContaining({ graphVersion: 'v24.0', departmentId: department.id }));
    const handshake = await fetch(
      `${spec.journey.server.url}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=token-de-verificacion&hub.challenge=42`,
    );
    expect(await handshake.text()).toBe('42');
  });

  it('removes the number after asking', async () => {
    spec.page.once('dialog', (confirm) => void confirm.accept());
    await table()
      .getByRole('button', { name: words.remove.replace('{{number}}', '+50640001234') })
      .click();
    await panel().getByText(words.empty).waitFor();
    const { items } = await spec.admin.get<{ items: StoredNumber[] }>('/whatsapp/numbers');
    expect(items).toEqual([]);
    expect(spec.session.pageErrors).toEqual([]);
  });
});

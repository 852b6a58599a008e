import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { BrowserSession } from '../fixtures/browser.ts';
import { screenshot } from '../fixtures/browser.ts';
import { consoleJourney } from '../fixtures/console-journey.ts';
import { catalogs } from '../fixtures/i18n.ts';
import { fieldLabel, pickOption } from '../pages/controls.ts';

const text = catalogs.es.playbooks;
// Seeded with the demo data: seed 000's new-customer rules, in their Spanish.
const PLAYBOOK = 'Cliente nuevo Wolk';
const MIGRATION = 'Migración de inventario';
const INTEREST = 'Consultar al cliente su mayor interés del uso del sistema';
const TRAINING = 'Capacitación de facturación';
const SUPERVISOR = {
  name: 'Marcela Quesada',
  email: 'marcela.quesada@tiquete.test',
  password: 'Clave-de-marcela-2024',
  role: 'supervisor' as const,
};

const progressText = (done: number, total: number) =>
  text.progress.replace('{{done}}', String(done)).replace('{{total}}', String(total));

describe('a supervisor starts the new-customer playbook for an organization and follows it to the billing training (seed 000)', () => {
  let organizationId: string;
  let supervisor: BrowserSession;

  const spec = consoleJourney({
    viewport: { width: 1280, height: 900 },
    seed: async (journey) => {
      await journey.admin.createAgent(SUPERVISOR);
      const organization = await journey.admin.post<{ id: string }>('/organizations', {
        name: 'Ferretería El Clavo',
      });
      organizationId = organization.id;
      await journey.admin.post('/contacts', {
        name: 'Jesús Adrián Rodríguez',
        organizationId,
        organizationRole: 'owner',
        emails: [{ email: 'jrodriguez@elclavo.example' }],
      });
    },
  });

  const section = () => supervisor.page.getByRole('region', { name: text.title });
  const task = (title: string): Locator => section().locator(`[data-playbook-task="${title}"]`);

  it('starts the playbook from the organization page: seven tasks, none done', async () => {
    supervisor = await spec.signIn(SUPERVISOR);
    await supervisor.page.goto(`/organizations/${organizationId}`);
    await section().getByText(text.none).waitFor();
    await section().getByRole('button', { name: text.start }).click();
    const dialog = supervisor.page.getByRole('dialog', { name: text.start });
    await pickOption(supervisor.page, dialog.getByRole('textbox', { name: fieldLabel(text.choose) }), PLAYBOOK);
    await dialog.getByRole('button', { name: text.startSubmit }).click();
    await dialog.waitFor({ state: 'hidden' });
    const run = section().locator(`[data-playbook-run="${PLAYBOOK}"]`);
    await run.waitFor();
    expect(await run.locator('[data-playbook-progress]').textContent()).toBe(progressText(0, 7));
    expect(await run.locator('[data-playbook-task]').count()).toBe(7);
    // Whoever starts it owns the tasks (the follow-up goes to the account leader, none here).
    expect(await task(MIGRATION).textContent()).toContain(text.owner.replace('{{name}}', SUPERVISOR.name));
    expect(supervisor.pageErrors).toEqual([]);
  });

  it('shows the billing training blocked, waiting for the migration, even once the main interest is asked', async () => {
    await task(INTEREST).getByRole('checkbox').click();
    await expect.poll(() => section().locator('[data-playbook-progress]').textContent()).toBe(progressText(1, 7));
    const training = task(TRAINING);
    await expect
      .poll(() => training.locator('[data-waiting-for]').textContent())
      .toBe(text.waitingFor.replace('{{titles}}', MIGRATION));
    expect(await training.textContent()).toContain(text.state.blocked);
    expect(await training.getByRole('checkbox').isDisabled()).toBe(true);
    await section().scrollIntoViewIfNeeded();
    await screenshot(supervisor.page, 'playbook-training-blocked');
    expect(supervisor.pageErrors).toEqual([]);
  });

  it('completes the migration: the training may go ahead and the progress moves', async () => {
    await task(MIGRATION).getByRole('checkbox').click();
    await expect.poll(() => section().locator('[data-playbook-progress]').textContent()).toBe(progressText(2, 7));
    const training = task(TRAINING);
    await expect.poll(() => training.locator('[data-waiting-for]').count()).toBe(0);
    expect(await training.textContent()).toContain(text.state.open);
    expect(await task(MIGRATION).textContent()).toContain(text.state.done);
    await training.getByRole('checkbox').click();
    await expect.poll(() => section().locator('[data-playbook-progress]').textContent()).toBe(progressText(3, 7));
    await section().scrollIntoViewIfNeeded();
    await screenshot(supervisor.page, 'playbook-progress');
    expect(supervisor.pageErrors).toEqual([]);
  });

  it('the server agrees: the onboarding ticket holds the tasks, three of them done', async () => {
    const runs = await spec.admin.get<{
      items: Array<{ done: number; total: number; tasks: Array<{ title: string; status: string }> }>;
    }>(`/organizations/${organizationId}/playbooks`);
    expect(runs.items).toHaveLength(1);
    expect(runs.items[0]).toMatchObject({ done: 3, total: 7 });
    const done = runs.items[0]?.tasks.filter((t) => t.status === 'done').map((t) => t.title);
    expect(done).toEqual([MIGRATION, INTEREST, TRAINING]);
  });

  it('edits the playbook: a migration that waits for the training is refused in words, naming the cycle', async () => {
    const admin = text.admin;
    await section().getByRole('link', { name: text.manage }).click();
    await supervisor.page.getByRole('heading', { level: 1, name: admin.title }).waitFor();
    await supervisor.page.getByRole('button', { name: admin.edit.replace('{{name}}', PLAYBOOK) }).click();
    const dialog = supervisor.page.getByRole('dialog');
    const waits = dialog.getByRole('textbox', { name: admin.dependsOn.replace('{{position}}', '3') });
    await pickOption(supervisor.page, waits, `6. ${TRAINING}`);
    await waits.press('Escape');
    await dialog.getByRole('button', { name: catalogs.es.common.save }).click();
    const alert = dialog.getByRole('alert');
    await alert.waitFor();
    const said = (await alert.textContent()) ?? '';
    expect(said).toContain('Las dependencias forman un ciclo');
    expect(said).toContain(`3. ${MIGRATION} → 6. ${TRAINING} → 3. ${MIGRATION}`);
    await screenshot(supervisor.page, 'playbook-cycle-refused');
    // Nothing was saved: the migration still waits for nothing.
    const stored = await spec.admin.get<{ items: Array<{ name: string; steps: Array<{ dependsOn: number[] }> }> }>(
      '/playbooks',
    );
    expect(stored.items.find((p) => p.name === PLAYBOOK)?.steps[2]?.dependsOn).toEqual([]);
    await dialog.getByRole('button', { name: catalogs.es.common.cancel }).click();
    // The refusal itself is the only failed request.
    expect(supervisor.pageErrors).toEqual([
      'console: Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)',
    ]);
    supervisor.pageErrors.length = 0;
  });

  it('writes a new playbook whose second task waits for the first', async () => {
    const admin = text.admin;
    await supervisor.page.getByRole('button', { name: admin.new }).click();
    const dialog = supervisor.page.getByRole('dialog', { name: admin.new });
    await dialog.getByRole('textbox', { name: fieldLabel(admin.name) }).fill('Renovación de contrato');
    await dialog
      .getByRole('textbox', { name: fieldLabel(admin.stepTitle.replace('{{position}}', '1')) })
      .fill('Confirmar el plan con el dueño');
    await dialog.getByRole('button', { name: admin.addStep }).click();
    await dialog
      .getByRole('textbox', { name: fieldLabel(admin.stepTitle.replace('{{position}}', '2')) })
      .fill('Enviar la factura de renovación');
    const waits = dialog.getByRole('textbox', { name: admin.dependsOn.replace('{{position}}', '2') });
    await pickOption(supervisor.page, waits, '1. Confirmar el plan con el dueño');
    await waits.press('Escape');
    await dialog.getByRole('button', { name: catalogs.es.common.save }).click();
    await dialog.waitFor({ state: 'hidden' });
    const card = supervisor.page.locator('[data-playbook="Renovación de contrato"]');
    await card.waitFor();
    expect(await card.textContent()).toContain(admin.waitsFor.replace('{{steps}}', '1'));
    await screenshot(supervisor.page, 'playbooks-admin');
    expect(supervisor.pageErrors).toEqual([]);
  });
});

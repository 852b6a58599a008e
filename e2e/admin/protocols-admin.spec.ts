import { describe, expect, it } from 'vitest';
import type { Ticket } from '../fixtures/api.ts';
import { type BrowserSession, screenshot } from '../fixtures/browser.ts';
import { consoleJourney } from '../fixtures/console-journey.ts';
import { catalogs } from '../fixtures/i18n.ts';
import { fieldLabel, pickOption } from '../pages/controls.ts';
import { TicketPage } from '../pages/TicketPage.ts';

const text = catalogs.es.protocols;
const admin = text.admin;
const PROTOCOL = '¿Qué hago cuando un cliente reporta un cobro duplicado?';
// Seeded with the demo data (seed 002's scripts, shared macros).
const SCRIPT = 'Pago recibido: SCRIPT #1 (confirmación del recibido del pago)';
const CHECK = 'Revisar en el banco si el cobro salió dos veces';
const RAISE = 'Subir la prioridad: el cliente está esperando su dinero';
const CONFIRM = 'Confirmar al cliente que revisamos el cobro';
const SUPERVISOR = {
  name: 'Marcela Quesada',
  email: 'marcela.quesada@tiquete.test',
  password: 'Clave-de-marcela-2024',
  role: 'supervisor' as const,
};

const at = (label: string, position: number) => fieldLabel(label.replace('{{position}}', String(position)));

describe('a supervisor writes a protocol on the Protocolos screen, reorders it, and it is applied on a ticket', () => {
  let ticket: Ticket;
  let supervisor: BrowserSession;

  const spec = consoleJourney({
    viewport: { width: 1280, height: 900 },
    seed: async (journey) => {
      await journey.admin.createAgent(SUPERVISOR);
      ticket = await journey.admin.createTicket({
        subject: 'Me cobraron dos veces la mensualidad',
        body: 'Buenas, en el estado de cuenta aparece el cobro dos veces.',
        requester: { name: 'Jesús Adrián Rodríguez', email: 'jrodriguez@elclavo.example' },
      });
    },
  });

  const dialog = () => supervisor.page.getByRole('dialog');
  const card = () => supervisor.page.locator(`[data-protocol="${PROTOCOL}"]`);
  const stepTexts = async () => card().locator('li').allTextContents();

  it('writes a protocol with a step that sends a script and a step that raises the priority', async () => {
    supervisor = await spec.signIn(SUPERVISOR);
    const nav = supervisor.page.getByRole('navigation', { name: catalogs.es.nav.label });
    await nav.getByRole('link', { name: catalogs.es.nav.protocols, exact: true }).click();
    await supervisor.page.getByRole('heading', { level: 1, name: admin.title }).waitFor();
    await supervisor.page.getByRole('button', { name: admin.new }).click();
    const form = dialog();
    await form.getByRole('textbox', { name: fieldLabel(admin.titleLabel) }).fill(PROTOCOL);
    await form
      .getByRole('textbox', { name: fieldLabel(text.scenario) })
      .fill('El cliente ve el mismo cobro dos veces en su estado de cuenta.');
    await form.getByRole('textbox', { name: at(admin.stepText, 1) }).fill(CHECK);
    await pickOption(supervisor.page, form.getByRole('textbox', { name: at(admin.stepMacro, 1) }), SCRIPT);
    await form.getByRole('button', { name: admin.addStep }).click();
    await form.getByRole('textbox', { name: at(admin.stepText, 2) }).fill(CONFIRM);
    await form.getByRole('button', { name: admin.addStep }).click();
    await form.getByRole('textbox', { name: at(admin.stepText, 3) }).fill(RAISE);
    await pickOption(
      supervisor.page,
      form.getByRole('textbox', { name: at(admin.setsField, 3) }),
      admin.setsFields.priority,
    );
    await pickOption(
      supervisor.page,
      form.getByRole('textbox', { name: at(admin.setsValue, 3) }),
      catalogs.es.ticket.priority.alta,
    );
    await screenshot(supervisor.page, 'protocols-admin-new');
    await form.getByRole('button', { name: catalogs.es.common.save }).click();
    await form.waitFor({ state: 'hidden' });

    await card().waitFor();
    expect(await stepTexts()).toEqual([
      `${CHECK} · ${admin.sends.replace('{{name}}', SCRIPT)}`,
      CONFIRM,
      `${RAISE} · ${text.sets.replace('{{change}}', 'Prioridad: Alta')}`,
    ]);
    expect(supervisor.pageErrors).toEqual([]);
  });

  it('refuses a title already taken in words, then moves the priority step up to second', async () => {
    await supervisor.page.getByRole('button', { name: admin.edit.replace('{{title}}', PROTOCOL) }).click();
    const form = dialog();
    const title = form.getByRole('textbox', { name: fieldLabel(admin.titleLabel) });
    // Seed 002's payment protocol already has this title.
    await title.fill('¿Qué hago cuando recibimos un pago al WhatsApp de soporte?');
    await form.getByRole('button', { name: catalogs.es.common.save }).click();
    const alert = form.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe(admin.errors.titleTaken);
    expect(supervisor.pageErrors).toEqual([
      'console: Failed to load resource: the server responded with a status of 409 (Conflict)',
    ]);
    supervisor.pageErrors.length = 0;

    await title.fill(PROTOCOL);
    await form.getByRole('button', { name: admin.moveUp.replace('{{position}}', '3') }).click();
    expect(await form.getByRole('textbox', { name: at(admin.stepText, 2) }).inputValue()).toBe(RAISE);
    await screenshot(supervisor.page, 'protocols-admin-edit');
    await form.getByRole('button', { name: catalogs.es.common.save }).click();
    await form.waitFor({ state: 'hidden' });
    await expect
      .poll(stepTexts)
      .toEqual([
        `${CHECK} · ${admin.sends.replace('{{name}}', SCRIPT)}`,
        `${RAISE} · ${text.sets.replace('{{change}}', 'Prioridad: Alta')}`,
        CONFIRM,
      ]);
    await screenshot(supervisor.page, 'protocols-admin-list');
    expect(supervisor.pageErrors).toEqual([]);
  });

  it('is applied on a ticket with its steps in the new order, the second raising the priority', async () => {
    const page = new TicketPage(supervisor.page);
    await page.goto(ticket.number);
    const applied = await page.applyProtocol(PROTOCOL);
    const steps = applied.getByRole('checkbox');
    await expect.poll(() => steps.count()).toBe(3);
    const shown = (await applied.textContent()) ?? '';
    expect(shown.indexOf(CHECK)).toBeLessThan(shown.indexOf(RAISE));
    expect(shown.indexOf(RAISE)).toBeLessThan(shown.indexOf(CONFIRM));
    expect(await applied.locator('[data-step-sets]').allTextContents()).toEqual(['Al marcarlo: Prioridad: Alta']);
    await steps.nth(1).click();
    await expect.poll(() => steps.nth(1).isChecked()).toBe(true);
    await expect
      .poll(async () => (await spec.admin.get<{ priority: string }>(`/tickets/${ticket.id}`)).priority)
      .toBe('alta');
    await applied.scrollIntoViewIfNeeded();
    await screenshot(supervisor.page, 'protocols-admin-applied');
    // Back on the screen, the protocol counts the ticket it was applied on.
    await supervisor.page.goto('/protocols');
    expect(await card().locator('[data-times-applied]').textContent()).toBe(
      admin.timesApplied_one.replace('{{count}}', '1'),
    );
    await screenshot(supervisor.page, 'protocols-admin-counted');
    expect(supervisor.pageErrors).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { consoleJourney } from '../fixtures/console-journey.ts';
import { AutomationAdminPage } from '../pages/AutomationAdminPage.ts';

type Calendar = {
  id: string;
  name: string;
  ranges: { weekday: number; start: string; end: string }[];
  holidays: { date: string; name: string }[];
};
type Policy = { id: string; name: string; position: number; targets: Record<string, { unit: string; hours?: number }> };
type Rule = {
  id: string;
  name: string;
  active: boolean;
  events: string[];
  conditions: unknown;
  actions: unknown[];
  schedule: unknown;
};

describe('an admin sets business hours, an SLA target and a trigger, and tests the trigger on a ticket (issue 7)', () => {
  let cfdi: { number: string };
  let password: { number: string };

  const spec = consoleJourney({
    viewport: { width: 1280, height: 900 },
    seed: async (journey) => {
      await journey.admin.post('/automation/calendars', {
        name: 'Soporte Costa Rica',
        timeZone: 'America/Costa_Rica',
        ranges: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:00', end: '17:00' })),
      });
      cfdi = await journey.admin.createTicket({
        subject: 'Error al timbrar CFDI 4.0 con complemento de pago',
        body: 'El PAC responde CFDI40147 al timbrar el complemento de pago de la factura A-2231.',
        requester: { name: 'Patricia Gómez', email: 'pgomez@univa.mx' },
      });
      password = await journey.admin.createTicket({
        subject: 'Desbloqueo de usuario',
        body: 'El usuario de la cajera quedó bloqueado después de tres intentos.',
        requester: { name: 'Jesús Adrián Rodríguez', email: 'jarodriguez@univa.mx' },
      });
    },
  });

  it('adds Saturday morning and a yearly holiday; a time the server refuses is marked under its input', async () => {
    const admin = new AutomationAdminPage(spec.page);
    await admin.open('calendars');
    await admin.edit('Soporte Costa Rica').click();
    const dialog = admin.dialog('Editar Soporte Costa Rica');
    await dialog.waitFor();

    await admin.addRange(dialog, 'Sábado').click();
    const from = admin.rangeInput(dialog, 'from', 'Sábado', 1);
    const to = admin.rangeInput(dialog, 'to', 'Sábado', 1);
    await from.fill('9h');
    await to.fill('13:00');
    await dialog.getByRole('button', { name: admin.auto.calendars.addHoliday }).click();
    await dialog.getByLabel('Fecha del feriado 1', { exact: true }).fill('15/09/2026');
    await dialog.getByLabel('Nombre del feriado 1', { exact: true }).fill('Día de la Independencia');
    await dialog.getByRole('checkbox', { name: 'El feriado 1 se repite cada año' }).check();
    await admin.save(dialog);

    // The server names the range and the culprit; the console puts it under that very input.
    await expect.poll(() => admin.errorOf(from)).toContain('Revisa este dato («9h»)');
    expect(await dialog.getByRole('alert').first().textContent()).toContain('El calendario no es válido («9h»)');
    expect(await from.getAttribute('aria-invalid')).toBe('true');
    // The refusal is the only failed request, and the one this step meant to cause.
    expect(spec.session.pageErrors).toEqual([expect.stringContaining('422')]);
    spec.session.pageErrors.length = 0;

    await from.fill('09:00');
    await admin.save(dialog);
    await dialog.waitFor({ state: 'hidden' });

    const { items } = await spec.admin.get<{ items: Calendar[] }>('/automation/calendars');
    const calendar = items.find((c) => c.name === 'Soporte Costa Rica');
    expect(calendar?.ranges).toContainEqual({ weekday: 6, start: '09:00', end: '13:00' });
    expect(calendar?.holidays).toEqual([{ date: '09-15', name: 'Día de la Independencia' }]);
  });

  it('gives Normal and Alta a 2-hour first reply and tries the Baja policy before it', async () => {
    const admin = new AutomationAdminPage(spec.page);
    await admin.open('sla');
    const name = 'Normal y Alta: resolver en 24 horas';
    await admin.edit(name).click();
    const dialog = admin.dialog(`Editar ${name}`);
    await dialog.waitFor();
    const hours = dialog.getByLabel('Horas de Primera respuesta', { exact: true });
    await hours.fill('2');
    await admin.save(dialog);
    await dialog.waitFor({ state: 'hidden' });

    await spec.page.getByRole('button', { name: 'Subir Baja: responder y mantener informado' }).click();
    await expect
      .poll(async () => {
        const { items } = await spec.admin.get<{ items: Policy[] }>('/automation/sla-policies');
        return items.map((p) => p.name);
      })
      .toEqual([
        'Crítica: resolver en 1 hora',
        'Urgente: resolver antes de terminar el día',
        'Baja: responder y mantener informado',
        name,
      ]);
    const { items } = await spec.admin.get<{ items: Policy[] }>('/automation/sla-policies');
    expect(items.find((p) => p.name === name)?.targets.first_reply).toEqual({ unit: 'business_hours', hours: 2 });
  });

  it('closes solved tickets after 5 days instead of 4, and turns the pending reminder on', async () => {
    const admin = new AutomationAdminPage(spec.page);
    await admin.open('time-rules');
    await admin.edit('Cerrar resueltos tras 4 días').click();
    const dialog = admin.dialog('Editar Cerrar resueltos tras 4 días');
    await dialog.waitFor();
    await dialog.getByLabel(/^Nombre/).fill('Cerrar resueltos tras 5 días');
    await dialog.getByLabel(admin.auto.timeRules.days).fill('5');
    await admin.save(dialog);
    await dialog.waitFor({ state: 'hidden' });
    await spec.page.getByText('Cierra los resueltos tras 5 días sin actividad').waitFor();

    // The switch saves at once and shows the stored state once the list comes back.
    const reminder = spec.page.getByRole('switch', { name: 'Recordar pendientes y resolver sin respuesta activo' });
    await admin.flip(reminder);
    await expect
      .poll(async () => {
        const { items } = await spec.admin.get<{ items: Rule[] }>('/automation/time-rules');
        return items.map((r) => [r.name, r.active, r.schedule]);
      })
      .toEqual([
        ['Cerrar resueltos tras 5 días', true, { kind: 'close_solved', days: 5 }],
        [
          'Recordar pendientes y resolver sin respuesta',
          true,
          { kind: 'pending_reminder', remindAfterDays: 3, solveAfterDays: 7 },
        ],
      ]);
  });

  it('builds a trigger in the editor, tests it on two tickets, and saves it', async () => {
    const admin = new AutomationAdminPage(spec.page);
    const page = spec.page;
    await admin.open('triggers');
    await page.getByRole('button', { name: admin.auto.triggers.new }).click();
    const dialog = admin.dialog(admin.auto.triggers.new);
    await dialog.waitFor();

    await dialog.getByLabel(/^Nombre/).fill('Facturación electrónica a prioridad Alta');
    await dialog.getByRole('button', { name: admin.auto.conditions.add_all }).click();
    await admin.choose(
      dialog.getByLabel('Campo de la condición 1 (Se cumplen todas estas condiciones)'),
      'Asunto o descripción',
    );
    await admin.choose(
      dialog.getByLabel('Operador de la condición 1 (Se cumplen todas estas condiciones)'),
      'contiene alguna de',
    );
    const words = dialog.getByLabel('Valor de la condición 1 (Se cumplen todas estas condiciones)');
    for (const word of ['CFDI', 'factura']) {
      await words.fill(word);
      await words.press('Enter');
    }
    await admin.choose(dialog.getByLabel(admin.auto.actions.add, { exact: true }), 'Cambiar un campo');
    await admin.choose(dialog.getByLabel('Nuevo valor de la acción 1'), 'Alta');
    await admin.choose(dialog.getByLabel(admin.auto.actions.add, { exact: true }), 'Etiquetas');
    const tags = dialog.getByLabel('Etiquetas que añade la acción 2');
    await tags.fill('facturación');
    await tags.press('Enter');

    // Tested before it is saved: the server evaluates the draft against the ticket as it is now.
    const tester = dialog.getByRole('group', { name: admin.auto.test.legend });
    await tester.getByLabel(/^Número del ticket/).fill(cfdi.number);
    await tester.getByRole('button', { name: admin.auto.test.run }).click();
    await tester.getByText(`La regla se cumple con ${cfdi.number}`).waitFor();
    expect(await tester.getByRole('listitem').allTextContents()).toEqual([
      'Prioridad → Alta',
      'Etiquetas: añadir facturación; quitar —',
    ]);

    await tester.getByLabel(/^Número del ticket/).fill(password.number);
    await tester.getByRole('button', { name: admin.auto.test.run }).click();
    await tester.getByText(`La regla no se cumple con ${password.number}`).waitFor();
    expect(await tester.getByText(admin.auto.test.nothing).count()).toBe(1);

    // Testing changed nothing on the ticket.
    const untouched = await spec.admin.get<{ priority: string; tags: string[] }>(`/tickets/${cfdi.number}`);
    expect(untouched.tags).not.toContain('facturación');

    await admin.save(dialog);
    await dialog.waitFor({ state: 'hidden' });
    const { items } = await spec.admin.get<{ items: Rule[] }>('/automation/triggers');
    const saved = items.find((r) => r.name === 'Facturación electrónica a prioridad Alta');
    expect(saved).toMatchObject({
      events: ['created'],
      conditions: { all: [{ field: 'text', op: 'contains_any', value: ['CFDI', 'factura'] }] },
      actions: [
        { type: 'set', field: 'priority', value: 'alta' },
        { type: 'tags', add: ['facturación'], remove: [] },
      ],
    });
    expect(spec.session.pageErrors).toEqual([]);
  });
});

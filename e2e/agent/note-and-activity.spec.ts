import { describe, expect, it } from 'vitest';
import type { Ticket } from '../fixtures/api.ts';
import { consoleJourney } from '../fixtures/console-journey.ts';
import { catalogs } from '../fixtures/i18n.ts';
import { fillDateTime, pickOption } from '../pages/controls.ts';
import { TicketPage } from '../pages/TicketPage.ts';

type Session = { title: string; startsAt: string; endsAt: string };
type Message = {
  kind: string;
  body: string;
  activity: null | { contactPerson: string; medium: string; reason: string; pendingItems: string | null };
};

describe('an agent keeps an internal note and logs a call with a session agreed (Wolk 000)', () => {
  let ticket: Ticket;

  // An English browser: the console is in Spanish, so its dates are too (issue 12).
  const spec = consoleJourney({
    locale: 'en-US',
    seed: async (journey) => {
      ticket = await journey.admin.createTicket({
        subject: 'Capacitación de facturación para el cajero nuevo',
        body: 'Necesitamos una sesión corta esta semana.',
        requester: { name: 'Sofía Vargas', email: 'svargas@elclavo.cr' },
      });
    },
  });

  it('adds a note the customer never sees, then an activity with the Wolk fields and a scheduled session', async () => {
    const page = new TicketPage(spec.page);
    await page.goto(ticket.number);

    // `n` opens the composer as an internal note, from the keyboard alone.
    await spec.page.locator('body').press('n');
    const note = page.textBox('note');
    await note.waitFor();
    await note.fill('La clienta prefiere las sesiones después de las 10:00. No ofrecer lunes.');
    await note.press('Control+Enter');
    const notes = page.messages('note');
    await notes.first().waitFor();
    expect(await notes.first().textContent()).toContain('No ofrecer lunes');

    await page.chooseMode('activity');
    expect(await page.composerField('Persona contactada').inputValue()).toBe('Sofía Vargas');
    await pickOption(spec.page, page.composerField('Medio'), 'Teams');
    await page.composerField('Motivo de contacto').fill('Agendar la capacitación de facturación');
    await page.composerField('Insumos que brinda el cliente').fill('Nombre y correo del cajero');
    await page.composerField('Pendientes del caso').fill('Enviar el enlace de Teams');
    await page.composerField('Descripción de la interacción').fill('Se acordó una sesión de una hora el jueves.');
    await page.composer.getByRole('checkbox', { name: 'Agendar una llamada o sesión con el cliente' }).check();
    await fillDateTime(page.composer, 'Inicio', '07/03/2030', '10:00');
    // Day first and a 24-hour clock, as the console's Spanish writes them, not the browser's mm/dd and AM/PM.
    expect(await page.composerField('Inicio').inputValue()).toBe('07/03/2030');
    expect(await page.composer.getByLabel('Inicio: a. m. o p. m.').count()).toBe(0);
    // The end defaults to an hour after the start.
    expect(await page.composerField('Fin').inputValue()).toBe('07/03/2030');
    expect(await page.composer.getByLabel('Fin: horas', { exact: true }).inputValue()).toBe('11');
    expect(await page.composer.getByLabel('Fin: minutos', { exact: true }).inputValue()).toBe('00');
    await page.sendButton('activity').click();

    const activity = page.messages('activity');
    await activity.first().waitFor();
    const card = (await activity.first().textContent()) ?? '';
    expect(card).toContain('Agendar la capacitación de facturación');
    expect(card).toContain('Sesión agendada');
    expect(card).toContain('Enviar el enlace de Teams');

    const { items } = await spec.admin.get<{ items: Message[] }>(`/tickets/${ticket.id}/messages`);
    expect(items.find((m) => m.kind === 'note')?.body).toContain('No ofrecer lunes');
    expect(items.find((m) => m.kind === 'activity')?.activity).toMatchObject({
      contactPerson: 'Sofía Vargas',
      medium: 'teams',
      reason: 'Agendar la capacitación de facturación',
      pendingItems: 'Enviar el enlace de Teams',
    });
    // 10:00 in Costa Rica (the agent's time zone, UTC−6) is 16:00 UTC.
    const sessions = await spec.admin.get<{ items: Session[] }>(`/tickets/${ticket.id}/sessions`);
    expect(sessions.items[0]).toMatchObject({
      startsAt: '2030-03-07T16:00:00.000Z',
      endsAt: '2030-03-07T17:00:00.000Z',
      title: 'Agendar la capacitación de facturación',
    });

    expect(spec.session.pageErrors).toEqual([]);
  });

  it('keeps a half-written reply when the window narrows to a phone and widens again', async () => {
    const page = new TicketPage(spec.page);
    await page.goto(ticket.number);
    const draft = 'Hola Sofía, le propongo el jueves a las 10:00';
    await page.chooseMode('reply');
    await page.textBox('reply').fill(draft);

    // A tablet turned or a window dragged narrower: the page becomes the phone's two tabs.
    await spec.page.setViewportSize({ width: 390, height: 844 });
    const details = spec.page.getByRole('tab', { name: catalogs.es.ticket.tabs.details });
    await details.click();
    await spec.page.getByRole('tab', { name: catalogs.es.ticket.tabs.conversation }).click();
    expect(await page.textBox('reply').inputValue()).toBe(draft);

    await spec.page.setViewportSize({ width: 1280, height: 900 });
    await details.waitFor({ state: 'detached' });
    expect(await page.textBox('reply').inputValue()).toBe(draft);
    expect(spec.session.pageErrors).toEqual([]);
  });
});

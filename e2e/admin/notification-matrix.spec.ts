import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserSession } from '../fixtures/browser.ts';
import { signedInSession } from '../fixtures/console.ts';
import { type Journey, startJourney } from '../fixtures/journey.ts';
import { NotificationBellPage } from '../pages/NotificationBellPage.ts';
import { NotificationMatrixPage, NotificationPreferencesPage } from '../pages/NotificationSettingsPage.ts';

type Matrix = { inherited: boolean; entries: { event: string; recipient: string; template: string }[] };

describe('an admin sets who hears of what in a department, and an agent how she hears of it', () => {
  let journey: Journey;
  let session: BrowserSession;
  let educacion: string;

  beforeAll(async () => {
    journey = await startJourney();
    const departments = (await journey.admin.get<{ items: { id: string; name: string }[] }>('/departments?limit=200'))
      .items;
    educacion = departments.find((d) => d.name === 'Educación')?.id ?? '';
    session = await signedInSession(journey.browser, {
      baseURL: journey.server.url,
      email: journey.server.admin.email,
      password: journey.server.admin.password,
      viewport: { width: 1440, height: 900 },
    });
  }, 60_000);

  afterAll(async () => {
    await session?.context.close();
    await journey?.close();
  });

  it('shows weknow’s Educación matrix, adds the solved mail to the requester, and the admin picks email only for assignments', async () => {
    const matrix = new NotificationMatrixPage(session.page);
    await matrix.open();
    // Issue 12 ("Fecha límite"): the assignee is told two business hours ahead instead of one.
    expect(await matrix.dueLead.inputValue()).toBe('60');
    await matrix.dueLead.fill('120');
    const leadSaved = session.page.waitForResponse(
      (r) => r.url().endsWith('/settings') && r.request().method() === 'PUT',
    );
    await matrix.dueLeadSave.click();
    expect((await leadSaved).status()).toBe(200);
    expect((await journey.admin.get<{ dueDateLeadMinutes: number }>('/settings')).dueDateLeadMinutes).toBe(120);
    await matrix.chooseDepartment('Educación');
    await matrix.badge('own').waitFor();
    // 001: "Nuevo ticket (Lucero, Majo y Saray)".
    const created = matrix.namedPeople('ticket_created');
    for (const name of ['Lucero Gómez (LG)', 'María José Pérez (MJP)', 'Saray Méndez (SM)']) {
      await created.getByText(name, { exact: true }).waitFor();
    }
    expect(await matrix.cell('ticket_assigned', 'assignee').isChecked()).toBe(true);

    await matrix.cell('ticket_solved', 'requester').check();
    const saved = session.page.waitForResponse(
      (r) => r.url().endsWith(`/departments/${educacion}/notification-matrix`) && r.request().method() === 'PUT',
    );
    await matrix.saveButton.click();
    expect((await saved).status()).toBe(200);
    const stored = await journey.admin.get<Matrix>(`/departments/${educacion}/notification-matrix`);
    expect(stored.entries).toContainEqual({
      event: 'ticket_solved',
      recipient: 'requester',
      agentId: null,
      template: 'ticket_solved',
    });

    const bell = new NotificationBellPage(session.page);
    await bell.open();
    await bell.list.getByRole('link', { name: bell.text.notifications.preferencesLink }).click();
    const preferences = new NotificationPreferencesPage(session.page);
    await preferences.heading.waitFor();
    await preferences.choose('ticket_assigned', 'email');
    await preferences.saveButton.click();
    await session.page.getByText(preferences.text.notifications.preferences.saved).waitFor();
    const mine = await journey.admin.get<{ items: { event: string; channels: string }[] }>(
      '/auth/me/notification-preferences',
    );
    expect(mine.items).toContainEqual({ event: 'ticket_assigned', channels: 'email' });

    expect(session.pageErrors).toEqual([]);
  });
});

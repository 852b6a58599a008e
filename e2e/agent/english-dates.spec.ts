import { describe, expect, it } from 'vitest';
import type { Ticket } from '../fixtures/api.ts';
import { screenshot } from '../fixtures/browser.ts';
import { consoleJourney } from '../fixtures/console-journey.ts';
import { fieldLabel } from '../pages/controls.ts';
import { TicketPage } from '../pages/TicketPage.ts';

// Issue 12: dates follow the console's language. The Spanish side is walked by
// note-and-activity.spec.ts; here an agent who works in English, in a Spanish-speaking browser,
// writes month first and a 12-hour clock, and the moment stored is the one they meant.
describe('an agent working in English sets a due date month first, on a 12-hour clock', () => {
  let ticket: Ticket;
  const spec = consoleJourney({
    locale: 'es-CR',
    seed: async (journey) => {
      ticket = await journey.admin.createTicket({
        subject: 'Monthly closing report',
        body: 'We need it before the board meeting.',
        requester: { name: 'John Smith', email: 'jsmith@acme.example' },
      });
    },
  });

  it('types 03/07/2030 2:30 PM and the ticket is due on the seventh of March at 14:30 in Costa Rica', async () => {
    // Signed in (in Spanish, the default), the agent switches to English; the page follows the record.
    const { user } = await spec.admin.get<{ user: { id: string } }>('/auth/session');
    await spec.admin.patch(`/agents/${user.id}`, { locale: 'en', timeZone: 'America/Costa_Rica' });
    const page = new TicketPage(spec.page, 'en');
    const { text } = page;
    await page.goto(ticket.number);
    const label = text.ticket.fields.dueAt;
    const day = spec.page.getByLabel(fieldLabel(label));
    expect(await day.getAttribute('placeholder')).toBe(text.dates.datePlaceholder);
    await day.fill('03/07/2030');
    await day.press('Escape');
    const hours = spec.page.getByLabel(text.dates.hoursOf.replace('{{label}}', label), { exact: true });
    // Typed as a person types: two digits of hours, then the focus moves on to the minutes.
    await hours.click();
    await spec.page.keyboard.type('0230');
    const amPm = spec.page.getByLabel(text.dates.amPmOf.replace('{{label}}', label), { exact: true });
    // The AM/PM control is there only on a 12-hour clock.
    await amPm.selectOption('PM');
    // Still typing: moving from the date to the clock saved no half-typed moment (the day at 00:00).
    const dueAt = async () => (await spec.admin.get<{ dueAt: string | null }>(`/tickets/${ticket.id}`)).dueAt;
    expect(await dueAt()).toBeNull();
    // Done with the field: the agent moves on to the tags.
    await spec.page.getByPlaceholder(text.ticket.properties.addTag).click();
    await expect.poll(dueAt).toBe('2030-03-07T20:30:00.000Z');
    expect(await day.inputValue()).toBe('03/07/2030');
    await screenshot(spec.page, 'ticket-due-date-en');
    expect(spec.session.pageErrors).toEqual([]);
  });
});

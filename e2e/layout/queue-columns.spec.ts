import { describe, expect, it } from 'vitest';
import type { Ticket } from '../fixtures/api.ts';
import { ARTIFACTS_DIR } from '../fixtures/browser.ts';
import { consoleJourney } from '../fixtures/console-journey.ts';
import { catalogs } from '../fixtures/i18n.ts';
import { DEMO_AGENT, seedSupportMorning } from '../fixtures/seed.ts';
import { chooseSegment } from '../pages/controls.ts';
import { QueuePage } from '../pages/QueuePage.ts';

const text = catalogs.es;
const fields = text.ticket.fields;
const DESKTOP = { width: 1280, height: 800 };

describe('issue 13: the queue table at 1280 px, with the columns each agent chooses', () => {
  let tickets: Ticket[];
  let categorized: Ticket;

  const spec = consoleJourney({
    viewport: DESKTOP,
    seed: async (journey) => {
      ({ tickets } = await seedSupportMorning(journey.admin));
      // The demo's categories include "Alta", named like a priority (issue 13: it must not read as one).
      categorized = tickets[1] as Ticket;
      await journey.admin.patch(`/tickets/${categorized.id}`, { category: 'Alta' });
    },
  });

  it('gives the subject the free width, wrapped on two lines, without scrolling sideways', async () => {
    const { page } = spec;
    const queue = new QueuePage(page);
    await queue.openView('Todos abiertos');
    const longest = tickets.reduce((a, b) => (b.subject.length > a.subject.length ? b : a));
    await queue.row(longest.number).waitFor();
    await page.screenshot({ path: `${ARTIFACTS_DIR}/queue-1280.png` });

    const table = page.getByRole('main').getByRole('table');
    const scroller = await table.evaluate((element) => {
      const box = element.parentElement as HTMLElement;
      return { scroll: box.scrollWidth, visible: box.clientWidth };
    });
    expect(scroller.scroll).toBeLessThanOrEqual(scroller.visible);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

    // The subject is the widest column by far, and a long subject wraps instead of being cut short.
    const widths: Record<string, number> = await table
      .locator('thead th[data-column]')
      .evaluateAll((cells) =>
        Object.fromEntries(cells.map((cell) => [cell.getAttribute('data-column'), cell.getBoundingClientRect().width])),
      );
    const others = Object.entries(widths).filter(([column]) => column !== 'subject');
    for (const [column, width] of others) expect(widths.subject, column).toBeGreaterThan(Number(width) * 1.5);
    expect(widths.subject).toBeGreaterThan(300);
    const link = queue.ticketLink(longest.subject);
    const lines = await link.evaluate((element) => {
      const style = getComputedStyle(element);
      return Math.round(element.getBoundingClientRect().height / Number.parseFloat(style.lineHeight));
    });
    expect(lines).toBeLessThanOrEqual(2);
    expect(await link.evaluate((element) => element.scrollHeight <= element.clientHeight + 1)).toBe(true);
  });

  it('keeps the columns, their order and the compact density the agent chose, after a reload, for that agent only', async () => {
    const { page } = spec;
    const queue = new QueuePage(page);
    await queue.openView('Todos abiertos');
    await queue.row(tickets[0]?.number ?? '').waitFor();
    expect(await queue.columnHeaders()).toEqual([
      fields.number,
      fields.subject,
      fields.requester,
      fields.status,
      fields.priority,
      text.sla.label,
      fields.assignee,
    ]);

    await queue.columnsButton.click();
    const menu = queue.columnsMenu;
    await queue.showColumn(fields.assignee, false);
    await queue.showColumn(fields.category, true);
    await queue.showColumn(fields.updated, true);
    await menu.getByRole('button', { name: queue.columnLabel(text.queue.columns.moveUp, fields.priority) }).click();
    await chooseSegment(menu.getByRole('radiogroup'), text.queue.columns.compact);
    await page.keyboard.press('Escape');

    const chosen = [
      fields.number,
      fields.subject,
      fields.requester,
      fields.priority,
      fields.status,
      text.sla.label,
      fields.category,
      fields.updated,
    ];
    await expect.poll(() => queue.columnHeaders()).toEqual(chosen);
    const density = () => page.getByRole('main').getByRole('table').getAttribute('data-density');
    expect(await density()).toBe('compact');
    // Categories named like priorities ("Alta") read as categories: a tag, not a badge, and said so.
    const category = queue.row(categorized.number).locator('[data-category]');
    expect(await category.getAttribute('title')).toBe(`${fields.category}: Alta`);
    expect(await category.locator('.mantine-Badge-root').count()).toBe(0);

    // Saved on the server, for this agent: a reload, then another agent's view of it.
    await expect
      .poll(async () => {
        const views = (await spec.admin.get<{ items: Array<{ id: string; key: string | null }> }>('/views')).items;
        const allOpen = views.find((view) => view.key === 'all_open')?.id;
        return (await spec.admin.get<{ density: string }>(`/views/${allOpen}/layout`)).density;
      })
      .toBe('compact');
    await page.reload();
    await queue.heading('Todos abiertos').waitFor();
    await expect.poll(() => queue.columnHeaders()).toEqual(chosen);
    expect(await density()).toBe('compact');
    await page.screenshot({ path: `${ARTIFACTS_DIR}/queue-1280-compact.png` });

    const ana = await spec.signIn({ email: DEMO_AGENT.email, password: DEMO_AGENT.password });
    const anaQueue = new QueuePage(ana.page);
    await anaQueue.openView('Todos abiertos');
    await anaQueue.row(tickets[0]?.number ?? '').waitFor();
    expect(await anaQueue.columnHeaders()).toContain(fields.assignee);
    expect(await anaQueue.columnHeaders()).not.toContain(fields.category);

    // Back to the defaults.
    await queue.columnsButton.click();
    await queue.columnsMenu.getByRole('button', { name: text.queue.columns.reset }).click();
    await expect.poll(() => queue.columnHeaders()).toContain(fields.assignee);
    expect(await density()).toBe('comfortable');
    expect(spec.session.pageErrors).toEqual([]);
  });

  it('shows an organization’s tickets whole at 1280 px, not clipped at the right', async () => {
    const { page } = spec;
    const organizationId = tickets[0]?.organizationId as string;
    await page.goto(`/organizations/${organizationId}`);
    const table = page.getByRole('table', { name: text.organization.tickets });
    await table.getByRole('row').nth(1).waitFor();
    await page.screenshot({ path: `${ARTIFACTS_DIR}/organization-1280.png` });
    const fit = await table.evaluate((element) => {
      const box = element.parentElement as HTMLElement;
      const main = (element.closest('main') as HTMLElement).getBoundingClientRect();
      return {
        scroll: box.scrollWidth - box.clientWidth,
        right: element.getBoundingClientRect().right - main.right,
      };
    });
    expect(fit.scroll).toBeLessThanOrEqual(0);
    expect(fit.right).toBeLessThanOrEqual(0);
    // Every column's header is on screen, the last one included.
    const last = table.locator('thead th').last();
    expect(await last.evaluate((cell) => cell.getBoundingClientRect().right <= window.innerWidth)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    expect(spec.session.pageErrors).toEqual([]);
  });

  it('Fecha límite: the due column shows a passed due date of an open ticket in red, saying it is overdue', async () => {
    const { page } = spec;
    const [late, later] = [tickets[2] as Ticket, tickets[3] as Ticket];
    await spec.admin.patch(`/tickets/${late.id}`, { dueAt: new Date(Date.now() - 3_600_000).toISOString() });
    await spec.admin.patch(`/tickets/${later.id}`, { dueAt: new Date(Date.now() + 86_400_000).toISOString() });
    const queue = new QueuePage(page);
    await queue.openView('Todos abiertos');
    await queue.columnsButton.click();
    await queue.showColumn(fields.dueAt, true);
    await page.keyboard.press('Escape');
    const overdue = queue.row(late.number).locator('[data-overdue]');
    await overdue.waitFor();
    expect(await overdue.textContent()).toContain(text.ticket.dueOverdue);
    expect(await overdue.locator('time').evaluate((t) => getComputedStyle(t).color)).not.toBe(
      await queue
        .row(later.number)
        .locator('time')
        .first()
        .evaluate((t) => getComputedStyle(t).color),
    );
    expect(await queue.row(later.number).locator('[data-overdue]').count()).toBe(0);

    await queue.columnsButton.click();
    await queue.columnsMenu.getByRole('button', { name: text.queue.columns.reset }).click();
    await page.keyboard.press('Escape');
    expect(spec.session.pageErrors).toEqual([]);
  });
});

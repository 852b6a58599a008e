/**
 * The README's screenshots of the console in Spanish, from a real server with the demo morning
 * seeded: `npm run build:web && npx tsx e2e/scripts/screenshots.ts` writes docs/screenshots/*.png.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ApiClient } from '../fixtures/api.ts';
import { closeBrowser, launchBrowser } from '../fixtures/browser.ts';
import { signedInSession } from '../fixtures/console.ts';
import { DEMO_AGENT, seedSupportMorning } from '../fixtures/seed.ts';
import { startTestServer } from '../fixtures/server.ts';
import { QueuePage } from '../pages/QueuePage.ts';
import { TicketPage } from '../pages/TicketPage.ts';

const OUT = path.resolve(import.meta.dirname, '../../docs/screenshots');

// The test machine has only DejaVu and Liberation fonts, and no emoji font. People's browsers
// pick Segoe UI, San Francisco or Roboto from the console's font stack; Liberation Sans (metric
// twin of Arial, also in the stack) is the closest this machine has to what they see.
const FONT_CSS =
  'body, button, input, textarea, select, h1, h2, h3 { font-family: "Liberation Sans", Arial, sans-serif !important; }';

async function shoot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.addStyleTag({ content: FONT_CSS });
  // Let tooltips, transitions and relative times settle.
  await page.mouse.move(0, 0);
  await page.waitForTimeout(400);
  const file = path.join(OUT, `${name}.png`);
  await page.screenshot({ path: file, fullPage, animations: 'disabled' });
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}

const server = await startTestServer();
const browser = await launchBrowser();
try {
  await mkdir(OUT, { recursive: true });
  const admin = await ApiClient.signIn(server.url, server.admin.email, server.admin.password);
  const { featured, tickets } = await seedSupportMorning(admin);
  // Ana Mora, a supervisor who works the support queue, as the README's agent.
  const credentials = { baseURL: server.url, email: DEMO_AGENT.email, password: DEMO_AGENT.password };

  const desktop = await signedInSession(browser, { ...credentials, viewport: { width: 1280, height: 800 } });
  const queue = new QueuePage(desktop.page);
  await queue.openView('Todos abiertos');
  await queue.row(featured.number).waitFor();
  await shoot(desktop.page, 'queue-es');

  // Taller, so the logged activity with its scheduled session and the composer fit.
  const tall = await signedInSession(browser, { ...credentials, viewport: { width: 1280, height: 1280 } });
  const ticket = new TicketPage(tall.page);
  await ticket.goto(featured.number);
  await ticket.messages('activity').first().waitFor();
  await shoot(tall.page, 'ticket-es');
  await tall.context.close();

  const phone = await signedInSession(browser, { ...credentials, viewport: { width: 390, height: 844 } });
  const phoneQueue = new QueuePage(phone.page);
  await phoneQueue.openViewOnPhone('Todos abiertos');
  await phoneQueue.row(featured.number).waitFor();
  await shoot(phone.page, 'queue-390-es');
  await phoneQueue.ticketLink(featured.subject).click();
  await new TicketPage(phone.page).messages('customer').first().waitFor();
  await shoot(phone.page, 'ticket-390-es');

  // Issue 7: SLA badges and a stale (red) row. 24 h without news cannot pass while a script runs,
  // so one demo ticket falls under a policy whose update clock is about a second long.
  await admin.post('/automation/sla-policies', {
    name: 'Demo: noticias cada segundo',
    position: 0,
    conditions: { all: [{ field: 'tags', op: 'includes', value: 'demo-sin-noticias' }] },
    targets: { periodic_update: { unit: 'calendar_hours', hours: 0.0003 } },
  });
  const quiet = tickets.find((t) => t.subject.startsWith('No aparece el inventario')) ?? featured;
  await admin.patch(`/tickets/${quiet.id}`, { tags: [...quiet.tags, 'demo-sin-noticias'] });
  await desktop.page.reload();
  await queue.openView('Todos abiertos');
  await queue.row(quiet.number).and(desktop.page.locator('[data-stale]')).waitFor();
  await shoot(desktop.page, 'queue-sla-es');

  await desktop.context.close();
  await phone.context.close();
} finally {
  await closeBrowser(browser);
  await server.stop();
}

/**
 * The README's screenshots of the console in Spanish, from a real server with the demo week
 * seeded: `npm run build:web && npx tsx e2e/scripts/screenshots.ts` writes docs/screenshots/*.png.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ApiClient, type Ticket } from '../fixtures/api.ts';
import { closeBrowser, launchBrowser } from '../fixtures/browser.ts';
import { signedInSession } from '../fixtures/console.ts';
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

// Issue 13: the screenshots show the demo week a new install gets (`npm start`), not a hand-made morning.
const server = await startTestServer({ env: { TIQUETE_DEMO_TICKETS: '1' } });
const browser = await launchBrowser();
try {
  await mkdir(OUT, { recursive: true });
  const admin = await ApiClient.signIn(server.url, server.admin.email, server.admin.password);
  const { items } = await admin.get<{ items: Ticket[] }>('/tickets?limit=200');
  // An open ticket with a conversation, a logged call and time spent, if the week left one open.
  const open = items.filter((t) => !['RESUELTO', 'CERRADO'].includes(t.status) && !t.mergedIntoId);
  const featured =
    ['Capacitación del módulo de notas', 'Cotización de 5 licencias']
      .map((start) => open.find((t) => t.subject.startsWith(start)))
      .find(Boolean) ?? (open[0] as Ticket);
  // The admin who signs in first, as the README's agent: the demo week gives them work of their own.
  const credentials = { baseURL: server.url, email: server.admin.email, password: server.admin.password };

  const desktop = await signedInSession(browser, { ...credentials, viewport: { width: 1280, height: 800 } });
  const queue = new QueuePage(desktop.page);
  await queue.openView('Todos abiertos');
  await queue.row(featured.number).waitFor();
  await shoot(desktop.page, 'queue-es');

  // Taller, so the conversation and the composer fit.
  const tall = await signedInSession(browser, { ...credentials, viewport: { width: 1280, height: 1280 } });
  const ticket = new TicketPage(tall.page);
  await ticket.goto(featured.number);
  await ticket.messages('customer').first().waitFor();
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

  // Issue 7: SLA badges and stale (red) rows; the demo week has both.
  await queue.openView('Sin noticias 24 h');
  await desktop.page.locator('[data-stale]').first().waitFor();
  await shoot(desktop.page, 'queue-sla-es');

  await desktop.context.close();
  await phone.context.close();
} finally {
  await closeBrowser(browser);
  await server.stop();
}

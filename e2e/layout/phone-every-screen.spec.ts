import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Ticket } from '../fixtures/api.ts';
import { sideways } from '../fixtures/browser.ts';
import { consoleJourney } from '../fixtures/console-journey.ts';
import { catalogs } from '../fixtures/i18n.ts';
import { seedSupportMorning } from '../fixtures/seed.ts';
import { TicketPage } from '../pages/TicketPage.ts';

const PHONE = { width: 390, height: 844 };
const text = catalogs.es;
const ROUTER = path.resolve(import.meta.dirname, '../../web/src/app/router.tsx');
/** The customer portal's own paths (under /portal); e2e/portal/portal-account.spec.ts checks them at 390 px. */
/** e2e/portal/portal-tickets.spec.ts checks the ticket pages there. */
const PORTAL_PATHS = [
  'portal',
  'forgot-password',
  'set-password',
  'tickets',
  'tickets/new',
  'tickets/$number',
  'password',
  'users',
];

/** The elements that stick out past the right edge, to say which one when a screen fails. */
function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('main *'))
      .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 0.5)
      // Only the outermost: its children stick out with it.
      .filter(
        (element) =>
          !element.parentElement || element.parentElement.getBoundingClientRect().right <= window.innerWidth + 0.5,
      )
      .slice(0, 5)
      .map((element) => `${element.tagName.toLowerCase()}.${element.className} "${element.textContent?.slice(0, 40)}"`),
  );
}

describe('issue 13: no screen of the console scrolls sideways at 390 px', () => {
  let featured: Ticket;
  let contactId: string;
  let organizationId: string;
  let articleId: string;

  const spec = consoleJourney({
    viewport: PHONE,
    seed: async (journey) => {
      ({ featured } = await seedSupportMorning(journey.admin));
      contactId = featured.requesterId;
      organizationId = featured.organizationId ?? '';
      articleId = (
        await journey.admin.post<{ id: string }>('/kb/articles', {
          title: 'Cómo descargar la factura electrónica en PDF',
          visibility: 'public',
          body: 'En **Facturación › Documentos** abra la factura y pulse «Descargar PDF».',
        })
      ).id;
    },
  });

  /**
   * Every console path of the router; `:view`, `:ticket`, `:contact` and `:organization` stand for
   * real ones of the seeded data, `:report` for the widest report's table (the timesheet), `:article`
   * for a knowledge-base article.
   */
  const HELP_PATHS = ['help', 'articles/$slug', 'help/articles/$slug/print'];
  const ROUTES = [
    '/queues/:view',
    '/tickets/new',
    '/tickets/:ticket',
    '/search',
    `/search?q=${encodeURIComponent('comprobante pago')}`,
    '/contacts',
    '/contacts/:contact',
    '/organizations',
    '/organizations/:organization',
    '/planner',
    '/kb',
    '/kb/articles/new',
    '/kb/articles/:article',
    '/playbooks',
    '/protocols',
    '/reports',
    '/reports/:report',
    '/notifications/preferences',
    '/admin',
    ...Object.keys(text.admin.sections).map((section) => `/admin/${section}`),
  ];

  it('visits every route the router declares', async () => {
    // A route added to the router and missing here fails the spec, so the check cannot fall behind.
    const declared = [...(await readFile(ROUTER, 'utf8')).matchAll(/path: '([^']+)'/g)].map((m) => m[1] as string);
    const pattern = (route: string) => new RegExp(`(^|/)${route.replace(/^\//, '').replace(/\$\w+/g, ':\\w+')}(\\?|$)`);
    const missing = declared
      // The public survey and help centre are no console screens: e2e/customer/satisfaction.spec.ts and
      // e2e/customer/help-centre.spec.ts check them at 390 px.
      .filter((route) => !['/', 'login', 'queues', 'satisfaction/$token', ...HELP_PATHS].includes(route))
      .filter((route) => !PORTAL_PATHS.includes(route))
      .filter((route) => !ROUTES.some((visited) => pattern(route).test(visited)));
    expect(missing).toEqual([]);
  });

  for (const route of ROUTES) {
    it(`${route} fits the screen once loaded`, async () => {
      const { page } = spec;
      const views = (await spec.admin.get<{ items: Array<{ id: string; key: string | null }> }>('/views')).items;
      const url = route
        .replace(':view', views.find((view) => view.key === 'all_open')?.id ?? '')
        .replace(':ticket', featured.number)
        .replace(':contact', contactId)
        .replace(':organization', organizationId)
        .replace(':report', 'time')
        .replace(':article', articleId);
      await page.goto(url);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      // Loaded: no skeleton lines or spinners left in the page.
      await page.waitForFunction(
        () => !document.querySelector('main .mantine-Skeleton-root, main .mantine-Loader-root'),
      );
      const scroll = await sideways(page);
      expect({ scroll, culprits: scroll > 0 ? await overflowing(page) : [] }).toEqual({ scroll: 0, culprits: [] });
      expect(spec.session.pageErrors).toEqual([]);
    });
  }

  it('the ticket page fits on its conversation tab with the composer open and a status chosen', async () => {
    const { page } = spec;
    const ticket = new TicketPage(page);
    await ticket.goto(featured.number);
    await ticket.tab('conversation').click();
    await ticket.textBox('reply').fill('Hola María Fernanda, ya aplicamos el pago y el sistema está activo de nuevo.');
    const statusAfter = ticket.composer.getByRole('textbox', { name: text.composer.statusAfter });
    await statusAfter.click();
    await page.getByRole('option', { name: 'PENDIENTE' }).click();
    await ticket.sendButton('reply').scrollIntoViewIfNeeded();
    expect(await ticket.sendButton('reply').isVisible()).toBe(true);
    const box = await ticket.sendButton('reply').boundingBox();
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(PHONE.width);
    expect(await sideways(page)).toBeLessThanOrEqual(0);
    for (const mode of ['note', 'activity'] as const) {
      await ticket.chooseMode(mode);
      expect(await sideways(page), mode).toBeLessThanOrEqual(0);
    }
  });

  it("the header's search icon opens the search and puts the cursor in its box, also from the search page", async () => {
    const { page } = spec;
    const searchIcon = page.getByRole('banner').getByRole('button', { name: text.search.label });
    for (const start of ['/contacts', `/search?q=${encodeURIComponent('comprobante')}`]) {
      await page.goto(start);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await searchIcon.click();
      const box = page.getByRole('main').getByRole('searchbox', { name: text.search.label });
      await box.waitFor();
      await expect.poll(() => box.evaluate((element) => element === document.activeElement)).toBe(true);
    }
    // What was searched stays in the box, ready to change.
    expect(await page.getByRole('main').getByRole('searchbox', { name: text.search.label }).inputValue()).toBe(
      'comprobante',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { screenshot } from '../fixtures/browser.ts';
import { catalogs } from '../fixtures/i18n.ts';
import { PHONE, portalJourney } from '../fixtures/portal.ts';

const text = catalogs.es;

// Issue 19: the public help centre at /help. An anonymous visitor searches "factura" without the
// accent, opens the article, goes to the next one in the category's order, then to the print view.
describe('help centre: an anonymous visitor searches, reads, goes next and prints', () => {
  const spec = portalJourney(async (journey) => {
    const category = await journey.admin.post<{ id: string }>('/kb/categories', {
      name: 'Facturación',
      slug: 'facturacion',
    });
    await journey.admin.post('/kb/articles', {
      title: 'Cómo anular una facturación electrónica',
      slug: 'anular-facturacion',
      body: 'Para anular un comprobante:\n\n1. Abra **Comprobantes**.\n2. Elija *Nota de crédito*.',
      categoryId: category.id,
      visibility: 'public',
      position: 1,
    });
    await journey.admin.post('/kb/articles', {
      title: 'Reenviar la factura al cliente',
      slug: 'reenviar-factura',
      body: 'Use el botón **Reenviar** del comprobante.',
      categoryId: category.id,
      visibility: 'public',
      position: 2,
    });
    await journey.admin.post('/kb/articles', {
      title: 'Factura: acuerdo interno de descuentos',
      slug: 'descuentos-internos',
      body: 'Solo agentes.',
      categoryId: category.id,
      visibility: 'internal',
      position: 3,
    });
  });

  it('finds "Facturación" by "factura", opens it, goes to the next article and opens its print view', async () => {
    const visitor = await spec.open(PHONE);
    const { page } = visitor;
    await page.goto('/help');
    await page.getByRole('heading', { level: 1, name: text.help.home.heading }).waitFor();
    await page.getByRole('searchbox', { name: text.help.search.label }).fill('factura');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: text.help.search.results.replace('{{q}}', 'factura') }).waitFor();
    const results = page.getByRole('link', { name: 'Cómo anular una facturación electrónica' });
    await results.waitFor();
    // The internal article never shows, whatever the words.
    expect(await page.getByText('acuerdo interno').count()).toBe(0);
    await screenshot(page, 'help-centre-search');

    await results.click();
    await page.getByRole('heading', { level: 1, name: 'Cómo anular una facturación electrónica' }).waitFor();
    await page.getByText('Nota de crédito').waitFor();
    await page.getByText(text.help.feedback.question).waitFor();
    await page.getByRole('button', { name: text.help.feedback.yes, exact: true }).click();
    await page.getByText(text.help.feedback.thanks).waitFor();
    await screenshot(page, 'help-centre-article');

    await page.getByRole('link', { name: `${text.help.article.next}: Reenviar la factura al cliente` }).click();
    await page.getByRole('heading', { level: 1, name: 'Reenviar la factura al cliente' }).waitFor();
    expect(page.url()).toMatch(/\/help\/articles\/reenviar-factura$/);
    // The last public one: no "next" (the internal article after it is not offered).
    await page.getByRole('link', { name: new RegExp(`^${text.help.article.previous}:`) }).waitFor();
    expect(await page.getByRole('link', { name: new RegExp(`^${text.help.article.next}:`) }).count()).toBe(0);

    await page.getByRole('link', { name: text.help.article.print }).click();
    await page.getByRole('button', { name: text.help.print.print }).waitFor();
    expect(page.url()).toMatch(/\/help\/articles\/reenviar-factura\/print$/);
    await page.getByRole('heading', { level: 1, name: 'Reenviar la factura al cliente' }).waitFor();
    // A clean page: no search box of the help centre's frame.
    expect(await page.getByRole('searchbox').count()).toBe(0);
    await screenshot(page, 'help-centre-print');

    const yes = await spec.journey.admin.get<{ helpfulYes: number }>(
      `/kb/articles/${(await spec.journey.admin.get<{ items: { id: string; slug: string }[] }>('/kb/articles?q=anular')).items[0]?.id}`,
    );
    expect(yes.helpfulYes).toBe(1);
    expect(visitor.pageErrors).toEqual([]);
  });
});

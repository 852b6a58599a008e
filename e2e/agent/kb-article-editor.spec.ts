import { describe, expect, it } from 'vitest';
import type { BrowserSession } from '../fixtures/browser.ts';
import { screenshot, sideways } from '../fixtures/browser.ts';
import { consoleJourney } from '../fixtures/console-journey.ts';
import { catalogs } from '../fixtures/i18n.ts';
import { chooseSegment, fieldLabel, pickOption } from '../pages/controls.ts';

const kb = catalogs.es.kb;
const AGENT = { name: 'Diego Vargas', email: 'diego.vargas@tiquete.test', password: 'Clave-de-diego-2024' };
const TITLE = 'Cómo anular una factura electrónica';
const FIRST_BODY = '## Pasos\n\n1. Abra **Facturación › Documentos**.\n2. Elija la factura y pulse «Anular».';
// A real 1×1 PNG: the server checks the bytes, not only the name.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

type Revision = { number: number; restoredFrom: number | null; body: string };

describe('an agent writes an article with an image, edits it, reads the revision diff and restores the first revision', () => {
  let agent: BrowserSession;
  let articleId = '';

  const spec = consoleJourney({
    viewport: { width: 1280, height: 900 },
    seed: async (journey) => {
      await journey.admin.createAgent({ ...AGENT, role: 'agent' });
    },
  });

  const body = () => agent.page.getByRole('textbox', { name: kb.fields.body });
  const save = async (label: string, revision: number) => {
    await agent.page.getByRole('button', { name: label, exact: true }).click();
    await agent.page.getByText(kb.editor.revision.replace('{{revision}}', String(revision)), { exact: true }).waitFor();
  };

  /** Creates a category from the knowledge base's side list, under `parent` if given. */
  async function createCategory(name: string, parent?: string) {
    const page = agent.page;
    await page.getByRole('button', { name: kb.categories.new }).click();
    const dialog = page.getByRole('dialog', { name: kb.categories.new });
    await dialog.getByLabel(fieldLabel(kb.categories.name)).fill(name);
    if (parent) await pickOption(page, dialog.getByRole('textbox', { name: kb.categories.parent }), parent);
    await dialog.getByRole('button', { name: catalogs.es.common.save }).click();
    await dialog.waitFor({ state: 'hidden' });
  }

  it('creates a category and a subcategory, then writes the article with a live preview rendered safely', async () => {
    agent = await spec.signIn(AGENT);
    const page = agent.page;
    await page.getByRole('navigation', { name: catalogs.es.nav.label }).getByRole('link', { name: kb.title }).click();
    await page.getByRole('heading', { level: 1, name: kb.title }).waitFor();
    await createCategory('Facturación');
    await createCategory('Facturación electrónica', 'Facturación');
    const tree = page.getByRole('navigation', { name: kb.categories.label });
    await tree.getByText('Facturación electrónica', { exact: true }).waitFor();
    await page.getByRole('link', { name: kb.newArticle }).click();

    await page.getByLabel(fieldLabel(kb.fields.title)).fill(TITLE);
    await pickOption(
      page,
      page.getByRole('textbox', { name: kb.fields.category }),
      'Facturación › Facturación electrónica',
    );
    await chooseSegment(page.getByRole('radiogroup', { name: kb.fields.visibility }), kb.visibility.public);
    await page.getByRole('textbox', { name: kb.fields.tags }).fill('anulación');
    await page.keyboard.press('Enter');
    await body().fill(`${FIRST_BODY}\n\n<script>alert('x')</script>`);
    const preview = page.getByRole('region', { name: kb.editor.preview });
    await preview.getByRole('heading', { name: 'Pasos' }).waitFor();
    await preview.getByText("<script>alert('x')</script>").waitFor();
    expect(await preview.locator('script').count()).toBe(0);
    await body().fill(FIRST_BODY);
    await expect.poll(() => preview.locator('li').count()).toBe(2);

    await save(kb.editor.create, 1);
    articleId = page.url().split('/kb/articles/')[1] ?? '';
    expect(articleId).not.toBe('');
    expect(agent.pageErrors).toEqual([]);
  });

  it('inserts an image: it is uploaded, its Markdown goes into the body and the preview shows it', async () => {
    const page = agent.page;
    await body().click();
    await body().press('ControlOrMeta+End');
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: 'pantalla-anular.png', mimeType: 'image/png', buffer: PNG });
    await expect.poll(() => body().inputValue()).toMatch(/!\[pantalla-anular\]\(\/api\/v1\/kb\/attachments\/[\w-]+\)$/);
    const image = page.getByRole('region', { name: kb.editor.preview }).getByRole('img', { name: 'pantalla-anular' });
    await image.waitFor();
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
    await save(kb.editor.save, 2);
    expect(agent.pageErrors).toEqual([]);
  });

  it('edits a step; the history shows revision 1 against the current text', async () => {
    const page = agent.page;
    const text = await body().inputValue();
    await body().fill(text.replace('pulse «Anular»', 'pulse «Anular documento» y confirme'));
    await save(kb.editor.save, 3);

    await page.getByRole('button', { name: kb.revisions.open }).click();
    const drawer = page.getByRole('dialog', { name: kb.revisions.title });
    await drawer
      .getByRole('button', { name: new RegExp(`^${kb.revisions.number.replace('{{number}}', '1')}`) })
      .click();
    const diff = drawer.getByRole('region', { name: kb.revisions.diffLabel.replace('{{number}}', '1') });
    await diff.locator('del').filter({ hasText: '2. Elija la factura y pulse «Anular».' }).waitFor();
    await diff.locator('ins').filter({ hasText: 'pulse «Anular documento» y confirme' }).waitFor();
    await diff.locator('ins').filter({ hasText: '![pantalla-anular]' }).waitFor();
    await screenshot(page, 'kb-revision-diff');
    expect(agent.pageErrors).toEqual([]);
  });

  it('restores revision 1: it comes back as revision 4, the history keeps everything', async () => {
    const page = agent.page;
    const drawer = page.getByRole('dialog', { name: kb.revisions.title });
    await drawer.getByRole('button', { name: kb.revisions.restore }).click();
    await page.getByText(kb.editor.revision.replace('{{revision}}', '4'), { exact: true }).waitFor();
    await expect.poll(() => body().inputValue()).toBe(FIRST_BODY);

    const revisions = await spec.admin.get<{ items: Revision[] }>(`/kb/articles/${articleId}/revisions`);
    expect(revisions.items.map((r) => [r.number, r.restoredFrom])).toEqual([
      [4, 1],
      [3, null],
      [2, null],
      [1, null],
    ]);
    await screenshot(page, 'kb-article-restored');
    expect(agent.pageErrors).toEqual([]);
  });

  it('finds it in the list by a word without its accent, filtered to public articles', async () => {
    const page = agent.page;
    await page.getByRole('link', { name: kb.title, exact: true }).first().click();
    await page.getByRole('searchbox', { name: kb.search.label }).fill('factura electronica');
    await chooseSegment(page.getByRole('radiogroup', { name: kb.fields.visibility }), kb.visibility.public);
    await expect.poll(() => page.url()).toContain('q=factura+electronica');
    const list = page.getByRole('list', { name: kb.list.label });
    await list.getByRole('link', { name: TITLE }).waitFor();
    expect(await list.getByRole('listitem').count()).toBe(1);
    await screenshot(page, 'kb-list');
    expect(agent.pageErrors).toEqual([]);
  });

  it('the list and the editor fit a 390 px phone without scrolling sideways', async () => {
    const page = agent.page;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('list', { name: kb.list.label }).getByRole('link', { name: TITLE }).waitFor();
    // Polled: a toast still showing from the restore may stick out until it closes.
    await expect.poll(() => sideways(page)).toBe(0);
    await screenshot(page, 'kb-list-phone');
    await page.getByRole('list', { name: kb.list.label }).getByRole('link', { name: TITLE }).click();
    await page.getByRole('region', { name: kb.editor.preview }).getByRole('heading', { name: 'Pasos' }).waitFor();
    await expect.poll(() => sideways(page)).toBe(0);
    await screenshot(page, 'kb-editor-phone');
    expect(agent.pageErrors).toEqual([]);
  });
});

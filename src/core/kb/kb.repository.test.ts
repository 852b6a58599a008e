import { expect, it } from 'vitest';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { newId } from '../shared/ids.ts';
import { type KbArticle, kbRepository } from './kb.repository.ts';
import { kbSearchRepository } from './kb-search.repository.ts';

const at = '2026-12-07T12:00:00.000Z';

function article(fields: Partial<KbArticle> & Pick<KbArticle, 'title' | 'slug'>): KbArticle {
  return {
    id: newId(),
    categoryId: null,
    body: '',
    language: 'es',
    translationOf: null,
    visibility: 'public',
    position: 0,
    tags: [],
    authorId: null,
    updatedBy: null,
    revision: 1,
    helpfulYes: 0,
    helpfulNo: 0,
    createdAt: at,
    updatedAt: at,
    ...fields,
  };
}

forEachDialect('knowledge-base tables', (ctx) => {
  it('keeps articles in their category order with tags, revisions and feedback counts', async () => {
    const { db } = ctx.database;
    const kb = kbRepository(db);
    const category = {
      id: newId(),
      parentId: null,
      name: 'Pagos',
      slug: 'pagos',
      description: '',
      position: 1,
      createdAt: at,
      updatedAt: at,
    };
    await kb.insertCategory(category);
    const second = article({ title: 'Segundo', slug: 'segundo', categoryId: category.id, position: 2 });
    const first = article({
      title: 'Primero',
      slug: 'primero',
      categoryId: category.id,
      position: 1,
      tags: ['b', 'a'],
    });
    const hidden = article({
      title: 'Interno',
      slug: 'interno',
      categoryId: category.id,
      position: 0,
      visibility: 'internal',
    });
    for (const a of [second, first, hidden]) await kb.insertArticle(a);

    const publicOnly = await kb.articles({ categoryId: category.id, visibilities: ['public'], limit: 10 });
    expect(publicOnly.map((a) => a.slug)).toEqual(['primero', 'segundo']);
    expect(publicOnly[0]?.tags).toEqual(['a', 'b']);
    expect((await kb.categoryOutline(category.id, ['public', 'internal'])).map((a) => a.slug)).toEqual([
      'interno',
      'primero',
      'segundo',
    ]);

    await kb.insertRevision({
      id: newId(),
      articleId: first.id,
      number: 1,
      title: first.title,
      slug: first.slug,
      body: first.body,
      categoryId: first.categoryId,
      visibility: first.visibility,
      language: first.language,
      tags: first.tags,
      authorId: null,
      restoredFrom: null,
      createdAt: at,
    });
    expect((await kb.findRevision(first.id, 1))?.tags).toEqual(['b', 'a']);
    await kb.countFeedback(first.id, true);
    await kb.countFeedback(first.id, false);
    await kb.countFeedback(first.id, true);
    const read = await kb.findArticleBySlug('primero');
    expect([read?.helpfulYes, read?.helpfulNo]).toEqual([2, 1]);
    expect(await kb.categoryUse(category.id)).toEqual({ children: 0, articles: 3 });
  });

  it('finds "factura" without the accent in "Facturación" and never returns an internal article to the public', async () => {
    const { db } = ctx.database;
    const kb = kbRepository(db);
    const search = kbSearchRepository(db);
    const billing = article({
      title: 'Facturación electrónica',
      slug: 'facturacion',
      body: 'Cómo emitir una factura.',
    });
    const secret = article({ title: 'Facturas internas', slug: 'facturas-internas', visibility: 'internal' });
    for (const a of [billing, secret]) {
      await kb.insertArticle(a);
      await search.index(a);
    }
    expect(await search.search('factura', ['public'], 10)).toEqual([billing.id]);
    expect(new Set(await search.search('factura', ['public', 'internal'], 10))).toEqual(
      new Set([billing.id, secret.id]),
    );
    expect(await search.search('electro', ['public'], 10)).toEqual([billing.id]);
    await search.remove(billing.id);
    expect(await search.search('factura', ['public'], 10)).toEqual([]);
  });
});

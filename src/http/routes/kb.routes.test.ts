import { afterEach, beforeEach, expect, it } from 'vitest';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { createTestApp, type PortalSession, type Session, type TestApp, unique } from '../../testing/test-app.ts';

type Article = { id: string; slug: string; title: string; revision: number };

forEachDialect('knowledge base and help centre (issue 19)', (ctx) => {
  let t: TestApp;
  let agent: Session;
  beforeEach(async () => {
    t = await createTestApp(ctx);
    agent = await t.signedIn('agent');
  });
  afterEach(() => t.close());

  const anonymous = (method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) =>
    t.app.inject({ method, url, payload });

  async function category(name: string, extra: Record<string, unknown> = {}) {
    const created = await t.as(agent, 'POST', '/api/v1/kb/categories', { name, slug: unique('cat'), ...extra });
    expect(created.statusCode, created.body).toBe(201);
    return created.json() as { id: string; slug: string };
  }

  async function article(fields: Record<string, unknown>): Promise<Article> {
    const created = await t.as(agent, 'POST', '/api/v1/kb/articles', { body: '', visibility: 'public', ...fields });
    expect(created.statusCode, created.body).toBe(201);
    return created.json() as Article;
  }

  async function customer(): Promise<PortalSession> {
    const contact = await t.createPortalContact();
    return t.portalLogin(contact.emails[0]?.email ?? '');
  }

  it('internal articles never reach the help centre, the portal or a customer, whatever the URL or search', async () => {
    const billing = await category('Facturación');
    const secretOnly = await category('Protocolos internos');
    const open = await article({ title: 'Cómo emitir una factura', slug: 'emitir-factura', categoryId: billing.id });
    const hidden = await article({
      title: 'Factura: descuentos secretos',
      slug: 'descuentos-secretos',
      categoryId: billing.id,
      visibility: 'internal',
      body: 'Solo para agentes: factura con descuento.',
    });
    await article({
      title: 'Protocolo de pago',
      slug: 'protocolo-pago',
      categoryId: secretOnly.id,
      visibility: 'internal',
    });

    const tree = await anonymous('GET', '/api/v1/help/categories');
    expect(tree.statusCode, tree.body).toBe(200);
    expect(tree.body).not.toContain('descuentos-secretos');
    expect(tree.body).not.toContain('Protocolos internos');
    expect(tree.json().categories).toEqual([
      expect.objectContaining({
        slug: billing.slug,
        articles: [{ id: open.id, slug: 'emitir-factura', title: open.title }],
      }),
    ]);

    const searched = await anonymous('GET', '/api/v1/help/articles?q=factura');
    expect(searched.json().items.map((a: Article) => a.slug)).toEqual(['emitir-factura']);
    const listed = await anonymous('GET', `/api/v1/help/articles?category=${billing.slug}`);
    expect(listed.json().items.map((a: Article) => a.slug)).toEqual(['emitir-factura']);
    expect((await anonymous('GET', `/api/v1/help/articles?category=${secretOnly.slug}`)).json().items).toEqual([]);
    for (const url of ['/api/v1/help/articles/descuentos-secretos', `/api/v1/help/articles/${hidden.id}`]) {
      const read = await anonymous('GET', url);
      expect(read.statusCode).toBe(404);
      expect(read.json().error.code).toBe('KB_ARTICLE_NOT_FOUND');
    }
    expect(
      (await anonymous('POST', '/api/v1/help/articles/descuentos-secretos/feedback', { helpful: true })).statusCode,
    ).toBe(404);

    // The agents' API answers neither a visitor nor a signed-in customer.
    expect((await anonymous('GET', '/api/v1/kb/articles')).statusCode).toBe(401);
    expect((await anonymous('GET', `/api/v1/kb/articles/${hidden.id}`)).statusCode).toBe(401);
    const session = await customer();
    for (const url of ['/api/v1/kb/articles', `/api/v1/kb/articles/${hidden.id}`, '/api/v1/kb/articles?q=factura']) {
      expect((await t.as(session, 'GET', url)).statusCode).toBe(403);
    }
    const suggested = await t.as(session, 'GET', '/api/v1/portal/kb/suggestions?subject=descuentos%20factura');
    expect(suggested.statusCode, suggested.body).toBe(200);
    expect(suggested.body).not.toContain(hidden.id);
    const opened = await t.as(session, 'POST', '/api/v1/portal/kb/suggestions/opened', {
      articleId: hidden.id,
      subject: 'descuentos',
    });
    expect(opened.statusCode).toBe(404);

    // Agents see both.
    const staff = await t.as(agent, 'GET', '/api/v1/kb/articles?q=factura');
    expect(new Set(staff.json().items.map((a: Article) => a.slug))).toEqual(
      new Set(['emitir-factura', 'descuentos-secretos']),
    );
  });

  it('search ignores accents and finds word forms: "factura" finds "Facturación" and "facturas"', async () => {
    await article({ title: 'Facturación electrónica', slug: 'facturacion-electronica' });
    await article({ title: 'Anular facturas', slug: 'anular-facturas' });
    await article({ title: 'Impresoras', slug: 'impresoras' });
    const found = await anonymous('GET', '/api/v1/help/articles?q=factura');
    expect(new Set(found.json().items.map((a: Article) => a.slug))).toEqual(
      new Set(['facturacion-electronica', 'anular-facturas']),
    );
    const accented = await anonymous('GET', '/api/v1/help/articles?q=FACTURACIÓN');
    expect(accented.json().items.map((a: Article) => a.slug)).toContain('facturacion-electronica');
  });

  it("previous and next follow the category's order (position), skipping internal articles", async () => {
    const payments = await category('Pagos');
    const third = await article({ title: 'Tercero', slug: 'tercero', categoryId: payments.id, position: 30 });
    const first = await article({ title: 'Primero', slug: 'primero', categoryId: payments.id, position: 10 });
    await article({ title: 'Interno', slug: 'interno', categoryId: payments.id, position: 15, visibility: 'internal' });
    await article({ title: 'Segundo', slug: 'segundo', categoryId: payments.id, position: 20 });
    const read = async (slug: string) => (await anonymous('GET', `/api/v1/help/articles/${slug}`)).json();
    expect(await read('primero')).toMatchObject({ previous: null, next: { slug: 'segundo', title: 'Segundo' } });
    expect(await read('segundo')).toMatchObject({ previous: { slug: 'primero' }, next: { slug: 'tercero' } });
    expect(await read('tercero')).toMatchObject({ previous: { slug: 'segundo' }, next: null });
    // Moving an article moves it in the order.
    await t.as(agent, 'PATCH', `/api/v1/kb/articles/${first.id}`, { position: 40 });
    expect(await read('tercero')).toMatchObject({ previous: { slug: 'segundo' }, next: { slug: 'primero' } });
    expect(third.id).toBeTruthy();
  });

  it('every change is a revision with its diff, and restoring one brings its content back as a new revision', async () => {
    const created = await article({ title: 'Pagos por SINPE', slug: 'pagos-sinpe', body: 'Paso 1\nPaso 2' });
    const changed = await t.as(agent, 'PATCH', `/api/v1/kb/articles/${created.id}`, {
      title: 'Pagos por SINPE Móvil',
      body: 'Paso 1\nPaso 2 corregido\nPaso 3',
      tags: ['pagos'],
    });
    expect(changed.json()).toMatchObject({ revision: 2, tags: ['pagos'] });

    const revisions = await t.as(agent, 'GET', `/api/v1/kb/articles/${created.id}/revisions`);
    expect(revisions.json().items.map((r: { number: number }) => r.number)).toEqual([2, 1]);
    const second = await t.as(agent, 'GET', `/api/v1/kb/articles/${created.id}/revisions/2`);
    expect(second.json().diff).toEqual([
      { op: 'same', text: 'Paso 1' },
      { op: 'removed', text: 'Paso 2' },
      { op: 'added', text: 'Paso 2 corregido' },
      { op: 'added', text: 'Paso 3' },
    ]);

    const restored = await t.as(agent, 'POST', `/api/v1/kb/articles/${created.id}/revisions/1/restore`);
    expect(restored.statusCode, restored.body).toBe(200);
    expect(restored.json()).toMatchObject({ title: 'Pagos por SINPE', body: 'Paso 1\nPaso 2', tags: [], revision: 3 });
    const after = await t.as(agent, 'GET', `/api/v1/kb/articles/${created.id}/revisions`);
    expect(after.json().items[0]).toMatchObject({ number: 3, restoredFrom: 1, title: 'Pagos por SINPE' });
    expect((await anonymous('GET', '/api/v1/help/articles/pagos-sinpe')).json().title).toBe('Pagos por SINPE');
    expect((await t.as(agent, 'POST', `/api/v1/kb/articles/${created.id}/revisions/9/restore`)).statusCode).toBe(404);
  });

  it('a slug already used is refused with a message naming it, and nothing is stored', async () => {
    const first = await article({ title: 'Cambio de contraseña', slug: 'cambio-contrasena' });
    const clash = await t.as(agent, 'POST', '/api/v1/kb/articles', {
      title: 'Otro',
      slug: 'cambio-contrasena',
      body: '',
    });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error).toMatchObject({ code: 'KB_SLUG_TAKEN', details: { slug: 'cambio-contrasena' } });
    expect(clash.json().error.message).toContain('cambio-contrasena');
    const other = await article({ title: 'Otro artículo', slug: 'otro' });
    const renamed = await t.as(agent, 'PATCH', `/api/v1/kb/articles/${other.id}`, { slug: 'cambio-contrasena' });
    expect(renamed.statusCode).toBe(409);
    expect((await t.as(agent, 'GET', `/api/v1/kb/articles/${other.id}`)).json()).toMatchObject({
      slug: 'otro',
      revision: 1,
    });
    // A title without a slug gets one from its words.
    expect(await article({ title: 'Módulo de Inventario' })).toMatchObject({ slug: 'modulo-de-inventario' });
    const bad = await t.as(agent, 'POST', '/api/v1/kb/articles', { title: 'x', slug: 'Con Espacios', body: '' });
    expect(bad.statusCode).toBe(400);
    expect(first.id).toBeTruthy();
  });

  it('Markdown with raw HTML or script is rendered harmless', async () => {
    await article({
      title: 'Formato',
      slug: 'formato',
      body: [
        '# Título',
        '**negrita** y [sitio](https://wolk.example)',
        '<script>alert(1)</script>',
        '<img src=x onerror="alert(2)">',
        '[clic](javascript:alert(3)) ![img](data:image/png;base64,AAAA)',
      ].join('\n\n'),
    });
    const { html } = (await anonymous('GET', '/api/v1/help/articles/formato')).json() as { html: string };
    expect(html).toContain('<h1>Título</h1>');
    expect(html).toContain('<strong>negrita</strong>');
    expect(html).toContain('href="https://wolk.example"');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/<script|<img[^>]*onerror|href="javascript:|src="data:/i);
  });

  it('categories nest one level, and one in use is not deleted', async () => {
    const top = await category('Contabilidad');
    const child = await category('Asientos', { parentId: top.id });
    const deeper = await t.as(agent, 'POST', '/api/v1/kb/categories', { name: 'Más hondo', parentId: child.id });
    expect(deeper.statusCode).toBe(422);
    expect(deeper.json().error.code).toBe('KB_CATEGORY_TOO_DEEP');
    expect((await t.as(agent, 'DELETE', `/api/v1/kb/categories/${top.id}`)).statusCode).toBe(409);
    expect((await t.as(agent, 'DELETE', `/api/v1/kb/categories/${child.id}`)).statusCode).toBe(204);
    expect((await t.as(agent, 'DELETE', `/api/v1/kb/categories/${top.id}`)).statusCode).toBe(204);
  });

  it('"¿Le fue útil?" counts yes and no; a translation links the two languages', async () => {
    const es = await article({ title: 'Respaldo de datos', slug: 'respaldo' });
    await article({ title: 'Data backup', slug: 'backup', language: 'en', translationOf: es.id });
    await anonymous('POST', '/api/v1/help/articles/respaldo/feedback', { helpful: true });
    const counted = await anonymous('POST', '/api/v1/help/articles/respaldo/feedback', { helpful: false });
    expect(counted.json()).toEqual({ helpfulYes: 1, helpfulNo: 1 });
    const read = (await anonymous('GET', '/api/v1/help/articles/respaldo')).json();
    expect(read.translations).toEqual([{ slug: 'backup', title: 'Data backup', language: 'en' }]);
    const sameLanguage = await t.as(agent, 'POST', '/api/v1/kb/articles', {
      title: 'Copia',
      body: '',
      translationOf: es.id,
    });
    expect(sameLanguage.json().error.code).toBe('KB_TRANSLATION_INVALID');
  });

  it('deflection: a customer who opens a suggestion and creates no ticket within the hour is a ticket avoided', async () => {
    await article({ title: 'No imprime la factura', slug: 'no-imprime', body: 'Revise la impresora.' });
    const target = (await anonymous('GET', '/api/v1/help/articles/no-imprime')).json() as { id: string };
    const leaves = await customer();
    const stays = await customer();
    const suggestions = await t.as(leaves, 'GET', '/api/v1/portal/kb/suggestions?subject=no%20imprime%20factu');
    expect(suggestions.json().items.map((a: Article) => a.slug)).toEqual(['no-imprime']);
    for (const session of [leaves, stays]) {
      const opened = await t.as(session, 'POST', '/api/v1/portal/kb/suggestions/opened', {
        articleId: target.id,
        subject: 'No imprime',
      });
      expect(opened.statusCode, opened.body).toBe(204);
    }
    // Opening a second suggestion in the same visit is still one visit.
    await t.as(leaves, 'POST', '/api/v1/portal/kb/suggestions/opened', { articleId: target.id, subject: 'No imprime' });
    const ticket = await t.as(stays, 'POST', '/api/v1/portal/tickets', {
      subject: 'No imprime',
      description: 'Sigue igual',
    });
    expect(ticket.statusCode, ticket.body).toBe(201);
    const stats = async () => (await t.as(agent, 'GET', '/api/v1/kb/deflection')).json();
    expect(await stats()).toEqual({ suggestionsOpened: 2, ticketsAvoided: 0, ticketsCreated: 1, pending: 1 });
    t.clock.advance(61 * 60 * 1000);
    expect(await stats()).toEqual({ suggestionsOpened: 2, ticketsAvoided: 1, ticketsCreated: 1, pending: 0 });
  });
});

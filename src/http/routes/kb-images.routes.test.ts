import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { type FormPart, multipartBody } from '../../testing/multipart.ts';
import { createTestApp, type Session, type TestApp, unique } from '../../testing/test-app.ts';

// The smallest valid PNG (1×1) and a GIF header: real image signatures.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const LIMIT_BYTES = 4096;

forEachDialect('article images and the editor’s helpers (issue 19)', (ctx) => {
  let t: TestApp;
  let agent: Session;
  let dataDir: string;
  beforeEach(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'tiquete-kb-images-'));
    t = await createTestApp(ctx, { DATA_DIR: dataDir, ATTACHMENT_LIMIT_BYTES: String(LIMIT_BYTES) });
    agent = await t.signedIn('agent');
  });
  afterEach(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function article(visibility: 'public' | 'internal', body = 'Paso 1') {
    const created = await t.as(agent, 'POST', '/api/v1/kb/articles', {
      title: `Artículo ${unique('a')}`,
      slug: unique('articulo'),
      body,
      visibility,
    });
    expect(created.statusCode, created.body).toBe(201);
    return created.json() as { id: string; slug: string };
  }

  function upload(session: Pick<Session, 'cookie' | 'csrfToken'> | null, articleId: string, parts: FormPart[]) {
    const { payload, contentType } = multipartBody(parts);
    return t.app.inject({
      method: 'POST',
      url: `/api/v1/kb/articles/${articleId}/attachments`,
      payload,
      headers: {
        'content-type': contentType,
        ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrfToken } : {}),
      },
    });
  }

  const image = (data: Buffer = PNG, filename = 'Pantalla de factura.png', contentType = 'image/png'): FormPart => ({
    name: 'file',
    filename,
    contentType,
    data,
  });

  async function customer() {
    const contact = await t.createPortalContact();
    return t.portalLogin(contact.emails[0]?.email ?? '');
  }

  it('an agent uploads an image and gets the Markdown to insert; a public article’s image is served to a visitor', async () => {
    const open = await article('public');
    const uploaded = await upload(agent, open.id, [image()]);
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const info = uploaded.json() as { id: string; url: string; markdown: string; contentType: string; size: number };
    expect(info.url).toBe(`/api/v1/kb/attachments/${info.id}`);
    expect(info.markdown).toBe(`![Pantalla de factura](${info.url})`);
    expect(info).toMatchObject({ contentType: 'image/png', size: PNG.length });

    const served = await t.app.inject({ method: 'GET', url: info.url });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.headers['x-content-type-options']).toBe('nosniff');
    expect(served.rawPayload.equals(PNG)).toBe(true);

    // The help centre renders the image where the Markdown says.
    await t.as(agent, 'PATCH', `/api/v1/kb/articles/${open.id}`, { body: `Así se ve:\n\n${info.markdown}` });
    const page = await t.app.inject({ method: 'GET', url: `/api/v1/help/articles/${open.slug}` });
    expect(page.json().html).toContain(`<img src="${info.url}" alt="Pantalla de factura">`);
  });

  it('an internal article’s image is refused to an anonymous visitor and to a portal contact, and served to agents', async () => {
    const secret = await article('internal');
    const info = (await upload(agent, secret.id, [image()])).json() as { url: string };
    const visitor = await t.app.inject({ method: 'GET', url: info.url });
    expect(visitor.statusCode).toBe(404);
    expect(visitor.json().error.code).toBe('ATTACHMENT_NOT_FOUND');
    const contact = await customer();
    const asContact = await t.as(contact, 'GET', info.url);
    expect(asContact.statusCode).toBe(404);
    expect(asContact.rawPayload.includes(PNG)).toBe(false);
    const asAgent = await t.as(await t.signedIn('agent'), 'GET', info.url);
    expect(asAgent.statusCode).toBe(200);
    expect(asAgent.headers['cache-control']).toBe('private, no-cache');

    // An article made internal later takes its images with it.
    const once = await article('public');
    const onceInfo = (await upload(agent, once.id, [image()])).json() as { url: string };
    expect((await t.app.inject({ method: 'GET', url: onceInfo.url })).statusCode).toBe(200);
    await t.as(agent, 'PATCH', `/api/v1/kb/articles/${once.id}`, { visibility: 'internal' });
    expect((await t.app.inject({ method: 'GET', url: onceInfo.url })).statusCode).toBe(404);
  });

  it('only agents upload, only images, within the attachment limit, to an article that exists', async () => {
    const open = await article('public');
    expect((await upload(null, open.id, [image()])).statusCode).toBe(401);
    const contact = await customer();
    expect((await upload(contact, open.id, [image()])).statusCode).toBe(403);

    // An HTML page sent with an image's name and type: the bytes say otherwise.
    const page = await upload(agent, open.id, [image(Buffer.from('<script>alert(1)</script>'), 'x.png')]);
    expect(page.statusCode, page.body).toBe(415);
    expect(page.json().error.code).toBe('KB_IMAGE_UNSUPPORTED');
    const svg = await upload(agent, open.id, [
      image(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'logo.svg', 'image/svg+xml'),
    ]);
    expect(svg.statusCode).toBe(415);

    const big = Buffer.concat([PNG, Buffer.alloc(LIMIT_BYTES)]);
    const tooBig = await upload(agent, open.id, [image(big)]);
    expect(tooBig.statusCode, tooBig.body).toBe(413);
    expect(tooBig.json().error.code).toBe('ATTACHMENT_TOO_LARGE');

    expect((await upload(agent, open.id, [])).statusCode).toBe(400);
    const missing = await upload(agent, 'no-such-article', [image()]);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('KB_ARTICLE_NOT_FOUND');
    const json = await t.as(agent, 'POST', `/api/v1/kb/articles/${open.id}/attachments`, { file: 'x' });
    expect(json.statusCode).toBe(415);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/kb/attachments/nothing' })).statusCode).toBe(404);
  });

  it('the preview renders like readers see it: raw HTML and script stay text', async () => {
    const preview = await t.as(agent, 'POST', '/api/v1/kb/preview', {
      body: '## Pasos\n\n<script>alert(1)</script> [x](javascript:alert(1)) **listo**',
    });
    expect(preview.statusCode, preview.body).toBe(200);
    const html = preview.json().html as string;
    expect(html).toContain('<h2>Pasos</h2>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('href="javascript');
    expect(html).toContain('<strong>listo</strong>');
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/kb/preview', payload: { body: 'x' } })).statusCode).toBe(
      401,
    );
    const contact = await customer();
    expect((await t.as(contact, 'POST', '/api/v1/kb/preview', { body: 'x' })).statusCode).toBe(403);
  });

  it('a revision reads against the current text, and an article gives its plain text for a reply', async () => {
    const doc = await article('internal', 'Abra **Facturación**.\nElija el cliente.');
    await t.as(agent, 'PATCH', `/api/v1/kb/articles/${doc.id}`, {
      body: 'Abra **Facturación**.\nElija el cliente y el plan.',
    });
    await t.as(agent, 'PATCH', `/api/v1/kb/articles/${doc.id}`, {
      body: 'Abra **Facturación**.\nElija el cliente y el plan.\nGuarde.',
    });
    const first = await t.as(agent, 'GET', `/api/v1/kb/articles/${doc.id}/revisions/1?against=current`);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().diff).toEqual([
      { op: 'same', text: 'Abra **Facturación**.' },
      { op: 'removed', text: 'Elija el cliente.' },
      { op: 'added', text: 'Elija el cliente y el plan.' },
      { op: 'added', text: 'Guarde.' },
    ]);
    // Without `against`, a revision still shows what it changed from the one before.
    const second = await t.as(agent, 'GET', `/api/v1/kb/articles/${doc.id}/revisions/3`);
    expect(second.json().diff.filter((l: { op: string }) => l.op !== 'same')).toEqual([
      { op: 'added', text: 'Guarde.' },
    ]);
    expect((await t.as(agent, 'GET', `/api/v1/kb/articles/${doc.id}/revisions/1?against=nada`)).statusCode).toBe(400);

    const read = await t.as(agent, 'GET', `/api/v1/kb/articles/${doc.id}`);
    expect(read.json().text).toBe('Abra Facturación.\nElija el cliente y el plan.\nGuarde.');
  });
});

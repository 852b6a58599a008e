import { afterEach, expect, it } from 'vitest';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

forEachDialect('every list takes ?limit= and ?cursor=', (ctx) => {
  let t: TestApp;
  afterEach(async () => t?.close());

  it('pages macros, tokens, reminders and the agenda like the other lists', async () => {
    t = await createTestApp(ctx);
    const admin = await t.signedIn('admin');
    for (const name of ['Saludo', 'Cierre', 'Seguimiento']) {
      expect((await t.as(admin, 'POST', '/api/v1/macros', { name, body: `Texto de ${name}` })).statusCode).toBe(201);
    }
    for (const name of ['uno', 'dos']) {
      expect((await t.as(admin, 'POST', '/api/v1/auth/tokens', { name })).statusCode).toBe(201);
    }

    for (const url of ['/api/v1/macros', '/api/v1/auth/tokens']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `?limit=1&cursor=${cursor}` : '?limit=1';
        const response = await t.as(admin, 'GET', `${url}${query}`);
        expect(response.statusCode, url).toBe(200);
        const page = response.json() as { items: { id: string }[]; nextCursor: string | null };
        expect(page.items.length).toBeLessThanOrEqual(1);
        seen.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor;
      } while (cursor);
      const all = (await t.as(admin, 'GET', url)).json() as { items: { id: string }[] };
      expect(seen, url).toEqual(all.items.map((item) => item.id));
      expect(seen.length, url).toBeGreaterThanOrEqual(2);
    }

    for (const url of ['/api/v1/reminders?limit=5', '/api/v1/agenda?limit=5']) {
      const response = await t.as(admin, 'GET', url);
      expect(response.statusCode, url).toBe(200);
      expect(response.json()).toMatchObject({ items: [], nextCursor: null });
    }
    expect((await t.as(admin, 'GET', '/api/v1/macros?limit=0')).statusCode).toBe(400);
  });
});

import { afterEach, beforeEach, expect, it } from 'vitest';
import { DEFAULT_VIEW_COLUMNS } from '../../core/views/view-layout.ts';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app.ts';

forEachDialect('view columns and density, chosen per agent', (ctx) => {
  let t: TestApp;
  let ana: Session;
  let luis: Session;
  let allOpen: string;

  beforeEach(async () => {
    t = await createTestApp(ctx);
    ana = await t.signedIn('agent');
    luis = await t.signedIn('agent');
    const views = (await t.as(ana, 'GET', '/api/v1/views')).json().items as { id: string; key: string | null }[];
    allOpen = views.find((v) => v.key === 'all_open')?.id ?? '';
  });
  afterEach(() => t.close());

  it('shows the default columns until the agent chooses', async () => {
    const layout = (await t.as(ana, 'GET', `/api/v1/views/${allOpen}/layout`)).json();
    expect(layout).toEqual({ columns: [...DEFAULT_VIEW_COLUMNS], density: 'comfortable', custom: false });
  });

  it('keeps the columns, their order and the density an agent chose, for that agent only', async () => {
    const chosen = { columns: ['subject', 'priority', 'number', 'category', 'due'], density: 'compact' };
    const saved = await t.as(ana, 'PUT', `/api/v1/views/${allOpen}/layout`, chosen);
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toEqual({ ...chosen, custom: true });

    expect((await t.as(ana, 'GET', `/api/v1/views/${allOpen}/layout`)).json()).toEqual({ ...chosen, custom: true });
    // A colleague on the same shared view still sees the defaults.
    expect((await t.as(luis, 'GET', `/api/v1/views/${allOpen}/layout`)).json().custom).toBe(false);

    // Choosing again replaces the choice; resetting brings the defaults back.
    const again = { columns: ['number', 'subject'], density: 'comfortable' };
    await t.as(ana, 'PUT', `/api/v1/views/${allOpen}/layout`, again);
    expect((await t.as(ana, 'GET', `/api/v1/views/${allOpen}/layout`)).json().columns).toEqual(again.columns);
    const reset = await t.as(ana, 'DELETE', `/api/v1/views/${allOpen}/layout`);
    expect(reset.json().custom).toBe(false);
    expect((await t.as(ana, 'GET', `/api/v1/views/${allOpen}/layout`)).json().columns).toEqual([
      ...DEFAULT_VIEW_COLUMNS,
    ]);
  });

  it('refuses a choice without the subject, with a repeated or unknown column, or an unknown density', async () => {
    const put = (body: unknown) => t.as(ana, 'PUT', `/api/v1/views/${allOpen}/layout`, body);
    const withoutSubject = await put({ columns: ['number', 'status'], density: 'compact' });
    expect(withoutSubject.statusCode).toBe(422);
    expect(withoutSubject.json().error.code).toBe('VIEW_COLUMNS_INVALID');
    expect(withoutSubject.json().error.details.problems).toEqual(['subject']);

    const repeated = await put({ columns: ['subject', 'status', 'status'], density: 'compact' });
    expect(repeated.statusCode).toBe(422);
    expect(repeated.json().error.details.problems).toEqual(['status']);

    expect((await put({ columns: ['subject', 'salary'], density: 'compact' })).statusCode).toBe(400);
    expect((await put({ columns: ['subject'], density: 'tiny' })).statusCode).toBe(400);
    expect((await put({ columns: [], density: 'compact' })).statusCode).toBe(400);
    // Nothing refused was stored.
    expect((await t.as(ana, 'GET', `/api/v1/views/${allOpen}/layout`)).json().custom).toBe(false);
  });

  it("hides another agent's personal view: its layout is not found", async () => {
    const personal = (await t.as(luis, 'POST', '/api/v1/views', { name: 'Mis urgentes', query: {} })).json();
    expect((await t.as(luis, 'GET', `/api/v1/views/${personal.id}/layout`)).statusCode).toBe(200);
    const stranger = await t.as(ana, 'PUT', `/api/v1/views/${personal.id}/layout`, {
      columns: ['subject'],
      density: 'compact',
    });
    expect(stranger.statusCode).toBe(404);
    expect((await t.as(ana, 'GET', '/api/v1/views/no-such-view/layout')).statusCode).toBe(404);
  });

  it('forgets the choice when its view is deleted', async () => {
    const personal = (await t.as(ana, 'POST', '/api/v1/views', { name: 'Mías', query: {} })).json();
    await t.as(ana, 'PUT', `/api/v1/views/${personal.id}/layout`, { columns: ['subject'], density: 'compact' });
    expect((await t.as(ana, 'DELETE', `/api/v1/views/${personal.id}`)).statusCode).toBe(204);
    expect((await t.as(ana, 'GET', `/api/v1/views/${personal.id}/layout`)).statusCode).toBe(404);
  });
});

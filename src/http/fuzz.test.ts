import fc from 'fast-check';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { forEachDialect } from '../testing/for-each-dialect.ts';
import { createTestApp, SYSTEM_ACTOR, type TestApp, unique } from '../testing/test-app.ts';
import { createTicketFixture } from '../testing/ticket-fixtures.ts';

/** Cases per engine; `FUZZ_RUNS=5000` for a longer hunt. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

interface Target {
  method: string;
  url: string;
  bodyKeys: string[];
  queryKeys: string[];
}

function propertyNames(schema: unknown): string[] {
  const properties = (schema as { properties?: Record<string, unknown> } | undefined)?.properties;
  return properties ? Object.keys(properties) : [];
}

/** Text that breaks things: NUL and other controls, lone surrogates, SQL and JSON fragments, huge numbers. */
const nastyText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('a\u0000b', '\u0000', "' or 1=1 --", '%00', '\ud800', 'AAAA', '____', '-1', '1e400', ' ', ''),
  fc.stringMatching(/^[A-Za-z0-9_-]{0,12}$/),
);

forEachDialect('fuzzing every route from the route table', (ctx) => {
  let t: TestApp;
  let token: string;
  let ids: string[];

  beforeEach(async () => {
    t = await createTestApp(ctx);
    const admin = await t.createAgent({ role: 'admin' });
    token = (
      await t.services.auth.createToken(
        { kind: 'agent', id: admin.id, role: 'admin', departmentIds: [], locale: 'es' },
        { name: 'fuzz' },
      )
    ).token;
    const department = await t.services.departments.create(SYSTEM_ACTOR, { name: unique('Soporte') });
    const ticket = await createTicketFixture(ctx.database.db, { departmentId: department.id });
    const other = await t.createAgent();
    ids = [ticket.id, ticket.number, ticket.contact.id, ticket.organizationId ?? 'x', department.id, other.id];
  });
  afterEach(() => t.close());

  it('answers every generated request without a 500 or an unhandled rejection', async () => {
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);

    const targets: Target[] = t.app.accessRules
      // Not the WebSocket, nor the console's files (the test app has none built: a deliberate 503).
      .filter((r) => r.method !== 'HEAD' && !r.url.includes('*') && r.url !== '/api/v1/live' && r.url !== '/')
      .map((r) => ({
        method: r.method,
        url: r.url,
        bodyKeys: propertyNames(r.schema?.body),
        queryKeys: [...propertyNames(r.schema?.querystring), 'cursor', 'limit'],
      }));
    const idOrText = fc.oneof(fc.constantFrom(...ids), nastyText);
    const value = fc.letrec((tie) => ({
      leaf: fc.oneof(
        nastyText,
        fc.constantFrom(...ids),
        fc.integer(),
        fc.double(),
        fc.boolean(),
        fc.constant(null),
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      ),
      node: fc.oneof(
        { depthSize: 'small' },
        tie('leaf'),
        fc.array(tie('node'), { maxLength: 3 }),
        fc.dictionary(nastyText, tie('node'), { maxKeys: 3 }),
      ),
    })).node;

    const request = fc.constantFrom(...targets).chain((target) =>
      fc.record({
        target: fc.constant(target),
        params: fc.array(idOrText, { minLength: 4, maxLength: 4 }),
        query: fc.dictionary(
          fc.oneof(fc.constantFrom(...target.queryKeys), nastyText),
          fc.oneof(nastyText, fc.constantFrom(...ids)),
          { maxKeys: 4 },
        ),
        body: fc.oneof(
          fc.dictionary(
            fc.oneof(fc.constantFrom(...(target.bodyKeys.length ? target.bodyKeys : ['x'])), nastyText),
            value,
            { maxKeys: 6 },
          ),
          value,
        ),
      }),
    );

    let tried = 0;
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request, async ({ target, params, query, body }) => {
        tried++;
        let n = 0;
        // A lone surrogate cannot be percent-encoded; a client could only send its replacement.
        const segment = (text: string) => encodeURIComponent(text.replace(/[\ud800-\udfff]/g, '\ufffd'));
        const path = target.url.replace(/:(\w+)/g, () => segment(params[n++ % params.length] ?? 'x'));
        const search = new URLSearchParams(Object.entries(query)).toString();
        const url = search ? `${path}?${search}` : path;
        const response = await t.app.inject({
          method: target.method as 'POST',
          url,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          ...(target.method === 'GET' || target.method === 'DELETE' ? {} : { payload: JSON.stringify(body) }),
        });
        statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
        expect(response.statusCode, `${target.method} ${url} ${JSON.stringify(body)}: ${response.body}`).toBeLessThan(
          500,
        );
      }),
      { numRuns: RUNS },
    );
    // A handler that rejected after answering would show up here, not as a status.
    await new Promise((resolve) => setImmediate(resolve));
    process.off('unhandledRejection', onRejection);
    const summary = [...statuses.entries()].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`);
    console.log(`fuzz [${ctx.dialect}]: ${tried} cases over ${targets.length} routes; statuses ${summary.join(' ')}`);
    expect(rejections).toEqual([]);
    expect(tried).toBe(RUNS);
  });
});

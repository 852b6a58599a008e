import { afterEach, expect, it } from 'vitest';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

type Problem = { field: string; problem: string };

function problems(response: { statusCode: number; json(): unknown }): { message: string; errors: Problem[] } {
  expect(response.statusCode).toBe(400);
  const { error } = response.json() as { error: { code: string; message: string; details: { errors: Problem[] } } };
  expect(error.code).toBe('VALIDATION_FAILED');
  return { message: error.message, errors: error.details.errors };
}

// Words of the validator's own English messages, which must never reach a Spanish answer.
const ENGLISH = /\b(must|have|required|properties|constant|schema|anyOf|string|integer|characters)\b/;

forEachDialect('validation messages', (ctx) => {
  let t: TestApp;
  afterEach(async () => t?.close());

  it('answers in Spanish, one problem per field, naming the field and what it must be', async () => {
    t = await createTestApp(ctx);
    const admin = await t.signedIn('admin');

    const missing = problems(await t.as(admin, 'POST', '/api/v1/agents', {}));
    expect(missing.errors).toEqual([
      { field: 'body.email', problem: 'Falta el campo obligatorio body.email' },
      { field: 'body.name', problem: 'Falta el campo obligatorio body.name' },
    ]);
    expect(missing.message).toBe('Falta el campo obligatorio body.email; Falta el campo obligatorio body.name');

    const wrong = problems(
      await t.as(admin, 'POST', '/api/v1/agents', {
        email: 5,
        name: 'Silvia Luna',
        role: 'jefa',
        initials: 'DEMASIADAS',
        color: 'azul',
      }),
    );
    expect(wrong.errors).toEqual(
      expect.arrayContaining([
        { field: 'body.color', problem: 'Campo desconocido: body.color' },
        { field: 'body.email', problem: 'body.email debe ser un texto' },
        { field: 'body.role', problem: 'body.role debe ser uno de estos valores: admin, supervisor, agent' },
        { field: 'body.initials', problem: 'body.initials debe tener como máximo 6 caracteres' },
      ]),
    );
    // A union is reported once, not once per member.
    expect(wrong.errors.filter((e) => e.field === 'body.role')).toHaveLength(1);
    for (const error of [...missing.errors, ...wrong.errors]) expect(error.problem).not.toMatch(ENGLISH);

    const query = problems(await t.as(admin, 'GET', '/api/v1/agents?limit=muchos'));
    expect(query.errors).toEqual([
      { field: 'querystring.limit', problem: 'querystring.limit debe ser un número entero' },
    ]);
    const tooMany = problems(await t.as(admin, 'GET', '/api/v1/agents?limit=5000'));
    expect(tooMany.errors).toEqual([
      { field: 'querystring.limit', problem: 'querystring.limit debe ser como máximo 200' },
    ]);
  });

  it('answers in English to an English client, with the same fields', async () => {
    t = await createTestApp(ctx);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'accept-language': 'en-US,en;q=0.9' },
      payload: { email: 'jefa@example.com' },
    });
    expect(problems(response).errors).toEqual([
      { field: 'body.password', problem: 'The field body.password is required' },
    ]);
  });
});

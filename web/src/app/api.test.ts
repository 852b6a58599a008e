import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, setCsrfToken } from './api.ts';

type Call = { url: string; init: RequestInit };

function stubFetch(respond: () => Response): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return respond();
  });
  return calls;
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

describe('api()', () => {
  it('sends same-origin JSON under /api/v1 and returns the parsed body', async () => {
    const calls = stubFetch(() => json(200, { ok: true }));
    await expect(api('/auth/session')).resolves.toEqual({ ok: true });
    expect(calls[0]?.url).toBe('/api/v1/auth/session');
    expect(calls[0]?.init.credentials).toBe('same-origin');
    expect(calls[0]?.init.method).toBe('GET');
  });

  it('sends the CSRF token on writes but not on reads', async () => {
    setCsrfToken('tok-123');
    const calls = stubFetch(() => json(200, {}));
    await api('/auth/me', { method: 'PATCH', body: { locale: 'en' } });
    await api('/auth/session');
    const write = calls[0]?.init.headers as Record<string, string>;
    const read = calls[1]?.init.headers as Record<string, string>;
    expect(write['X-CSRF-Token']).toBe('tok-123');
    expect(write['Content-Type']).toBe('application/json');
    expect(calls[0]?.init.body).toBe('{"locale":"en"}');
    expect(read['X-CSRF-Token']).toBeUndefined();
  });

  it('turns an { error } body into an ApiError with status, code, message and details', async () => {
    stubFetch(() => json(401, { error: { code: 'INVALID_CREDENTIALS', message: 'Nope', details: { a: 1 } } }));
    const error = await api('/auth/login', { method: 'POST', body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401, code: 'INVALID_CREDENTIALS', message: 'Nope', details: { a: 1 } });
  });

  it('reports a failure without an error body by its HTTP status', async () => {
    stubFetch(() => new Response('Bad gateway', { status: 502, statusText: 'Bad Gateway' }));
    await expect(api('/auth/session')).rejects.toMatchObject({ status: 502, code: 'HTTP_502' });
  });

  it('reports an unreachable server as NETWORK_ERROR', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(api('/auth/session')).rejects.toMatchObject({ status: 0, code: 'NETWORK_ERROR' });
  });

  it('resolves a 204 to undefined', async () => {
    stubFetch(() => new Response(null, { status: 204 }));
    await expect(api('/auth/logout', { method: 'POST' })).resolves.toBeUndefined();
  });
});

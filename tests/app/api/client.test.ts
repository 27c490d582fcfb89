// The API client: a refusal becomes an ApiError with the server's status, code and both messages; a
// 401 ends the session (but not on a login); answers are checked against their schemas.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ApiError, errorText, onUnauthorized, request, send } from '../../../src/app/api/client.ts';
import { conflictBody, session } from '../../../src/domain/wire.ts';

function answer(status: number, body: unknown, headers: Record<string, string> = {}) {
  return vi.fn(
    async () =>
      new Response(JSON.stringify(body), {
        status,
        headers: { 'Content-Type': 'application/json', ...headers },
      }),
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
  onUnauthorized(null);
});

describe('api client', () => {
  it('turns a refusal into an ApiError with both messages and Retry-After', async () => {
    vi.stubGlobal(
      'fetch',
      answer(
        429,
        { error: 'too-many-attempts', message: { zh: '请 30 秒后再试。', en: 'Try again in 30 seconds.' } },
        { 'Retry-After': '30' },
      ),
    );
    const error = await send('/api/login', { method: 'POST', body: {}, authRequest: true }).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 429, code: 'too-many-attempts', retryAfterSeconds: 30 });
    expect(errorText(error, 'zh')).toBe('请 30 秒后再试。');
    expect(errorText(error, 'en')).toBe('Try again in 30 seconds.');
  });

  it('sends JSON with same-origin credentials', async () => {
    const fetch = answer(200, { ok: true });
    vi.stubGlobal('fetch', fetch);
    await request(z.object({ ok: z.boolean() }), '/api/x', { method: 'PATCH', body: { a: 1 } });
    const [, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(init).toMatchObject({ method: 'PATCH', credentials: 'same-origin', body: '{"a":1}' });
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
  });

  it('a 401 calls the session-ended handler, except on a login', async () => {
    const ended = vi.fn();
    onUnauthorized(ended);
    vi.stubGlobal(
      'fetch',
      answer(401, { error: 'unauthorized', message: { zh: '请先登录。', en: 'Log in.' } }),
    );
    await expect(send('/api/login', { authRequest: true })).rejects.toBeInstanceOf(ApiError);
    expect(ended).not.toHaveBeenCalled();
    await expect(send('/api/layers/plots')).rejects.toMatchObject({ status: 401, code: 'unauthorized' });
    expect(ended).toHaveBeenCalledTimes(1);
  });

  it('a body that is not an API error still gives a message; an unreachable server too', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('<html>Bad gateway</html>', { status: 502 })),
    );
    const error = (await send('/api/me').catch((e) => e)) as ApiError;
    expect(error.code).toBe('http-502');
    expect(error.text('zh')).toContain('HTTP 502');
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    expect(await send('/api/me').catch((e) => e)).toMatchObject({ status: 0, code: 'network' });
  });

  it('refuses an answer that does not fit its schema', async () => {
    vi.stubGlobal('fetch', answer(200, { signedIn: true }));
    await expect(request(session, '/api/session')).rejects.toMatchObject({ code: 'unexpected-response' });
  });

  it('reads the current feature out of a 409', () => {
    const body = {
      error: 'version-conflict',
      message: { zh: '冲突', en: 'conflict' },
      current: {
        type: 'Feature',
        id: 'HS-1',
        properties: { id: 'HS-1', version: 3, status: 'completed' },
        geometry: null,
      },
    };
    const parsed = conflictBody.parse(body);
    expect(parsed.current.properties.version).toBe(3);
    expect(parsed.current.properties.status).toBe('completed');
  });
});

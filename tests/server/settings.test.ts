// GET /api/settings: what the administrator set on the server (TIANDITU_KEY) reaches signed-in browsers,
// and nobody else.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { settings } from '../../src/domain/wire.ts';
import { buildServer } from '../../src/server/app.ts';
import { userAdd } from '../../src/server/cli/user-add.ts';
import { tiandituKeyFromEnv } from '../../src/server/config.ts';
import { tempRoot } from './helpers.ts';

async function serverWith(tiandituKey: string | null) {
  const dataDir = join(tempRoot(), 'data');
  const quiet = { out: () => {}, err: () => {}, readStdin: async () => 'a long password', env: {} };
  expect(await userAdd(['wang', '--role', 'viewer', '--password-stdin', '--data-dir', dataDir], quiet)).toBe(
    0,
  );
  const server = await buildServer({ distDir: null, dataDir, geodataDir: null, tiandituKey });
  const login = await server.inject({
    method: 'POST',
    url: '/api/login',
    payload: { username: 'wang', password: 'a long password' },
  });
  const cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
  return { server, cookie };
}

describe('GET /api/settings', () => {
  it('gives a signed-in viewer the Tianditu key the server was started with', async () => {
    const { server, cookie } = await serverWith('0123abcd');
    try {
      const answer = await server.inject({ method: 'GET', url: '/api/settings', headers: { cookie } });
      expect(answer.statusCode).toBe(200);
      expect(settings.parse(answer.json())).toEqual({ tiandituKey: '0123abcd' });
    } finally {
      await server.close();
    }
  });

  it('says null when no key is set, and refuses anyone without a session (401, no key)', async () => {
    const { server, cookie } = await serverWith(null);
    try {
      const signedIn = await server.inject({ method: 'GET', url: '/api/settings', headers: { cookie } });
      expect(signedIn.json()).toEqual({ tiandituKey: null });
      const anonymous = await server.inject({ method: 'GET', url: '/api/settings' });
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.body).not.toContain('tiandituKey');
    } finally {
      await server.close();
    }
  });

  it('reads the key from TIANDITU_KEY, trimmed; blank is none', () => {
    expect(tiandituKeyFromEnv({ TIANDITU_KEY: ' k1 ' })).toBe('k1');
    expect(tiandituKeyFromEnv({ TIANDITU_KEY: '  ' })).toBeNull();
    expect(tiandituKeyFromEnv({})).toBeNull();
  });
});

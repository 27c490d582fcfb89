// The server's CLI commands: `atlas user add` and `atlas backup` (while a server has the file open).
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.ts';
import { backup } from '../../src/server/cli/backup.ts';
import type { ServerCliIo } from '../../src/server/cli/io.ts';
import { userAdd } from '../../src/server/cli/user-add.ts';
import { multipart, startServer, tempRoot, tinyPng } from './helpers.ts';

function io(stdin = ''): ServerCliIo & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    out: (l) => lines.push(l),
    err: (l) => lines.push(l),
    readStdin: async () => stdin,
    env: {},
  };
}

describe('atlas user add', () => {
  it('creates a user from stdin, refuses a password on the command line, a short one and a duplicate', async () => {
    const dataDir = join(tempRoot(), 'data');
    const dir = ['--data-dir', dataDir];
    expect(await userAdd(['ann', '--role', 'admin', ...dir], io('long password'))).toBe(2);
    expect(await userAdd(['ann', '--role', 'admin', '--password', 'x', ...dir], io())).toBe(2);
    expect(await userAdd(['ann', '--role', 'king', '--password-stdin', ...dir], io('long password'))).toBe(2);
    expect(await userAdd(['ann', '--role', 'admin', '--password-stdin', ...dir], io('short\n'))).toBe(1);
    expect(await userAdd(['ann', '--role', 'admin', '--password-stdin', ...dir], io('long password\n'))).toBe(
      0,
    );
    expect(
      await userAdd(['ann', '--role', 'viewer', '--password-stdin', ...dir], io('another password')),
    ).toBe(1);
    expect(
      await userAdd(
        ['ann', '--role', 'admin', '--password-stdin', '--update', ...dir],
        io('another password'),
      ),
    ).toBe(0);
    const server = await buildServer({ distDir: null, dataDir, geodataDir: null });
    try {
      expect(server.atlas.setupToken).toBeNull();
      const login = await server.inject({
        method: 'POST',
        url: '/api/login',
        payload: { username: 'ann', password: 'another password' },
      });
      expect(login.json().user).toEqual({ username: 'ann', role: 'admin' });
    } finally {
      await server.close();
    }
  });

  it('uses DATA_DIR from the environment', async () => {
    const dataDir = join(tempRoot(), 'data');
    const streams = { ...io('long password'), env: { DATA_DIR: dataDir } };
    expect(await userAdd(['bo', '--role', 'viewer', '--password-stdin'], streams)).toBe(0);
    expect(existsSync(join(dataDir, 'atlas.sqlite'))).toBe(true);
  });

  it('says which database it wrote and how many users it holds, and warns when it just made that database', async () => {
    const dataDir = join(tempRoot(), 'data');
    const file = join(dataDir, 'atlas.sqlite');
    const first = { ...io('long password'), env: { DATA_DIR: dataDir } };
    expect(await userAdd(['bo', '--role', 'viewer', '--password-stdin'], first)).toBe(0);
    expect(first.lines).toEqual([
      '已创建用户 bo（viewer）/ created user bo (viewer)',
      `数据库 / database: ${file}（共 1 个用户 / 1 user）`,
      '注意：此数据库刚刚新建。若服务器使用另一个 DATA_DIR，请用 --data-dir 指定它 / note: this database was just created; if the server runs with another DATA_DIR, name it with --data-dir',
    ]);
    const second = { ...io('another long password'), env: { DATA_DIR: dataDir } };
    expect(await userAdd(['cy', '--role', 'inspector', '--password-stdin'], second)).toBe(0);
    expect(second.lines).toEqual([
      '已创建用户 cy（inspector）/ created user cy (inspector)',
      `数据库 / database: ${file}（共 2 个用户 / 2 users）`,
    ]);
  });
});

describe('atlas backup', () => {
  it('with DATABASE_URL set it copies nothing and says to use pg_dump (exit 1)', async () => {
    const streams = { ...io(), env: { DATABASE_URL: 'postgres://atlas@db.example/atlas' } };
    const file = join(tempRoot(), 'copy.sqlite');
    expect(await backup([file], streams)).toBe(1);
    expect(streams.lines).toEqual([
      '数据在 PostgreSQL（DATABASE_URL）中：请用 pg_dump -Fc 备份，并复制 DATA_DIR/photos / the data are in PostgreSQL (DATABASE_URL): back them up with `pg_dump -Fc` and copy DATA_DIR/photos (src/server/README-storage.md)',
    ]);
    expect(existsSync(file)).toBe(false);
  });

  it('copies the database consistently while the server runs, and the photos', async () => {
    const app = await startServer({ users: { ann: 'admin' } });
    try {
      const cookie = await app.login('ann');
      const inspection = await app.server.inject({
        method: 'POST',
        url: '/api/inspections',
        headers: { cookie },
        payload: { plotId: 'HS-T-0001', date: '2026-06-01', findings: 'x', status: 'inspected' },
      });
      const body = multipart('photo', 'p.png', 'image/png', tinyPng());
      const photo = await app.server.inject({
        method: 'POST',
        url: `/api/inspections/${inspection.json().id}/photos`,
        headers: { cookie, ...body.headers },
        payload: body.payload,
      });
      const file = join(app.root, 'backups', 'atlas-2026-06-01.sqlite');
      const streams = io();
      expect(await backup([file, '--data-dir', app.dataDir], streams)).toBe(0);
      expect(streams.lines.join('\n')).toContain('6 features, 1 inspections, 1 photos');
      expect(await backup([file, '--data-dir', app.dataDir], io())).toBe(1); // never overwrites
      const copy = new Database(file, { readonly: true });
      expect(copy.prepare('SELECT count(*) AS n FROM features').get()).toEqual({ n: 6 });
      copy.close();
      expect(readdirSync(`${file}-photos`)).toEqual([`${photo.json().id}.png`]);

      // Restore = the copy as DATA_DIR/atlas.sqlite plus the photos directory.
      const restored = join(app.root, 'restored');
      const { cpSync } = await import('node:fs');
      cpSync(file, join(restored, 'atlas.sqlite'));
      cpSync(`${file}-photos`, join(restored, 'photos'), { recursive: true });
      const server = await buildServer({ distDir: null, dataDir: restored, geodataDir: null });
      try {
        const again = await server.inject({
          method: 'POST',
          url: '/api/login',
          payload: { username: 'ann', password: 'correct horse battery' },
        });
        const session = `atlas_session=${again.cookies[0]?.value}`;
        const served = await server.inject({
          method: 'GET',
          url: photo.json().url,
          headers: { cookie: session },
        });
        expect(served.rawPayload.equals(tinyPng())).toBe(true);
      } finally {
        await server.close();
      }
    } finally {
      await app.server.close();
    }
  });
});

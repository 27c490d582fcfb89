// `atlas user add` and `atlas backup` run for real against a temporary data directory: exit codes,
// messages, a backup that opens with better-sqlite3; and the database driver stays unloaded for the
// data commands. (That a user so made can log in is tested by tests/server/cli.test.ts.)
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { type AtlasResult, atlas, atlasBatch, atlasMany, STACK_TRACE } from './support/run.ts';

vi.setConfig({ testTimeout: 60_000 });

const PASSWORD = 'correct horse battery staple';

/** Node option that reports on stderr, at exit, whether better-sqlite3 was loaded. */
const PROBE = [
  '--import',
  `data:text/javascript,${encodeURIComponent(
    "import Module from 'node:module'; process.on('exit', () => { const n = Object.keys(Module._cache).filter((k) => k.includes('better-sqlite3')).length; process.stderr.write('probe: better-sqlite3 ' + (n > 0 ? 'loaded' : 'not loaded') + '\\n'); });",
  )}`,
];

describe('atlas user add and atlas backup', () => {
  it('creates a user (password from stdin, DATA_DIR), refuses a duplicate, updates, backs up', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'atlas-cli-')), 'data');
    const created = atlas(['user', 'add', 'ann', '--role', 'admin', '--password-stdin'], {
      input: `${PASSWORD}\n`,
      env: { DATA_DIR: dataDir },
      node: PROBE,
    });
    expect(created.code, created.stderr).toBe(0);
    expect(created.out).toEqual(['已创建用户 ann（admin）/ created user ann (admin)']);
    expect(created.err).toContain('probe: better-sqlite3 loaded');
    expect(existsSync(join(dataDir, 'atlas.sqlite'))).toBe(true);

    const file = join(dataDir, '..', 'backups', 'atlas-1.sqlite');
    const dir = ['--data-dir', dataDir];
    const [duplicate, updated, added, zh, copied, again, none] = await atlasBatch(
      [
        { args: ['user', 'add', 'ann', '--role', 'viewer', '--password-stdin', ...dir], stdin: PASSWORD },
        {
          // The way back in for the only admin (a new password); demoting it is refused (tests/server/security).
          args: ['user', 'add', 'ann', '--role', 'admin', '--password-stdin', '--update', ...dir],
          stdin: PASSWORD,
        },
        {
          args: ['user', 'add', 'bo', '--role=inspector', '--password-stdin', `--data-dir=${dataDir}`],
          stdin: PASSWORD,
        },
        {
          args: ['user', 'add', 'cy', '--lang', 'zh', '--role', 'viewer', '--password-stdin', ...dir],
          stdin: PASSWORD,
        },
        ['backup', file, ...dir],
        ['backup', file, ...dir],
        ['backup', join(dataDir, 'x.sqlite'), '--data-dir', join(dataDir, 'empty')],
      ],
      {},
      1,
    );
    expect(duplicate?.code).toBe(1);
    expect(duplicate?.err.join('\n')).toMatch(/user ann exists; add --update to reset its role and password/);
    expect(updated).toMatchObject({
      code: 0,
      out: ['已更新用户 ann（admin）/ updated user ann (admin)'],
    });
    expect(added?.code).toBe(0);
    expect(zh?.code).toBe(0); // --lang is the CLI's; the server command never sees it
    expect(copied?.code, copied?.stderr).toBe(0);
    expect(copied?.out[0]).toMatch(
      /^备份完成 \/ backup written: .*atlas-1\.sqlite \(0 features, 0 inspections, 0 photos\)/,
    );
    expect(statSync(`${file}-photos`).isDirectory()).toBe(true);
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      expect(db.pragma('quick_check', { simple: true })).toBe('ok');
      const users = db.prepare('SELECT username, role FROM users ORDER BY username').all();
      expect(users).toEqual([
        { username: 'ann', role: 'admin' },
        { username: 'bo', role: 'inspector' },
        { username: 'cy', role: 'viewer' },
      ]);
    } finally {
      db.close();
    }
    expect(again?.code).toBe(1);
    expect(again?.err.join('\n')).toMatch(/exists already and is not overwritten/);
    expect(none?.code).toBe(1);
    expect(none?.err.join('\n')).toMatch(/no database at .*empty/);
    for (const result of [duplicate, updated, copied, again, none]) {
      expect((result as AtlasResult).stderr).not.toMatch(STACK_TRACE);
    }
  });

  it('usage errors exit 2 with the command usage', async () => {
    const dir = ['--data-dir', join(tmpdir(), 'atlas-cli-never-created')];
    const runs = [
      ['user'],
      ['user', 'remove', 'ann'],
      ['user', 'add', 'ann', '--role', 'king', '--password-stdin', ...dir],
      ['user', 'add', 'ann', '--role', 'admin', ...dir],
      ['user', 'add', 'ann', '--role', 'admin', '--password', 'x', ...dir],
      ['user', 'add', '--role', 'admin', '--password-stdin', ...dir],
      ['backup', ...dir],
      ['backup', 'a.sqlite', 'b.sqlite', ...dir],
      ['backup', 'a.sqlite', '--frobnicate', ...dir],
    ];
    const results = await atlasBatch(runs);
    results.forEach((result, k) => {
      expect(result.code, runs[k]?.join(' ')).toBe(2);
      expect(result.stderr).not.toMatch(STACK_TRACE);
    });
    expect(results[0]?.err[0]).toBe('atlas user: user needs an action: user add NAME …');
    expect(results[1]?.err[0]).toBe('atlas user: unknown action user remove; try user add NAME …');
    expect(results[2]?.err.join('\n')).toMatch(
      /--role 须为 \/ must be one of viewer, inspector, planner, admin/,
    );
    expect(results[3]?.err.join('\n')).toMatch(/add --password-stdin/);
    expect(results[6]?.err.join('\n')).toMatch(/usage: atlas backup FILE \[--data-dir DIR\]/);
    expect(existsSync(dir[1] as string)).toBe(false);
  });

  it('check, area, overlap and share do not load the database driver', async () => {
    const file = 'tests/fixtures/cli/newland-hand.geojson';
    const results = await atlasMany(
      [
        ['check', file],
        ['area', file],
        ['overlap', file],
        ['share', file],
      ],
      { node: PROBE },
    );
    for (const result of results) {
      expect(result.code).toBe(0);
      expect(result.err.at(-1)).toBe('probe: better-sqlite3 not loaded');
    }
  });
});

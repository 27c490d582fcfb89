// `atlas` run for real, as a subprocess, on the peer fixtures and on tests/fixtures/validate/in.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { PEER_DIR } from '../support/peer.ts';

// Each case starts Node with tsx (about a second on a busy machine), some several times.
vi.setConfig({ testTimeout: 60_000 });

const repo = join(import.meta.dirname, '../..');
const fixtures = join(repo, 'tests/fixtures/validate/in');
const hint = `${PEER_DIR}/geojsonhint`;

function atlas(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/atlas.ts', ...args], {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, LANG: 'C' },
  });
  const lines = (text: string) => text.split('\n').filter((line) => line !== '');
  return { code: result.status, out: lines(result.stdout), err: lines(result.stderr), stderr: result.stderr };
}

const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at .*:\d+:\d+|node:internal/);

describe('atlas check', () => {
  it('exits 0 on valid files, warnings on stderr', () => {
    const good = readdirSync(join(hint, 'good')).map((name) => join(hint, 'good', name));
    const result = atlas('check', ...good, join(hint, 'bad/polygon_winding_order.geojson'));
    expect(result.code).toBe(0);
    expect(result.out).toEqual([]);
    expect(result.err).toContain(
      `${hint}/bad/polygon_winding_order.geojson: warning: 1 ring does not follow the right-hand rule (RFC 7946: outer rings counter-clockwise, holes clockwise); harmless for reading and area, the exporter can be set to the right-hand rule.`,
    );
    expect(result.err.at(-1)).toBe(`${good.length + 1} files valid.`);
  });

  it('exits 1 with one line per problem: file, feature, id, message', () => {
    const file = 'tests/fixtures/validate/in/plots-ids.geojson';
    const result = atlas('check', file);
    expect(result.code).toBe(1);
    expect(result.out).toEqual([
      `${file}: feature 1 (id HS-DX-0001): id "HS-DX-0001" is used twice: feature 0 has it already; every feature needs its own id.`,
      `${file}: feature 2 (id HS-DX-9999): the Feature id "HS-DX-9999" differs from properties.id "HS-DX-0002"; they must be the same.`,
      `${file}: feature 3: the feature has no id; add "id": "HS-DX-0003" to the Feature, equal to properties.id.`,
      `${file}: feature 4 (id 7): the Feature id must be a string (found the number 7); write "7", the same as properties.id.`,
    ]);
    expect(result.err).toEqual(['1 of 1 file invalid.']);
  });

  it.each([
    ['plots-projected-metres.geojson', /EPSG:4526/],
    ['plots-projected-metres-no-zone.geojson', /EPSG:4547/],
    ['plots-lat-lon-swapped.geojson', /latitude and longitude are swapped/],
    ['plots-self-intersection.geojson', /feature 1 \(id HS-DX-0002\): the outer ring crosses itself/],
    ['plots-hole-outside-shell.geojson', /hole 1 lies outside the outer ring/],
    [
      'plots-schema-errors.geojson',
      /feature 0 \(id HS-DX-0001\): property grade must be one of "A", "B", "C", "D" \(found "E"\)/,
    ],
    ['plots-duplicate-keys.geojson', /: line 2: the key "landUse" appears twice/],
    ['plots-json-syntax.geojson', /: line 3: JSON syntax error at line 3, column 33/],
    ['empty.geojson', /the file is empty/],
    ['binary-junk.geojson', /not a text file/],
  ])('rejects %s', (name, expected) => {
    const result = atlas('check', join(fixtures, name));
    expect(result.code).toBe(1);
    expect(result.out.join('\n')).toMatch(expected);
    for (const line of result.out) expect(line.startsWith(`${join(fixtures, name)}: `)).toBe(true);
    noStack(result.stderr);
  });

  it('rejects every peer bad/ file that must be rejected, one exit for all', () => {
    const result = atlas(
      'check',
      join(hint, 'bad/bad-json.geojson'),
      join(hint, 'bad/badfeature.geojson'),
      join(hint, 'good/good-point.geojson'),
    );
    expect(result.code).toBe(1);
    expect(result.err.at(-1)).toBe('2 of 3 files invalid.');
  });

  it('says what is wrong with a missing file and a directory, without a stack trace', () => {
    const result = atlas('check', 'no/such/file.geojson', 'tests');
    expect(result.code).toBe(1);
    expect(result.out).toEqual([
      'no/such/file.geojson: no such file; check the path and the file name.',
      'tests: this is a directory, not a file; give the path of a GeoJSON file.',
    ]);
    noStack(result.stderr);
  });

  it('forces a layer with --layer and speaks Chinese with --lang zh', () => {
    const file = join(hint, 'good/good-point.geojson');
    expect(atlas('check', '--layer', 'plots', file).code).toBe(1);
    const zh = atlas('check', file, '--layer=parks', '--lang', 'zh');
    expect(zh.code).toBe(1);
    expect(zh.out[0]).toMatch(/必须是 FeatureCollection/);
    expect(zh.err.at(-1)).toBe('1 个文件中有 1 个无效。');
    expect(atlas('check', '--layer', 'none', join(fixtures, 'plots-ids.geojson')).code).toBe(0);
  });

  it('exits 2 on usage errors', () => {
    expect(atlas('check').code).toBe(2);
    expect(atlas('check', '--frobnicate', 'x.geojson')).toMatchObject({ code: 2, out: [] });
    expect(atlas('check', '--layer', 'farms', 'x.geojson').code).toBe(2);
    expect(atlas('check', '--lang', 'fr', 'x.geojson').code).toBe(2);
  });
});

describe('atlas area', () => {
  it('prints one line per feature in input order', () => {
    const result = atlas('area', join(fixtures, 'plots-valid.geojson'));
    expect(result.code).toBe(0);
    expect(result.out).toHaveLength(2);
    expect(result.out[0]).toMatch(/^0 HS-DX-0001 [\d,]+\.\d{2} 亩 \d+\.\d{4} 公顷 [\d,]+\.\d{2} m²$/);
    expect(result.out[1]).toMatch(/^1 HS-DX-0002 /);
  });

  it('prints JSON lines with --json, the same figures as the human form', () => {
    const human = atlas('area', join(fixtures, 'plots-valid.geojson')).out;
    const result = atlas('area', '--json', join(fixtures, 'plots-valid.geojson'));
    expect(result.code).toBe(0);
    const rows = result.out.map((line) => JSON.parse(line));
    expect(rows.map((row) => Object.keys(row))).toEqual([
      Array.from(['index', 'id', 'm2', 'mu', 'ha']),
      ['index', 'id', 'm2', 'mu', 'ha'],
    ]);
    rows.forEach((row, index) => {
      expect(row).toMatchObject({ index, id: `HS-DX-000${index + 1}` });
      expect(row.mu).toBeCloseTo(row.m2 / (2000 / 3), 9);
      expect(row.ha).toBeCloseTo(row.m2 / 10_000, 12);
      const shownM2 = Number((human[index] as string).split(' ').at(-2)?.replace(/,/g, ''));
      expect(shownM2).toBeCloseTo(row.m2, 2);
    });
    // The square with a hole is 0.001° less its 0.0003° hole: about 91% of an unholed square.
    expect(rows[0].m2 / rows[1].m2).toBeCloseTo((1 - 0.09) / 2, 2);
  });

  it('counts a bare geometry as feature 0 and gives non-polygons 0', () => {
    const result = atlas('area', '--json', join(hint, 'good/good-point.geojson'));
    expect(result.out).toEqual(['{"index":0,"id":null,"m2":0,"mu":0,"ha":0}']);
  });

  it('takes the id from properties.id when the Feature has none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-'));
    const file = join(dir, 'one.geojson');
    writeFileSync(
      file,
      JSON.stringify({
        type: 'Feature',
        properties: { id: 'P-1' },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [113, 22.77],
              [113.01, 22.77],
              [113.01, 22.78],
              [113, 22.78],
              [113, 22.77],
            ],
          ],
        },
      }),
    );
    const [line] = atlas('area', '--json', file).out;
    const row = JSON.parse(line as string);
    expect(row.id).toBe('P-1');
    expect(Math.abs(row.m2 - 1_137_217)).toBeLessThan(1);
  });

  it('validates first: an invalid file prints its problems and exits 1', () => {
    const result = atlas('area', join(fixtures, 'plots-self-intersection.geojson'));
    expect(result.code).toBe(1);
    expect(result.out.join('\n')).toMatch(/crosses itself/);
    expect(result.out.join('\n')).not.toMatch(/亩/);
  });

  it('exits 2 without exactly one file', () => {
    expect(atlas('area').code).toBe(2);
    expect(atlas('area', 'a.geojson', 'b.geojson').code).toBe(2);
  });
});

describe('atlas help', () => {
  it('prints usage on help and --help, exit 0', () => {
    for (const args of [['help'], ['--help'], ['check', '--help']]) {
      const result = atlas(...args);
      expect(result.code).toBe(0);
      expect(result.out[0]).toBe('Usage: atlas <command> [options]');
    }
  });

  it('an unknown command or none: usage on stderr, exit 2', () => {
    const unknown = atlas('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.out).toEqual([]);
    expect(unknown.err[0]).toBe('atlas: unknown command "frobnicate"');
    expect(atlas().code).toBe(2);
  });
});

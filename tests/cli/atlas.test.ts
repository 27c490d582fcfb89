// `atlas` run for real, as a subprocess, on the peer fixtures and on tests/fixtures/validate/in. Cases that
// need only output and exit codes share processes (atlasBatch); exit-code plumbing, help and unknown
// commands go through the entry point itself (atlas).
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { PEER_DIR } from '../support/peer.ts';
import { type AtlasResult, atlasBatch, atlas as run } from './support/run.ts';

// Each case starts Node with tsx (about a second on a busy machine), some several times.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const fixtures = join(import.meta.dirname, '../fixtures/validate/in');
const hint = `${PEER_DIR}/geojsonhint`;

const atlas = (...args: string[]) => run(args);

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

  const rejected: [string, RegExp][] = [
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
    ['plots-json-syntax.geojson', /: line 3: JSON syntax error at column 33/],
    ['empty.geojson', /the file is empty/],
    ['binary-junk.geojson', /not a text file/],
  ];
  const idsFile = 'tests/fixtures/validate/in/plots-ids.geojson';
  const peerBad = [
    join(hint, 'bad/bad-json.geojson'),
    join(hint, 'bad/badfeature.geojson'),
    join(hint, 'good/good-point.geojson'),
  ];
  // One batch for every case below that needs only output and exit codes.
  let rejections: AtlasResult[];
  let ids: AtlasResult;
  let bad: AtlasResult;
  let missing: AtlasResult;
  beforeAll(async () => {
    const results = await atlasBatch([
      ...rejected.map(([name]) => ['check', join(fixtures, name)]),
      ['check', idsFile],
      ['check', ...peerBad],
      ['check', 'no/such/file.geojson', 'tests'],
    ]);
    rejections = results.slice(0, rejected.length);
    [ids, bad, missing] = results.slice(rejected.length) as [AtlasResult, AtlasResult, AtlasResult];
  });

  it('exits 1 with one line per problem: file, feature, id, message', () => {
    const file = idsFile;
    expect(ids.code).toBe(1);
    expect(ids.out).toEqual([
      `${file}: feature 1 (id HS-DX-0001): id "HS-DX-0001" is used twice: feature 0 has it already; every feature needs its own id.`,
      `${file}: feature 2 (id HS-DX-9999): the Feature id "HS-DX-9999" differs from properties.id "HS-DX-0002"; they must be the same.`,
      `${file}: feature 3: the feature has no id; add "id": "HS-DX-0003" to the Feature, equal to properties.id.`,
      `${file}: feature 4 (id 7): the Feature id must be a string (found the number 7); write "7", the same as properties.id.`,
    ]);
    expect(ids.err).toEqual(['1 of 1 file invalid.']);
  });

  it.each(rejected.map(([name, expected], k) => [name, expected, k] as const))(
    'rejects %s',
    (name, expected, k) => {
      const result = rejections[k] as AtlasResult;
      expect(result.code).toBe(1);
      expect(result.out.join('\n')).toMatch(expected);
      for (const line of result.out) expect(line.startsWith(`${join(fixtures, name)}: `)).toBe(true);
      noStack(result.stderr);
    },
  );

  it('rejects every peer bad/ file that must be rejected, one exit for all', () => {
    expect(bad.code).toBe(1);
    expect(bad.err.at(-1)).toBe('2 of 3 files invalid.');
  });

  it('says what is wrong with a missing file and a directory, without a stack trace', () => {
    expect(missing.code).toBe(1);
    expect(missing.out).toEqual([
      'no/such/file.geojson: no such file; check the path and the file name.',
      'tests: this is a directory, not a file; give the path of a GeoJSON file.',
    ]);
    noStack(missing.stderr);
  });

  it('forces a layer with --layer and speaks Chinese with --lang zh; exits 2 on usage errors', async () => {
    const file = join(hint, 'good/good-point.geojson');
    const [plots, zh, none, ...usage] = await atlasBatch([
      ['check', '--layer', 'plots', file],
      ['check', file, '--layer=parks', '--lang', 'zh'],
      ['check', '--layer', 'none', join(fixtures, 'plots-ids.geojson')],
      ['check'],
      ['check', '--frobnicate', 'x.geojson'],
      ['check', '--layer', 'farms', 'x.geojson'],
      ['check', '--lang', 'fr', 'x.geojson'],
      ['check', '--lang', 'zh', '--layer', 'farms', 'x.geojson'],
    ]);
    expect(plots?.code).toBe(1);
    expect(zh?.code).toBe(1);
    expect(zh?.out[0]).toMatch(/必须是 FeatureCollection/);
    expect(zh?.err.at(-1)).toBe('1 个文件中有 1 个无效。');
    expect(none?.code).toBe(0);
    for (const result of usage) expect(result).toMatchObject({ code: 2, out: [] });
    expect(usage[1]?.err).toEqual(['atlas check: unknown option: --frobnicate', 'Run atlas help for usage.']);
    expect(usage[4]?.err).toEqual([
      'atlas check：--layer 须为 boundary、parks、plots、projects、newland、zones 之一或 none，而不是 farms',
      '运行 atlas help 查看用法。',
    ]);
  });
});

describe('atlas area', () => {
  const valid = join(fixtures, 'plots-valid.geojson');
  let human: AtlasResult;
  let json: AtlasResult;
  let point: AtlasResult;
  let lone: AtlasResult;
  let invalid: AtlasResult;
  let usage: AtlasResult[];
  beforeAll(async () => {
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
    [human, json, point, lone, invalid, ...usage] = (await atlasBatch([
      ['area', valid],
      ['area', '--json', valid],
      ['area', '--json', join(hint, 'good/good-point.geojson')],
      ['area', '--json', file],
      ['area', join(fixtures, 'plots-self-intersection.geojson')],
      ['area'],
      ['area', 'a.geojson', 'b.geojson'],
    ])) as [AtlasResult, AtlasResult, AtlasResult, AtlasResult, AtlasResult, ...AtlasResult[]];
  });

  it('prints one line per feature in input order', () => {
    expect(human.code).toBe(0);
    expect(human.out).toHaveLength(2);
    expect(human.out[0]).toMatch(/^0 HS-DX-0001 [\d,]+\.\d{2} 亩 \d+\.\d{4} 公顷 [\d,]+\.\d{2} m²$/);
    expect(human.out[1]).toMatch(/^1 HS-DX-0002 /);
  });

  it('prints JSON lines with --json, the same figures as the human form', () => {
    expect(json.code).toBe(0);
    const rows = json.out.map((line) => JSON.parse(line));
    expect(rows.map((row) => Object.keys(row))).toEqual([
      ['index', 'id', 'm2', 'mu', 'ha'],
      ['index', 'id', 'm2', 'mu', 'ha'],
    ]);
    rows.forEach((row, index) => {
      expect(row).toMatchObject({ index, id: `HS-DX-000${index + 1}` });
      expect(row.mu).toBeCloseTo(row.m2 / (2000 / 3), 9);
      expect(row.ha).toBeCloseTo(row.m2 / 10_000, 12);
      const shownM2 = Number((human.out[index] as string).split(' ').at(-2)?.replace(/,/g, ''));
      expect(shownM2).toBeCloseTo(row.m2, 2);
    });
    // The square with a hole is 0.001° less its 0.0003° hole: about 91% of an unholed square.
    expect(rows[0].m2 / rows[1].m2).toBeCloseTo((1 - 0.09) / 2, 2);
  });

  it('counts a bare geometry as feature 0 and gives non-polygons 0', () => {
    expect(point.out).toEqual(['{"index":0,"id":null,"m2":0,"mu":0,"ha":0}']);
  });

  it('takes the id from properties.id when the Feature has none', () => {
    const row = JSON.parse(lone.out[0] as string);
    expect(row.id).toBe('P-1');
    expect(Math.abs(row.m2 - 1_137_217)).toBeLessThan(1);
  });

  it('validates first: an invalid file prints its problems and exits 1', () => {
    expect(invalid.code).toBe(1);
    expect(invalid.out.join('\n')).toMatch(/crosses itself/);
    expect(invalid.out.join('\n')).not.toMatch(/亩/);
  });

  it('exits 2 without exactly one file', () => {
    for (const result of usage) expect(result.code).toBe(2);
    expect(usage[0]?.err[0]).toBe('atlas area: area needs exactly one FILE');
  });
});

describe('atlas help', () => {
  it('prints usage on help and --help, exit 0, naming every command', () => {
    const help = [['help'], ['--help'], ['check', '--help']].map((args) => atlas(...args));
    for (const result of help) {
      expect(result.code).toBe(0);
      expect(result.out[0]).toBe('Usage: atlas <command> [options]');
    }
    const en = help[0]?.stdout;
    for (const command of [
      'check FILE…',
      'area FILE [--json]',
      'overlap A [B] [--json]',
      'share FILE [--json] [--target 0.8] [--parks PARKS] [--by year|park|town]',
      'user add NAME --role ROLE --password-stdin [--update] [--data-dir DIR]',
      'backup FILE [--data-dir DIR]',
    ]) {
      expect(en).toContain(`  ${command}`);
    }
    const zh = atlas('help', '--lang', 'zh');
    expect(zh.out[0]).toBe('用法：atlas <命令> [选项]');
    expect(zh.stdout).toMatch(
      /overlap A \[B\] \[--json\][\s\S]*share 文件[\s\S]*user add 用户名[\s\S]*backup 文件/,
    );
  });

  it('an unknown command or none: usage on stderr, exit 2', () => {
    const unknown = atlas('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.out).toEqual([]);
    expect(unknown.err[0]).toBe('atlas: unknown command "frobnicate"');
    expect(atlas().code).toBe(2);
  });
});

// Attacks on the `atlas` command line through the path or the file it is given: a device that never
// ends, a named pipe with no writer, a file too large, JSON nested deep enough to blow the stack, a
// number out of range. Each runs the real CLI as a subprocess with a time limit, so that a hang fails
// the test (code null) instead of hanging it, and asserts the exit code and the exact lines.
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES } from '../../../src/cli/io.ts';
import { type AtlasResult, atlas, STACK_TRACE } from '../../cli/support/run.ts';

const dir = mkdtempSync(join(tmpdir(), 'atlas-cli-attack-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every run is killed after 30 s: a hang gives code null, never a stuck test. */
const run = (args: string[]): AtlasResult => atlas(args, { timeoutMs: 30_000 });

function nestedCollections(depth: number): string {
  let text = '{"type":"Point","coordinates":[113,22.7]}';
  for (let i = 0; i < depth; i++) text = `{"type":"GeometryCollection","geometries":[${text}]}`;
  return text;
}

const TOO_DEEP_HINT =
  'GeoJSON never needs more than about 10 levels (coordinate arrays inside arrays), so this is not GeoJSON as GIS software writes it, or the file is damaged: export it again from the GIS software.';

describe('atlas given a path that is not a regular file', () => {
  it('`atlas check /dev/zero` stops at once: not a regular file, exit 1', () => {
    const result = run(['check', '/dev/zero']);
    expect(result.code).toBe(1);
    expect(result.out).toEqual([
      '/dev/zero: this is not a regular file but a device; atlas reads regular files only: give the path of a GeoJSON file.',
    ]);
    expect(result.err).toEqual(['1 of 1 file invalid.']);
  }, 40_000);

  it('a named pipe with no writer does not block: not a regular file, exit 1', () => {
    const fifo = join(dir, 'layer.geojson');
    execFileSync('mkfifo', [fifo]);
    const result = run(['check', fifo]);
    expect(result.code).toBe(1);
    expect(result.out).toEqual([
      `${fifo}: this is not a regular file but a named pipe (FIFO); atlas reads regular files only: give the path of a GeoJSON file.`,
    ]);
  }, 40_000);

  it('a file larger than 256 MB is refused with the limit named, before it is read', () => {
    const big = join(dir, 'big.geojson');
    // Sparse: takes no disk space, yet its size is one byte over the limit.
    closeSync(openSync(big, 'w'));
    execFileSync('truncate', ['-s', String(MAX_FILE_BYTES + 1), big]);
    const result = run(['check', big]);
    expect(result.code).toBe(1);
    expect(result.out).toEqual([
      `${big}: the file is larger than 256 MB, the most atlas reads; split it (by town or by layer) and check the parts.`,
    ]);
  }, 40_000);
});

describe('atlas given JSON nested deep enough to overflow a recursive walk', () => {
  const deep = join(dir, 'deep-collection.geojson');
  const deepBroken = join(dir, 'deep-arrays-broken.geojson');
  const valid = join(dir, 'valid.geojson');
  writeFileSync(deep, nestedCollections(1_800));
  writeFileSync(deepBroken, `{"type": "FeatureCollection",\n"features": ${'['.repeat(5_000)}1,,`);
  writeFileSync(
    valid,
    JSON.stringify({
      type: 'Polygon',
      coordinates: [
        [
          [113, 22.7],
          [113.01, 22.7],
          [113.01, 22.71],
          [113, 22.7],
        ],
      ],
    }),
  );
  const deepLine = `${deep}: line 1: arrays and objects nest more than 64 levels deep (level 65 opens at line 1, column 1377); ${TOO_DEEP_HINT}`;

  it('`check` of a deep GeometryCollection, deep arrays with a syntax error and a valid file: a verdict for each', () => {
    const result = run(['check', deep, deepBroken, valid]);
    expect(result.code).toBe(1);
    expect(result.out).toEqual([
      deepLine,
      `${deepBroken}: line 2: arrays and objects nest more than 64 levels deep (level 65 opens at line 2, column 76); ${TOO_DEEP_HINT}`,
    ]);
    expect(result.err).toEqual(['2 of 3 files invalid.']);
    expect(result.stderr).not.toMatch(STACK_TRACE);
  }, 40_000);

  it('`area` and `overlap` of the deep GeometryCollection name the file and the depth, exit 1', () => {
    for (const command of ['area', 'overlap']) {
      const result = run([command, deep]);
      expect(result.code).toBe(1);
      expect(result.out).toEqual([deepLine]);
      expect(result.err).toEqual([]);
    }
  }, 40_000);
});

describe('atlas given a number out of range', () => {
  it('1e309 as a coordinate is named as a number out of range, with its line and column', () => {
    const file = join(dir, 'infinite.geojson');
    writeFileSync(file, '{"type": "Point",\n "coordinates": [1e309, 22.7]}');
    const result = run(['check', file]);
    expect(result.code).toBe(1);
    expect(result.out).toEqual([
      `${file}: line 2: the number 1e309 at line 2, column 18 is out of range (beyond about ±1.8e308) and would be read as infinity; write the actual value.`,
    ]);
  }, 40_000);
});

describe('atlas area and atlas overlap on a polygon inside a GeometryCollection', () => {
  it('both count it: `area` gives its area and `overlap` the pair it shares with a plain polygon', () => {
    const square = (west: number) => [
      [
        [west, 22.7],
        [west + 0.01, 22.7],
        [west + 0.01, 22.71],
        [west, 22.71],
        [west, 22.7],
      ],
    ];
    const file = join(dir, 'collection.geojson');
    writeFileSync(
      file,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            id: 'plain',
            properties: {},
            geometry: { type: 'Polygon', coordinates: square(113) },
          },
          {
            type: 'Feature',
            id: 'collection',
            properties: {},
            geometry: {
              type: 'GeometryCollection',
              geometries: [
                { type: 'Point', coordinates: [113.5, 22.7] },
                { type: 'Polygon', coordinates: square(113.005) },
              ],
            },
          },
        ],
      }),
    );
    const area = run(['area', file, '--json']);
    expect(area.code).toBe(0);
    const areas = area.out.map((line) => JSON.parse(line) as { index: number; id: string; m2: number });
    expect(areas.map(({ index, id }) => [index, id])).toEqual([
      [0, 'plain'],
      [1, 'collection'],
    ]);
    const whole = areas[0]?.m2 as number;
    expect(Math.abs((areas[1]?.m2 as number) - whole) / whole).toBeLessThan(1e-9);
    const overlap = run(['overlap', file, '--json']);
    expect(overlap.code).toBe(0);
    const pairs = overlap.out.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(pairs.map(({ a, b, aId, bId }) => ({ a, b, aId, bId }))).toEqual([
      { a: 0, b: 1, aId: 'plain', bId: 'collection' },
    ]);
    expect(Math.abs((pairs[0]?.m2 as number) - whole / 2) / (whole / 2)).toBeLessThan(1e-6);
  }, 60_000);
});

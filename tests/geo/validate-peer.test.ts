// The peer fixtures (tests/fixtures/peer/README.md): geojsonhint good/ accepted, the listed bad/
// files accepted with a warning, *_changed_semantics either way, every other bad/ file rejected with a
// message that says where; turf-kinks polygons rejected as self-intersecting, its lines accepted.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Problem } from '../../src/geo/problems.ts';
import { formatProblem, validateGeoJsonText } from '../../src/geo/validate.ts';
import { PEER_DIR } from '../support/peer.ts';

const peer = PEER_DIR;
const hint = join(peer, 'geojsonhint');
const ACCEPTED_WITH_WARNING: Record<string, string> = {
  'bad-polygon-interiorring-rhr.geojson': 'winding-order',
  'polygon_winding_order.geojson': 'winding-order',
  'excessive_precision_truncated.geojson': 'excessive-precision',
  'point-toomany.geojson': 'position-too-many-numbers',
  'geometrycollection_nested.geojson': 'nested-geometry-collection',
  'geometrycollection_single.geojson': 'single-member-geometry-collection',
};

function validate(dir: string, name: string) {
  return validateGeoJsonText(readFileSync(join(dir, name), 'utf8'), { fileName: name });
}

describe('geojsonhint good/', () => {
  for (const name of readdirSync(join(hint, 'good'))) {
    it(`accepts ${name}`, () => {
      const report = validate(join(hint, 'good'), name);
      expect(report.problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(report.ok).toBe(true);
      expect(report.geojson).not.toBeNull();
    });
  }
});

describe('geojsonhint bad/', () => {
  for (const name of readdirSync(join(hint, 'bad'))) {
    const warning = ACCEPTED_WITH_WARNING[name];
    if (warning) {
      it(`accepts ${name} with a ${warning} warning`, () => {
        const report = validate(join(hint, 'bad'), name);
        expect(report.ok).toBe(true);
        expect(report.problems.map((p) => p.code)).toContain(warning);
        expect(report.problems.every((p) => p.severity === 'warning')).toBe(true);
      });
    } else if (name.includes('_changed_semantics')) {
      it(`says something about ${name}`, () => {
        const report = validate(join(hint, 'bad'), name);
        expect(report.problems.length).toBeGreaterThan(0);
        expect(report.problems.map((p) => p.code)).toContain('changed-semantics');
      });
    } else {
      it(`rejects ${name} saying what and where`, () => {
        const report = validate(join(hint, 'bad'), name);
        expect(report.ok).toBe(false);
        expect(report.geojson).toBeNull();
        const error = report.problems.find((p) => p.severity === 'error');
        expect(error).toBeDefined();
        const line = formatProblem(`bad/${name}`, error as NonNullable<typeof error>, 'en');
        expect(line.startsWith(`bad/${name}: `)).toBe(true);
        // A place: a feature, a line, or a member path such as `coordinates[0]`, `bbox`, `features`.
        const placed =
          /: (feature \d+|line \d+)|: [\w.[\]]+: |the file holds|the (object|Point) has|type "/.test(line);
        expect(placed, line).toBe(true);
      });
    }
  }

  it('names the line and column of the JSON syntax error', () => {
    const report = validate(join(hint, 'bad'), 'bad-json.geojson');
    expect(report.problems[0]).toMatchObject({ code: 'json-syntax', line: 3 });
    expect(report.problems[0]?.message.en).toContain('column 5');
    expect(formatProblem('bad-json.geojson', report.problems[0] as Problem, 'en')).toMatch(
      /^bad-json.geojson: line 3: JSON syntax error at column 5: /,
    );
  });

  it('rejects the duplicate "type" member with its line', () => {
    const report = validate(join(hint, 'bad'), 'bad-duplicate-properties.geojson');
    expect(report.problems[0]).toMatchObject({ code: 'duplicate-key', line: 3 });
  });

  it('lists each broken feature of multiple_problems', () => {
    const report = validate(join(hint, 'bad'), 'multiple_problems.geojson');
    const features = new Set(
      report.problems.filter((p) => p.severity === 'error').map((p) => p.featureIndex),
    );
    expect([...features].sort()).toEqual([0, 2, 3]);
  });
});

describe('turf-kinks', () => {
  const dir = join(peer, 'turf-kinks/in');
  const polygons = ['hourglass', 'multi-polygon', 'switzerlandKinked', 'triple'];
  const lines = ['multi-linestring', 'open-hourglass'];

  it('covers every fixture', () => {
    expect(readdirSync(dir).sort()).toEqual(
      [...polygons, 'issue-2627', ...lines].map((n) => `${n}.geojson`).sort(),
    );
  });
  it('accepts issue-2627, whose hole touches itself at a vertex, with a warning naming the point (issue 13)', () => {
    const report = validate(dir, 'issue-2627.geojson');
    expect(report.ok).toBe(true);
    expect(report.problems.map((p) => [p.severity, p.code, p.message.en.split(';')[0]])).toEqual([
      ['warning', 'ring-touches-itself', 'hole 5 touches itself at (11.0295670, 53.9113090)'],
    ]);
  });
  for (const name of polygons) {
    it(`rejects ${name} as self-intersecting`, () => {
      const report = validate(dir, `${name}.geojson`);
      expect(report.ok).toBe(false);
      expect(report.problems.map((p) => p.code)).toContain('self-intersection');
    });
  }
  it('finds both crossings of switzerlandKinked (its expectedIntersections)', () => {
    const report = validate(dir, 'switzerlandKinked.geojson');
    expect(report.problems.filter((p) => p.code === 'self-intersection')).toHaveLength(2);
  });
  for (const name of lines) {
    it(`accepts the line ${name}: a line may cross itself`, () => {
      const report = validate(dir, `${name}.geojson`);
      expect(report.ok).toBe(true);
    });
  }
});

// Attacks on the validator every reader shares (app, worker, CLI, server import and PATCH): shapes made
// to be slow to check, and JSON made to blow the stack or to smuggle Infinity in. Each asserts the
// exact report; none times anything (the timings are in `npm run bench`), but the 400 000-vertex combs
// finish within the test timeout only when the check is not quadratic.
import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { combGeoJsonText, combRing } from '../../../bench/support/comb.ts';
import { MAX_JSON_DEPTH } from '../../../src/geo/json-limits.ts';
import { PROBLEM_CODES, validateGeoJson, validateGeoJsonText } from '../../../src/geo/validate.ts';

const summary = (report: ReturnType<typeof validateGeoJsonText>) => ({
  ok: report.ok,
  problems: report.problems.map((p) => ({
    code: p.code,
    featureIndex: p.featureIndex,
    line: p.line,
    en: p.message.en,
  })),
});

const point = (at: readonly number[]) => `(${(at[0] as number).toFixed(7)}, ${(at[1] as number).toFixed(7)})`;

describe('a comb-shaped polygon whose edges all span the same longitudes', () => {
  for (const vertices of [40_000, 400_000]) {
    it(`of ${vertices} vertices, valid, is reported valid with no problem at all`, () => {
      const report = validateGeoJsonText(combGeoJsonText(vertices), { fileName: 'comb.geojson' });
      expect(summary(report)).toEqual({ ok: true, problems: [] });
      expect(combRing(vertices).ring).toHaveLength(vertices + 1);
    }, 30_000);

    it(`of ${vertices} vertices with one tooth twisted is refused with exactly that one crossing`, () => {
      const { crossing } = combRing(vertices, true);
      const report = validateGeoJsonText(combGeoJsonText(vertices, true), { fileName: 'comb.geojson' });
      expect(summary(report)).toEqual({
        ok: false,
        problems: [
          {
            code: 'self-intersection',
            featureIndex: 0,
            line: null,
            en: `the outer ring crosses itself at ${point(crossing as [number, number])} (a self-intersecting polygon); fix the outline in the GIS software (e.g. QGIS 'Fix geometries') and export again.`,
          },
        ],
      });
    }, 30_000);
  }

  it('sheared so that every edge box overlaps every other (worst case for boxes too), 40 000 vertices, is valid', () => {
    const { ring } = combRing(40_000);
    const sheared = ring.map(([x, y]) => [
      x as number,
      Math.round(((y as number) + ((x as number) - 112.8) * 0.5) * 1e7) / 1e7,
    ]);
    const report = validateGeoJson({ type: 'Polygon', coordinates: [sheared] }, { fileName: 'comb.geojson' });
    expect(summary(report)).toEqual({ ok: true, problems: [] });
  }, 30_000);
});

describe('a hole touching its outer ring at two points (Turf boolean-valid polygon-with-hole-2-vertices-touching)', () => {
  it('is refused as a disconnected interior naming both points, as JTS and GEOS refuse it', () => {
    const shell: Position[] = [
      [113, 22.7],
      [113.1, 22.7],
      [113.1, 22.8],
      [113, 22.8],
      [113, 22.7],
    ];
    const hole: Position[] = [
      [113.05, 22.7],
      [113.02, 22.75],
      [113.05, 22.8],
      [113.08, 22.75],
      [113.05, 22.7],
    ];
    const report = validateGeoJson(
      { type: 'Polygon', coordinates: [shell, hole] },
      { fileName: 'x.geojson' },
    );
    expect(summary(report).problems.filter((p) => p.code !== 'winding-order')).toEqual([
      {
        code: 'disconnected-interior',
        featureIndex: null,
        line: null,
        en: "the outer ring and hole 1 touch at (113.0500000, 22.7000000) and (113.0500000, 22.8000000), which cuts the polygon's interior into pieces (a disconnected interior); a hole may touch the outer ring or another hole at one point only; fix the outline in the GIS software (e.g. QGIS 'Fix geometries') and export again.",
      },
    ]);
  });

  it('is refused when two holes each touch the shell once and each other once (a cycle of three rings)', () => {
    const shell: Position[] = [
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 10],
      [0, 0],
    ];
    const west: Position[] = [
      [0, 5],
      [5, 2],
      [5, 8],
      [0, 5],
    ];
    const east: Position[] = [
      [5, 8],
      [5, 2],
      [10, 5],
      [5, 8],
    ];
    // The two holes share an edge: that is an overlap, refused as such; so join them at one point only.
    const eastAtPoint: Position[] = [
      [5, 8],
      [7, 2],
      [10, 5],
      [5, 8],
    ];
    expect(
      validateGeoJson(
        { type: 'Polygon', coordinates: [shell, west, east] },
        { fileName: 'x.geojson' },
      ).problems.map((p) => p.code),
    ).toContain('self-intersection');
    const report = validateGeoJson(
      { type: 'Polygon', coordinates: [shell, west, eastAtPoint] },
      { fileName: 'x.geojson' },
    );
    expect(
      report.problems.filter((p) => p.code === 'disconnected-interior').map((p) => p.message.en),
    ).toEqual([
      "the outer ring, hole 1 and hole 2 touch at (0.0000000, 5.0000000) and (5.0000000, 8.0000000) and (10.0000000, 5.0000000), which cuts the polygon's interior into pieces (a disconnected interior); a hole may touch the outer ring or another hole at one point only; fix the outline in the GIS software (e.g. QGIS 'Fix geometries') and export again.",
    ]);
  });

  it('still accepts a hole touching its shell at one point', () => {
    const shell: Position[] = [
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 10],
      [0, 0],
    ];
    const hole: Position[] = [
      [0, 5],
      [5, 8],
      [5, 2],
      [0, 5],
    ];
    const report = validateGeoJson(
      { type: 'Polygon', coordinates: [shell, hole] },
      { fileName: 'x.geojson' },
    );
    expect(report.ok).toBe(true);
    expect(report.problems.map((p) => p.code)).toEqual([]);
  });
});

function nestedCollections(depth: number): string {
  let text = '{"type":"Point","coordinates":[113,22.7]}';
  for (let i = 0; i < depth; i++) text = `{"type":"GeometryCollection","geometries":[${text}]}`;
  return text;
}

describe('JSON nested too deep for any recursive walk', () => {
  it('arrays nested 10 000 deep give one too-deep problem at line 1, column 65, never a RangeError', () => {
    const report = validateGeoJsonText(`${'['.repeat(10_000)}${']'.repeat(10_000)}`, {
      fileName: 'x.geojson',
    });
    expect(summary(report)).toEqual({
      ok: false,
      problems: [
        {
          code: PROBLEM_CODES.tooDeep,
          featureIndex: null,
          line: 1,
          en: `arrays and objects nest more than ${MAX_JSON_DEPTH} levels deep (level 65 opens at line 1, column 65); GeoJSON never needs more than about 10 levels (coordinate arrays inside arrays), so this is not GeoJSON as GIS software writes it, or the file is damaged: export it again from the GIS software.`,
        },
      ],
    });
  });

  it('a GeometryCollection nested 20 000 deep, as text and as a parsed value, gives too-deep', () => {
    const text = nestedCollections(20_000);
    expect(
      validateGeoJsonText(text, { fileName: 'x.geojson' }).problems.map((p) => [p.code, p.line]),
    ).toEqual([['too-deep', 1]]);
    const parsed = validateGeoJson(JSON.parse(text), { fileName: 'x.geojson' });
    expect(parsed.ok).toBe(false);
    expect(parsed.problems.map((p) => p.code)).toEqual(['too-deep']);
    expect(parsed.problems[0]?.message.en).toMatch(
      /^arrays and objects nest more than 64 levels deep \(at geometries\[0\]\.geometries\[0\]/,
    );
  });

  it('deep arrays followed by a syntax error give too-deep at the line where the depth is passed, not a crash', () => {
    const text = `{\n"type": "FeatureCollection",\n"features": ${'['.repeat(5_000)}1,,`;
    expect(
      validateGeoJsonText(text, { fileName: 'x.geojson' }).problems.map((p) => [p.code, p.line]),
    ).toEqual([['too-deep', 3]]);
  });

  it('a GeometryCollection nested 30 deep (within the limit) is checked as usual', () => {
    const report = validateGeoJsonText(nestedCollections(30), { fileName: 'x.geojson' });
    expect(report.ok).toBe(true);
    const codes = report.problems.map((p) => p.code);
    expect(codes.filter((code) => code === 'nested-geometry-collection')).toHaveLength(29);
    expect(codes.filter((code) => code === 'single-member-geometry-collection')).toHaveLength(30);
    expect(codes).toHaveLength(59);
  });
});

describe('numbers out of range (1e309, read as Infinity)', () => {
  it('as a coordinate: number-out-of-range naming the feature, the number, its line and column', () => {
    const text =
      '{"type": "Feature", "properties": {},\n "geometry": {"type": "Point", "coordinates": [1e309, 22.7]}}';
    expect(summary(validateGeoJsonText(text, { fileName: 'x.geojson' }))).toEqual({
      ok: false,
      problems: [
        {
          code: 'number-out-of-range',
          featureIndex: 0,
          line: 2,
          en: 'the number 1e309 at line 2, column 48 is out of range (beyond about ±1.8e308) and would be read as infinity; write the actual value.',
        },
      ],
    });
  });

  it('in a property (where it was stored as null): refused the same way; a string "1e309" is fine', () => {
    const text = '{"type": "Feature", "properties": {"note": "1e309", "area": -2e400}, "geometry": null}';
    expect(validateGeoJsonText(text, { fileName: 'x.geojson' }).problems.map((p) => p.message.en)).toEqual([
      'the number -2e400 at line 1, column 61 is out of range (beyond about ±1.8e308) and would be read as infinity; write the actual value.',
    ]);
  });

  it('in a parsed value (Infinity from a JavaScript caller): named by its path', () => {
    const report = validateGeoJson(
      { type: 'Feature', properties: { area: Number.POSITIVE_INFINITY }, geometry: null },
      { fileName: 'x.geojson' },
    );
    expect(report.problems.map((p) => [p.code, p.message.en])).toEqual([
      [
        'number-out-of-range',
        'the number at properties.area is not finite (out of range, as 1e309 is, which reads as infinity); write the actual value.',
      ],
    ]);
  });
});

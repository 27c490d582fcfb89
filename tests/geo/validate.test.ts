// The validator's contract: layer inference, the report shape, the text form of a problem, untrusted
// text kept harmless, and speed on a layer of 100 000-plot scale.
import { describe, expect, it } from 'vitest';
import { findDuplicateKeys, hasDuplicateKeys } from '../../src/geo/json-text.ts';
import { PROBLEMS_PER_CODE, type Problem } from '../../src/geo/problems.ts';
import { formatProblem, validateGeoJson, validateGeoJsonText } from '../../src/geo/validate.ts';
import { syntheticPlots } from './support/synthetic-plots.ts';

const point = {
  type: 'FeatureCollection',
  features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [112.96, 22.77] } }],
};

describe('layer', () => {
  it('follows the file name when not given', () => {
    const report = validateGeoJson(point, { fileName: 'geodata/plots.geojson' });
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.code)).toEqual(
      expect.arrayContaining(['wrong-geometry-type', 'property-schema', 'missing-id']),
    );
  });

  it('null means generic GeoJSON, whatever the name', () => {
    expect(validateGeoJson(point, { fileName: 'plots.geojson', layer: null }).ok).toBe(true);
  });

  it('an explicit layer wins over the name', () => {
    expect(validateGeoJson(point, { fileName: 'anything.json' }).ok).toBe(true);
    expect(validateGeoJson(point, { fileName: 'anything.json', layer: 'parks' }).ok).toBe(false);
  });

  it('a project may be a Point', () => {
    const project = syntheticPlots(1).features[0] as { id: string };
    expect(project.id).toBe('HS-SY-000000');
    const report = validateGeoJson(syntheticPlots(3), { fileName: 'x.geojson', layer: 'plots' });
    expect(report).toMatchObject({ ok: true, problems: [] });
  });
});

describe('report', () => {
  it('returns the parsed GeoJSON only when there is no error', () => {
    const ok = validateGeoJsonText(JSON.stringify(point), { fileName: 'a.geojson' });
    expect(ok.geojson).toEqual(point);
    const bad = validateGeoJsonText('{"type": "Point", "coordinates": [1]}', { fileName: 'a.geojson' });
    expect(bad).toMatchObject({ ok: false, geojson: null });
  });

  it('keeps a warning-only file', () => {
    const report = validateGeoJsonText('{"type":"Polygon","coordinates":[[[0,0],[0,1],[1,1],[1,0],[0,0]]]}', {
      fileName: 'w.geojson',
    });
    expect(report.ok).toBe(true);
    expect(report.geojson).not.toBeNull();
    expect(report.problems.map((p) => [p.severity, p.code])).toEqual([['warning', 'winding-order']]);
  });

  it('sums up repeats beyond the limit in one line', () => {
    const fc = syntheticPlots(PROBLEMS_PER_CODE + 30);
    for (const feature of fc.features) feature.properties = { ...feature.properties, grade: 'Z' };
    const report = validateGeoJson(fc, { fileName: 'plots.geojson' });
    expect(report.problems.filter((p) => p.code === 'property-schema')).toHaveLength(PROBLEMS_PER_CODE);
    expect(report.problems.at(-1)?.code).toBe('more-problems');
    expect(report.problems.at(-1)?.message.en).toContain('30 more problems');
  });

  it('reads a file with a byte-order mark', () => {
    expect(validateGeoJsonText(`\uFEFF${JSON.stringify(point)}`, { fileName: 'bom.geojson' }).ok).toBe(true);
  });

  it('finds duplicate keys however they are escaped, and not in strings', () => {
    expect(findDuplicateKeys('{"a": 1, "\\u0061": 2}').map((d) => d.key)).toEqual(['a']);
    expect(findDuplicateKeys('{"a": "{\\"a\\": 1, \\"a\\": 2}", "b": [{"a": 1}, {"a": 2}]}')).toEqual([]);
    expect(findDuplicateKeys('{\n"a": {"x": 1},\n"a": 2}')).toMatchObject([
      { key: 'a', line: 3, firstLine: 2 },
    ]);
  });

  it('tells cheaply whether any key repeats, agreeing with the full scan', () => {
    const cases = [
      '{"a": 1, "\\u0061": 2}',
      '{"a": "{\\"a\\": 1, \\"a\\": 2}", "b": [{"a": 1}, {"a": 2}]}',
      '{"a\\\\": 1, "b": [[1, 2], [3, 4]], "c": {"d": {"d": 1}}}',
      '{"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [0, 1], [0, 0]]], "x": [{"y": 1, "y" : 2}]}',
      '{"__proto__": 1, "x": {"__proto__": 2}}',
      JSON.stringify(syntheticPlots(20)),
    ];
    for (const text of cases) {
      expect(hasDuplicateKeys(text, JSON.parse(text))).toBe(findDuplicateKeys(text).length > 0);
    }
    expect(cases.map((text) => hasDuplicateKeys(text, JSON.parse(text)))).toEqual([
      true,
      false,
      false,
      true,
      false,
      false,
    ]);
  });
});

describe('formatProblem', () => {
  const base: Problem = {
    severity: 'error',
    code: 'property-schema',
    message: { zh: '属性 grade 应为……', en: 'property grade must be …' },
    featureIndex: 3,
    featureId: 'HS-DX-0004',
    line: null,
  };

  it('names the feature and its id', () => {
    expect(formatProblem('plots.geojson', base, 'en')).toBe(
      'plots.geojson: feature 3 (id HS-DX-0004): property grade must be …',
    );
    expect(formatProblem('plots.geojson', base, 'zh')).toBe(
      'plots.geojson: 要素 3 (id HS-DX-0004): 属性 grade 应为……',
    );
  });

  it('names the line, or only the file', () => {
    expect(formatProblem('a.geojson', { ...base, featureIndex: null, featureId: null, line: 7 }, 'en')).toBe(
      'a.geojson: line 7: property grade must be …',
    );
    expect(formatProblem('a.geojson', { ...base, featureIndex: null, featureId: null }, 'en')).toBe(
      'a.geojson: property grade must be …',
    );
  });

  it('marks warnings', () => {
    expect(formatProblem('a.geojson', { ...base, severity: 'warning' }, 'en')).toContain(
      ': warning: property',
    );
  });

  it('never passes control characters from the file through', () => {
    const line = formatProblem('a.geojson', { ...base, featureId: 'x\u001b[2J\u202eevil' }, 'en');
    expect(line.includes('\u001b') || line.includes('\u202e')).toBe(false);
    expect(line).toContain('\\u001b');
  });
});

describe('a large file', () => {
  // Timing lives in the benchmark (npm run bench); here only that a county-sized file validates whole.
  it('validates 20 000 plots of 16 vertices with no problem', () => {
    const text = JSON.stringify(syntheticPlots(20_000));
    const report = validateGeoJsonText(text, { fileName: 'plots.geojson' });
    expect(report.ok).toBe(true);
    expect(report.problems).toEqual([]);
  });
});

// Fixtures in, fixtures out (ARCHITECTURE.md): each tests/fixtures/validate/in/NAME is validated (its
// layer follows the file name: plots-*.geojson uses the plots rules, generic-* none) and the report is
// compared with out/NAME.json. Only REGEN=1 writes the expected files (review the diff before
// committing); without it a fixture whose expected file is missing fails.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateGeoJsonText } from '../../src/geo/validate.ts';

const root = join(import.meta.dirname, '../fixtures/validate');
const names = readdirSync(join(root, 'in')).sort();

function summary(name: string) {
  const text = readFileSync(join(root, 'in', name), 'utf8');
  const report = validateGeoJsonText(text, { fileName: name });
  return {
    ok: report.ok,
    problems: report.problems.map((p) => ({
      severity: p.severity,
      code: p.code,
      featureIndex: p.featureIndex,
      featureId: p.featureId,
      line: p.line,
      en: p.message.en,
    })),
    report,
  };
}

describe('validator fixtures', () => {
  it('has fixtures to check', () => {
    expect(names.length).toBeGreaterThan(20);
  });

  for (const name of names) {
    it(name, () => {
      const { report, ...actual } = summary(name);
      const expectedPath = join(root, 'out', name.replace(/\.geojson$/, '.json'));
      if (process.env.REGEN === '1') writeFileSync(expectedPath, `${JSON.stringify(actual, null, 2)}\n`);
      expect(
        existsSync(expectedPath),
        `${expectedPath} is missing: run with REGEN=1 to write it, then review it`,
      ).toBe(true);
      expect(actual).toEqual(JSON.parse(readFileSync(expectedPath, 'utf8')));
      // Every message speaks both languages, and a report with an error loads nothing.
      for (const problem of report.problems) {
        expect(problem.message.zh).toMatch(/[\u4e00-\u9fff]/);
        expect(problem.message.en.length).toBeGreaterThan(10);
        expect(problem.message.en).not.toMatch(/\bat .*\.ts:\d+|Error:/);
      }
      expect(report.geojson === null).toBe(!report.ok);
    });
  }
});

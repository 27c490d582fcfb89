// The sample layers and the generator's output pass the app's own validator (src/geo/validate.ts).
import { describe, expect, it } from 'vitest';
import { generate } from '../../geodata/generate.ts';
import { validateGeoJsonText } from '../../src/geo/validate.ts';
import { SAMPLE_FILES, sampleText } from './helpers.ts';

function errorsOf(text: string, fileName: string) {
  const report = validateGeoJsonText(text, { fileName });
  return { ok: report.ok, errors: report.problems.filter((problem) => problem.severity === 'error') };
}

describe('validator', () => {
  it.each(SAMPLE_FILES)('accepts geodata/%s.geojson', (layer) => {
    const { ok, errors } = errorsOf(sampleText(layer), `geodata/${layer}.geojson`);
    expect(errors).toEqual([]);
    expect(ok).toBe(true);
  });

  it('accepts the generator output', () => {
    const generated = generate({ plots: 300, zones: 20, seed: 'validate' });
    for (const [fileName, text] of [
      ['plots.geojson', generated.plotsText],
      ['zones.geojson', generated.zonesText],
    ] as const) {
      const { ok, errors } = errorsOf(text, fileName);
      expect(errors, fileName).toEqual([]);
      expect(ok, fileName).toBe(true);
    }
  });
});

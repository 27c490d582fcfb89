import { readFileSync } from 'node:fs';
import type { Feature } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  FEATURE_ID_MAX_LENGTH,
  type FeatureLike,
  featureId,
  featureIdValue,
  isFeatureId,
} from '../../src/domain/feature-id.ts';
import { validateGeoJsonText } from '../../src/geo/validate.ts';

interface Case {
  case: string;
  feature: FeatureLike;
  value: string | number | null;
}
const cases = JSON.parse(
  readFileSync(new URL('../fixtures/feature-id/cases.json', import.meta.url), 'utf8'),
) as Case[];

describe('the feature-id rule', () => {
  it.each(cases.map((entry) => [entry.case, entry] as const))('%s', (_name, entry) => {
    expect(featureIdValue(entry.feature)).toStrictEqual(entry.value);
    expect(featureId(entry.feature)).toStrictEqual(entry.value === null ? null : String(entry.value));
  });

  it('reads properties.id on a feature MapLibre rendered (string Feature ids dropped, promoteId)', () => {
    expect(featureId({ id: 'HS-DX-0001', properties: { id: 'HS-DX-0001' } })).toBe('HS-DX-0001');
    expect(featureId({ properties: { id: 'HS-DX-0001' } })).toBe('HS-DX-0001');
  });

  it('cannot differ from either member on a layer the validator accepts', () => {
    const text = readFileSync(new URL('../fixtures/cli/parks-hand.geojson', import.meta.url), 'utf8');
    const result = validateGeoJsonText(text, { fileName: 'parks-hand.geojson', layer: 'parks' });
    expect(result.ok).toBe(true);
    const features = (JSON.parse(text) as { features: Feature[] }).features;
    expect(features.length).toBeGreaterThan(0);
    for (const feature of features) {
      expect(featureId(feature)).toBe(feature.id);
      expect(featureId(feature)).toBe(feature.properties?.id);
    }
    const differing = text.replace(
      '"id":"PK-H1","properties":{"id":"PK-H1"',
      '"id":"PK-H1","properties":{"id":"PK-X"',
    );
    expect(differing).not.toBe(text);
    expect(validateGeoJsonText(differing, { fileName: 'parks-hand.geojson', layer: 'parks' }).ok).toBe(false);
  });
});

describe('isFeatureId', () => {
  it('accepts 1 to 128 code points of ordinary and Chinese text', () => {
    expect(isFeatureId('HS-DX-0001')).toBe(true);
    expect(isFeatureId('鹤山-地块-001')).toBe(true);
    expect(isFeatureId('地'.repeat(FEATURE_ID_MAX_LENGTH))).toBe(true);
    expect(isFeatureId('😀'.repeat(FEATURE_ID_MAX_LENGTH))).toBe(true);
  });

  it('refuses empty, blank, too long, dot segments, control characters and lone surrogates', () => {
    for (const id of [
      '',
      '   ',
      '地'.repeat(FEATURE_ID_MAX_LENGTH + 1),
      '.',
      '..',
      'A\u0000B',
      'A\nB',
      '\ud800',
    ]) {
      expect(isFeatureId(id), JSON.stringify(id)).toBe(false);
    }
  });
});

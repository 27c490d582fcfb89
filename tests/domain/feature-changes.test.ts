// Applying an edit's changes to a worker's copy of a layer: in place, in order, nothing else touched.
import type { Feature } from 'geojson';
import { describe, expect, it } from 'vitest';
import { applyFeatureChanges } from '../../src/domain/feature-changes.ts';

const plot = (id: string, status = 'identified'): Feature => ({
  type: 'Feature',
  properties: { id, status },
  geometry: { type: 'Point', coordinates: [112.9, 22.7] },
});

describe('applyFeatureChanges', () => {
  const a = plot('HS-DX-0001');
  const b = plot('HS-DX-0002');
  const c = plot('鹤山-甲-3');

  it('replaces a changed feature in its place and keeps the others as they were', () => {
    const b2 = plot('HS-DX-0002', 'rectifying');
    const result = applyFeatureChanges([a, b, c], { put: [b2], removed: [] });
    expect(result).toEqual([a, b2, c]);
    expect(result[0]).toBe(a);
    expect(result[2]).toBe(c);
  });

  it('adds a new feature at the end and drops a removed one, ids in Chinese included', () => {
    const d = plot('HS-DX-0004');
    expect(applyFeatureChanges([a, b, c], { put: [d], removed: ['鹤山-甲-3'] })).toEqual([a, b, d]);
  });

  it('with no changes gives the same features', () => {
    expect(applyFeatureChanges([a, b], { put: [], removed: [] })).toEqual([a, b]);
  });
});

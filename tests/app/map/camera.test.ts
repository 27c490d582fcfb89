// The feature a link names: `?feature=<layer>/<id>` with a drawn layer and a non-empty id, else none.
import { describe, expect, it } from 'vitest';
import { linkedFeature } from '../../../src/app/map/camera.ts';

describe('a link to one feature', () => {
  it('names a layer and an id (ids may hold slashes and Chinese)', () => {
    expect(linkedFeature('?feature=plots/HS-DX-0001')).toEqual({ layer: 'plots', id: 'HS-DX-0001' });
    expect(linkedFeature('?lang=en&feature=projects%2F%E9%B9%A4%E5%B1%B1%2F1')).toEqual({
      layer: 'projects',
      id: '鹤山/1',
    });
  });

  it('is nothing without a drawn layer or an id', () => {
    expect(linkedFeature('')).toBeNull();
    expect(linkedFeature('?feature=tiles/Z-1')).toBeNull();
    // Zones are a drawn layer like the others.
    expect(linkedFeature('?feature=zones/Z-1')).toEqual({ layer: 'zones', id: 'Z-1' });
    expect(linkedFeature('?feature=plots/')).toBeNull();
    expect(linkedFeature('?feature=/HS-DX-0001')).toBeNull();
    expect(linkedFeature('?feature=HS-DX-0001')).toBeNull();
  });
});

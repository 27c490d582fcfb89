import { describe, expect, it } from 'vitest';
import { pickSmallest } from '../../../src/app/map/picking.ts';
import {
  isSelected,
  SELECT_NONE,
  sameSelection,
  selectFeature,
  selectionAfterLayerHidden,
} from '../../../src/app/state/selection.ts';

describe('pickSmallest', () => {
  it('picks the plot inside a park, not the park', () => {
    const picked = pickSmallest([
      { layer: 'parks', id: 'P-1', isPoint: false, areaM2: 5_000_000 },
      { layer: 'plots', id: 'HS-DX-0001', isPoint: false, areaM2: 20_000 },
      { layer: 'newland', id: 'XZ-1', isPoint: false, areaM2: 40_000 },
    ]);
    expect(picked?.id).toBe('HS-DX-0001');
  });

  it('lets a project point beat any polygon', () => {
    const picked = pickSmallest([
      { layer: 'plots', id: 'HS-DX-0001', isPoint: false, areaM2: 1 },
      { layer: 'projects', id: 'XM-1', isPoint: true, areaM2: 0 },
    ]);
    expect(picked?.id).toBe('XM-1');
  });

  it('returns null when nothing is under the pointer', () => {
    expect(pickSmallest([])).toBeNull();
  });
});

describe('selection', () => {
  it('is a tagged union with pure helpers', () => {
    const plot = selectFeature('plots', 'HS-DX-0001');
    expect(isSelected(plot, 'plots', 'HS-DX-0001')).toBe(true);
    expect(isSelected(plot, 'parks', 'HS-DX-0001')).toBe(false);
    expect(isSelected(SELECT_NONE, 'plots', 'HS-DX-0001')).toBe(false);
    expect(sameSelection(plot, selectFeature('plots', 'HS-DX-0001'))).toBe(true);
    expect(sameSelection(plot, SELECT_NONE)).toBe(false);
    expect(sameSelection(SELECT_NONE, SELECT_NONE)).toBe(true);
  });

  it('clears when the selected layer is hidden, and only then', () => {
    const plot = selectFeature('plots', 'HS-DX-0001');
    expect(selectionAfterLayerHidden(plot, 'plots')).toEqual(SELECT_NONE);
    expect(selectionAfterLayerHidden(plot, 'parks')).toBe(plot);
  });
});

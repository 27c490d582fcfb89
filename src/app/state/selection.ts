// The selection as a tagged union with pure helpers (after Placemark's state/uselection.ts).
import type { DataLayerId } from './layer-data.ts';

export type Selection = { kind: 'none' } | { kind: 'feature'; layer: DataLayerId; id: string };

export const SELECT_NONE: Selection = { kind: 'none' };

export function selectFeature(layer: DataLayerId, id: string): Selection {
  return { kind: 'feature', layer, id };
}

export function isSelected(selection: Selection, layer: DataLayerId, id: string): boolean {
  return selection.kind === 'feature' && selection.layer === layer && selection.id === id;
}

export function sameSelection(a: Selection, b: Selection): boolean {
  if (a.kind === 'none' || b.kind === 'none') return a.kind === b.kind;
  return a.layer === b.layer && a.id === b.id;
}

/** The selection that is left once a layer goes away (hidden or reloaded without the feature). */
export function selectionAfterLayerHidden(selection: Selection, layer: DataLayerId): Selection {
  return selection.kind === 'feature' && selection.layer === layer ? SELECT_NONE : selection;
}

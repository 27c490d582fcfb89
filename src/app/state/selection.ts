// The one selection, as a tagged union with pure helpers (after Placemark's state/uselection.ts): a
// feature of a drawn layer (the inspector shows it), or a zone of the drawing tool by its drawing id
// (the zone panel shows it; a zone not yet saved has no server id).
import type { DataLayerId } from './layer-data.ts';

export type Selection =
  | { kind: 'none' }
  | { kind: 'feature'; layer: DataLayerId; id: string }
  | { kind: 'zone'; id: string };

export const SELECT_NONE: Selection = { kind: 'none' };

export function selectFeature(layer: DataLayerId, id: string): Selection {
  return { kind: 'feature', layer, id };
}

export function selectZone(id: string): Selection {
  return { kind: 'zone', id };
}

/** The drawing id of the selected zone, or null. */
export function selectedZoneId(selection: Selection): string | null {
  return selection.kind === 'zone' ? selection.id : null;
}

export function isSelected(selection: Selection, layer: DataLayerId, id: string): boolean {
  return selection.kind === 'feature' && selection.layer === layer && selection.id === id;
}

export function sameSelection(a: Selection, b: Selection): boolean {
  if (a.kind === 'none' || b.kind === 'none') return a.kind === b.kind;
  if (a.kind === 'zone' || b.kind === 'zone') return a.kind === b.kind && a.id === b.id;
  return a.layer === b.layer && a.id === b.id;
}

/** The selection that is left once a layer goes away (hidden or reloaded without the feature). */
export function selectionAfterLayerHidden(selection: Selection, layer: DataLayerId): Selection {
  return selection.kind === 'feature' && selection.layer === layer ? SELECT_NONE : selection;
}

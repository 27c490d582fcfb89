// Which feature a click or tap picks where several overlap: points beat polygons, then the smallest
// ellipsoidal area wins (a plot inside a park is picked, not the park). Pure.
import type { DataLayerId } from '../state/layer-data.ts';

export interface PickCandidate {
  layer: DataLayerId;
  id: string;
  isPoint: boolean;
  areaM2: number;
}

/** The winner among the features under the pointer, or null when there are none. */
export function pickSmallest(candidates: readonly PickCandidate[]): PickCandidate | null {
  let best: PickCandidate | null = null;
  for (const candidate of candidates) {
    if (!best || beats(candidate, best)) best = candidate;
  }
  return best;
}

function beats(a: PickCandidate, b: PickCandidate): boolean {
  if (a.isPoint !== b.isPoint) return a.isPoint;
  return a.areaM2 < b.areaM2;
}

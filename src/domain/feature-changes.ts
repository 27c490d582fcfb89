// Features changed since a layer was sent somewhere (a worker, a cache): the ones put (new, or a newer
// copy of one with the same id) and the ids removed. An edit sends these instead of the whole layer;
// the receiver applies them to its copy with applyFeatureChanges.
import type { Feature, Geometry } from 'geojson';
import { featureId } from './feature-id.ts';

export interface FeatureChanges {
  put: Feature[];
  removed: string[];
}

/**
 * The features with the changes applied: a put feature replaces the one with its id in place (or is
 * added at the end), a removed id is dropped; the other features are the same objects, in order.
 */
export function applyFeatureChanges<F extends Feature<Geometry | null>>(
  features: readonly F[],
  changes: { put: readonly F[]; removed: readonly string[] },
): F[] {
  const put = new Map<string, F>();
  for (const feature of changes.put) {
    const id = featureId(feature);
    if (id !== null) put.set(id, feature);
  }
  const removed = new Set(changes.removed);
  const result: F[] = [];
  for (const feature of features) {
    const id = featureId(feature);
    if (id !== null && removed.has(id)) continue;
    const replacement = id === null ? undefined : put.get(id);
    if (replacement) {
      result.push(replacement);
      put.delete(id as string);
    } else result.push(feature);
  }
  result.push(...put.values());
  return result;
}

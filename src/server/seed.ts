// First start: each layer found in geodata/ that the database has never held is validated by the same
// validator as an import and stored as version 1 of its features. A missing file is looked for again
// at the next start; a file with errors is reported and skipped, never half stored.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature } from 'geojson';
import { featureId } from '../domain/feature-id.ts';
import { LAYER_IDS, type LayerId } from '../domain/layers.ts';
import { formatProblem, validateGeoJsonText } from '../geo/validate.ts';
import type { ImportedFeature, Properties, Store } from './store/types.ts';

export interface SeedOutcome {
  layer: LayerId;
  file: string;
  seeded: number | null;
  errors: string[];
}

/**
 * The features of a validated layer as the store keeps them: `id` in properties, no version (the
 * store's), beside it the version the file carried, if it is one (an export writes it).
 */
export function featureContents(features: readonly Feature[]): ImportedFeature[] {
  return features.map((feature) => {
    const { version, ...properties } = (feature.properties ?? {}) as Record<string, unknown>;
    const id = featureId(feature) ?? '';
    return {
      properties: { ...properties, id } as Properties,
      geometry: feature.geometry,
      version: Number.isInteger(version) && (version as number) >= 1 ? (version as number) : null,
    };
  });
}

export async function seedLayers(store: Store, geodataDir: string): Promise<SeedOutcome[]> {
  const outcomes: SeedOutcome[] = [];
  for (const layer of LAYER_IDS) {
    const file = join(geodataDir, `${layer}.geojson`);
    if (!existsSync(file) || (await store.isSeeded(layer))) continue;
    const report = validateGeoJsonText(readFileSync(file, 'utf8'), { fileName: file, layer });
    const geojson = report.geojson;
    if (!report.ok || !geojson || geojson.type !== 'FeatureCollection') {
      const errors = report.problems
        .filter((problem) => problem.severity === 'error')
        .map((p) => `${formatProblem(file, p, 'zh')} | ${formatProblem(file, p, 'en')}`);
      outcomes.push({ layer, file, seeded: null, errors });
      continue;
    }
    const result = await store.importLayer(layer, featureContents(geojson.features), 'seed', 'system');
    outcomes.push({ layer, file, seeded: result.ok ? result.summary.created : null, errors: [] });
  }
  return outcomes;
}

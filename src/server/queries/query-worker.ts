// The query worker thread (query-service.ts starts it): holds the layers the server answers questions
// about — each at one revision, parsed from the layer's GeoJSON text here, so the request thread never
// parses a large layer — and answers search (an index per layer revision, search-index.ts), the
// analysis (src/geo/analysis.ts), what each park holds (src/geo/relate.ts), the progress report and the
// data table (each feature's park by src/geo/park-of.ts, kept per revisions). The long jobs run in
// slices of about SLICE_MS and give the thread's event loop a turn between them, so a search asked
// meanwhile is answered between two slices rather than after the whole analysis.
import { parentPort } from 'node:worker_threads';
import type { Feature, FeatureCollection } from 'geojson';
import { featureId } from '../../domain/feature-id.ts';
import type { LayerId } from '../../domain/layers.ts';
import type { SearchLayerId } from '../../domain/search.ts';
import type { TableLayerId, TableRow } from '../../domain/table-filter.ts';
import {
  type AnalysisResult,
  analysisSteps,
  type OverlapShape,
  plotNumbers,
  plotOverlapShape,
  prepareAnalysis,
} from '../../geo/analysis.ts';
import { geometryAreaM2 } from '../../geo/area.ts';
import { type Box, geometryBox } from '../../geo/box.ts';
import { type ParkOf, parkOfSteps } from '../../geo/park-of.ts';
import { type ProgressReport, progressReport, type StatusChange } from '../../geo/progress-report.ts';
import {
  type ParkHolding,
  parkHoldings,
  parksOfAll,
  prepareParks,
  type RelatedPark,
} from '../../geo/relate.ts';
import { type IndexedMatch, LayerSearchIndex, searchIndexes } from './search-index.ts';

/** The layers the analysis reads. */
export const ANALYSED_LAYERS = ['plots', 'parks', 'newland', 'projects'] as const;
/** The layers whose features are related to the parks (the park summary). */
export const HOLDING_LAYERS = ['plots', 'projects', 'newland'] as const;
export type HoldingLayerId = (typeof HOLDING_LAYERS)[number];

export type Revisions = Partial<Record<LayerId, string>>;

/** What each park holds of each related layer: one row per park holding anything, in the order met. */
export type Holdings = Record<HoldingLayerId, ({ park: string } & ParkHolding)[]>;

export type QueryJob =
  /** Some features' texts of a layer being sent in parts (`load` names the sending), kept until `load`. */
  | { kind: 'part'; id: number; load: number; texts: string[] }
  /** The layer at this revision: its whole text, or (json null) the parts sent under the same `load`. */
  | { kind: 'load'; id: number; load: number; layer: LayerId; revision: string; json: string | null }
  | {
      kind: 'search';
      id: number;
      revisions: Revisions;
      layers: SearchLayerId[];
      query: string;
      limit: number;
    }
  | { kind: 'analysis'; id: number; revisions: Revisions }
  | { kind: 'holdings'; id: number; revisions: Revisions }
  | {
      kind: 'report';
      id: number;
      revisions: Revisions;
      since: string;
      today: string;
      statusChanges: StatusChange[];
    }
  | { kind: 'overlap'; id: number; revisions: Revisions; a: string; b: string }
  /** The data table's rows of a layer (without the inspection dates, which the store adds). */
  | { kind: 'table'; id: number; revisions: Revisions; layer: TableLayerId };

/**
 * A table row as the worker computes it: properties, park and area, and the feature's box (for the
 * bounds of what a filter keeps: GET /api/table/:layer/bounds; not sent with the rows); the store adds
 * the inspections.
 */
export type TableBase = Omit<TableRow, 'lastInspection'> & { box: Box | null };

export type QueryAnswer =
  | { id: number; part: number }
  | { id: number; loaded: { features: number; ms: number } }
  | { id: number; matches: IndexedMatch[] }
  | { id: number; analysis: AnalysisResult; ms: number }
  | { id: number; holdings: Holdings; ms: number }
  | { id: number; report: ProgressReport; ms: number }
  | { id: number; overlap: OverlapShape | null }
  | { id: number; table: TableBase[]; ms: number }
  /** The worker holds another revision of a layer than the one asked for: load it and ask again. */
  | { id: number; stale: true }
  | { id: number; error: string };

/** Work this long (ms) before giving the event loop a turn. */
const SLICE_MS = 20;

interface Held {
  revision: string;
  features: Feature[];
  search?: LayerSearchIndex;
  plotNumber?: Map<string, number>;
  /** Each feature's park and area (park-of.ts: the report's and the table's), for the parks revision named. */
  parkOf?: { parksRevision: string; value: ParkOf };
}

const held = new Map<LayerId, Held>();
/** The features received so far of each layer being sent in parts, by sending. */
const parts = new Map<number, Feature[]>();

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The held layers of the revisions asked, or null when any is another revision. */
function layersAt(revisions: Revisions): Map<LayerId, Held> | null {
  const layers = new Map<LayerId, Held>();
  for (const [layer, revision] of Object.entries(revisions) as [LayerId, string][]) {
    const layerHeld = held.get(layer);
    if (!layerHeld || layerHeld.revision !== revision) return null;
    layers.set(layer, layerHeld);
  }
  return layers;
}

const featuresOf = (layers: Map<LayerId, Held>, layer: LayerId): Feature[] =>
  layers.get(layer)?.features ?? [];

async function analysis(layers: Map<LayerId, Held>): Promise<AnalysisResult> {
  const prepared = prepareAnalysis({
    plots: featuresOf(layers, 'plots'),
    parks: featuresOf(layers, 'parks'),
    newland: featuresOf(layers, 'newland'),
    projects: featuresOf(layers, 'projects'),
  });
  const steps = analysisSteps(prepared);
  let sliceStart = performance.now();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (performance.now() - sliceStart >= SLICE_MS) {
      await turn();
      sliceStart = performance.now();
    }
  }
}

/** Features related to the parks per slice: a few hundred polygons take a few ms. */
const HOLDING_SLICE = 256;

/** What each park holds, as the app sums it (layers-slice.ts derivedOf): parksOfAll, then parkHoldings. */
async function holdings(layers: Map<LayerId, Held>): Promise<Holdings> {
  const result: Holdings = { plots: [], projects: [], newland: [] };
  const parks = featuresOf(layers, 'parks');
  if (parks.length === 0) return result;
  const prepared = prepareParks(parks);
  for (const layer of HOLDING_LAYERS) {
    const features = featuresOf(layers, layer);
    const byId = new Map<string, Feature>();
    const areaM2 = new Map<string, number>();
    const parksOf = new Map<string, RelatedPark[]>();
    for (let from = 0; from < features.length; from += HOLDING_SLICE) {
      const slice = features.slice(from, from + HOLDING_SLICE);
      for (const feature of slice) {
        const id = featureId(feature);
        if (id === null || byId.has(id)) continue;
        byId.set(id, feature);
        areaM2.set(id, geometryAreaM2(feature.geometry));
      }
      // The first feature of an id is the one related (as parksOfAll over the whole layer does).
      for (const [id, related] of parksOfAll(slice, prepared)) {
        if (!parksOf.has(id)) parksOf.set(id, related);
      }
      await turn();
    }
    for (const [park, holding] of parkHoldings(byId, parksOf, areaM2)) {
      result[layer].push({ park, ...holding });
    }
  }
  return result;
}

/**
 * Each feature's park (src/geo/park-of.ts: the park it overlaps most) and area, kept with the layer for
 * the parks' revision: the slow part of the report and of the table, in slices, computed once per
 * revisions and shared by both.
 */
async function parkOf(layers: Map<LayerId, Held>, layer: LayerId): Promise<ParkOf> {
  const layerHeld = layers.get(layer);
  const parksRevision = layers.get('parks')?.revision ?? '';
  if (!layerHeld) return { park: new Int32Array(0), areaM2: new Float64Array(0) };
  if (layerHeld.parkOf?.parksRevision === parksRevision) return layerHeld.parkOf.value;
  const steps = parkOfSteps(layerHeld.features, featuresOf(layers, 'parks'));
  let sliceStart = performance.now();
  for (;;) {
    const next = steps.next();
    if (next.done) {
      layerHeld.parkOf = { parksRevision, value: next.value };
      return next.value;
    }
    if (performance.now() - sliceStart >= SLICE_MS) {
      await turn();
      sliceStart = performance.now();
    }
  }
}

async function report(
  layers: Map<LayerId, Held>,
  job: Extract<QueryJob, { kind: 'report' }>,
): Promise<ProgressReport> {
  const plotParks = await parkOf(layers, 'plots');
  await turn();
  return progressReport({
    plots: featuresOf(layers, 'plots'),
    parks: featuresOf(layers, 'parks'),
    newland: featuresOf(layers, 'newland'),
    projects: featuresOf(layers, 'projects'),
    statusChanges: job.statusChanges,
    since: job.since,
    today: job.today,
    plotParks,
  });
}

/**
 * Each feature's row for the data table: its properties (without the version), its park (park-of.ts, as
 * the progress report names it) and its ellipsoidal area.
 */
async function tableRows(layers: Map<LayerId, Held>, layer: TableLayerId): Promise<TableBase[]> {
  const parks = featuresOf(layers, 'parks');
  const parkOfFeature = layer === 'zones' ? null : (await parkOf(layers, layer)).park;
  const rows: TableBase[] = [];
  const seen = new Set<string>();
  let sliceStart = performance.now();
  const features = featuresOf(layers, layer);
  for (let index = 0; index < features.length; index++) {
    const feature = features[index] as Feature;
    const id = featureId(feature);
    if (id === null || seen.has(id)) continue;
    seen.add(id);
    const { version: _version, ...properties } = feature.properties ?? {};
    const parkIndex = parkOfFeature?.[index] ?? -1;
    const park = parkIndex >= 0 ? featureId(parks[parkIndex] as Feature) : null;
    rows.push({
      id,
      properties,
      park,
      areaM2: geometryAreaM2(feature.geometry),
      box: geometryBox(feature.geometry),
    });
    if (performance.now() - sliceStart >= SLICE_MS) {
      await turn();
      sliceStart = performance.now();
    }
  }
  return rows;
}

function searchIndex(layer: SearchLayerId, layerHeld: Held): LayerSearchIndex {
  layerHeld.search ??= new LayerSearchIndex(layer, layerHeld.features);
  return layerHeld.search;
}

async function answer(job: QueryJob): Promise<QueryAnswer> {
  if (job.kind === 'part') {
    const received = parts.get(job.load) ?? [];
    parts.set(job.load, received);
    for (const feature of JSON.parse(`[${job.texts.join(',')}]`) as Feature[]) received.push(feature);
    return { id: job.id, part: received.length };
  }
  if (job.kind === 'load') {
    const started = performance.now();
    // The older copy goes first, so that two are never held at once.
    held.delete(job.layer);
    const features =
      job.json === null ? (parts.get(job.load) ?? []) : (JSON.parse(job.json) as FeatureCollection).features;
    parts.delete(job.load);
    held.set(job.layer, { revision: job.revision, features });
    return { id: job.id, loaded: { features: features.length, ms: performance.now() - started } };
  }
  const layers = layersAt(job.revisions);
  if (!layers) return { id: job.id, stale: true };
  const started = performance.now();
  switch (job.kind) {
    case 'search': {
      const indexes = job.layers.flatMap((layer) => {
        const layerHeld = layers.get(layer);
        return layerHeld ? [searchIndex(layer, layerHeld)] : [];
      });
      return { id: job.id, matches: searchIndexes(indexes, job.query, job.limit) };
    }
    case 'analysis':
      return { id: job.id, analysis: await analysis(layers), ms: performance.now() - started };
    case 'holdings':
      return { id: job.id, holdings: await holdings(layers), ms: performance.now() - started };
    case 'report':
      return { id: job.id, report: await report(layers, job), ms: performance.now() - started };
    case 'table':
      return { id: job.id, table: await tableRows(layers, job.layer), ms: performance.now() - started };
    case 'overlap': {
      const plots = layers.get('plots');
      if (!plots) return { id: job.id, overlap: null };
      plots.plotNumber ??= plotNumbers(plots.features);
      const shape = plotOverlapShape(
        { plotNumber: plots.plotNumber, layers: { plots: plots.features } },
        job.a,
        job.b,
      );
      return { id: job.id, overlap: shape };
    }
  }
}

parentPort?.on('message', (job: QueryJob) => {
  answer(job).then(
    (reply) => parentPort?.postMessage(reply),
    (error: unknown) =>
      parentPort?.postMessage({
        id: job.id,
        error: error instanceof Error ? error.message : String(error),
      } satisfies QueryAnswer),
  );
});

// The zone Web Worker: keeps the plots, parks and new land prepared (src/geo/zone-readout.ts) and reads
// out one zone outline per call, off the main thread, so the map follows the pointer while a zone is
// drawn. The app starts it from src/app/zones/draw/readout-client.ts.
import { expose } from 'comlink';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { applyFeatureChanges, type FeatureChanges } from '../domain/feature-changes.ts';
import type { ZoneGeometry, ZoneReadout } from '../domain/zone.ts';
import { prepareZoneContext, type ZoneContext, zoneReadout } from '../geo/zone-readout.ts';

export interface ZoneLayerInput {
  plots: FeatureCollection | null;
  parks: FeatureCollection | null;
  newland: FeatureCollection | null;
}

type Name = keyof ZoneLayerInput;
type AnyFeature = Feature<Geometry | null>;

/** The layers sent whole (null: the layer comes as vector tiles, or not at all). */
let whole: Record<Name, AnyFeature[] | null> = { plots: null, parks: null, newland: null };
/** For a layer not sent whole, the features of the region being drawn, fetched by the app (issue 10). */
let regional: Record<Name, AnyFeature[]> = { plots: [], parks: [], newland: [] };
let context: ZoneContext | null = null;

function prepare(): void {
  context = prepareZoneContext({
    plots: whole.plots ?? regional.plots,
    parks: whole.parks ?? regional.parks,
    newland: whole.newland ?? regional.newland,
  });
}

const api = {
  /** Prepares the layers once per load; later readouts use them. */
  load(input: ZoneLayerInput): void {
    whole = {
      plots: input.plots?.features ?? null,
      parks: input.parks?.features ?? null,
      newland: input.newland?.features ?? null,
    };
    prepare();
  },
  /** Takes the features an edit changed (not the layers again) and prepares the layers anew. */
  apply(changes: Partial<Record<Name, FeatureChanges>>): void {
    const change = (name: Name) => {
      const given = changes[name];
      const layer = whole[name];
      return given && layer ? applyFeatureChanges(layer, given) : layer;
    };
    whole = { plots: change('plots'), parks: change('parks'), newland: change('newland') };
    prepare();
  },
  /** Adds fetched features of a layer's region (new ones, or newer copies of held ones). */
  addRegion(features: Partial<Record<Name, AnyFeature[]>>): void {
    for (const name of ['plots', 'parks', 'newland'] as const) {
      const put = features[name];
      if (put && put.length > 0) regional[name] = applyFeatureChanges(regional[name], { put, removed: [] });
    }
    prepare();
  },
  /** Forgets the regions fetched (a new drawing session fetches afresh). */
  clearRegion(): void {
    regional = { plots: [], parks: [], newland: [] };
    prepare();
  },
  readout(geometry: ZoneGeometry): ZoneReadout {
    if (!context) prepare();
    return zoneReadout(context as ZoneContext, geometry);
  },
};

export type ZoneWorkerApi = typeof api;

expose(api);

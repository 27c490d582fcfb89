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

type ZoneLayers = Record<keyof ZoneLayerInput, Feature<Geometry | null>[]>;

let layers: ZoneLayers = { plots: [], parks: [], newland: [] };
let context: ZoneContext | null = null;

const featuresOf = (collection: FeatureCollection | null): Feature<Geometry | null>[] =>
  collection ? collection.features : [];

const api = {
  /** Prepares the layers once per load; later readouts use them. */
  load(input: ZoneLayerInput): void {
    layers = {
      plots: featuresOf(input.plots),
      parks: featuresOf(input.parks),
      newland: featuresOf(input.newland),
    };
    context = prepareZoneContext(layers);
  },
  /** Takes the features an edit changed (not the layers again) and prepares the layers anew. */
  apply(changes: Partial<Record<keyof ZoneLayerInput, FeatureChanges>>): void {
    const change = (name: keyof ZoneLayerInput) => {
      const given = changes[name];
      return given ? applyFeatureChanges(layers[name], given) : layers[name];
    };
    layers = { plots: change('plots'), parks: change('parks'), newland: change('newland') };
    context = prepareZoneContext(layers);
  },
  readout(geometry: ZoneGeometry): ZoneReadout {
    if (!context) context = prepareZoneContext({ plots: [], parks: [], newland: [] });
    return zoneReadout(context, geometry);
  },
};

export type ZoneWorkerApi = typeof api;

expose(api);

// The data layers are shown one per rendered frame, so that no frame compiles all their programs.
//
// Under software WebGL (SwiftShader: the tablets without a GPU driver, the test machines) MapLibre
// compiles a shader program the first time a layer draws, 50–150 ms each; the app's twenty-odd data
// layers (fills, lines, dots, labels; colours by data) need about a dozen programs, and their sources'
// first tiles tend to arrive together, so one frame compiled most of them and froze the page for 300 ms
// and more. Here every layer added before the data anchor starts hidden and is revealed once its
// source has loaded, one layer per rendered frame (from the map's 'render' event, so MapLibre does not
// fire 'idle' while a layer waits): each frame compiles at most one layer's programs.
//
// Fills and lines are hidden with their layer opacity (fill-layer-opacity / line-layer-opacity 0: the
// source still loads its tiles, and the programs' defines do not change); circles and labels by their
// zoom range (set back to the layer's own when revealed). A layer whose source does not load within
// REVEAL_ANYWAY_MS is revealed all the same. Layers added after their first reveal (a colour mode that
// replaces a layer) are not held back: their programs are the cheap part of a frame that is not a start.
import type { AddLayerObject, Map as MaplibreMap } from 'maplibre-gl';

const REVEAL_ANYWAY_MS = 4000;

type Hidden =
  | { kind: 'opacity'; property: 'fill-layer-opacity' | 'line-layer-opacity' }
  | { kind: 'zoom'; minzoom: number; maxzoom: number };

interface Held {
  id: string;
  source: string | null;
  hidden: Hidden;
  since: number;
}

function hide(layer: AddLayerObject): { layer: AddLayerObject; hidden: Hidden } | null {
  if (layer.type === 'fill' || layer.type === 'line') {
    const property = layer.type === 'fill' ? 'fill-layer-opacity' : 'line-layer-opacity';
    return {
      layer: {
        ...layer,
        paint: {
          ...(layer.paint ?? {}),
          [property]: 0,
          [`${property}-transition`]: { duration: 0, delay: 0 },
        },
      } as AddLayerObject,
      hidden: { kind: 'opacity', property },
    };
  }
  if (layer.type === 'circle' || layer.type === 'symbol') {
    return {
      layer: { ...layer, minzoom: 24, maxzoom: 24 },
      hidden: { kind: 'zoom', minzoom: layer.minzoom ?? 0, maxzoom: layer.maxzoom ?? 24 },
    };
  }
  return null;
}

/**
 * Holds back every layer the app adds before `anchor` until it is revealed as above. Returns the
 * function that stops it (revealing what is still held).
 */
export function stageLayersBefore(map: MaplibreMap, anchor: string): () => void {
  const held = new Map<string, Held>();
  const seen = new Set<string>();
  const addLayer = map.addLayer;

  const reveal = ({ id, hidden }: Held) => {
    held.delete(id);
    if (!map.getLayer(id)) return;
    if (hidden.kind === 'opacity') map.setPaintProperty(id, hidden.property, 1);
    else map.setLayerZoomRange(id, hidden.minzoom, hidden.maxzoom);
  };

  const sourceReady = (source: string | null) => {
    if (source === null) return true;
    try {
      return map.isSourceLoaded(source);
    } catch {
      return true; // the source is gone: nothing to wait for
    }
  };

  // One layer per rendered frame: the first held one (in the order added) whose source has loaded.
  const onRender = () => {
    const now = performance.now();
    for (const entry of held.values()) {
      if (!map.getLayer(entry.id)) {
        held.delete(entry.id);
        continue;
      }
      if (sourceReady(entry.source) || now - entry.since > REVEAL_ANYWAY_MS) {
        reveal(entry);
        return;
      }
    }
  };

  // A layer waiting on a source that never answers: the frames stop, so ask for one now and then.
  const timer = window.setInterval(() => {
    if (held.size > 0) map.triggerRepaint();
  }, 500);

  map.addLayer = function stagedAddLayer(layer: AddLayerObject, beforeId?: string) {
    if (beforeId !== anchor || seen.has(layer.id)) return addLayer.call(this, layer, beforeId);
    seen.add(layer.id);
    const staged = hide(layer);
    if (!staged) return addLayer.call(this, layer, beforeId);
    const source = 'source' in layer && typeof layer.source === 'string' ? layer.source : null;
    held.set(layer.id, { id: layer.id, source, hidden: staged.hidden, since: performance.now() });
    return addLayer.call(this, staged.layer, beforeId);
  };
  map.on('render', onRender);

  return () => {
    map.addLayer = addLayer;
    map.off('render', onRender);
    window.clearInterval(timer);
    try {
      for (const entry of [...held.values()]) reveal(entry);
    } catch {
      // the map is being removed with its layers
    }
  };
}

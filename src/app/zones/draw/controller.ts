// The drawing tool: terra-draw with its MapLibre adapter on the app's map. Polygon, rectangle and
// freehand drawing; a select mode that moves zones, drags vertices, inserts them at edge midpoints and
// deletes them (right click, or the 删除顶点 tool); snapping to plot and park outlines (our Flatbush search,
// src/geo/zone-snap.ts, as terra-draw's custom snapping); outlines checked by src/geo/zone-validate.ts as
// terra-draw's validation. Every finished edit is a snapshot in the session's undo/redo history
// (src/domain/zone-history.ts); undo and redo put a snapshot back into terra-draw.
import type { Feature, Polygon, Position } from 'geojson';
import type { Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import {
  type GeoJSONStoreFeatures,
  type SnapToCustom,
  TerraDraw,
  TerraDrawFreehandMode,
  TerraDrawPolygonMode,
  TerraDrawRectangleMode,
  TerraDrawSelectMode,
} from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import { DEFAULT_ZONE_ATTRIBUTES } from '../../../domain/zone.ts';
import type { ZoneSnapshot } from '../../../domain/zone-history.ts';
import { buildSnapIndex, type SnapIndex, snapPosition } from '../../../geo/zone-snap.ts';
import { checkZoneOutline } from '../../../geo/zone-validate.ts';
import { clearReadout, requestReadout } from '../panel/readout-client.ts';
import { isDrawingTool, useZones, type ZoneTool } from '../panel/store.ts';

/** The modes whose features are zones (the select mode's handles and midpoints are not). */
const ZONE_MODES = new Set(['polygon', 'rectangle', 'freehand']);
const COARSE = typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches;
/** Fingers need bigger targets than cursors: how near (px) a tap must be to a vertex or a snap target. */
const POINTER_PX = COARSE ? 36 : 20;
const SNAP_PX = COARSE ? 18 : 10;
const HANDLE_PX = COARSE ? 10 : 6;

const ZONE_COLOUR = '#c2410c';
const HANDLE_COLOUR = '#ffffff';

let draw: TerraDraw | null = null;
let map: MapLibreMap | null = null;
let snapIndex: SnapIndex | null = null;
let pendingReadout: number | null = null;
let pendingId: string | null = null;
/** The drawing modes by name, to finish an outline from the 完成 button. */
let drawingModes: Record<string, TerraDrawPolygonMode | TerraDrawRectangleMode | TerraDrawFreehandMode> = {};

const snapToOutlines: SnapToCustom = (event, context) => {
  if (!useZones.getState().snapping || !snapIndex) return undefined;
  return (
    snapPosition(
      snapIndex,
      event.containerX,
      event.containerY,
      SNAP_PX,
      (lng, lat) => context.project(lng, lat),
      (x, y) => context.unproject(x, y),
    ) ?? undefined
  );
};

function validateZone(feature: GeoJSONStoreFeatures, context: { updateType: string }) {
  if (feature.geometry.type !== 'Polygon') return { valid: true };
  // While the pointer moves the outline follows it; a click (commit) or the end (finish) is judged.
  if (context.updateType === 'provisional') return { valid: true };
  const check = checkZoneOutline(feature.geometry, context.updateType === 'finish');
  useZones.setState({ refusal: check.reason });
  return check.reason ? { valid: false, reason: check.reason } : { valid: true };
}

function validateEdit(feature: GeoJSONStoreFeatures, context: { updateType: string }) {
  if (feature.geometry.type !== 'Polygon') return { valid: true };
  const check = checkZoneOutline(feature.geometry, context.updateType !== 'provisional');
  if (check.reason || context.updateType !== 'provisional') useZones.setState({ refusal: check.reason });
  return check.reason ? { valid: false, reason: check.reason } : { valid: true };
}

const outline = {
  fillColor: ZONE_COLOUR,
  fillOpacity: 0.25,
  outlineColor: ZONE_COLOUR,
  outlineWidth: 3,
} as const;

function createDraw(target: MapLibreMap): TerraDraw {
  const editFlags = {
    feature: {
      draggable: true,
      validation: validateEdit,
      coordinates: {
        draggable: true,
        midpoints: true,
        deletable: true,
        snappable: { toCustom: snapToOutlines },
      },
    },
  };
  const polygon = new TerraDrawPolygonMode({
    pointerDistance: POINTER_PX,
    snapping: { toCustom: snapToOutlines },
    validation: validateZone,
    keyEvents: { cancel: 'Escape', finish: 'Enter' },
    styles: {
      ...outline,
      closingPointWidth: HANDLE_PX + 2,
      closingPointColor: HANDLE_COLOUR,
      closingPointOutlineColor: ZONE_COLOUR,
      closingPointOutlineWidth: 2,
      snappingPointWidth: HANDLE_PX,
      snappingPointColor: '#2563eb',
      snappingPointOutlineColor: HANDLE_COLOUR,
      snappingPointOutlineWidth: 2,
    },
  });
  const rectangle = new TerraDrawRectangleMode({ validation: validateZone, styles: outline });
  const freehand = new TerraDrawFreehandMode({ validation: validateZone, styles: outline });
  drawingModes = { polygon, rectangle, freehand };
  return new TerraDraw({
    adapter: new TerraDrawMapLibreGLAdapter({ map: target, coordinatePrecision: 9, prefixId: 'zone-draw' }),
    modes: [
      polygon,
      rectangle,
      freehand,
      new TerraDrawSelectMode({
        pointerDistance: POINTER_PX,
        flags: { polygon: editFlags, rectangle: editFlags, freehand: editFlags },
        styles: {
          selectedPolygonColor: ZONE_COLOUR,
          selectedPolygonFillOpacity: 0.35,
          selectedPolygonOutlineColor: '#7c2d12',
          selectedPolygonOutlineWidth: 4,
          selectionPointWidth: HANDLE_PX,
          selectionPointColor: HANDLE_COLOUR,
          selectionPointOutlineColor: '#7c2d12',
          selectionPointOutlineWidth: 2,
          midPointWidth: HANDLE_PX - 2,
          midPointColor: ZONE_COLOUR,
          midPointOutlineColor: HANDLE_COLOUR,
          midPointOutlineWidth: 2,
        },
      }),
    ],
  });
}

function isZoneFeature(feature: GeoJSONStoreFeatures | undefined): feature is GeoJSONStoreFeatures & {
  geometry: Polygon;
} {
  return Boolean(
    feature && feature.geometry.type === 'Polygon' && ZONE_MODES.has(String(feature.properties.mode)),
  );
}

/** Every zone outline in terra-draw now (not the one being drawn). */
function currentSnapshot(): ZoneSnapshot {
  if (!draw) return [];
  return draw
    .getSnapshot()
    .filter((feature) => isZoneFeature(feature) && !feature.properties.currentlyDrawing)
    .map((feature) => ({ id: String(feature.id), geometry: feature.geometry as Polygon }));
}

function scheduleReadout(id: string): void {
  pendingId = id;
  if (pendingReadout !== null) return;
  pendingReadout = requestAnimationFrame(() => {
    pendingReadout = null;
    const feature = pendingId ? draw?.getSnapshotFeature(pendingId) : undefined;
    if (pendingId && isZoneFeature(feature)) requestReadout(pendingId, feature.geometry as Polygon);
  });
}

function zoneName(): string {
  const count = Object.keys(useZones.getState().records).length + 1;
  return `区域 ${count}`;
}

function onFinish(id: string | number, context: { mode: string; action: string }): void {
  if (!draw) return;
  const key = String(id);
  const feature = draw.getSnapshotFeature(key);
  const state = useZones.getState();
  if (ZONE_MODES.has(context.mode) && isZoneFeature(feature) && !state.records[key]) {
    state.setRecord({
      drawId: key,
      serverId: null,
      version: null,
      attributes: { ...DEFAULT_ZONE_ATTRIBUTES, name: zoneName() },
      geometry: feature.geometry as Polygon,
      savedGeometry: null,
      savedAttributes: null,
    });
    useZones.setState({ selectedId: key });
  }
  useZones.setState({ refusal: null });
  commit();
  scheduleReadout(key);
}

function commit(): void {
  useZones.getState().dispatchHistory({ type: 'commit', snapshot: currentSnapshot() });
}

/** Attaches terra-draw to the map (once it has loaded its style) and keeps the snap index current. */
export function attachDraw(target: MapLibreMap): () => void {
  map = target;
  draw = createDraw(target);
  draw.start();
  draw.setMode('static');
  draw.on('finish', onFinish);
  draw.on('change', (ids, type) => {
    if (type === 'delete') return;
    for (const id of ids) {
      const feature = draw?.getSnapshotFeature(id);
      if (isZoneFeature(feature)) scheduleReadout(String(id));
    }
  });
  draw.on('select', (id) => {
    useZones.setState({ selectedId: String(id) });
    scheduleReadout(String(id));
  });
  draw.on('deselect', () => useZones.setState({ selectedId: null }));
  target.on('click', onDeleteVertexClick);
  const unsubscribe = useZones.subscribe((state, previous) => {
    if (state.tool !== previous.tool) applyTool(state.tool);
  });
  // Whatever was there before (a zone list loaded before the map) goes into terra-draw.
  putSnapshot(useZones.getState().history.present);
  return () => {
    unsubscribe();
    target.off('click', onDeleteVertexClick);
    draw?.stop();
    draw = null;
    map = null;
  };
}

/** Rebuilds the snapping index from the plots and parks. */
export function setSnapLayers(features: readonly Feature[]): void {
  snapIndex = buildSnapIndex(features.map((feature) => feature.geometry));
}

const TERRA_MODE: Record<ZoneTool, string> = {
  none: 'static',
  polygon: 'polygon',
  rectangle: 'rectangle',
  freehand: 'freehand',
  select: 'select',
  'delete-vertex': 'static',
};

function applyTool(tool: ZoneTool): void {
  if (!draw || !map) return;
  draw.setMode(TERRA_MODE[tool]);
  // A finger on the map while drawing adds a vertex; it must never pan the map instead.
  if (isDrawingTool(tool)) map.dragPan.disable();
  else map.dragPan.enable();
  const selected = useZones.getState().selectedId;
  if (tool === 'select' && selected && draw.getSnapshotFeature(selected)) draw.selectFeature(selected);
}

/** Puts a snapshot into terra-draw (after an undo or redo, or a load). */
function putSnapshot(snapshot: ZoneSnapshot): void {
  if (!draw) return;
  const mode = draw.getMode();
  draw.setMode('static');
  draw.clear();
  if (snapshot.length > 0) {
    draw.addFeatures(
      snapshot.map((shape) => ({
        type: 'Feature' as const,
        id: shape.id,
        geometry: shape.geometry,
        properties: { mode: 'polygon' },
      })),
    );
  }
  draw.setMode(mode);
}

function afterStep(): void {
  const state = useZones.getState();
  putSnapshot(state.history.present);
  const target = state.readoutId ?? state.selectedId;
  const shape = state.history.present.find((entry) => entry.id === target);
  if (shape) requestReadout(shape.id, shape.geometry);
  else clearReadout();
  if (state.selectedId && !state.history.present.some((entry) => entry.id === state.selectedId)) {
    useZones.setState({ selectedId: null });
  }
}

export function undo(): void {
  useZones.getState().dispatchHistory({ type: 'undo' });
  afterStep();
}

export function redo(): void {
  useZones.getState().dispatchHistory({ type: 'redo' });
  afterStep();
}

/** Ends the outline being drawn, as terra-draw's own Enter key does. */
export function finishDrawing(): void {
  const mode = draw?.getMode();
  // terra-draw closes an outline on its finish key; the button does what the key does.
  const instance = mode ? drawingModes[mode] : undefined;
  instance?.onKeyUp({ key: 'Enter', heldKeys: [], preventDefault: () => {} });
}

/** Drops the outline being drawn and leaves the drawing tool. */
export function cancelDrawing(): void {
  if (!draw) return;
  const mode = draw.getMode();
  draw.setMode('static');
  draw.setMode(mode);
  useZones.setState({ refusal: null });
  useZones.getState().setTool('none');
}

/** Removes a zone from the map (an undoable step). */
export function removeZoneShape(id: string): void {
  if (!draw) return;
  if (draw.getSnapshotFeature(id)) {
    draw.setMode('static');
    draw.removeFeatures([id]);
    draw.setMode(TERRA_MODE[useZones.getState().tool]);
  }
  commit();
  const state = useZones.getState();
  if (state.readoutId === id) clearReadout();
  if (state.selectedId === id) useZones.setState({ selectedId: null });
}

/** Adds saved zones (loaded from the server) as they are; the history starts from them. */
/** Replaces one zone's outline (the server's copy after a conflict): an undoable step. */
export function replaceZoneShape(id: string, geometry: Polygon): void {
  const present = useZones.getState().history.present;
  const snapshot = present.map((shape) => (shape.id === id ? { id, geometry } : shape));
  useZones.getState().dispatchHistory({ type: 'commit', snapshot });
  putSnapshot(snapshot);
  requestReadout(id, geometry);
}

export function addLoadedShapes(snapshot: ZoneSnapshot): void {
  useZones.getState().dispatchHistory({ type: 'reset', snapshot });
  putSnapshot(snapshot);
}

export function newFeatureId(): string {
  return String(draw?.getFeatureId() ?? crypto.randomUUID());
}

export function selectZone(id: string): void {
  useZones.setState({ selectedId: id });
  const shape = useZones.getState().history.present.find((entry) => entry.id === id);
  if (shape) requestReadout(id, shape.geometry);
  if (draw && draw.getMode() === 'select' && draw.getSnapshotFeature(id)) draw.selectFeature(id);
}

export function zoomToZone(geometry: Polygon): void {
  if (!map) return;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of geometry.coordinates[0] ?? []) {
    minX = Math.min(minX, x as number);
    maxX = Math.max(maxX, x as number);
    minY = Math.min(minY, y as number);
    maxY = Math.max(maxY, y as number);
  }
  if (!Number.isFinite(minX)) return;
  map.fitBounds(
    [
      [minX, minY],
      [maxX, maxY],
    ],
    { padding: 80, maxZoom: 17, duration: 0 },
  );
}

/** The 删除顶点 tool: a click or tap near a vertex of the selected zone removes it. */
function onDeleteVertexClick(event: MapMouseEvent): void {
  const state = useZones.getState();
  if (state.tool !== 'delete-vertex' || !draw || !map) return;
  const id = state.selectedId ?? state.readoutId;
  const feature = id ? draw.getSnapshotFeature(id) : undefined;
  if (!id || !isZoneFeature(feature)) return;
  const ring = (feature.geometry as Polygon).coordinates[0] as Position[];
  let best = -1;
  let bestPx = POINTER_PX;
  for (let i = 0; i < ring.length - 1; i++) {
    const point = map.project(ring[i] as [number, number]);
    const d = Math.hypot(point.x - event.point.x, point.y - event.point.y);
    if (d <= bestPx) {
      bestPx = d;
      best = i;
    }
  }
  if (best < 0) return;
  const open = ring.slice(0, -1).filter((_, i) => i !== best);
  if (open.length < 3) {
    useZones.setState({ refusal: 'too-few-vertices' });
    return;
  }
  const geometry: Polygon = { type: 'Polygon', coordinates: [[...open, open[0] as Position]] };
  const check = checkZoneOutline(geometry, true);
  useZones.setState({ refusal: check.reason });
  if (!check.valid) return;
  draw.updateFeatureGeometry(id, geometry);
  commit();
  requestReadout(id, geometry);
}

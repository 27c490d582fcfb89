// The drawing tool: terra-draw with its MapLibre adapter on the app's map. Polygon, rectangle and
// freehand drawing; a select mode that moves zones, drags vertices, inserts them at edge midpoints and
// deletes them (right click, or the 删除顶点 tool); snapping to plot and park outlines (our Flatbush search,
// src/geo/zone-snap.ts, as terra-draw's custom snapping); outlines checked by src/geo/zone-validate.ts as
// terra-draw's validation. Every finished edit is a snapshot in the session's undo/redo history
// (src/domain/zone-history.ts); undo and redo put a snapshot back into terra-draw.
//
// One controller per map, owned by the React tree (the shell makes it with createZoneDrawController and
// hands it to the map's ZoneDrawControl, which attaches it, and to the zone panel, which drives it); its
// state is in the store's drawing slice and the one selection, so nothing here is module-level.
import type { Feature, FeatureCollection, Polygon, Position } from 'geojson';
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
import { featureId } from '../../../domain/feature-id.ts';
import { DEFAULT_ZONE_ATTRIBUTES, zoneAttributesOf } from '../../../domain/zone.ts';
import type { ZoneSnapshot } from '../../../domain/zone-history.ts';
import { roundPolygon } from '../../../geo/precision.ts';
import type { Box } from '../../../geo/zone-region.ts';
import { snapPosition } from '../../../geo/zone-snap.ts';
import { checkZoneOutline, isSlip } from '../../../geo/zone-validate.ts';
import { ZONE_COLOUR } from '../../map/styles.ts';
import { isDrawingTool, type ZoneRecord, type ZoneTool } from '../../state/drawing-slice.ts';
import { SELECT_NONE, selectedZoneId, selectZone } from '../../state/selection.ts';
import { useAtlas } from '../../state/store.ts';
import type { TableView } from '../../state/table-slice.ts';
import { createReadoutClient, type ReadoutClient } from './readout-client.ts';
import { ZoneRegion } from './region.ts';
import { SnapTargets } from './snap-targets.ts';

/** The modes whose features are zones (the select mode's handles and midpoints are not). */
const ZONE_MODES = new Set(['polygon', 'rectangle', 'freehand']);
const COARSE = typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches;
/** Fingers need bigger targets than cursors: how near (px) a tap must be to a vertex or a snap target. */
const POINTER_PX = COARSE ? 36 : 20;
const SNAP_PX = COARSE ? 18 : 10;
const HANDLE_PX = COARSE ? 10 : 6;
/** An outline narrower and shorter than this on screen is a slip of the pointer (a finger wobbles more). */
const SLIP_PX = COARSE ? 24 : 12;

const HANDLE_COLOUR = '#ffffff';
/** The decimal places terra-draw keeps of a coordinate (about 0.1 mm). */
const DRAW_PRECISION = 9;

const TERRA_MODE: Record<ZoneTool, string> = {
  none: 'static',
  polygon: 'polygon',
  rectangle: 'rectangle',
  freehand: 'freehand',
  select: 'select',
  'delete-vertex': 'static',
};

/** The ids a data-table view keeps, as a set, once per view. */
const keptSets = new WeakMap<TableView, ReadonlySet<string>>();

/**
 * Whether a zone in terra-draw is shown: while the data table filters zones, a saved zone the filter
 * drops is hidden here as on the map's zone layers (sources.tsx); one drawn and not yet saved is in no
 * table, so it stays.
 */
function zoneShown(feature: GeoJSONStoreFeatures): boolean {
  const view = useAtlas.getState().tableView;
  if (view?.layer !== 'zones' || view.kept === null) return true;
  const serverId = drawingState().records[String(feature.id)]?.serverId;
  if (!serverId) return true;
  let kept = keptSets.get(view);
  if (!kept) {
    kept = new Set(view.kept);
    keptSets.set(view, kept);
  }
  return kept.has(serverId);
}

const outline = {
  fillColor: ZONE_COLOUR,
  // Light: the data layer already shades saved zones under the plots; this must not hide their colours.
  fillOpacity: (feature: GeoJSONStoreFeatures) => (zoneShown(feature) ? 0.08 : 0),
  outlineColor: ZONE_COLOUR,
  outlineWidth: 3,
  outlineOpacity: (feature: GeoJSONStoreFeatures) => (zoneShown(feature) ? 1 : 0),
} as const;

type DrawingMode = TerraDrawPolygonMode | TerraDrawRectangleMode | TerraDrawFreehandMode;

const FINISHED_WITHOUT_REFUSED = {
  zh: '区域已完成，被拒绝的顶点未加入。',
  en: 'Zone finished without the refused vertex.',
};

const drawingState = () => useAtlas.getState().drawing;
const setDrawing = (patch: Parameters<ReturnType<typeof useAtlas.getState>['setDrawing']>[0]) =>
  useAtlas.getState().setDrawing(patch);
const currentZoneId = () => selectedZoneId(useAtlas.getState().selection);

function isZoneFeature(feature: GeoJSONStoreFeatures | undefined): feature is GeoJSONStoreFeatures & {
  geometry: Polygon;
} {
  return Boolean(
    feature && feature.geometry.type === 'Polygon' && ZONE_MODES.has(String(feature.properties.mode)),
  );
}

function validateEdit(feature: GeoJSONStoreFeatures, context: { updateType: string }) {
  if (feature.geometry.type !== 'Polygon') return { valid: true };
  const check = checkZoneOutline(feature.geometry, context.updateType !== 'provisional');
  if (check.reason || context.updateType !== 'provisional') setDrawing({ refusal: check.reason });
  return check.reason ? { valid: false, reason: check.reason } : { valid: true };
}

export class ZoneDrawController {
  private draw: TerraDraw | null = null;
  private map: MapLibreMap | null = null;
  /** The tiled layers' features around what is drawn (fetched when drawing starts and as it moves). */
  private readonly region = new ZoneRegion(() => this.viewBox());
  private readouts: ReadoutClient = createReadoutClient(this.region);
  /** Indexed when a tool is taken up, from the plots and parks of that moment and the region's plots. */
  private readonly snap = new SnapTargets();
  private pendingFrame: number | null = null;
  private pendingId: string | null = null;
  /** The drawing modes by name, to finish an outline from the 完成 button. */
  private drawingModes: Record<string, DrawingMode> = {};
  private polygonMode: TerraDrawPolygonMode | null = null;
  /** Counts finished outlines: 完成 tells by it whether terra-draw finished one. */
  private finishedCount = 0;
  /** A vertex of the outline being drawn was refused (it was not added). */
  private refusedWhileOpen = false;

  private readonly validateZone = (feature: GeoJSONStoreFeatures, context: { updateType: string }) => {
    if (feature.geometry.type !== 'Polygon') return { valid: true };
    // While the pointer moves the outline follows it; a click (commit) or the end (finish) is judged.
    if (context.updateType === 'provisional') return { valid: true };
    const finished = context.updateType === 'finish';
    const geometry = feature.geometry as Polygon;
    let reason = checkZoneOutline(geometry, finished).reason;
    if (!reason && finished && this.map) {
      const map = this.map;
      const points = (geometry.coordinates[0] ?? []).map((position) => {
        const point = map.project(position as [number, number]);
        return [point.x, point.y] as const;
      });
      if (isSlip(points, SLIP_PX)) reason = 'slip';
    }
    setDrawing({ refusal: reason });
    if (reason) {
      // A refused outline has no figures: the readout would describe a shape that is not there.
      if (!finished) this.refusedWhileOpen = true;
      this.readouts.clear();
    }
    return reason ? { valid: false, reason } : { valid: true };
  };

  /** Attaches terra-draw to the map (once it has loaded its style); returns the detach. */
  attach(target: MapLibreMap): () => void {
    this.map = target;
    const draw = this.createDraw(target);
    this.draw = draw;
    draw.start();
    draw.setMode('static');
    draw.on('finish', (id, context) => this.onFinish(String(id), context));
    draw.on('change', (ids, type) => {
      if (type === 'delete') return;
      for (const id of ids) {
        if (isZoneFeature(draw.getSnapshotFeature(id))) this.scheduleReadout(String(id));
      }
    });
    draw.on('select', (id) => {
      useAtlas.getState().select(selectZone(String(id)));
      this.scheduleReadout(String(id));
    });
    draw.on('deselect', () => {
      if (currentZoneId() !== null) useAtlas.getState().select(SELECT_NONE);
    });
    const onClick = (event: MapMouseEvent) => this.onDeleteVertexClick(event);
    target.on('click', onClick);
    // While drawing, a view moved out of the region fetched brings its features (snapping targets).
    const onMoveEnd = () => {
      const view = this.viewBox();
      if (view && drawingState().tool !== 'none') void this.region.ensure(view);
    };
    target.on('moveend', onMoveEnd);
    const unsubscribe = useAtlas.subscribe((state, previous) => {
      if (state.drawing.tool !== previous.drawing.tool)
        this.applyTool(state.drawing.tool, previous.drawing.tool);
      else if (state.selection !== previous.selection) this.followSelection();
      if (
        state.tableView !== previous.tableView &&
        [state, previous].some((s) => s.tableView?.layer === 'zones')
      )
        this.restyle();
    });
    // Whatever was there before (zones loaded before the map) goes into terra-draw.
    this.putSnapshot(drawingState().history.present);
    return () => {
      unsubscribe();
      target.off('click', onClick);
      target.off('moveend', onMoveEnd);
      if (this.pendingFrame !== null) cancelAnimationFrame(this.pendingFrame);
      this.pendingFrame = null;
      draw.stop();
      this.draw = null;
      this.map = null;
      this.readouts.clear();
      this.readouts.dispose();
    };
  }

  /**
   * The saved zones of a load (the store's `zones` layer) become records and shapes, after whatever was
   * drawn before they came; the undo history starts from them.
   */
  loadSaved(collection: FeatureCollection): void {
    const records: Record<string, ZoneRecord> = {};
    const shapes: { id: string; geometry: Polygon }[] = [];
    for (const feature of collection.features) {
      if (feature.geometry?.type !== 'Polygon') continue;
      const drawId = this.newFeatureId();
      const attributes = zoneAttributesOf(feature.properties);
      // At terra-draw's precision, or it would refuse the outline (precision.ts); record and shape alike,
      // so the zone is not taken for changed.
      const geometry = roundPolygon(feature.geometry, DRAW_PRECISION);
      records[drawId] = {
        drawId,
        serverId: featureId(feature) ?? '',
        version: Number(feature.properties?.version ?? 1),
        attributes,
        geometry,
        savedGeometry: JSON.stringify(geometry),
        savedAttributes: JSON.stringify(attributes),
      };
      shapes.push({ id: drawId, geometry });
    }
    const drawing = drawingState();
    setDrawing({ records: { ...drawing.records, ...records } });
    const snapshot = [...drawing.history.present, ...shapes];
    useAtlas.getState().dispatchHistory({ type: 'reset', snapshot });
    this.putSnapshot(snapshot);
  }

  /**
   * The snapping targets changed (a load, an edit): indexed when drawing next starts, not now (a layer
   * change while drawing does not re-index every plot).
   */
  setSnapSource(plots: Feature[] | undefined, parks: Feature[] | undefined): void {
    this.snap.setSource(plots, parks);
  }

  /**
   * Undo: while an outline is being drawn, its last vertex (finished zones are never touched then);
   * otherwise the last finished edit of the session.
   */
  undo(): void {
    if (this.isOutlineOpen()) {
      if (this.polygonMode && this.draw?.getMode() === 'polygon' && this.polygonMode.undoSize() > 0) {
        this.polygonMode.undo();
        this.refusedWhileOpen = false;
        setDrawing({ refusal: null });
      }
      return;
    }
    useAtlas.getState().dispatchHistory({ type: 'undo' });
    this.afterStep();
  }

  /** Redo: a vertex taken back from the outline being drawn, else the next finished edit. */
  redo(): void {
    if (this.isOutlineOpen()) {
      if (this.polygonMode && this.draw?.getMode() === 'polygon' && this.polygonMode.redoSize() > 0)
        this.polygonMode.redo();
      return;
    }
    useAtlas.getState().dispatchHistory({ type: 'redo' });
    this.afterStep();
  }

  /** Is an outline being drawn (started, not finished nor cancelled)? */
  isOutlineOpen(): boolean {
    return Boolean(this.draw?.getSnapshot().some((feature) => feature.properties.currentlyDrawing));
  }

  /** Ends the outline being drawn, as terra-draw's own Enter key does. */
  finishDrawing(): void {
    const mode = this.draw?.getMode();
    // terra-draw closes an outline on its finish key; the button does what the key does.
    const instance = mode ? this.drawingModes[mode] : undefined;
    if (!instance) return;
    const before = this.finishedCount;
    const refusedVertex = this.refusedWhileOpen;
    instance.onKeyUp({ key: 'Enter', heldKeys: [], preventDefault: () => {} });
    if (this.finishedCount > before) {
      // Finished what was accepted: say so when a vertex had been refused on the way.
      if (refusedVertex) setDrawing({ message: { kind: 'info', text: FINISHED_WITHOUT_REFUSED } });
      return;
    }
    // Nothing finished: say why (a refusal already on screen stays; else too few vertices).
    if (!drawingState().refusal) setDrawing({ refusal: 'too-few-vertices' });
  }

  /** Drops the outline being drawn and leaves the drawing tool. */
  cancelDrawing(): void {
    const draw = this.draw;
    if (!draw) return;
    const mode = draw.getMode();
    draw.setMode('static');
    draw.setMode(mode);
    this.refusedWhileOpen = false;
    setDrawing({ refusal: null });
    useAtlas.getState().setTool('none');
  }

  /** Removes a zone from the map (an undoable step). */
  removeZoneShape(id: string): void {
    const draw = this.draw;
    if (draw?.getSnapshotFeature(id)) {
      draw.setMode('static');
      draw.removeFeatures([id]);
      draw.setMode(TERRA_MODE[drawingState().tool]);
    }
    this.commit();
    if (drawingState().readoutId === id) this.readouts.clear();
    if (currentZoneId() === id) useAtlas.getState().select(SELECT_NONE);
  }

  /** Replaces one zone's outline (the server's copy after a conflict): an undoable step. */
  replaceZoneShape(id: string, geometry: Polygon): void {
    const present = drawingState().history.present;
    const snapshot = present.map((shape) => (shape.id === id ? { id, geometry } : shape));
    useAtlas.getState().dispatchHistory({ type: 'commit', snapshot });
    this.putSnapshot(snapshot);
    this.readouts.request(id, geometry);
  }

  /** Selects a zone (from the list): its readout is shown, and in the select tool its handles. */
  selectZone(id: string): void {
    useAtlas.getState().select(selectZone(id));
    const shape = drawingState().history.present.find((entry) => entry.id === id);
    if (shape) this.readouts.request(id, shape.geometry);
    const draw = this.draw;
    if (draw && draw.getMode() === 'select' && draw.getSnapshotFeature(id)) draw.selectFeature(id);
  }

  zoomToZone(geometry: Polygon): void {
    if (!this.map) return;
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
    this.map.fitBounds(
      [
        [minX, minY],
        [maxX, maxY],
      ],
      { padding: 80, maxZoom: 17, duration: 0 },
    );
  }

  private newFeatureId(): string {
    return String(this.draw?.getFeatureId() ?? crypto.randomUUID());
  }

  /** The map's view as west, south, east, north, or null without a map. */
  private viewBox(): Box | null {
    const bounds = this.map?.getBounds();
    return bounds ? [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()] : null;
  }

  private readonly snapToOutlines: SnapToCustom = (event, context) => {
    if (!drawingState().snapping) return undefined;
    this.snap.addRegional(this.region.generation, this.region.features.plots);
    return (
      snapPosition(
        this.snap.indexes(),
        event.containerX,
        event.containerY,
        SNAP_PX,
        (lng, lat) => context.project(lng, lat),
        (x, y) => context.unproject(x, y),
      ) ?? undefined
    );
  };

  private createDraw(target: MapLibreMap): TerraDraw {
    const editFlags = {
      feature: {
        draggable: true,
        validation: validateEdit,
        coordinates: {
          draggable: true,
          midpoints: true,
          deletable: true,
          snappable: { toCustom: this.snapToOutlines },
        },
      },
    };
    const polygon = new TerraDrawPolygonMode({
      pointerDistance: POINTER_PX,
      snapping: { toCustom: this.snapToOutlines },
      validation: this.validateZone,
      keyEvents: { cancel: 'Escape', finish: 'Enter' },
      styles: {
        ...outline,
        closingPointWidth: HANDLE_PX + 2,
        closingPointColor: HANDLE_COLOUR,
        closingPointOutlineColor: ZONE_COLOUR,
        closingPointOutlineWidth: 2,
        // Where the vertex would snap, shown while the pointer hovers: bigger than a handle, in blue.
        snappingPointWidth: HANDLE_PX + 3,
        snappingPointColor: '#2563eb',
        snappingPointOutlineColor: HANDLE_COLOUR,
        snappingPointOutlineWidth: 2,
      },
    });
    // People draw a rectangle or a freehand outline by dragging, or click–move–click: both work.
    const rectangle = new TerraDrawRectangleMode({
      validation: this.validateZone,
      styles: outline,
      drawInteraction: 'click-move-or-drag',
    });
    const freehand = new TerraDrawFreehandMode({
      validation: this.validateZone,
      styles: outline,
      drawInteraction: 'click-move-or-drag',
    });
    this.drawingModes = { polygon, rectangle, freehand };
    this.polygonMode = polygon;
    return new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({
        map: target,
        coordinatePrecision: DRAW_PRECISION,
        prefixId: 'zone-draw',
      }),
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

  /** The zones drawn again with their styles (zoneShown): the table's filter of zones changed. */
  private restyle(): void {
    // Setting a mode's styles makes terra-draw render every feature again, its style functions read anew.
    for (const mode of Object.values(this.drawingModes)) mode.styles = { ...mode.styles };
  }

  /** Every zone outline in terra-draw now (not the one being drawn). */
  private currentSnapshot(): ZoneSnapshot {
    if (!this.draw) return [];
    return this.draw
      .getSnapshot()
      .filter((feature) => isZoneFeature(feature) && !feature.properties.currentlyDrawing)
      .map((feature) => ({ id: String(feature.id), geometry: feature.geometry as Polygon }));
  }

  private scheduleReadout(id: string): void {
    this.pendingId = id;
    if (this.pendingFrame !== null) return;
    this.pendingFrame = requestAnimationFrame(() => {
      this.pendingFrame = null;
      const pending = this.pendingId;
      const feature = pending ? this.draw?.getSnapshotFeature(pending) : undefined;
      if (!pending || !isZoneFeature(feature)) return;
      const geometry = feature.geometry as Polygon;
      // An outline that crosses itself (the pointer's edge across the others) has no figures.
      if (checkZoneOutline(geometry, false).reason) this.readouts.clear();
      else this.readouts.request(pending, geometry);
    });
  }

  private onFinish(key: string, context: { mode: string; action: string }): void {
    const draw = this.draw;
    if (!draw) return;
    const feature = draw.getSnapshotFeature(key);
    const state = useAtlas.getState();
    this.finishedCount += 1;
    this.refusedWhileOpen = false;
    if (ZONE_MODES.has(context.mode) && isZoneFeature(feature) && !state.drawing.records[key]) {
      const count = Object.keys(state.drawing.records).length + 1;
      state.setRecord({
        drawId: key,
        serverId: null,
        version: null,
        attributes: { ...DEFAULT_ZONE_ATTRIBUTES, name: `区域 ${count}` },
        geometry: feature.geometry as Polygon,
        savedGeometry: null,
        savedAttributes: null,
      });
      state.select(selectZone(key));
    }
    setDrawing({ refusal: null });
    this.commit();
    this.scheduleReadout(key);
  }

  private commit(): void {
    useAtlas.getState().dispatchHistory({ type: 'commit', snapshot: this.currentSnapshot() });
  }

  private applyTool(tool: ZoneTool, previous: ZoneTool): void {
    const { draw, map } = this;
    if (!draw || !map) return;
    if (tool !== 'none') this.snap.prepare();
    if (tool !== 'none' && previous === 'none') {
      // Drawing starts: the tiled layers' features of the view (doubled) are fetched at once.
      this.region.reset();
      const view = this.viewBox();
      if (view) void this.region.ensure(view, true);
    }
    this.refusedWhileOpen = false;
    draw.setMode(TERRA_MODE[tool]);
    // A finger on the map while drawing adds a vertex; it must never pan the map instead.
    if (isDrawingTool(tool)) map.dragPan.disable();
    else map.dragPan.enable();
    this.followSelection();
  }

  /** terra-draw's selection follows the store's: a zone selected in the list, or none. */
  private followSelection(): void {
    const draw = this.draw;
    if (draw?.getMode() !== 'select') return;
    const id = currentZoneId();
    const feature = id ? draw.getSnapshotFeature(id) : undefined;
    if (id && feature) {
      // Selecting one deselects the others (terra-draw's select mode holds one).
      if (!feature.properties.selected) draw.selectFeature(id);
      return;
    }
    for (const other of draw.getSnapshot()) {
      if (other.properties.selected) draw.deselectFeature(other.id as string);
    }
  }

  /** Puts a snapshot into terra-draw (after an undo or redo, or a load). */
  private putSnapshot(snapshot: ZoneSnapshot): void {
    const draw = this.draw;
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

  private afterStep(): void {
    const drawing = drawingState();
    this.putSnapshot(drawing.history.present);
    const target = drawing.readoutId ?? currentZoneId();
    const shape = drawing.history.present.find((entry) => entry.id === target);
    if (shape) this.readouts.request(shape.id, shape.geometry);
    else this.readouts.clear();
    const selected = currentZoneId();
    if (selected && !drawing.history.present.some((entry) => entry.id === selected)) {
      useAtlas.getState().select(SELECT_NONE);
    }
  }

  /** The 删除顶点 tool: a click or tap near a vertex of the selected zone removes it. */
  private onDeleteVertexClick(event: MapMouseEvent): void {
    const { draw, map } = this;
    const drawing = drawingState();
    if (drawing.tool !== 'delete-vertex' || !draw || !map) return;
    const id = currentZoneId() ?? drawing.readoutId;
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
      setDrawing({ refusal: 'too-few-vertices' });
      return;
    }
    const geometry: Polygon = { type: 'Polygon', coordinates: [[...open, open[0] as Position]] };
    const check = checkZoneOutline(geometry, true);
    setDrawing({ refusal: check.reason });
    if (!check.valid) return;
    draw.updateFeatureGeometry(id, geometry);
    this.commit();
    this.readouts.request(id, geometry);
  }
}

// What the zone panel's buttons do beyond drawing: load the saved zones, save one (create or change from
// its version; a conflict is shown, never overwritten), delete one, and the two exports.

import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { featureId } from '../../domain/feature-id.ts';
import { ZONE_MODES, type ZoneAttributes, type ZoneMode } from '../../domain/zone.ts';
import { zoneAnalysisCsv } from '../../domain/zone-csv.ts';
import { geometryAreaM2 } from '../../geo/area.ts';
import { ApiError } from '../api/client.ts';
import { addLoadedShapes, newFeatureId, removeZoneShape, replaceZoneShape } from '../draw/controller.ts';
import { createZone, deleteZone, fetchZones, updateZone } from './api.ts';
import { tz } from './i18n.ts';
import { presentZones, useZones, type ZoneRecord } from './store.ts';

const text = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value : fallback);

function attributesOf(properties: Record<string, unknown> | null): ZoneAttributes {
  const mode = text(properties?.mode) as ZoneMode;
  return {
    name: text(properties?.name),
    mode: ZONE_MODES.includes(mode) ? mode : 'redevelopment',
    plannedLandUse: text(properties?.plannedLandUse, '1001'),
    notes: text(properties?.notes),
  };
}

function failure(error: unknown) {
  if (error instanceof ApiError) return { kind: 'error' as const, text: error.bilingual };
  return {
    kind: 'error' as const,
    text: { zh: '操作失败，请重试。', en: 'That did not work; try again.' },
  };
}

/** Loads the saved zones once per session; each becomes a record and a shape on the map. */
export async function loadZones(): Promise<void> {
  if (useZones.getState().loaded) return;
  useZones.setState({ loaded: true });
  let collection: FeatureCollection;
  try {
    collection = await fetchZones();
  } catch (error) {
    useZones.setState({ loaded: false, message: failure(error) });
    return;
  }
  const records: Record<string, ZoneRecord> = {};
  const shapes = [];
  for (const feature of collection.features) {
    if (feature.geometry?.type !== 'Polygon') continue;
    const drawId = newFeatureId();
    const attributes = attributesOf(feature.properties);
    const geometry = feature.geometry;
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
  useZones.setState((state) => ({ records: { ...state.records, ...records } }));
  addLoadedShapes([...useZones.getState().history.present, ...shapes]);
}

export function zoneGeometry(drawId: string): Polygon | null {
  return useZones.getState().history.present.find((shape) => shape.id === drawId)?.geometry ?? null;
}

export function isDirty(record: ZoneRecord): boolean {
  return (
    record.serverId === null ||
    record.savedGeometry !== JSON.stringify(record.geometry) ||
    record.savedAttributes !== JSON.stringify(record.attributes)
  );
}

function isFeature(value: unknown): value is Feature {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'Feature';
}

/**
 * After a conflict: takes the server's copy (attributes, outline, version) in place of ours; our outline
 * stays one undo away.
 */
export function takeServerCopy(): void {
  const { conflict, records } = useZones.getState();
  const record = conflict ? records[conflict.drawId] : undefined;
  if (!conflict || !record) return;
  const { current } = conflict;
  const attributes = attributesOf(current.properties);
  const geometry = current.geometry?.type === 'Polygon' ? current.geometry : record.geometry;
  useZones.getState().setRecord({
    ...record,
    attributes,
    version: Number(current.properties?.version ?? record.version),
    savedGeometry: JSON.stringify(geometry),
    savedAttributes: JSON.stringify(attributes),
  });
  replaceZoneShape(record.drawId, geometry);
  useZones.setState({ conflict: null, message: null });
}

/** Saves one zone: POST when new, else PATCH from the version it was loaded or saved at. */
export async function saveZone(drawId: string): Promise<void> {
  const state = useZones.getState();
  const record = state.records[drawId];
  const geometry = zoneGeometry(drawId);
  if (!record || !geometry) return;
  const attributes = { ...record.attributes, name: record.attributes.name.trim() || drawId.slice(0, 8) };
  useZones.setState({ saving: true, message: null, conflict: null });
  try {
    const saved =
      record.serverId === null || record.version === null
        ? await createZone(attributes, geometry)
        : await updateZone(record.serverId, record.version, attributes, geometry);
    const version = saved.properties.version;
    useZones.getState().setRecord({
      ...record,
      attributes,
      geometry,
      serverId: saved.properties.id,
      version,
      savedGeometry: JSON.stringify(geometry),
      savedAttributes: JSON.stringify(attributes),
    });
    useZones.setState({
      message: {
        kind: 'info',
        text: { zh: tz('zh', 'saved', { version }), en: tz('en', 'saved', { version }) },
      },
    });
  } catch (error) {
    const current = error instanceof ApiError && error.status === 409 ? error.body.current : undefined;
    useZones.setState({
      message: failure(error),
      conflict: isFeature(current) ? { drawId, current } : null,
    });
  } finally {
    useZones.setState({ saving: false });
  }
}

/** Deletes a zone: on the server first when it was saved (from its version), then from the map. */
export async function deleteZoneById(drawId: string): Promise<void> {
  const record = useZones.getState().records[drawId];
  if (!record) return;
  if (record.serverId !== null && record.version !== null) {
    try {
      await deleteZone(record.serverId, record.version);
    } catch (error) {
      useZones.setState({ message: failure(error) });
      return;
    }
    // Gone from the server: an undo brings the outline back as a new, unsaved zone.
    useZones.getState().setRecord({ ...record, serverId: null, version: null, savedGeometry: null });
  }
  removeZoneShape(drawId);
}

function download(name: string, type: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Every zone of the session as GeoJSON, with its attributes and ellipsoidal area. */
export function zonesGeoJson(): FeatureCollection {
  const features: Feature[] = presentZones(useZones.getState()).map((record) => ({
    type: 'Feature',
    id: record.serverId ?? record.drawId,
    properties: {
      id: record.serverId ?? record.drawId,
      ...record.attributes,
      version: record.version,
      areaM2: Number(geometryAreaM2(record.geometry).toFixed(2)),
    },
    geometry: record.geometry,
  }));
  return { type: 'FeatureCollection', features };
}

export function exportGeoJson(): void {
  download('zones.geojson', 'application/geo+json', `${JSON.stringify(zonesGeoJson(), null, 2)}\n`);
}

export function exportAnalysisCsv(): void {
  const { readout, readoutId, records } = useZones.getState();
  if (!readout || !readoutId) return;
  const name = records[readoutId]?.attributes.name || readoutId;
  download(`${name}-分析.csv`, 'text/csv;charset=utf-8', zoneAnalysisCsv(name, readout));
}

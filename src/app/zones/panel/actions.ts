// What the zone panel's buttons do beyond drawing: save one (create or change from
// its version; a conflict is shown, never overwritten), delete one, and the two exports. Saves and
// deletes go through the outbox (src/app/outbox): with no network they are kept and sent later.

import type { Feature, FeatureCollection, Polygon } from 'geojson';
import type { Lang } from '../../../domain/i18n.ts';
import { propertyLabel } from '../../../domain/labels.ts';
import { landUseName } from '../../../domain/landuse.ts';
import { M2_PER_MU } from '../../../domain/units.ts';
import { type ZoneAttributes, zoneAttributesOf } from '../../../domain/zone.ts';
import { zoneAnalysisCsv } from '../../../domain/zone-csv.ts';
import { geometryAreaM2 } from '../../../geo/area.ts';
import { ApiError } from '../../api/client.ts';
import { newClientId } from '../../api/ids.ts';
import type { Conflict, Intent } from '../../api/transact.ts';
import { releaseFromForm, submit } from '../../outbox/outbox.ts';
import { presentZones, type ZoneRecord } from '../../state/drawing-slice.ts';
import { useAtlas } from '../../state/store.ts';
import type { ZoneDrawController } from '../draw/controller.ts';
import { tz, ZONE_MODE_NAMES } from './i18n.ts';

const drawingState = () => useAtlas.getState().drawing;
const setDrawing = (patch: Parameters<ReturnType<typeof useAtlas.getState>['setDrawing']>[0]) =>
  useAtlas.getState().setDrawing(patch);

function failure(error: unknown) {
  if (error instanceof ApiError) return { kind: 'error' as const, text: error.bilingual };
  return {
    kind: 'error' as const,
    text: { zh: '操作失败，请重试。', en: 'That did not work; try again.' },
  };
}

function zoneGeometry(drawId: string): Polygon | null {
  return drawingState().history.present.find((shape) => shape.id === drawId)?.geometry ?? null;
}

export function isDirty(record: ZoneRecord): boolean {
  return (
    record.serverId === null ||
    record.savedGeometry !== JSON.stringify(record.geometry) ||
    record.savedAttributes !== JSON.stringify(record.attributes)
  );
}

/**
 * After a conflict: takes the server's copy (attributes, outline, version) in place of ours; our outline
 * stays one undo away.
 */
export function takeServerCopy(controller: ZoneDrawController): void {
  const { conflict, records } = drawingState();
  const record = conflict ? records[conflict.drawId] : undefined;
  if (!conflict || !record) return;
  const { current } = conflict;
  const attributes = zoneAttributesOf(current.properties);
  const geometry = current.geometry?.type === 'Polygon' ? current.geometry : record.geometry;
  useAtlas.getState().putFeature('zones', current);
  useAtlas.getState().setRecord({
    ...record,
    attributes,
    version: Number(current.properties?.version ?? record.version),
    savedGeometry: JSON.stringify(geometry),
    savedAttributes: JSON.stringify(attributes),
  });
  controller.replaceZoneShape(record.drawId, geometry);
  setDrawing({ conflict: null, message: null });
}

/** The conflict of a zone's save, in words: the fields both sides changed, and by whom. */
function conflictMessage(conflict: Conflict) {
  const words = (lang: Lang) => {
    const fields = conflict.fields
      .map((field) => (field.name === 'geometry' ? tz(lang, 'outline') : propertyLabel(field.name, lang)))
      .join(lang === 'zh' ? '、' : ', ');
    const by =
      [...new Set(Object.values(conflict.changedBy).map((change) => change.actor))].join(', ') || '?';
    return tz(lang, 'changedMeanwhile', { fields, by });
  };
  return { kind: 'error' as const, text: { zh: words('zh'), en: words('en') } };
}

/**
 * Saves one zone through the one write path: created when new, else changed from the version it was
 * loaded or saved at (attributes and outline merge three ways with changes made meanwhile; a field
 * both changed is a conflict, shown and never overwritten).
 */
export async function saveZone(controller: ZoneDrawController, drawId: string): Promise<void> {
  const record = drawingState().records[drawId];
  const geometry = zoneGeometry(drawId);
  if (!record || !geometry) return;
  const attributes = { ...record.attributes, name: record.attributes.name.trim() || drawId.slice(0, 8) };
  setDrawing({ saving: true, message: null, conflict: null });
  const intentId = newClientId();
  try {
    const creating = record.serverId === null || record.version === null;
    // A new zone gets its id here, so that a zone queued offline is the same zone when it is sent,
    // changed or deleted before it reaches the server.
    const zoneId = record.serverId ?? `zones-${intentId}`;
    const intent: Intent = creating
      ? {
          kind: 'create-feature',
          id: intentId,
          layer: 'zones',
          properties: { ...attributes, id: zoneId },
          geometry,
        }
      : {
          kind: 'edit-feature',
          id: intentId,
          layer: 'zones',
          featureId: zoneId,
          base: {
            ...(JSON.parse(record.savedAttributes ?? JSON.stringify(record.attributes)) as ZoneAttributes),
            geometry: JSON.parse(record.savedGeometry ?? JSON.stringify(geometry)) as Polygon,
            version: record.version,
          },
          changes: { ...attributes, geometry },
        };
    const outcome = await submit(intent, {
      zh: `${creating ? '新建片区' : '修改片区'} ${attributes.name}`,
      en: `${creating ? 'New zone' : 'Zone changed:'} ${attributes.name}`,
    });
    if (outcome.status === 'queued') {
      // Saved on the tablet: the zone counts as saved at the version it will have (a later change
      // queued after it is based on that; the server merges if others changed it meanwhile).
      useAtlas.getState().setRecord({
        ...record,
        attributes,
        serverId: zoneId,
        version: creating ? 1 : (record.version ?? 0) + 1,
        savedGeometry: JSON.stringify(geometry),
        savedAttributes: JSON.stringify(attributes),
      });
      setDrawing({ message: { kind: 'info', text: { zh: tz('zh', 'queued'), en: tz('en', 'queued') } } });
      return;
    }
    if (outcome.status === 'conflict') {
      // The panel says the change was not saved and keeps the drawing to save again: the outbox
      // does not keep it as well.
      await releaseFromForm(intentId);
      const current = outcome.conflict.current as unknown as Feature;
      setDrawing({ message: conflictMessage(outcome.conflict), conflict: { drawId, current } });
      return;
    }
    const feature = outcome.feature;
    if (!feature) return;
    // The zone as saved is on the map already (the outbox puts what the server acknowledged there).
    // What the server holds now: ours, with any field others changed meanwhile merged in.
    const savedAttributes = zoneAttributesOf(feature.properties);
    const savedGeometry =
      feature.geometry?.type === 'Polygon' ? (feature.geometry as unknown as Polygon) : geometry;
    if (JSON.stringify(savedGeometry) !== JSON.stringify(geometry))
      controller.replaceZoneShape(drawId, savedGeometry);
    const version = feature.properties.version;
    useAtlas.getState().setRecord({
      ...record,
      attributes: savedAttributes,
      geometry: savedGeometry,
      serverId: feature.properties.id,
      version,
      savedGeometry: JSON.stringify(savedGeometry),
      savedAttributes: JSON.stringify(savedAttributes),
    });
    setDrawing({
      message: {
        kind: 'info',
        text: { zh: tz('zh', 'saved', { version }), en: tz('en', 'saved', { version }) },
      },
    });
  } catch (error) {
    // Refused: the panel shows why and keeps the drawing to save again.
    await releaseFromForm(intentId);
    setDrawing({ message: failure(error), conflict: null });
  } finally {
    setDrawing({ saving: false });
  }
}

/** Deletes a zone: on the server first when it was saved (from its version), then from the map. */
export async function deleteZoneById(controller: ZoneDrawController, drawId: string): Promise<void> {
  const record = drawingState().records[drawId];
  if (!record) return;
  if (record.serverId !== null && record.version !== null) {
    const intentId = newClientId();
    try {
      const outcome = await submit(
        {
          kind: 'delete-feature',
          id: intentId,
          layer: 'zones',
          featureId: record.serverId,
          version: record.version,
        },
        { zh: `删除片区 ${record.attributes.name}`, en: `Zone deleted: ${record.attributes.name}` },
      );
      if (outcome.status === 'queued') {
        setDrawing({ message: { kind: 'info', text: { zh: tz('zh', 'queued'), en: tz('en', 'queued') } } });
      }
    } catch (error) {
      await releaseFromForm(intentId);
      setDrawing({ message: failure(error) });
      return;
    }
    useAtlas.getState().removeFeature('zones', record.serverId);
    // Gone from the server: an undo brings the outline back as a new, unsaved zone.
    useAtlas.getState().setRecord({ ...record, serverId: null, version: null, savedGeometry: null });
  }
  controller.removeZoneShape(drawId);
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

/**
 * Every zone of the session as GeoJSON: the codes (for another import) and beside them the words people
 * read (整治模式 and 规划用地分类 by name, in the UI's language), the area in 亩 and m².
 */
function zonesGeoJson(lang: Lang): FeatureCollection {
  const features: Feature[] = presentZones(drawingState()).map((record) => ({
    type: 'Feature',
    id: record.serverId ?? record.drawId,
    properties: {
      id: record.serverId ?? record.drawId,
      ...record.attributes,
      modeName: ZONE_MODE_NAMES[record.attributes.mode][lang],
      plannedLandUseName: landUseName(record.attributes.plannedLandUse, lang),
      version: record.version,
      areaM2: Number(geometryAreaM2(record.geometry).toFixed(2)),
      areaMu: Number((geometryAreaM2(record.geometry) / M2_PER_MU).toFixed(4)),
    },
    geometry: record.geometry,
  }));
  return { type: 'FeatureCollection', features };
}

export function exportGeoJson(lang: Lang): void {
  download('zones.geojson', 'application/geo+json', `${JSON.stringify(zonesGeoJson(lang), null, 2)}\n`);
}

export function exportAnalysisCsv(): void {
  const { readout, readoutId, records } = drawingState();
  if (!readout || !readoutId) return;
  const name = records[readoutId]?.attributes.name || readoutId;
  download(`${name}-分析.csv`, 'text/csv;charset=utf-8', zoneAnalysisCsv(name, readout));
}

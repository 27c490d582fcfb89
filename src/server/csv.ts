// A layer as CSV for Excel, by the one CSV writer (src/domain/csv.ts: BOM, CRLF, quoting, formula
// guard), one row per feature.
// Columns: id, every property in first-seen order, version, then the ellipsoidal area in 亩 (and
// lon/lat for points). No geometry: polygons as WKT overflow Excel's 32 767-character cells and a
// spreadsheet is not where shapes are edited; the GeoJSON export carries them.
import { csvText } from '../domain/csv.ts';
import { PROPERTY_LABELS } from '../domain/labels.ts';
import { M2_PER_MU } from '../domain/units.ts';
import { geometryAreaM2 } from '../geo/area.ts';
import type { StoredFeature } from './store/types.ts';

/** A column's header: the Chinese label with the property name, `企业名称 (enterprise)`. */
export function csvHeader(key: string): string {
  const label = PROPERTY_LABELS[key]?.zh;
  return label ? `${label} (${key})` : key;
}

export function layerCsv(features: readonly StoredFeature[]): string {
  const keys: string[] = [];
  const seen = new Set(['id', 'version']);
  for (const feature of features) {
    for (const key of Object.keys(feature.properties)) {
      if (!seen.has(key)) {
        seen.add(key);
        keys.push(key);
      }
    }
  }
  const hasPoints = features.some((feature) => feature.geometry?.type === 'Point');
  const columns = [csvHeader('id'), ...keys.map(csvHeader), csvHeader('version'), '面积（亩） (areaMu)'];
  if (hasPoints) columns.push('经度 (lon)', '纬度 (lat)');
  const rows: unknown[][] = [columns];
  for (const feature of features) {
    const areaMu = geometryAreaM2(feature.geometry) / M2_PER_MU;
    const row = [
      feature.id,
      ...keys.map((key) => feature.properties[key]),
      feature.version,
      areaMu.toFixed(4),
    ];
    if (hasPoints) {
      const point = feature.geometry?.type === 'Point' ? feature.geometry.coordinates : null;
      row.push(point?.[0] ?? null, point?.[1] ?? null);
    }
    rows.push(row);
  }
  return csvText(rows);
}

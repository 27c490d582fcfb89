// The columns of each layer's data table, shared by the table on screen and its Excel export: the
// header with its unit, and each cell as a label (整治中, not `rectifying`; 二类工业用地 (100102), not
// `100102`), a number (亩 to 2 decimals) or a date. Pure.
import type { Bilingual, Lang } from './i18n.ts';
import { propertyLabel, valueLabel } from './labels.ts';
import { landUseName } from './landuse.ts';
import type { TableLayerId, TableRow } from './table-filter.ts';
import { M2_PER_MU } from './units.ts';

export type ColumnKind = 'text' | 'label' | 'landUse' | 'list' | 'number' | 'mu' | 'date' | 'park';

export interface TableColumn {
  /** A property name, or what the table adds: `park`, `areaM2`, `lastInspection`. */
  key: string;
  kind: ColumnKind;
  /** The unit shown in the header (亩, 亿元, 万元/亩), if any. */
  unit?: Bilingual;
  /** Digits after the point for numbers. */
  decimals?: number;
  /** Shown unless the person hides it. */
  shown: boolean;
}

const MU: Bilingual = { zh: '亩', en: 'mu' };
const YI: Bilingual = { zh: '亿元', en: '100 M yuan' };
const WAN_PER_MU: Bilingual = { zh: '万元/亩', en: '10 k yuan/mu' };

const col = (key: string, kind: ColumnKind, shown = true, extra: Partial<TableColumn> = {}): TableColumn => ({
  key,
  kind,
  shown,
  ...extra,
});

export const TABLE_COLUMNS: Record<TableLayerId, readonly TableColumn[]> = {
  plots: [
    col('id', 'text'),
    col('enterprise', 'text'),
    col('town', 'text'),
    col('park', 'park'),
    col('status', 'label'),
    col('grade', 'label'),
    col('mode', 'label'),
    col('landUse', 'landUse'),
    col('areaM2', 'mu', true, { unit: MU, decimals: 2 }),
    col('deadline', 'date'),
    col('lastInspection', 'date'),
    col('reasons', 'list', false),
    col('far', 'number', false, { decimals: 2 }),
    col('buildingDensity', 'number', false, { decimals: 2 }),
    col('taxPerMu', 'number', false, { unit: WAN_PER_MU, decimals: 2 }),
    col('outputPerMu', 'number', false, { unit: WAN_PER_MU, decimals: 2 }),
    col('idleSince', 'date', false),
  ],
  projects: [
    col('id', 'text'),
    col('name', 'text'),
    col('enterprise', 'text'),
    col('industry', 'text', false),
    col('park', 'park'),
    col('stage', 'label'),
    col('investmentPlanned', 'number', true, { unit: YI, decimals: 2 }),
    col('investmentCompleted', 'number', true, { unit: YI, decimals: 2 }),
    col('areaM2', 'mu', true, { unit: MU, decimals: 2 }),
    col('signedOn', 'date'),
    col('startedOn', 'date', false),
    col('producingOn', 'date', false),
  ],
  newland: [
    col('id', 'text'),
    col('landUse', 'landUse'),
    col('year', 'number', true, { decimals: 0 }),
    col('supply', 'label'),
    col('park', 'park'),
    col('areaM2', 'mu', true, { unit: MU, decimals: 2 }),
  ],
  zones: [
    col('id', 'text', false),
    col('name', 'text'),
    col('mode', 'label'),
    col('plannedLandUse', 'landUse'),
    col('areaM2', 'mu', true, { unit: MU, decimals: 2 }),
    col('createdBy', 'text'),
    col('notes', 'text', false),
  ],
};

const EXTRA_LABELS: Record<string, Bilingual> = {
  park: { zh: '所在园区', en: 'Park' },
  areaM2: { zh: '面积', en: 'Area' },
  lastInspection: { zh: '最近巡查', en: 'Last inspection' },
  idleSince: { zh: '闲置起始', en: 'Idle since' },
};

/** The column's name without its unit: 面积. */
function columnName(column: TableColumn, lang: Lang): string {
  return EXTRA_LABELS[column.key]?.[lang] ?? propertyLabel(column.key, lang);
}

/** The header as written above the column, with its unit: 面积（亩）, Area (mu). */
export function columnHeader(column: TableColumn, lang: Lang): string {
  const name = columnName(column, lang);
  if (!column.unit) return name;
  return lang === 'zh' ? `${name}（${column.unit.zh}）` : `${name} (${column.unit.en})`;
}

/** The park names by id, and what to call a row in no park. */
export interface ParkNames {
  names: ReadonlyMap<string, string>;
  outside: string;
}

export const OUTSIDE_PARK: Bilingual = { zh: '园区外', en: 'Outside parks' };

/** What a cell holds: a number stays a number (Excel sums it), the rest is text; null when empty. */
export function cellValue(
  column: TableColumn,
  row: TableRow,
  lang: Lang,
  parks: ParkNames,
): string | number | null {
  if (column.kind === 'mu') return Math.round((row.areaM2 / M2_PER_MU) * 100) / 100;
  if (column.kind === 'park')
    return row.park === null ? parks.outside : (parks.names.get(row.park) ?? row.park);
  const raw =
    column.key === 'id'
      ? row.id
      : column.key === 'lastInspection'
        ? row.lastInspection
        : row.properties[column.key];
  if (raw === null || raw === undefined || raw === '') return null;
  switch (column.kind) {
    case 'number':
      return typeof raw === 'number' && Number.isFinite(raw) ? raw : null;
    case 'label':
      return valueLabel(column.key, String(raw), lang);
    case 'landUse':
      return `${landUseName(String(raw), lang)} (${String(raw)})`;
    case 'list':
      return Array.isArray(raw)
        ? raw.map((item) => valueLabel(column.key, String(item), lang)).join(lang === 'zh' ? '、' : ', ')
        : String(raw);
    default:
      return typeof raw === 'string' || typeof raw === 'number' ? String(raw) : JSON.stringify(raw);
  }
}

/** A cell as text on screen (numbers to their decimals, an empty cell as —). */
export function cellText(column: TableColumn, row: TableRow, lang: Lang, parks: ParkNames): string {
  const cell = cellValue(column, row, lang, parks);
  if (cell === null) return '—';
  if (typeof cell === 'number') {
    const decimals = column.decimals ?? 2;
    return cell.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en', {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    });
  }
  return cell;
}

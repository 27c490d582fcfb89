// The layers of Land Atlas and the closed vocabularies their properties use (PRODUCT.md, data model).

export const LAYER_IDS = ['boundary', 'parks', 'plots', 'projects', 'newland', 'zones'] as const;
export type LayerId = (typeof LAYER_IDS)[number];

/**
 * The layers a county holds by the hundred thousand, which the server may serve as vector tiles
 * (GET /api/layers says which). Parks, the boundary and the drawn zones stay whole in the browser: a
 * county has a handful of parks and a few hundred zones, and the app relates the rest to them.
 */
export const TILEABLE_LAYERS = ['plots', 'projects', 'newland'] as const;
export type TileableLayerId = (typeof TILEABLE_LAYERS)[number];

export function isTileable(layer: string): layer is TileableLayerId {
  return (TILEABLE_LAYERS as readonly string[]).includes(layer);
}

export function isLayerId(value: string): value is LayerId {
  return (LAYER_IDS as readonly string[]).includes(value);
}

/** `geodata/plots.geojson`, `C:\x\plots.json`, `plots-2026.geojson` → `plots`; otherwise undefined. */
export function layerFromFileName(fileName: string): LayerId | undefined {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const stem = base.replace(/\.(geo)?json$/i, '').toLowerCase();
  return LAYER_IDS.find(
    (layer) => stem === layer || stem.startsWith(`${layer}-`) || stem.startsWith(`${layer}_`),
  );
}

export const PLOT_STATUSES = ['identified', 'inspected', 'rectifying', 'completed'] as const;
export type PlotStatus = (typeof PLOT_STATUSES)[number];

/**
 * Does a change of a plot's status go back along 已认定 → 已核查 → 整治中 → 已完成? (Unknown statuses are
 * not judged.) Going back needs a reason from the person (a rectification that failed, a wrong entry).
 */
export function isStatusBackwards(from: string, to: string): boolean {
  const before = PLOT_STATUSES.indexOf(from as PlotStatus);
  const after = PLOT_STATUSES.indexOf(to as PlotStatus);
  return before >= 0 && after >= 0 && after < before;
}

export const PLOT_GRADES = ['A', 'B', 'C', 'D'] as const;
export type PlotGrade = (typeof PLOT_GRADES)[number];

export const LOW_EFFICIENCY_REASONS = [
  'low-far',
  'low-density',
  'low-tax',
  'idle',
  'stopped',
  'overdue',
  'eliminated-industry',
] as const;
export type LowEfficiencyReason = (typeof LOW_EFFICIENCY_REASONS)[number];

export const RECTIFICATION_MODES = ['self-upgrade', 'cooperation', 'acquisition', 'redevelopment'] as const;
export type RectificationMode = (typeof RECTIFICATION_MODES)[number];

export const PROJECT_STAGES = [
  'signed',
  'listed',
  'delivered',
  'started',
  'producing',
  'registered',
] as const;
export type ProjectStage = (typeof PROJECT_STAGES)[number];

/** The date property that records when a project reached each stage. */
export const STAGE_DATE_PROPERTY: Record<ProjectStage, string> = {
  signed: 'signedOn',
  listed: 'listedOn',
  delivered: 'deliveredOn',
  started: 'startedOn',
  producing: 'producingOn',
  registered: 'registeredOn',
};

export const LAND_SUPPLY = ['transfer', 'allocation'] as const;
export type LandSupply = (typeof LAND_SUPPLY)[number];

/** The towns (镇/街道) of Heshan. */
export const HESHAN_TOWNS = [
  '沙坪街道',
  '龙口镇',
  '雅瑶镇',
  '古劳镇',
  '桃源镇',
  '鹤城镇',
  '共和镇',
  '址山镇',
  '宅梧镇',
  '双合镇',
] as const;

// A redevelopment zone as planners draw it (issue #5): its attributes, the smallest outline we accept,
// and the readout the app shows while it is drawn. No DOM, no I/O.
import type { Polygon } from 'geojson';
import { RECTIFICATION_MODES, type RectificationMode } from './layers.ts';
import { M2_PER_MU } from './units.ts';

export const ZONE_MODES = RECTIFICATION_MODES;
export type ZoneMode = RectificationMode;

/**
 * Our choice: a zone under 0.1 亩 (≈ 66.7 m², a room-sized patch) is refused. Nothing a planner
 * redevelops is that small; such shapes come from a double click or a slip of the finger.
 */
export const MIN_ZONE_AREA_M2 = 0.1 * M2_PER_MU;

export interface ZoneAttributes {
  name: string;
  mode: ZoneMode;
  /** A land-use code of the national classification (e.g. `100101`). */
  plannedLandUse: string;
  notes: string;
}

export const DEFAULT_ZONE_ATTRIBUTES: ZoneAttributes = {
  name: '',
  mode: 'redevelopment',
  plannedLandUse: '1001',
  notes: '',
};

export interface ZonePlotOverlap {
  id: string;
  enterprise: string;
  landUse: string;
  /** Shared area with the zone, m² (ellipsoidal). */
  overlapM2: number;
  plotAreaM2: number;
  /** overlapM2 ÷ plotAreaM2, 0–1. */
  shareOfPlot: number;
}

export interface ZoneParkOverlap {
  id: string;
  name: string;
  overlapM2: number;
}

export interface ZoneReadout {
  areaM2: number;
  /** Geodesic perimeter on the CGCS2000 ellipsoid, metres. */
  perimeterM: number;
  /** Plots inside or crossing the zone, largest overlap first. */
  plots: ZonePlotOverlap[];
  parks: ZoneParkOverlap[];
  /**
   * The manufacturing share of the new construction land inside the zone, by overlap area and the share
   * rule of src/domain/landuse.ts: manufacturing ÷ (new land inside − infrastructure); null without any.
   */
  newLand: { totalM2: number; manufacturingM2: number; infrastructureM2: number; share: number | null };
  /** The same rule over the plots' landUse inside the zone (by overlap area); null without plots. */
  plotsManufacturingShare: number | null;
  /**
   * The plots (or new land) come as vector tiles and the region around the zone holds more than one
   * fetch may send: the plot and new-land figures are unknown (the app asks to zoom in).
   */
  tooManyInView?: boolean;
}

export type ZoneGeometry = Polygon;

/** A zone's attributes as read from its stored properties (unknown values fall back to the defaults). */
export function zoneAttributesOf(properties: Record<string, unknown> | null | undefined): ZoneAttributes {
  const text = (value: unknown, fallback: string): string => (typeof value === 'string' ? value : fallback);
  const mode = text(properties?.mode, DEFAULT_ZONE_ATTRIBUTES.mode) as ZoneMode;
  return {
    name: text(properties?.name, DEFAULT_ZONE_ATTRIBUTES.name),
    mode: ZONE_MODES.includes(mode) ? mode : DEFAULT_ZONE_ATTRIBUTES.mode,
    plannedLandUse: text(properties?.plannedLandUse, DEFAULT_ZONE_ATTRIBUTES.plannedLandUse),
    notes: text(properties?.notes, DEFAULT_ZONE_ATTRIBUTES.notes),
  };
}

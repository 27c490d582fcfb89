// Low-efficiency plots per park: each plot belongs to its park (park-of.ts: the park it overlaps most,
// by ellipsoidal area), a plot in no park to OUTSIDE (园区外). Per park, and for all plots,
// the count and area (ellipsoidal, m²) in total, by status and by grade. Pure.

import type { Feature, Geometry } from 'geojson';
import { featureId } from '../domain/feature-id.ts';
import { PLOT_GRADES, PLOT_STATUSES } from '../domain/layers.ts';
import { OUTSIDE } from './share.ts';

export { OUTSIDE };

/** The key of the all-plots total row. */
export const ALL_PLOTS = 'all';

export interface CountArea {
  count: number;
  areaM2: number;
}

export interface ParkPlots {
  /** Park id, OUTSIDE or ALL_PLOTS. */
  key: string;
  /** Park name; the key itself for OUTSIDE and ALL_PLOTS (the UI names them). */
  name: string;
  total: CountArea;
  /** Every status of the vocabulary (zeros included), then any other value met. */
  byStatus: Record<string, CountArea>;
  /** Grades A–D (zeros included), then any other value met. */
  byGrade: Record<string, CountArea>;
}

export interface PlotsByPark {
  /** One row per park in layer order, then OUTSIDE. */
  parks: ParkPlots[];
  all: ParkPlots;
}

type AnyFeature = Feature<Geometry | null>;

function emptyRow(key: string, name: string): ParkPlots {
  const zeros = (keys: readonly string[]) =>
    Object.fromEntries(keys.map((k) => [k, { count: 0, areaM2: 0 }])) as Record<string, CountArea>;
  return {
    key,
    name,
    total: { count: 0, areaM2: 0 },
    byStatus: zeros(PLOT_STATUSES),
    byGrade: zeros(PLOT_GRADES),
  };
}

function add(row: ParkPlots, status: string, grade: string, areaM2: number): void {
  const bump = (cell: CountArea) => {
    cell.count++;
    cell.areaM2 += areaM2;
  };
  const cellOf = (cells: Record<string, CountArea>, key: string): CountArea => {
    const cell = cells[key] ?? { count: 0, areaM2: 0 };
    cells[key] = cell;
    return cell;
  };
  bump(row.total);
  bump(cellOf(row.byStatus, status));
  bump(cellOf(row.byGrade, grade));
}

const text = (value: unknown): string => (typeof value === 'string' && value !== '' ? value : 'unknown');

/** The table of plots per park, from each plot's park (park-of.ts) and area in m². */
export function plotsByPark(
  plots: readonly AnyFeature[],
  parks: readonly AnyFeature[],
  parkOfPlot: Int32Array,
  plotAreaM2: ArrayLike<number>,
): PlotsByPark {
  const rows = parks.map((park, index) => {
    const id = featureId(park) ?? String(index);
    const name = park.properties?.name;
    return emptyRow(String(id), typeof name === 'string' ? name : String(id));
  });
  const outside = emptyRow(OUTSIDE, OUTSIDE);
  const all = emptyRow(ALL_PLOTS, ALL_PLOTS);
  plots.forEach((plot, index) => {
    const status = text(plot.properties?.status);
    const grade = text(plot.properties?.grade);
    const areaM2 = plotAreaM2[index] ?? 0;
    const park = parkOfPlot[index] ?? -1;
    add(park >= 0 ? (rows[park] as ParkPlots) : outside, status, grade, areaM2);
    add(all, status, grade, areaM2);
  });
  return { parks: [...rows, outside], all };
}

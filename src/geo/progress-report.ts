// 进度通报 / The progress report of the campaign, by town and by park: plots by status (count and
// ellipsoidal area), plots completed since a chosen date (from the history's status changes), plots
// overdue today (src/domain/deadlines.ts), the share of new construction land going to manufacturing
// (src/geo/share.ts) and the project pipeline with its rates (src/domain/pipeline.ts). Pure: features
// and history facts in, plain JSON out; run on the server's query worker for whole layers.
//
// The rules (our choices, stated in the README):
// - a plot's park is the park it overlaps most (park-of.ts, the table's too), its town its `town` property;
// - completed since D: the history holds a change of the plot's status to 已完成 at or after 00:00 of D,
//   China time, and the plot is still 已完成 now (one taken back since is not reported as completed);
// - overdue: plotDeadline(properties, today).state === 'overdue';
// - the share by park cuts each new-land parcel by the parks; by town it reads the parcels' `town`;
// - the pipeline by park groups projects by `parkId` (projects with none under OUTSIDE).
import type { Feature, Geometry } from 'geojson';
import { plotDeadline } from '../domain/deadlines.ts';
import { featureId } from '../domain/feature-id.ts';
import { PLOT_STATUSES } from '../domain/layers.ts';
import { type PipelineReport, projectPipeline } from '../domain/pipeline.ts';
import { type ParkOf, parkOfEach } from './park-of.ts';
import type { CountArea } from './plots-by-park.ts';
import { OUTSIDE, type ShareReport, shareOfNewLand, UNKNOWN } from './share.ts';

export { OUTSIDE, UNKNOWN };

type AnyFeature = Feature<Geometry | null>;

/** One change of a plot's status, as the history recorded it (Store.statusChanges). */
export interface StatusChange {
  id: string;
  /** When, an ISO instant (UTC). */
  at: string;
  from: string | null;
  to: string;
}

export interface ReportRow {
  /** Town name, park id, OUTSIDE/UNKNOWN, or ALL for the total row. */
  key: string;
  name: string;
  total: CountArea;
  /** Each status of the vocabulary (zeros included), then any other value met. */
  byStatus: Record<string, CountArea>;
  completedSince: CountArea;
  overdue: CountArea;
}

export interface PipelineGroup {
  key: string;
  name: string;
  pipeline: PipelineReport;
}

export interface ProgressReport {
  since: string;
  today: string;
  byTown: ReportRow[];
  byPark: ReportRow[];
  all: ReportRow;
  /** Null without new construction land. */
  share: ShareReport | null;
  pipeline: PipelineReport;
  /** One group per park holding projects (layer order), then OUTSIDE when any project has no park. */
  pipelineByPark: PipelineGroup[];
  /** The ids completed since the date, in layer order (the table behind the count). */
  completedIds: string[];
}

const ALL = 'all';

export interface ProgressInput {
  plots: readonly AnyFeature[];
  parks: readonly AnyFeature[];
  newland: readonly AnyFeature[];
  projects: readonly AnyFeature[];
  /** The plots' status changes, at least those since the date (older ones are ignored). */
  statusChanges: readonly StatusChange[];
  /** YYYY-MM-DD, China time. */
  since: string;
  today: string;
  /** Each plot's park and area (park-of.ts), when the caller already has them. */
  plotParks?: ParkOf;
}

/** The instant 00:00 of a China date (UTC+8): 2026-06-01 → 2026-05-31T16:00:00.000Z. */
export function chinaDayStart(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00+08:00`)).toISOString();
}

function emptyRow(key: string, name: string): ReportRow {
  return {
    key,
    name,
    total: { count: 0, areaM2: 0 },
    byStatus: Object.fromEntries(PLOT_STATUSES.map((status) => [status, { count: 0, areaM2: 0 }])),
    completedSince: { count: 0, areaM2: 0 },
    overdue: { count: 0, areaM2: 0 },
  };
}

function bump(cell: CountArea, areaM2: number): void {
  cell.count++;
  cell.areaM2 += areaM2;
}

interface PlotFacts {
  status: string;
  areaM2: number;
  completedSince: boolean;
  overdue: boolean;
}

function addTo(row: ReportRow, facts: PlotFacts): void {
  bump(row.total, facts.areaM2);
  const cell = row.byStatus[facts.status] ?? { count: 0, areaM2: 0 };
  row.byStatus[facts.status] = cell;
  bump(cell, facts.areaM2);
  if (facts.completedSince) bump(row.completedSince, facts.areaM2);
  if (facts.overdue) bump(row.overdue, facts.areaM2);
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** The ids whose latest recorded change since `sinceAt` made them completed (and which are now). */
function completedSinceIds(changes: readonly StatusChange[], sinceAt: string): Set<string> {
  const ids = new Set<string>();
  for (const change of changes) {
    if (change.at >= sinceAt && change.to === 'completed' && change.from !== 'completed') ids.add(change.id);
  }
  return ids;
}

function pipelineByPark(projects: readonly AnyFeature[], parks: readonly AnyFeature[]): PipelineGroup[] {
  const groups = new Map<string, Record<string, unknown>[]>();
  for (const project of projects) {
    const properties = (project.properties ?? {}) as Record<string, unknown>;
    const key = text(properties.parkId) ?? OUTSIDE;
    const group = groups.get(key) ?? [];
    group.push(properties);
    groups.set(key, group);
  }
  const result: PipelineGroup[] = [];
  for (const park of parks) {
    const id = featureId(park);
    const group = id === null ? undefined : groups.get(id);
    if (!id || !group) continue;
    groups.delete(id);
    result.push({ key: id, name: text(park.properties?.name) ?? id, pipeline: projectPipeline(group) });
  }
  // Projects naming a park the layer does not hold, and those with none, are outside the parks.
  const rest = [...groups.values()].flat();
  if (rest.length > 0) result.push({ key: OUTSIDE, name: OUTSIDE, pipeline: projectPipeline(rest) });
  return result;
}

/** The progress report of the layers, from `since` to `today`. */
export function progressReport(input: ProgressInput): ProgressReport {
  const { plots, parks, since, today } = input;
  const { park: parkOf, areaM2: areas } = input.plotParks ?? parkOfEach(plots, parks);
  const completed = completedSinceIds(input.statusChanges, chinaDayStart(since));

  const parkRows = parks.map((park, index) => {
    const id = featureId(park) ?? String(index);
    return emptyRow(id, text(park.properties?.name) ?? id);
  });
  const outside = emptyRow(OUTSIDE, OUTSIDE);
  const towns = new Map<string, ReportRow>();
  const all = emptyRow(ALL, ALL);
  const completedIds: string[] = [];

  plots.forEach((plot, index) => {
    const properties = (plot.properties ?? {}) as Record<string, unknown>;
    const id = featureId(plot);
    const status = text(properties.status) ?? UNKNOWN;
    const isCompleted = status === 'completed' && id !== null && completed.has(id);
    if (isCompleted) completedIds.push(id);
    const facts: PlotFacts = {
      status,
      areaM2: areas[index] ?? 0,
      completedSince: isCompleted,
      overdue: plotDeadline(properties, today).state === 'overdue',
    };
    const park = parkOf[index] ?? -1;
    addTo(park >= 0 ? (parkRows[park] as ReportRow) : outside, facts);
    const town = text(properties.town) ?? UNKNOWN;
    let townRow = towns.get(town);
    if (!townRow) {
      townRow = emptyRow(town, town);
      towns.set(town, townRow);
    }
    addTo(townRow, facts);
    addTo(all, facts);
  });

  const townKeys = [...towns.keys()]
    .filter((key) => key !== UNKNOWN)
    .sort((x, y) => x.localeCompare(y, 'zh'));
  if (towns.has(UNKNOWN)) townKeys.push(UNKNOWN);

  return {
    since,
    today,
    byTown: townKeys.map((key) => towns.get(key) as ReportRow),
    byPark: outside.total.count > 0 ? [...parkRows, outside] : parkRows,
    all,
    share: input.newland.length > 0 ? shareOfNewLand(input.newland, { parks }) : null,
    pipeline: projectPipeline(
      input.projects.map((project) => (project.properties ?? {}) as Record<string, unknown>),
    ),
    pipelineByPark: pipelineByPark(input.projects, parks),
    completedIds,
  };
}

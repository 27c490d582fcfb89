// The share of new construction land going to manufacturing (PRODUCT.md's rule, src/domain/landuse.ts):
// share = manufacturing ÷ (total − infrastructure), overall and broken down by year, by park (the part of
// each parcel inside each park, from the overlap engine, plus what lies outside every park) and by town
// (a towns layer's parts, or else each parcel's `town` property).
//
// Contract: always a full report. A group whose total less infrastructure is 0 has share null and
// meetsTarget null (no land to judge, not a failure). A parcel without a landUse code counts as "other":
// it is still new construction land. Parks (and towns) are taken not to overlap one another; if they
// did, a parcel's part in two parks would be counted in both, and "outside" is clamped at 0.

import type { Feature, Geometry } from 'geojson';
import { featureId } from '../domain/feature-id.ts';
import { DEFAULT_SHARE_RULE, type ShareRule, shareClass } from '../domain/landuse.ts';
import { findPreparedOverlaps, prepareFeatures } from './overlap.ts';

export interface ShareTotals {
  totalM2: number;
  manufacturingM2: number;
  infrastructureM2: number;
  otherM2: number;
  /** manufacturing ÷ (total − infrastructure); null when that is 0. */
  share: number | null;
  target: number;
  meetsTarget: boolean | null;
}

export interface ShareGroup extends ShareTotals {
  /** Year, park id, town name; OUTSIDE or UNKNOWN for the catch-all groups. */
  key: string;
  name: string;
}

export interface ShareReport {
  overall: ShareTotals;
  /** Sorted by year; parcels without one under UNKNOWN, last. */
  byYear: ShareGroup[];
  /** One group per park in layer order, then OUTSIDE; empty without a parks layer. */
  byPark: ShareGroup[];
  /** With a towns layer: one group per town, then OUTSIDE; else by each parcel's `town`, then UNKNOWN. */
  byTown: ShareGroup[];
}

export interface ShareOptions {
  parks?: readonly Feature<Geometry | null>[];
  towns?: readonly Feature<Geometry | null>[];
  rule?: ShareRule;
}

export const OUTSIDE = 'outside';
export const UNKNOWN = 'unknown';

type Sums = [manufacturing: number, infrastructure: number, other: number];
type ClassIndex = 0 | 1 | 2;

function totals(sums: Sums, target: number): ShareTotals {
  const [manufacturingM2, infrastructureM2, otherM2] = sums;
  // m + o rather than total − infrastructure: no rounding residue where a group is all infrastructure.
  const judged = manufacturingM2 + otherM2;
  const share = judged > 0 ? manufacturingM2 / judged : null;
  return {
    totalM2: manufacturingM2 + infrastructureM2 + otherM2,
    manufacturingM2,
    infrastructureM2,
    otherM2,
    share,
    target,
    meetsTarget: share === null ? null : share >= target,
  };
}

function classIndex(feature: Feature<Geometry | null>, rule: ShareRule): ClassIndex {
  const code = feature.properties?.landUse;
  const kind = shareClass(typeof code === 'string' ? code : String(code ?? ''), rule);
  return kind === 'manufacturing' ? 0 : kind === 'infrastructure' ? 1 : 2;
}

function featureKey(feature: Feature<Geometry | null>, index: number): { key: string; name: string } {
  const id = featureId(feature) ?? String(index);
  const name = feature.properties?.name;
  return { key: String(id), name: typeof name === 'string' ? name : String(id) };
}

/**
 * Parts of each parcel inside each area of a layer (parks, towns): sums per area, then OUTSIDE for the
 * rest of every parcel.
 */
function byLayer(
  parcels: ReturnType<typeof prepareFeatures>,
  classes: readonly ClassIndex[],
  layer: readonly Feature<Geometry | null>[],
  target: number,
): ShareGroup[] {
  const prepared = prepareFeatures(layer);
  const sums: Sums[] = layer.map(() => [0, 0, 0]);
  const inside = new Float64Array(classes.length);
  for (const { a, b, m2 } of findPreparedOverlaps(parcels, prepared)) {
    (sums[b] as Sums)[classes[a] as ClassIndex] += m2;
    inside[a] = (inside[a] as number) + m2;
  }
  const outside: Sums = [0, 0, 0];
  classes.forEach((kind, a) => {
    outside[kind] += Math.max((parcels.featureAreaM2[a] as number) - (inside[a] as number), 0);
  });
  const groups = layer.map((feature, b) => ({
    ...featureKey(feature, b),
    ...totals(sums[b] as Sums, target),
  }));
  groups.push({ key: OUTSIDE, name: OUTSIDE, ...totals(outside, target) });
  return groups;
}

function byProperty(
  parcels: ReturnType<typeof prepareFeatures>,
  classes: readonly ClassIndex[],
  values: readonly (string | null)[],
  target: number,
  compare?: (x: string, y: string) => number,
): ShareGroup[] {
  const sums = new Map<string, Sums>();
  values.forEach((value, a) => {
    const key = value ?? UNKNOWN;
    const group = sums.get(key) ?? [0, 0, 0];
    group[classes[a] as ClassIndex] += parcels.featureAreaM2[a] as number;
    sums.set(key, group);
  });
  const keys = [...sums.keys()].filter((key) => key !== UNKNOWN);
  if (compare) keys.sort(compare);
  if (sums.has(UNKNOWN)) keys.push(UNKNOWN);
  return keys.map((key) => ({ key, name: key, ...totals(sums.get(key) as Sums, target) }));
}

const text = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : null;

/** The share report for a layer of new construction land (properties landUse, year, town?). */
export function shareOfNewLand(
  newland: readonly Feature<Geometry | null>[],
  options: ShareOptions = {},
): ShareReport {
  const rule = options.rule ?? DEFAULT_SHARE_RULE;
  const target = rule.target;
  const parcels = prepareFeatures(newland);
  const classes = newland.map((feature) => classIndex(feature, rule));
  const overall: Sums = [0, 0, 0];
  classes.forEach((kind, a) => {
    overall[kind] += parcels.featureAreaM2[a] as number;
  });
  const years = newland.map((feature) => text(feature.properties?.year));
  const towns = newland.map((feature) => text(feature.properties?.town));
  return {
    overall: totals(overall, target),
    byYear: byProperty(parcels, classes, years, target, (x, y) => x.localeCompare(y)),
    byPark: options.parks ? byLayer(parcels, classes, options.parks, target) : [],
    byTown: options.towns
      ? byLayer(parcels, classes, options.towns, target)
      : byProperty(parcels, classes, towns, target, (x, y) => x.localeCompare(y, 'zh')),
  };
}

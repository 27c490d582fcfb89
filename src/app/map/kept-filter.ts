// What the map shows of a layer while the data table filters it: only the features the filter keeps.
//
// A filter expression (setFilter) would do it, but MapLibre then re-parses every loaded tile of the
// source in its worker and uploads them again: 0.3–1.5 s at 100 000 plots, whatever the filter keeps.
// So the big sources are filtered by feature state instead, which MapLibre applies on the main thread
// to the features whose state changed, with no tile parsed again:
// - while the table shows a layer, each of the layer's map layers has a twin (`<id>-kept`) drawn right
//   above it with the same paint, except that its opacity is the layer's own for a feature whose state
//   `kept` is true and 0 for any other;
// - while a filter is on, the layer's own map layers are faded to 0 (a constant paint property: a
//   repaint, no re-parse) and the kept features get `kept: true` — only those whose kept-ness changed
//   since the last filter (keptChanges);
// - adding the twins when the table opens costs one re-parse of the layer's tiles; filtering costs none;
// - a broad filter (more than KEPT_STATE_MAX kept) is a filter expression instead, see there.
// Features without an id — the density points of tiled layers at low zoom, each many plots of one
// status — are never kept: a point that aggregates plots cannot be split by a filter (the map says so,
// and zooming in shows every kept plot). Labels (symbol layers, and the small label sources) are
// filtered by an expression (keptExpression) instead: a label faded out would still take its place and
// push the kept one's label away. Pure.
import type { ExpressionSpecification, FilterSpecification } from 'maplibre-gl';
import type { LayerProps } from 'react-map-gl/maplibre';

/**
 * Up to this many kept features a filter marks them by feature state; a filter that keeps more is a
 * filter expression on the layer's own map layers (the slow path above, kept for broad filters): MapLibre
 * never forgets a feature state it was given (an id unmarked keeps an empty entry), and every tile
 * loaded afterwards walks all of them, so marking 100 000 plots would slow every later tile.
 */
export const KEPT_STATE_MAX = 5000;
/**
 * When the table closes on a tiled layer whose features were marked this many times in all, its source
 * is made anew (its tiles parsed once more), which is the only way to empty MapLibre's state store.
 */
export const KEPT_PRUNE_AT = 20_000;

/** How the map shows a layer's table filter: not at all, by feature state, or by a filter expression. */
export type KeptMode = 'all' | 'state' | 'expression';
export function keptMode(view: { kept: readonly string[] | null } | null): KeptMode {
  if (!view || view.kept === null) return 'all';
  return view.kept.length <= KEPT_STATE_MAX ? 'state' : 'expression';
}

/** The feature state that marks a feature the table's filter keeps. */
export const KEPT_STATE = 'kept';
/** The id of a map layer's twin that draws the kept features. */
export const keptTwinId = (id: string) => `${id}-kept`;
/** The map layer a twin's id names (the same id for one that is no twin). */
export const twinOf = (id: string) => (id.endsWith('-kept') ? id.slice(0, -'-kept'.length) : id);

/** The paint properties that make a layer of this type visible, with their defaults (no symbols: above). */
const OPACITY: Record<string, readonly (readonly [string, number])[]> = {
  fill: [['fill-opacity', 1]],
  line: [['line-opacity', 1]],
  circle: [
    ['circle-opacity', 1],
    ['circle-stroke-opacity', 1],
  ],
};

type Paint = Record<string, unknown>;
const paintOf = (layer: LayerProps): Paint => ('paint' in layer ? ((layer.paint ?? {}) as Paint) : {});

/** The layer with every opacity at 0 (a constant: MapLibre repaints, it parses nothing again); a label as it is. */
export function hiddenLayer(layer: LayerProps): LayerProps {
  const opacities = OPACITY[layer.type];
  if (!opacities) return layer;
  const paint = { ...paintOf(layer) };
  for (const [property] of opacities) paint[property] = 0;
  return { ...layer, paint } as LayerProps;
}

/** A layer's twin: the same paint, shown only where the feature state `kept` is true; null for a label. */
export function keptTwin(layer: LayerProps): LayerProps | null {
  const opacities = OPACITY[layer.type];
  if (!opacities || !layer.id) return null;
  const paint = { ...paintOf(layer) };
  for (const [property, fallback] of opacities) {
    const own = (paint[property] ?? fallback) as number | ExpressionSpecification;
    paint[property] = ['case', ['boolean', ['feature-state', KEPT_STATE], false], own, 0];
  }
  return { ...layer, id: keptTwinId(layer.id), paint } as LayerProps;
}

/** The feature states to set and to remove to go from the ids kept before to those kept now. */
export function keptChanges(
  before: ReadonlySet<string>,
  now: readonly string[] | null,
): { add: string[]; remove: string[] } {
  const next = new Set(now ?? []);
  const add: string[] = [];
  for (const id of next) if (!before.has(id)) add.push(id);
  const remove: string[] = [];
  for (const id of before) if (!next.has(id)) remove.push(id);
  return { add, remove };
}

/**
 * The ids of a table's rows the map is told about: those the filter keeps (null: all of them), and the
 * ones it drops when they are the shorter list (null: not listed; the labels' expression lists the
 * shorter of the two, keptExpression). `kept` is `rows` filtered, in their order and the same objects
 * (filterRows), so the dropped are found by one walk along both, without a set of 100 000 ids.
 */
export function keptIds(
  rows: readonly { id: string }[],
  kept: readonly { id: string }[],
): { kept: string[] | null; dropped: string[] | null } {
  if (kept.length === rows.length) return { kept: null, dropped: null };
  const ids = kept.map((row) => row.id);
  if (kept.length * 2 <= rows.length) return { kept: ids, dropped: null };
  const dropped: string[] = [];
  let next = 0;
  for (const row of rows) {
    if (row === kept[next]) next++;
    else dropped.push(row.id);
  }
  return { kept: ids, dropped };
}

/**
 * The filter expression that keeps the `kept` ids (`dropped`: the others, or null when not listed), for
 * the labels; null keeps all. A `match` of the ids is a hash lookup per feature; when the filter keeps
 * more than half, the ids it drops are listed instead.
 */
export function keptExpression(
  kept: readonly string[] | null,
  dropped: readonly string[] | null,
): ExpressionSpecification | null {
  if (kept === null) return null;
  if (kept.length === 0) return ['==', ['literal', 1], ['literal', 0]];
  if (dropped && dropped.length > 0 && dropped.length < kept.length)
    return ['all', ['has', 'id'], ['match', ['get', 'id'], [...dropped], false, true]];
  return ['match', ['get', 'id'], [...kept], true, false];
}

/** A layer's own filter with the table's added (both must hold). */
export function withKept(
  own: FilterSpecification | undefined,
  kept: ExpressionSpecification | null,
): FilterSpecification | undefined {
  if (kept === null) return own;
  if (own === undefined) return kept;
  return ['all', own as ExpressionSpecification, kept];
}

/**
 * Whether the table's filter hides a feature the map found under the pointer (its layer faded out, the
 * feature not marked kept): a click or a hover passes through it.
 */
export function hiddenByFilter(
  view: { layer: string; kept: readonly string[] | null } | null,
  layer: string | undefined,
  state: Record<string, unknown> | undefined,
): boolean {
  // By expression the hidden features are not drawn, and so not found: nothing to pass through.
  return view?.layer === layer && keptMode(view) === 'state' && state?.[KEPT_STATE] !== true;
}

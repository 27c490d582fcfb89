// What the map shows of a layer while the data table filters it: a MapLibre filter expression over the
// feature id (`properties.id`, which the tiles keep too), added to each of the layer's map layers with
// setFilter — the source is not rebuilt and no tile is fetched again. A `match` of the ids is a hash
// lookup per feature; when the filter keeps more than half, the ids it drops are listed instead
// (smaller to send to MapLibre's workers). Features without an id — the density points of tiled layers
// at low zoom, each many plots of one status — are not shown while a filter is on: a point that
// aggregates plots cannot be split by a filter (the map says so, and zooming in shows every kept plot).
// Pure.
import type { ExpressionSpecification, FilterSpecification } from 'maplibre-gl';

/** The expression that keeps the `kept` ids (`dropped`: the others); null keeps all. */
export function keptExpression(
  kept: readonly string[] | null,
  dropped: readonly string[],
): ExpressionSpecification | null {
  if (kept === null) return null;
  if (kept.length === 0) return ['==', ['literal', 1], ['literal', 0]];
  if (dropped.length === 0) return ['has', 'id'];
  if (dropped.length < kept.length)
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

// The one rule for a feature's id, used by the validator, the analyses, the app, the server and the CLI.
//
// A layer of the data model carries every id twice, as the Feature's `id` and as `properties.id`, and
// the layer validator requires them to be the same string: for a layer the rule below cannot differ
// from either member. It decides only for plain files (the CLI's area/overlap/share on any GeoJSON,
// a file the app or the seed reads before or without layer rules):
//
// - `properties.id` first. A bureau's files come from a GIS attribute table: the 地块编号 the person
//   knows is an attribute (properties), while Feature.id is often a writer's row number (ArcGIS writes
//   OBJECTID, ogr2ogr the FID). MapLibre's `promoteId: 'id'` also makes properties.id the id of
//   what is rendered and picked, so the app and the map agree.
// - else the Feature's own `id` (RFC 7946 §3.2).
// - Only a non-empty string or a finite number is an id; `null`, `""`, `true`, objects are "no id".
//   A number stays a number in `featureIdValue` (the CLI shows 7 and "7" differently) and becomes its
//   decimal text in `featureId`, the key every index uses.

/** The members the rule reads; any GeoJSON Feature (or a rendered MapLibre feature) has them. */
export interface FeatureLike {
  id?: unknown;
  properties?: { readonly [key: string]: unknown } | null;
}

export type FeatureIdValue = string | number;

function idValue(value: unknown): FeatureIdValue | null {
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  return null;
}

/** The feature's id as written (string or number), by the rule above, or null when it has none. */
export function featureIdValue<F extends FeatureLike>(feature: F): FeatureIdValue | null {
  return idValue(feature.properties?.id) ?? idValue(feature.id);
}

/** The feature's id as text (the key of every index by id), or null when it has none. */
export function featureId<F extends FeatureLike>(feature: F): string | null {
  const value = featureIdValue(feature);
  return value === null ? null : String(value);
}

/**
 * A feature id every route of the server can address, as a path segment and in history: 1–128 characters (code
 * points), no control characters, not only spaces, not "." or ".." (a URL would drop those segments),
 * and well-formed Unicode (a lone surrogate cannot be written in a URL).
 */
export const FEATURE_ID_MAX_LENGTH = 128;
export const FEATURE_ID_RULE = 'must have 1 to 128 characters, no control characters, not only spaces';
export function isFeatureId(value: string): boolean {
  if (value.length > 2 * FEATURE_ID_MAX_LENGTH) return false;
  const length = [...value].length;
  return (
    length >= 1 &&
    length <= FEATURE_ID_MAX_LENGTH &&
    value.trim() !== '' &&
    value !== '.' &&
    value !== '..' &&
    !/[\p{Cc}\p{Cs}]/u.test(value)
  );
}

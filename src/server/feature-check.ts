// Every feature that enters the store (POST, PATCH, import) passes the one validator with its layer's
// rules (coordinates in range, polygon validity, geometry type, properties), plus the checks a stored
// layer needs beyond a valid file: an id every route can address, no empty geometry, and no number
// JSON cannot hold (1e309).
// Large texts are validated on a worker thread (validation-pool.ts).
import type { Geometry } from 'geojson';
import type { LayerId } from '../domain/layers.ts';
import { FEATURE_ID_MAX_LENGTH, FEATURE_ID_RULE, isFeatureId } from '../domain/schemas.ts';
import { findNonFiniteNumber } from '../geo/json-limits.ts';
import { displayText, PROBLEM_CODES, type Problem, validateGeoJsonText } from '../geo/validate.ts';
import { ApiError } from './errors.ts';
import type { Properties } from './store/types.ts';
import { validateText } from './validation-pool.ts';

/** A Polygon or MultiPolygon without a single ring: valid GeoJSON, but no land to show or measure. */
function isEmptyGeometry(geometry: Geometry | null): boolean {
  if (geometry === null || !('coordinates' in geometry)) return false;
  const coordinates = geometry.coordinates as unknown[];
  if (!Array.isArray(coordinates) || coordinates.length === 0) return true;
  return geometry.type === 'MultiPolygon' && coordinates.some((part) => (part as unknown[]).length === 0);
}

function problem(code: Problem['code'], message: Problem['message'], index: number, id: string): Problem {
  return { severity: 'error', code, message, featureIndex: index, featureId: id, line: null };
}

/** Problems the validator leaves to the store, per feature: ids no route could address, empty geometries, non-finite numbers. */
export function storeProblems(
  features: readonly { id: string; geometry: Geometry | null; properties: unknown }[],
) {
  const problems: Problem[] = [];
  features.forEach((feature, index) => {
    if (!isFeatureId(feature.id)) {
      problems.push(
        problem(
          PROBLEM_CODES.propertySchema,
          {
            zh: `要素编号 ${displayText(feature.id)} 无效：须为 1 至 ${FEATURE_ID_MAX_LENGTH} 个字符，不含控制字符，不能全为空格。`,
            en: `the feature id ${displayText(feature.id)} is not valid: it ${FEATURE_ID_RULE}.`,
          },
          index,
          feature.id,
        ),
      );
    }
    if (isEmptyGeometry(feature.geometry)) {
      problems.push(
        problem(
          PROBLEM_CODES.badStructure,
          {
            zh: `要素 ${displayText(feature.id)} 的几何没有任何坐标（空的 ${feature.geometry?.type}）；请画出范围。`,
            en: `feature ${displayText(feature.id)} has an empty ${feature.geometry?.type} (no coordinates); draw its outline.`,
          },
          index,
          feature.id,
        ),
      );
    }
    const path = findNonFiniteNumber({ properties: feature.properties, geometry: feature.geometry });
    if (path) {
      const where = path.join('.');
      problems.push(
        problem(
          PROBLEM_CODES.badStructure,
          {
            zh: `要素 ${displayText(feature.id)} 的 ${where} 是超出范围的数（如 1e309），无法保存；请改为有限的数。`,
            en: `feature ${displayText(feature.id)} has a number out of range at ${where} (such as 1e309), which cannot be stored; write a finite number.`,
          },
          index,
          feature.id,
        ),
      );
    }
  });
  return problems;
}

export function invalidId(id: string): ApiError {
  return new ApiError(422, 'invalid-id', {
    zh: `要素编号 ${displayText(id)} 无效：须为 1 至 ${FEATURE_ID_MAX_LENGTH} 个字符，不含控制字符，不能全为空格。`,
    en: `The feature id ${displayText(id)} is not valid: it ${FEATURE_ID_RULE}.`,
  });
}

export function checkFeatureId(id: string): void {
  if (!isFeatureId(id)) throw invalidId(id);
}

function featureText(layer: LayerId, properties: Properties, version: number, geometry: Geometry | null) {
  const feature = { type: 'Feature', id: properties.id, properties: { ...properties, version }, geometry };
  return {
    text: JSON.stringify({ type: 'FeatureCollection', features: [feature] }),
    fileName: `${layer}/${properties.id}`,
  };
}

function refuse(layer: LayerId, id: string, errors: Problem[]): void {
  if (errors.length === 0) return;
  throw new ApiError(
    422,
    'invalid-geometry',
    {
      zh: `要素 ${displayText(id)} 不符合图层 ${layer} 的要求，未保存。`,
      en: `Feature ${displayText(id)} does not fit layer ${layer}; it was not saved.`,
    },
    { problems: errors },
  );
}

const errorsOf = (problems: readonly Problem[]) => problems.filter((found) => found.severity === 'error');

/**
 * Validates the feature as it will be stored (properties with the version it will carry, geometry)
 * as a one-feature layer file; refuses it (422) with every error found. Large ones on a worker.
 */
export async function checkFeature(
  layer: LayerId,
  properties: Properties,
  version: number,
  geometry: Geometry | null,
): Promise<void> {
  const errors = storeProblems([{ id: properties.id, geometry, properties }]);
  if (errors.length === 0) {
    const { text, fileName } = featureText(layer, properties, version, geometry);
    errors.push(...errorsOf((await validateText(text, fileName, layer)).problems));
  }
  refuse(layer, properties.id, errors);
}

/** The same check, inline: for the rare write whose content could not be checked before it. */
export function checkFeatureNow(
  layer: LayerId,
  properties: Properties,
  version: number,
  geometry: Geometry | null,
): void {
  const errors = storeProblems([{ id: properties.id, geometry, properties }]);
  if (errors.length === 0) {
    const { text, fileName } = featureText(layer, properties, version, geometry);
    errors.push(...errorsOf(validateGeoJsonText(text, { fileName, layer }).problems));
  }
  refuse(layer, properties.id, errors);
}

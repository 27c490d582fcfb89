// Every feature that enters the store (POST, PATCH, import) passes the one validator with its layer's
// rules (coordinates in range, polygon validity, geometry type, no empty geometry, properties, an id
// every route can address); the request body was already refused if it held a number JSON cannot hold.
// Large texts are validated on a worker thread (validation-pool.ts).
import type { Geometry } from 'geojson';
import { FEATURE_ID_MAX_LENGTH, FEATURE_ID_RULE, isFeatureId } from '../domain/feature-id.ts';
import type { LayerId } from '../domain/layers.ts';
import { displayText, type Problem, validateGeoJsonText } from '../geo/validate.ts';
import { ApiError } from './errors.ts';
import type { Properties } from './store/types.ts';
import { validateText } from './validation-pool.ts';

function invalidId(id: string): ApiError {
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
  const { text, fileName } = featureText(layer, properties, version, geometry);
  refuse(layer, properties.id, errorsOf((await validateText(text, fileName, layer)).problems));
}

/** The same check, inline: for the rare write whose content could not be checked before it. */
export function checkFeatureNow(
  layer: LayerId,
  properties: Properties,
  version: number,
  geometry: Geometry | null,
): void {
  const { text, fileName } = featureText(layer, properties, version, geometry);
  refuse(layer, properties.id, errorsOf(validateGeoJsonText(text, { fileName, layer }).problems));
}

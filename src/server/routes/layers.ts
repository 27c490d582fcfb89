// Layers and features: read a layer (with ETag), read one feature, change its properties (and, where
// the role may, its geometry) from a named version, create and delete features of drawn layers.

import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { isTileable, LAYER_IDS, type LayerId } from '../../domain/layers.ts';
import { applyMergePatch } from '../../domain/merge-patch.ts';
import { LAYER_PROPERTY_SCHEMAS } from '../../domain/schemas.ts';
import {
  type FeatureDeleted,
  featureCreate,
  featureId,
  featurePatch,
  type LayerManifest,
} from '../../domain/wire.ts';
import { canCreateOrDelete, canEditLayer, EDIT, plannedOnly, READ } from '../auth/roles.ts';
import { ApiError, forbidden, notFound, unauthorized } from '../errors.ts';
import { checkFeature, checkFeatureId, checkFeatureNow } from '../feature-check.ts';
import { keyed, sendReplay } from '../idempotency.ts';
import { parse } from '../parse.ts';
import { collectionChunks, type GeoJsonFeature, toGeoJson } from '../store/rows.ts';
import type { FeatureContent, Properties, StoredFeature, UpdateResult } from '../store/types.ts';

const layerParams = z.strictObject({ layer: z.enum(LAYER_IDS) });
/** Any id the store can hold (src/domain/feature-id.ts: 1–128 characters, …) can be addressed. */
const featureParams = z.strictObject({ layer: z.enum(LAYER_IDS), id: featureId });
const deleteQuery = z.strictObject({ version: z.coerce.number().int().min(1) });

export const featureNotFound = (layer: string, id: string) =>
  notFound({ zh: `图层 ${layer} 中的要素 ${id}`, en: `Feature ${id} of layer ${layer}` });

export function versionConflict(current: StoredFeature): ApiError {
  return new ApiError(
    409,
    'version-conflict',
    {
      zh: `要素 ${current.id} 已被他人修改（当前版本 ${current.version}），您的修改未保存。请查看最新内容后再改。`,
      en: `Feature ${current.id} was changed by someone else (now version ${current.version}); your change was not saved. Look at the current feature and edit again.`,
    },
    { current: toGeoJson(current) },
  );
}

/** The answer an update keeps with its Idempotency-Key: the feature, when it was written. */
const keepUpdate = (result: UpdateResult) =>
  result.ok ? { status: 200, body: toGeoJson(result.feature) } : null;

function sendUpdate(result: UpdateResult, layer: string, id: string): GeoJsonFeature {
  if (result.ok) return toGeoJson(result.feature);
  if (result.reason === 'conflict') throw versionConflict(result.current);
  throw featureNotFound(layer, id);
}

/** Validates merged properties against the layer's schema, with the version they will carry. */
export function checkProperties(layer: LayerId, properties: Properties, version: number): void {
  const result = LAYER_PROPERTY_SCHEMAS[layer].safeParse({ ...properties, version });
  if (result.success) return;
  const issues = result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  const fields = [...new Set(issues.map((issue) => issue.path))].join(', ');
  throw new ApiError(
    422,
    'invalid-properties',
    {
      zh: `属性不符合图层 ${layer} 的要求：${fields}。`,
      en: `Properties do not fit layer ${layer}: ${fields}.`,
    },
    { issues },
  );
}

/**
 * RFC 7396 merge of one level: a null removes the property; `version` is the server's; `id` and a
 * zone's `createdBy` stay as they are (the server set them when the feature was created).
 */
function mergeProperties(current: StoredFeature, patch: Record<string, unknown>): Properties {
  const { version: _version, id, ...rest } = patch;
  if (id !== undefined && id !== current.id) {
    throw new ApiError(422, 'id-immutable', {
      zh: '要素编号不能修改。',
      en: 'A feature’s id cannot change.',
    });
  }
  if ('createdBy' in rest && rest.createdBy !== current.properties.createdBy) {
    throw new ApiError(422, 'created-by-immutable', {
      zh: '创建人由服务器记录，不能修改。',
      en: 'Who created a feature is recorded by the server and cannot change.',
    });
  }
  return applyMergePatch(current.properties, rest) as Properties;
}

function notEditable(layer: LayerId): ApiError {
  return layer === 'boundary'
    ? new ApiError(403, 'layer-read-only', {
        zh: '行政边界图层只读，只能通过导入更新。',
        en: 'The boundary layer is read-only; only an import replaces it.',
      })
    : forbidden({ zh: `编辑图层 ${layer}`, en: `editing layer ${layer}` });
}

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const value = tag.trim().replace(/^W\//, '');
    return value === etag || value === '*';
  });
}

/**
 * A feature's ETag: opaque, ASCII whatever the id holds (a header cannot carry 鹤山 or a newline), and
 * computed from layer, id and version alone, so setting it after a commit cannot fail.
 */
function featureEtag(layer: string, id: string, version: number): string {
  const digest = createHash('sha256').update(`${layer}\u0000${id}\u0000${version}`).digest('base64url');
  return `"${digest.slice(0, 27)}"`;
}

function sendFeature(reply: FastifyReply, feature: StoredFeature): GeoJsonFeature {
  reply.header('ETag', featureEtag(feature.layer, feature.id, feature.version));
  return toGeoJson(feature);
}

export function layerRoutes(server: FastifyInstance): void {
  const { store, tileThreshold } = server.atlas;

  // What the browser loads and how: a tileable layer above the threshold as tiles, the rest whole.
  server.get('/api/layers', { config: { access: READ } }, async (_request, reply): Promise<LayerManifest> => {
    reply.header('Cache-Control', 'private, no-cache');
    const layers = await Promise.all(
      LAYER_IDS.map(async (id) => {
        const { revision, count } = await store.layerCount(id);
        const served = isTileable(id) && count > tileThreshold ? ('tiles' as const) : ('geojson' as const);
        return { id, count, revision, served };
      }),
    );
    return { layers, tileThreshold };
  });

  server.get('/api/layers/:layer', { config: { access: READ } }, async (request, reply) => {
    const { layer } = parse(layerParams, request.params, 'params');
    reply.header('Cache-Control', 'private, no-cache');
    const revision = await store.layerRevision(layer);
    if (etagMatches(request.headers['if-none-match'], `"${revision}"`)) {
      reply.header('ETag', `"${revision}"`);
      return reply.status(304).send();
    }
    const snapshot = await store.layerSnapshot(layer);
    reply.header('ETag', `"${snapshot.revision}"`);
    reply.type('application/geo+json; charset=utf-8');
    // Streamed in pieces when the store holds the features' texts apart: no one giant string.
    return reply.send(snapshot.features ? Readable.from(collectionChunks(snapshot.features)) : snapshot.json);
  });

  server.get('/api/features/:layer/:id', { config: { access: READ } }, async (request, reply) => {
    const { layer, id } = parse(featureParams, request.params, 'params');
    const feature = await store.getFeature(layer, id);
    if (!feature) throw featureNotFound(layer, id);
    return sendFeature(reply, feature);
  });

  server.patch('/api/features/:layer/:id', { config: { access: EDIT } }, async (request, reply) => {
    const { layer, id } = parse(featureParams, request.params, 'params');
    const user = request.user;
    if (!user) throw unauthorized();
    if (!canEditLayer(user.role, layer)) throw notEditable(layer);
    const body = parse(featurePatch, request.body, 'body');
    const only = plannedOnly(user.role, layer);
    const outside = only ? Object.keys(body.properties).filter((name) => !only.includes(name)) : [];
    if (outside.length > 0) {
      throw forbidden({
        zh: `修改图层 ${layer} 的 ${outside.join('、')}（只可修改计划日期）`,
        en: `changing ${outside.join(', ')} of layer ${layer} (only the planned dates)`,
      });
    }
    if (body.geometry && !canCreateOrDelete(user.role, layer)) {
      throw forbidden({ zh: `修改图层 ${layer} 的几何图形`, en: `changing geometries of layer ${layer}` });
    }
    // The next content is validated whole, before the write, from the version the caller named; the
    // write applies it only if that version is still current (else 409), so what is stored is what was
    // validated. A caller naming a version that is not (yet) current is validated inside the write.
    const next = (current: StoredFeature): FeatureContent => {
      const properties = mergeProperties(current, body.properties);
      checkProperties(layer, properties, current.version + 1);
      return { properties, geometry: body.geometry ?? current.geometry };
    };
    const seen = await store.getFeature(layer, id);
    if (!seen) throw featureNotFound(layer, id);
    let validated: FeatureContent | null = null;
    if (seen.version === body.version) {
      validated = next(seen);
      await checkFeature(layer, validated.properties, seen.version + 1, validated.geometry);
    }
    const outcome = await keyed(request, store, keepUpdate, () =>
      store.updateFeature(
        layer,
        id,
        body.version,
        (current) => {
          if (validated && current.version === seen.version && current.updatedAt === seen.updatedAt)
            return validated;
          const content = next(current);
          checkFeatureNow(layer, content.properties, current.version + 1, content.geometry);
          return content;
        },
        user.username,
        { properties: body.properties, ...(body.geometry ? { geometry: body.geometry } : {}) },
      ),
    );
    if ('replay' in outcome) return sendReplay(reply, outcome.replay);
    const feature = sendUpdate(outcome.result, layer, id);
    reply.header('ETag', featureEtag(layer, id, feature.properties.version));
    return feature;
  });

  server.post('/api/features/:layer', { config: { access: EDIT } }, async (request, reply) => {
    const { layer } = parse(layerParams, request.params, 'params');
    const user = request.user;
    if (!user) throw unauthorized();
    if (!canCreateOrDelete(user.role, layer)) throw notEditable(layer);
    const body = parse(featureCreate, request.body, 'body');
    const { version: _serverManaged, ...given } = body.properties;
    const id = typeof given.id === 'string' && given.id !== '' ? given.id : `${layer}-${randomUUID()}`;
    checkFeatureId(id);
    // A zone's author is whoever is logged in, whatever the body says.
    const properties: Properties =
      layer === 'zones' ? { notes: '', ...given, id, createdBy: user.username } : { ...given, id };
    checkProperties(layer, properties, 1);
    const geometry = body.geometry;
    await checkFeature(layer, properties, 1, geometry);
    const outcome = await keyed(
      request,
      store,
      (created: StoredFeature | null) => (created ? { status: 201, body: toGeoJson(created) } : null),
      () => store.createFeature(layer, { properties, geometry }, user.username),
    );
    if ('replay' in outcome) return sendReplay(reply, outcome.replay);
    const feature = outcome.result;
    if (!feature) {
      throw new ApiError(409, 'id-taken', {
        zh: `图层 ${layer} 中已有编号为 ${id} 的要素。`,
        en: `Layer ${layer} already has a feature with id ${id}.`,
      });
    }
    reply.status(201);
    return sendFeature(reply, feature);
  });

  server.delete('/api/features/:layer/:id', { config: { access: EDIT } }, async (request, reply) => {
    const { layer, id } = parse(featureParams, request.params, 'params');
    const user = request.user;
    if (!user) throw unauthorized();
    if (!canCreateOrDelete(user.role, layer)) throw notEditable(layer);
    const { version } = parse(deleteQuery, request.query, 'query');
    const deleted: FeatureDeleted = { deleted: id, layer, version };
    const outcome = await keyed(
      request,
      store,
      (result: UpdateResult) => (result.ok ? { status: 200, body: deleted } : null),
      () => store.deleteFeature(layer, id, version, user.username),
    );
    if ('replay' in outcome) return sendReplay(reply, outcome.replay);
    sendUpdate(outcome.result, layer, id);
    return deleted;
  });
}

// Layers and features: read a layer (with ETag), read one feature, change its properties (and, where
// the role may, its geometry) from a named version, create and delete features of drawn layers.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Geometry } from 'geojson';
import { z } from 'zod';
import { LAYER_IDS, type LayerId } from '../../domain/layers.ts';
import { applyMergePatch } from '../../domain/merge-patch.ts';
import { LAYER_GEOMETRY_TYPES, LAYER_PROPERTY_SCHEMAS } from '../../domain/schemas.ts';
import { validateGeoJsonText } from '../../geo/validate.ts';
import { canCreateOrDelete, canEditLayer, EDIT, READ } from '../auth/roles.ts';
import { ApiError, forbidden, notFound, unauthorized } from '../errors.ts';
import { parse } from '../parse.ts';
import { toGeoJson } from '../store/rows.ts';
import type { Properties, StoredFeature, UpdateResult } from '../store/types.ts';

const layerParams = z.strictObject({ layer: z.enum(LAYER_IDS) });
const featureParams = z.strictObject({ layer: z.enum(LAYER_IDS), id: z.string().min(1).max(200) });
const geometry = z.looseObject({ type: z.string() });
const patchBody = z.strictObject({
  version: z.number().int().min(1),
  properties: z.record(z.string(), z.unknown()),
  geometry: geometry.optional(),
});
const createBody = z.strictObject({ properties: z.record(z.string(), z.unknown()), geometry });
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

export function sendUpdate(result: UpdateResult, layer: string, id: string) {
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

/** A geometry goes through the same validator as a file, then the layer's allowed types. */
function checkGeometry(layer: LayerId, value: Record<string, unknown>): Geometry {
  const text = JSON.stringify({ type: 'Feature', id: 'x', properties: { id: 'x' }, geometry: value });
  const report = validateGeoJsonText(text, { fileName: 'geometry', layer: null });
  const errors = report.problems.filter((problem) => problem.severity === 'error');
  if (!report.ok || errors.length) {
    throw new ApiError(
      422,
      'invalid-geometry',
      { zh: '几何图形无效。', en: 'The geometry is not valid.' },
      { problems: errors },
    );
  }
  if (!LAYER_GEOMETRY_TYPES[layer].includes(String(value.type))) {
    throw new ApiError(422, 'invalid-geometry', {
      zh: `图层 ${layer} 不接受 ${String(value.type)} 几何。`,
      en: `Layer ${layer} does not take ${String(value.type)} geometries.`,
    });
  }
  return value as unknown as Geometry;
}

/** RFC 7396 merge of one level: a null removes the property; `version` is the server's; `id` stays. */
function mergeProperties(current: StoredFeature, patch: Record<string, unknown>): Properties {
  const { version: _version, id, ...rest } = patch;
  if (id !== undefined && id !== current.id) {
    throw new ApiError(422, 'id-immutable', {
      zh: '要素编号不能修改。',
      en: 'A feature’s id cannot change.',
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

function sendFeature(reply: FastifyReply, feature: StoredFeature) {
  reply.header('ETag', `"${feature.layer}/${feature.id}/${feature.version}"`);
  return toGeoJson(feature);
}

export function layerRoutes(server: FastifyInstance): void {
  const { store } = server.atlas;

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
    return reply.send(snapshot.json);
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
    const body = parse(patchBody, request.body, 'body');
    if (body.geometry && !canCreateOrDelete(user.role, layer)) {
      throw forbidden({ zh: `修改图层 ${layer} 的几何图形`, en: `changing geometries of layer ${layer}` });
    }
    const geometry = body.geometry ? checkGeometry(layer, body.geometry) : undefined;
    const result = await store.updateFeature(
      layer,
      id,
      body.version,
      (current) => {
        const properties = mergeProperties(current, body.properties);
        checkProperties(layer, properties, current.version + 1);
        return { properties, geometry: geometry ?? current.geometry };
      },
      user.username,
      { properties: body.properties, ...(body.geometry ? { geometry: body.geometry } : {}) },
    );
    const feature = sendUpdate(result, layer, id);
    reply.header('ETag', `"${layer}/${id}/${feature.properties.version}"`);
    return feature;
  });

  server.post('/api/features/:layer', { config: { access: EDIT } }, async (request, reply) => {
    const { layer } = parse(layerParams, request.params, 'params');
    const user = request.user;
    if (!user) throw unauthorized();
    if (!canCreateOrDelete(user.role, layer)) throw notEditable(layer);
    const body = parse(createBody, request.body, 'body');
    const { version: _serverManaged, ...given } = body.properties;
    const id = typeof given.id === 'string' && given.id !== '' ? given.id : `${layer}-${randomUUID()}`;
    const properties: Properties = {
      ...(layer === 'zones' ? { createdBy: user.username, notes: '' } : {}),
      ...given,
      id,
    };
    checkProperties(layer, properties, 1);
    const feature = await store.createFeature(
      layer,
      { properties, geometry: checkGeometry(layer, body.geometry) },
      user.username,
    );
    if (!feature) {
      throw new ApiError(409, 'id-taken', {
        zh: `图层 ${layer} 中已有编号为 ${id} 的要素。`,
        en: `Layer ${layer} already has a feature with id ${id}.`,
      });
    }
    reply.status(201);
    return sendFeature(reply, feature);
  });

  server.delete('/api/features/:layer/:id', { config: { access: EDIT } }, async (request) => {
    const { layer, id } = parse(featureParams, request.params, 'params');
    const user = request.user;
    if (!user) throw unauthorized();
    if (!canCreateOrDelete(user.role, layer)) throw notEditable(layer);
    const { version } = parse(deleteQuery, request.query, 'query');
    const result = await store.deleteFeature(layer, id, version, user.username);
    sendUpdate(result, layer, id);
    return { deleted: id, layer, version };
  });
}

// Import a whole layer (admins) through the validator, all or nothing, replacing it or merging by id;
// export a layer as GeoJSON or CSV. Registered as its own plugin: here JSON bodies stay text, so the
// validator sees the file as written (lines, duplicate keys) and a layer may be up to 64 MB.
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { GeoJSON } from 'geojson';
import { z } from 'zod';
import { LAYER_IDS, type LayerId } from '../../domain/layers.ts';
import type { ImportReport } from '../../domain/wire.ts';
import { ADMIN, READ } from '../auth/roles.ts';
import { IMPORT_BODY_LIMIT } from '../config.ts';
import { layerCsv } from '../csv.ts';
import { ApiError, unauthorized } from '../errors.ts';
import { parse } from '../parse.ts';
import { featureContents } from '../seed.ts';
import { collectionChunks } from '../store/rows.ts';
import { validateText } from '../validation-pool.ts';
import { readUpload } from './photos.ts';

const layerParams = z.strictObject({ layer: z.enum(LAYER_IDS) });
const importQuery = z.strictObject({
  mode: z.enum(['replace', 'merge']).default('merge'),
  /** What to do with features changed since the file was exported: refuse the import, or overwrite them. */
  onConflict: z.enum(['refuse', 'overwrite']).default('refuse'),
});
const exportQuery = z.strictObject({ format: z.enum(['geojson', 'csv']).default('geojson') });

async function uploadedText(
  request: FastifyRequest,
  layer: LayerId,
): Promise<{ text: string; fileName: string }> {
  if (request.isMultipart()) {
    const file = await readUpload(() => request.file({ limits: { fileSize: IMPORT_BODY_LIMIT, files: 1 } }));
    if (!file)
      throw new ApiError(400, 'no-file', { zh: '请求中没有文件。', en: 'The request carries no file.' });
    const content = await readUpload(() => file.toBuffer());
    if (file.file.truncated) {
      throw new ApiError(413, 'file-too-large', {
        zh: '文件太大（最多 64 MB）。',
        en: 'The file is too large (64 MB at most).',
      });
    }
    return { text: content.toString('utf8'), fileName: file.filename || `${layer}.geojson` };
  }
  if (typeof request.body !== 'string') {
    throw new ApiError(415, 'unsupported-media-type', {
      zh: '请以 GeoJSON（application/geo+json 或 application/json）或 multipart 文件上传。',
      en: 'Send the layer as GeoJSON (application/geo+json or application/json) or as a multipart file.',
    });
  }
  return { text: request.body, fileName: `${layer}.geojson` };
}

function attachment(name: string): string {
  return `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export async function ioRoutes(server: FastifyInstance): Promise<void> {
  const { store } = server.atlas;
  server.removeContentTypeParser('application/json');
  server.addContentTypeParser(
    ['application/json', 'application/geo+json'],
    { parseAs: 'string', bodyLimit: IMPORT_BODY_LIMIT },
    (_request, body, done) => done(null, body),
  );

  server.post(
    '/api/import/:layer',
    { config: { access: ADMIN, body: 'upload' }, bodyLimit: IMPORT_BODY_LIMIT },
    async (request) => {
      if (!request.user) throw unauthorized();
      const { layer } = parse(layerParams, request.params, 'params');
      const { mode, onConflict } = parse(importQuery, request.query, 'query');
      const { text, fileName } = await uploadedText(request, layer);
      const report = await validateText(text, fileName, layer);
      const geojson = report.value as GeoJSON | null;
      const features = geojson?.type === 'FeatureCollection' ? featureContents(geojson.features) : [];
      const problems = report.problems;
      if (!report.ok || geojson?.type !== 'FeatureCollection') {
        throw new ApiError(
          422,
          'invalid-geojson',
          {
            zh: `文件 ${fileName} 有错误，图层 ${layer} 未作任何改动。`,
            en: `${fileName} has errors; layer ${layer} was not changed.`,
          },
          { problems },
        );
      }
      const result = await store.importLayer(layer, features, mode, request.user.username, onConflict);
      if (!result.ok) {
        throw new ApiError(
          422,
          'import-conflicts',
          {
            zh: `文件中有 ${result.conflicts.length} 个要素在导出后已被修改，导入会撤销这些修改；图层 ${layer} 未作任何改动。请重新导出后再改，或确认覆盖（onConflict=overwrite）。`,
            en: `${result.conflicts.length} features of the file were changed after it was exported, and importing it would revert those changes; layer ${layer} was not changed. Export again and edit that, or confirm overwriting (onConflict=overwrite).`,
          },
          { conflicts: result.conflicts },
        );
      }
      const answer: ImportReport = {
        layer,
        mode,
        ...result.summary,
        overwrote: result.overwrote,
        problems: report.problems,
      };
      return answer;
    },
  );

  server.get('/api/export/:layer', { config: { access: READ } }, async (request, reply) => {
    const { layer } = parse(layerParams, request.params, 'params');
    const { format } = parse(exportQuery, request.query, 'query');
    const date = new Date().toISOString().slice(0, 10);
    reply.header('Cache-Control', 'private, no-cache');
    if (format === 'csv') {
      reply.header('Content-Disposition', attachment(`${layer}-${date}.csv`));
      reply.type('text/csv; charset=utf-8');
      return reply.send(layerCsv(await store.listFeatures(layer)));
    }
    const snapshot = await store.layerSnapshot(layer);
    reply.header('Content-Disposition', attachment(`${layer}-${date}.geojson`));
    reply.header('ETag', `"${snapshot.revision}"`);
    reply.type('application/geo+json; charset=utf-8');
    // Streamed in pieces when the store holds the features' texts apart: no one giant string.
    return reply.send(snapshot.features ? Readable.from(collectionChunks(snapshot.features)) : snapshot.json);
  });
}

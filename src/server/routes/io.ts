// Import a whole layer (admins) through the validator, all or nothing, replacing it or merging by id;
// export a layer as GeoJSON, CSV, a zipped Shapefile, KML or the 勘测定界 TXT (src/formats), or one
// feature of it (?id=, the TXT of one plot or zone). Registered as its own plugin: here a JSON body is not parsed but
// streamed to a file (import-job.ts), so a layer may be up to IMPORT_UPLOAD_LIMIT (512 MB) and is never
// held whole on the request thread; a large one is validated and written by a worker thread.
import { readFile, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Feature, GeoJSON, Geometry } from 'geojson';
import { z } from 'zod';
import { LAYER_IDS, type LayerId } from '../../domain/layers.ts';
import type { ImportReport } from '../../domain/wire.ts';
import { crsFromCode } from '../../formats/crs.ts';
import { FormatError, type WrittenFile, writeLayerFile } from '../../formats/index.ts';
import type { Problem } from '../../geo/validate.ts';
import { ADMIN, READ } from '../auth/roles.ts';
import { IMPORT_WORKER_MIN_BYTES } from '../config.ts';
import { csvHeader, layerCsv } from '../csv.ts';
import { ApiError, notFound, unauthorized } from '../errors.ts';
import { importOnWorker, receiveUpload, uploadTooLarge } from '../import-job.ts';
import { parse } from '../parse.ts';
import { featureContents } from '../seed.ts';
import { collectionChunks } from '../store/rows.ts';
import type { ImportResult, StoredFeature } from '../store/types.ts';
import { validateText } from '../validation-pool.ts';
import { readUpload } from './photos.ts';

const layerParams = z.strictObject({ layer: z.enum(LAYER_IDS) });
const importQuery = z.strictObject({
  mode: z.enum(['replace', 'merge']).default('merge'),
  /** What to do with features changed since the file was exported: refuse the import, or overwrite them. */
  onConflict: z.enum(['refuse', 'overwrite']).default('refuse'),
});
const exportQuery = z.strictObject({
  format: z.enum(['geojson', 'csv', 'shp', 'kml', 'txt']).default('geojson'),
  /** shp and txt: the text encoding (UTF-8 with a .cpg by default, or GBK for older ArcGIS). */
  encoding: z.enum(['utf-8', 'gbk']).optional(),
  /** shp and txt: the coordinate system, 'EPSG:4490' or a Gauss-Krüger zone (defaults EPSG:4490 / EPSG:4526). */
  zone: z
    .string()
    .regex(/^EPSG:\d{4,5}$/)
    .optional(),
  /** One feature only (the survey TXT of one plot or zone). */
  id: z.string().min(1).max(200).optional(),
});

interface Upload {
  file: string;
  bytes: number;
  fileName: string;
}

/** The uploaded layer, streamed to a file: a multipart file or a GeoJSON body. */
async function receiveBody(
  request: FastifyRequest,
  reply: FastifyReply,
  { dataDir, importUploadLimit: limit }: { dataDir: string; importUploadLimit: number },
  layer: LayerId,
): Promise<Upload> {
  const refuse = (error: unknown) => {
    // The rest of a refused body is not worth reading: the connection closes after the answer.
    if (error instanceof ApiError && error.status === 413) reply.header('connection', 'close');
    throw error;
  };
  if (request.isMultipart()) {
    const part = await readUpload(() => request.file({ limits: { fileSize: limit, files: 1 } }));
    if (!part)
      throw new ApiError(400, 'no-file', { zh: '请求中没有文件。', en: 'The request carries no file.' });
    const upload = await readUpload(() => receiveUpload(dataDir, part.file, limit)).catch(refuse);
    if (part.file.truncated) {
      await rm(upload.file, { force: true });
      refuse(uploadTooLarge(limit));
    }
    return { ...upload, fileName: part.filename || `${layer}.geojson` };
  }
  if (!(request.body instanceof Readable)) {
    throw new ApiError(415, 'unsupported-media-type', {
      zh: '请以 GeoJSON（application/geo+json 或 application/json）或 multipart 文件上传。',
      en: 'Send the layer as GeoJSON (application/geo+json or application/json) or as a multipart file.',
    });
  }
  if (Number(request.headers['content-length']) > limit) refuse(uploadTooLarge(limit));
  const upload = await receiveUpload(dataDir, request.body, limit).catch(refuse);
  return { ...upload, fileName: `${layer}.geojson` };
}

function invalid(fileName: string, layer: LayerId, problems: Problem[]): ApiError {
  return new ApiError(
    422,
    'invalid-geojson',
    {
      zh: `文件 ${fileName} 有错误，图层 ${layer} 未作任何改动。`,
      en: `${fileName} has errors; layer ${layer} was not changed.`,
    },
    { problems },
  );
}

/** What the store did, as the API answers it (or the conflicts' refusal). */
function answer(
  layer: LayerId,
  mode: 'replace' | 'merge',
  result: ImportResult,
  problems: Problem[],
): ImportReport {
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
  return {
    layer,
    mode,
    ...result.summary,
    historySeq: result.historySeq,
    overwrote: result.overwrote,
    problems,
  };
}

/** The download's name: plain ASCII for old clients (a Chinese id as _), the exact name in filename*. */
function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export async function ioRoutes(server: FastifyInstance): Promise<void> {
  const { store } = server.atlas;
  server.removeContentTypeParser('application/json');
  // The body stays a stream: the route writes it to a file as it arrives.
  server.addContentTypeParser(['application/json', 'application/geo+json'], (_request, payload, done) =>
    done(null, payload),
  );

  server.post('/api/import/:layer', { config: { access: ADMIN, body: 'upload' } }, async (request, reply) => {
    if (!request.user) throw unauthorized();
    const { layer } = parse(layerParams, request.params, 'params');
    const { mode, onConflict } = parse(importQuery, request.query, 'query');
    const upload = await receiveBody(request, reply, server.atlas, layer);
    try {
      if (upload.bytes >= IMPORT_WORKER_MIN_BYTES) {
        const outcome = await importOnWorker(store, {
          file: upload.file,
          fileName: upload.fileName,
          layer,
          mode,
          onConflict,
          actor: request.user.username,
          target: store.importTarget,
        }).catch((error: unknown) => {
          request.log.error(error);
          throw new ApiError(500, 'import-failed', {
            zh: `导入 ${upload.fileName} 未能完成，图层 ${layer} 未作任何改动。`,
            en: `The import of ${upload.fileName} did not complete; layer ${layer} was not changed.`,
          });
        });
        if (outcome.kind === 'invalid') throw invalid(upload.fileName, layer, outcome.problems);
        return answer(layer, mode, outcome.result, outcome.problems);
      }
      const text = await readFile(upload.file, 'utf8');
      const report = await validateText(text, upload.fileName, layer);
      const geojson = report.value as GeoJSON | null;
      if (!report.ok || geojson?.type !== 'FeatureCollection')
        throw invalid(upload.fileName, layer, report.problems);
      const features = featureContents(geojson.features);
      const result = await store.importLayer(layer, features, mode, request.user.username, onConflict);
      return answer(layer, mode, result, report.problems);
    } finally {
      await rm(upload.file, { force: true });
    }
  });

  server.get('/api/export/:layer', { config: { access: READ } }, async (request, reply) => {
    const { layer } = parse(layerParams, request.params, 'params');
    const { format, encoding, zone, id } = parse(exportQuery, request.query, 'query');
    const date = new Date().toISOString().slice(0, 10);
    reply.header('Cache-Control', 'private, no-cache');
    if (zone !== undefined) {
      const verdict = crsFromCode(zone);
      if (!verdict.ok)
        throw new ApiError(400, 'bad-zone', {
          zh: `zone ${zone}：${verdict.reason.zh}`,
          en: `zone ${zone}: ${verdict.reason.en}`,
        });
    }
    if (format === 'shp' || format === 'kml' || format === 'txt' || id !== undefined) {
      let stored: StoredFeature[];
      if (id !== undefined) {
        const one = await store.getFeature(layer, id);
        if (!one)
          throw notFound({
            zh: `图层 ${layer} 中没有要素 ${id}。`,
            en: `layer ${layer} has no feature ${id}.`,
          });
        stored = [one];
      } else stored = await store.listFeatures(layer);
      const features: Feature<Geometry | null>[] = stored.map((feature) => ({
        type: 'Feature',
        id: feature.id,
        // The version travels with the file, so a merge of it back reports what changed meanwhile.
        properties: { ...feature.properties, id: feature.id, version: feature.version },
        geometry: feature.geometry,
      }));
      const name = id === undefined ? `${layer}-${date}` : `${layer}-${id}-${date}`;
      let written: WrittenFile;
      try {
        written = writeLayerFile(features, format, {
          name,
          ...(encoding !== undefined ? { encoding } : {}),
          ...(zone !== undefined ? { crs: zone } : {}),
          date,
          labels: csvHeader,
        });
      } catch (error) {
        if (!(error instanceof FormatError)) throw error;
        throw new ApiError(422, 'cannot-export', {
          zh: `${error.text.zh}${error.hint.zh}`,
          en: `${error.text.en} ${error.hint.en}`,
        });
      }
      reply.header('Content-Disposition', attachment(written.fileName));
      reply.type(written.mediaType);
      return reply.send(
        Buffer.from(written.bytes.buffer, written.bytes.byteOffset, written.bytes.byteLength),
      );
    }
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

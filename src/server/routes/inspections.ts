// Inspections of plots and their photos. Recording one sets the plot's status (and mode, if given)
// through the versioned write, in the same transaction (store/inspections.ts).

import { createReadStream } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { PHOTOS_PER_INSPECTION } from '../../domain/photos.ts';
import {
  type InspectionList,
  inspectionRequest,
  type Photo,
  type RecordedInspection,
  type Inspection as WireInspection,
} from '../../domain/wire.ts';
import { INSPECT, READ } from '../auth/roles.ts';
import { ApiError, notFound, unauthorized } from '../errors.ts';
import { hasKeptReply, keyed, sendReplay } from '../idempotency.ts';
import { parse } from '../parse.ts';
import { type GeoJsonFeature, toGeoJson } from '../store/rows.ts';
import type { Inspection, InspectionResult, PhotoRecord } from '../store/types.ts';
import { checkProperties, featureNotFound, versionConflict } from './layers.ts';
import { readPhoto, readUpload, removePhotoFile, storePhoto } from './photos.ts';

const idParams = z.strictObject({ id: z.string().min(1).max(200) });

function photoJson(photo: PhotoRecord): Photo {
  const { fileName: _private, ...rest } = photo;
  return { ...rest, url: `/api/photos/${photo.id}` };
}

function inspectionJson(inspection: Inspection): WireInspection & { clientId: string | null } {
  return { ...inspection, photos: inspection.photos.map(photoJson) };
}

const tooManyPhotos = () =>
  new ApiError(409, 'too-many-photos', {
    zh: `每条核查记录最多 ${PHOTOS_PER_INSPECTION} 张照片。`,
    en: `An inspection holds ${PHOTOS_PER_INSPECTION} photos at most.`,
  });

function recordedJson(result: Extract<InspectionResult, { ok: true }>) {
  const recorded: Omit<RecordedInspection, 'plot'> & { plot: GeoJsonFeature } = {
    ...inspectionJson(result.inspection),
    plot: toGeoJson(result.plot),
  };
  return recorded;
}

const inspectionNotFound = (id: string) => notFound({ zh: `核查记录 ${id}`, en: `Inspection ${id}` });

export function inspectionRoutes(server: FastifyInstance): void {
  const { store, photosDir } = server.atlas;

  server.post('/api/inspections', { config: { access: INSPECT } }, async (request, reply) => {
    if (!request.user) throw unauthorized();
    const body = parse(inspectionRequest, request.body, 'body');
    const inspector = request.user.username;
    const outcome = await keyed(
      request,
      store,
      (result: InspectionResult) =>
        result.ok ? { status: result.created ? 201 : 200, body: recordedJson(result) } : null,
      () =>
        store.recordInspection(body, inspector, (plot) => {
          const properties = {
            ...plot.properties,
            status: body.status,
            ...(body.mode ? { mode: body.mode } : {}),
          };
          checkProperties('plots', properties, plot.version + 1);
          return { properties, geometry: plot.geometry };
        }),
    );
    if ('replay' in outcome) return sendReplay(reply, outcome.replay);
    const result = outcome.result;
    if (!result.ok) {
      if (result.reason === 'conflict') throw versionConflict(result.current);
      throw featureNotFound('plots', body.plotId);
    }
    reply.status(result.created ? 201 : 200);
    return recordedJson(result);
  });

  server.get('/api/inspections/:id', { config: { access: READ } }, async (request) => {
    const { id } = parse(idParams, request.params, 'params');
    const inspection = await store.getInspection(id);
    if (!inspection) throw inspectionNotFound(id);
    return inspectionJson(inspection);
  });

  server.get('/api/plots/:id/inspections', { config: { access: READ } }, async (request) => {
    const { id } = parse(idParams, request.params, 'params');
    if (!(await store.getFeature('plots', id))) throw featureNotFound('plots', id);
    const list: InspectionList = {
      plotId: id,
      inspections: (await store.listInspections(id)).map(inspectionJson),
    };
    return list;
  });

  server.post(
    '/api/inspections/:id/photos',
    { config: { access: INSPECT, body: 'upload' } },
    async (request, reply) => {
      if (!request.user) throw unauthorized();
      const { id } = parse(idParams, request.params, 'params');
      // The inspection's id, or the client id it was recorded with: a photo queued on a tablet with
      // its inspection names the inspection by the id the tablet made (src/app/outbox).
      const inspection = (await store.getInspection(id)) ?? (await store.inspectionByClientId(id));
      if (!inspection) throw inspectionNotFound(id);
      // Counted here to refuse early (not for a retry whose first upload was kept: it gets that
      // answer), and again in the write's transaction (store.addPhoto), which is what holds when
      // many uploads arrive at once.
      if (
        !(await hasKeptReply(request, store)) &&
        (await store.countPhotos(inspection.id)) >= PHOTOS_PER_INSPECTION
      ) {
        throw tooManyPhotos();
      }
      const file = await readUpload(() => request.file());
      if (!file) {
        throw new ApiError(400, 'no-file', {
          zh: '请求中没有照片文件。',
          en: 'The request carries no photo file.',
        });
      }
      const uploader = request.user.username;
      const photo = await storePhoto(photosDir, inspection.id, file, uploader);
      const outcome = await keyed(
        request,
        store,
        (added: PhotoRecord | null) => (added ? { status: 201, body: photoJson(added) } : null),
        () => store.addPhoto(photo, uploader, PHOTOS_PER_INSPECTION),
        `${inspection.id}\n${photo.sha256}`,
      ).catch((error: unknown) => {
        removePhotoFile(photosDir, photo);
        throw error;
      });
      if ('replay' in outcome) {
        // The first upload with this key was kept: this copy of the file is not needed.
        removePhotoFile(photosDir, photo);
        return sendReplay(reply, outcome.replay);
      }
      if (!outcome.result) {
        removePhotoFile(photosDir, photo);
        throw tooManyPhotos();
      }
      reply.status(201);
      return photoJson(photo);
    },
  );

  server.get('/api/photos/:id', { config: { access: READ } }, async (request, reply) => {
    const { id } = parse(idParams, request.params, 'params');
    const photo = await store.getPhoto(id);
    if (!photo) throw notFound({ zh: `照片 ${id}`, en: `Photo ${id}` });
    const path = readPhoto(photosDir, photo);
    // A photo never changes once stored: its id names its content.
    reply.header('Cache-Control', 'private, max-age=31536000, immutable');
    reply.header('Content-Disposition', 'inline');
    reply.header('Content-Length', String(photo.sizeBytes));
    reply.type(photo.contentType);
    return reply.send(createReadStream(path));
  });
}

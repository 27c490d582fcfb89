// The import screen's presets (administrators): GET /api/import-presets?layer= lists a layer's named
// mappings of a file's fields to its properties; PUT /api/import-presets/:layer/:name saves one (created
// or replaced: the next import of a file from the same source picks it); DELETE removes one.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { LAYER_IDS } from '../../domain/layers.ts';
import { importPresetMapping, importPresetName } from '../../domain/wire.ts';
import { ADMIN } from '../auth/roles.ts';
import { notFound, unauthorized } from '../errors.ts';
import { parse } from '../parse.ts';

const layerQuery = z.strictObject({ layer: z.enum(LAYER_IDS) });
const presetParams = z.strictObject({ layer: z.enum(LAYER_IDS), name: importPresetName });

export function importPresetRoutes(server: FastifyInstance): void {
  const { store } = server.atlas;

  server.get('/api/import-presets', { config: { access: ADMIN } }, async (request) => {
    const { layer } = parse(layerQuery, request.query, 'query');
    return { presets: await store.listImportPresets(layer) };
  });

  server.put('/api/import-presets/:layer/:name', { config: { access: ADMIN } }, async (request) => {
    if (!request.user) throw unauthorized();
    const { layer, name } = parse(presetParams, request.params, 'params');
    const mapping = parse(importPresetMapping, request.body, 'body');
    return store.saveImportPreset(layer, name, mapping, request.user.username);
  });

  server.delete('/api/import-presets/:layer/:name', { config: { access: ADMIN } }, async (request, reply) => {
    const { layer, name } = parse(presetParams, request.params, 'params');
    if (!(await store.deleteImportPreset(layer, name)))
      throw notFound({ zh: `导入方案 ${name}`, en: `Import preset ${name}` });
    reply.status(204).send();
  });
}

// Vector tiles of a layer: GET /api/tiles/:layer/:z/:x/:y — a Mapbox Vector Tile (the `y` may end in
// `.pbf` or `.mvt`, the same tile), for any role, with an ETag per layer revision and tile (304 on
// If-None-Match), gzipped when the client accepts it, 204 when nothing of the layer is in the tile.
// The tiles are cut in a worker thread (src/server/tiles/).
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { isLayerId } from '../../domain/layers.ts';
import { READ } from '../auth/roles.ts';
import { notFound } from '../errors.ts';
import { parse } from '../parse.ts';
import { MAX_TILE_ZOOM } from '../tiles/tile-index.ts';
import { type TileOptions, TileService } from '../tiles/tile-service.ts';

const TILE_TYPE = 'application/vnd.mapbox-vector-tile';

/** A non-negative integer written plainly (no sign, no leading zero), small enough for a tile at z16. */
const integer = (pattern: RegExp) =>
  z
    .string()
    .regex(pattern, 'must be a whole number written plainly')
    .transform((value) => Number.parseInt(value, 10));

const tileParams = z
  .strictObject({
    layer: z.string(),
    z: integer(/^(0|[1-9]\d?)$/).pipe(z.number().max(MAX_TILE_ZOOM, `at most ${MAX_TILE_ZOOM}`)),
    x: integer(/^(0|[1-9]\d{0,5})$/),
    y: integer(/^(0|[1-9]\d{0,5})(\.(pbf|mvt))?$/),
  })
  .superRefine((tile, context) => {
    const size = 2 ** tile.z;
    for (const axis of ['x', 'y'] as const) {
      if (tile[axis] >= size)
        context.addIssue({ code: 'custom', path: [axis], message: `must be below 2^z (${size})` });
    }
  });

/** Whether the Accept-Encoding header allows gzip (`gzip`, `x-gzip` or `*`, with a quality above 0). */
function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  let gzip: number | undefined;
  let any: number | undefined;
  for (const part of header.toLowerCase().split(',')) {
    const [name = '', ...parameters] = part.split(';').map((piece) => piece.trim());
    const q = parameters.find((parameter) => parameter.startsWith('q='));
    const quality = q === undefined ? 1 : Number(q.slice(2));
    if (name === 'gzip' || name === 'x-gzip') gzip = Math.max(gzip ?? 0, quality);
    else if (name === '*') any = quality;
  }
  const quality = gzip ?? any ?? 0;
  return Number.isFinite(quality) && quality > 0;
}

/**
 * A tile's ETag: opaque and ASCII, from layer, revision and coordinates (the suffix of `y` does not
 * change the tile); the gzipped body is another representation, so it has its own tag.
 */
function tileEtag(layer: string, revision: string, z: number, x: number, y: number, gzip: boolean): string {
  const digest = createHash('sha256')
    .update(`${layer}\u0000${revision}\u0000${z}/${x}/${y}`)
    .digest('base64url');
  return `"${digest.slice(0, 27)}${gzip ? '-gz' : ''}"`;
}

/** Whether If-None-Match names either representation of the tile (either is still good to show). */
function unchanged(header: string | undefined, etags: string[]): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const value = tag.trim().replace(/^W\//, '');
    return value === '*' || etags.includes(value);
  });
}

export function tileRoutes(server: FastifyInstance, options: TileOptions = {}): void {
  const { store } = server.atlas;
  const tiles = new TileService(store, options);
  server.addHook('onClose', () => tiles.close());

  server.get('/api/tiles/:layer/:z/:x/:y', { config: { access: READ } }, async (request, reply) => {
    const { layer } = request.params as { layer: string };
    if (!isLayerId(layer)) throw notFound({ zh: `图层 ${layer}`, en: `Layer ${layer}` });
    const { z: zoom, x, y } = parse(tileParams, request.params, 'params');
    const gzip = acceptsGzip(request.headers['accept-encoding']);
    // Data behind a login: a cache may keep it for this user only, and must ask again each time.
    reply.header('Cache-Control', 'private, no-cache');
    reply.header('Vary', 'Accept-Encoding');
    const revision = await store.layerRevision(layer);
    const etags = [false, true].map((zipped) => tileEtag(layer, revision, zoom, x, y, zipped));
    if (unchanged(request.headers['if-none-match'], etags)) {
      reply.header('ETag', etags[gzip ? 1 : 0]);
      return reply.status(304).send();
    }
    const result = await tiles.tile(layer, zoom, x, y, gzip);
    reply.header('ETag', tileEtag(layer, result.revision, zoom, x, y, gzip && result.tile !== null));
    if (!result.tile) return reply.status(204).send();
    if (gzip) reply.header('Content-Encoding', 'gzip');
    reply.type(TILE_TYPE);
    return reply.send(Buffer.from(result.tile.buffer, result.tile.byteOffset, result.tile.byteLength));
  });
}

// The features of a layer in a box: GET /api/layers/:layer/features?bbox=west,south,east,north&limit=N
// — the features whose bounding box meets the box (touching counts), whole and with their version, as
// a FeatureCollection with the foreign member `truncated` (true when more matched than were sent;
// also the header X-Atlas-Truncated). Through the store's spatial index (SQLite's R*Tree, PostGIS's
// GiST). The zone tools fetch the plots of the region being drawn with it when the layer comes as tiles.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { LAYER_IDS } from '../../domain/layers.ts';
import { FEATURES_IN_BOX_LIMIT, type FeaturesInBoxAnswer } from '../../domain/wire.ts';
import { READ } from '../auth/roles.ts';
import { parse } from '../parse.ts';
import { type GeoJsonFeature, toGeoJson } from '../store/rows.ts';

/** The answer's shape (src/domain/wire.ts), with the geometries as the store keeps them. */
type Answer = Omit<FeaturesInBoxAnswer, 'features'> & { features: GeoJsonFeature[] };

const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/** west,south,east,north in degrees: four plain numbers, in range, west ≤ east and south ≤ north. */
const bbox = z.string().transform((text, context) => {
  const parts = text.split(',');
  if (parts.length !== 4 || parts.some((part) => !NUMBER.test(part.trim()))) {
    context.addIssue({ code: 'custom', message: 'must be four numbers: west,south,east,north' });
    return z.NEVER;
  }
  const [west, south, east, north] = parts.map(Number) as [number, number, number, number];
  const problems = [
    [west < -180 || east > 180, 'longitudes must lie within -180 and 180'],
    [south < -90 || north > 90, 'latitudes must lie within -90 and 90'],
    [west > east, 'west must not be east of east'],
    [south > north, 'south must not be north of north'],
  ] as const;
  for (const [wrong, message] of problems) if (wrong) context.addIssue({ code: 'custom', message });
  return [west, south, east, north] as const;
});

const params = z.strictObject({ layer: z.enum(LAYER_IDS) });
const query = z.strictObject({
  bbox,
  limit: z
    .string()
    .regex(/^[1-9]\d{0,8}$/, 'must be a whole number from 1')
    .transform(Number)
    .pipe(z.number().max(FEATURES_IN_BOX_LIMIT, `at most ${FEATURES_IN_BOX_LIMIT}`))
    .optional(),
});

export function featuresInBoxRoutes(server: FastifyInstance): void {
  const { store } = server.atlas;
  server.get(
    '/api/layers/:layer/features',
    { config: { access: READ } },
    async (request, reply): Promise<Answer> => {
      const { layer } = parse(params, request.params, 'params');
      const { bbox: box, limit = FEATURES_IN_BOX_LIMIT } = parse(query, request.query, 'query');
      const found = await store.featuresInBox(layer, box, limit);
      reply.header('Cache-Control', 'private, no-cache');
      reply.header('X-Atlas-Truncated', String(found.truncated));
      reply.type('application/geo+json; charset=utf-8');
      return {
        type: 'FeatureCollection',
        features: found.features.map(toGeoJson),
        truncated: found.truncated,
      };
    },
  );
}

// Questions over whole layers, answered by the server because a layer served as tiles is not in the
// browser: GET /api/search (an index per layer revision), GET /api/analysis (the analysis report,
// cached per the revisions it read), GET /api/analysis/overlap (two plots' shared geometry) and
// GET /api/holdings (what each park holds). Any signed-in role; computed on the query worker
// (src/server/queries), so the request thread stays free.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { SEARCH_LAYERS, SEARCH_LIMIT } from '../../domain/search.ts';
import {
  type AnalysisAnswer,
  type HoldingsAnswer,
  type OverlapAnswer,
  overlapQuery,
  type SearchAnswer,
  searchQuery,
} from '../../domain/wire.ts';
import { READ } from '../auth/roles.ts';
import { parse } from '../parse.ts';
import { QueryService } from '../queries/query-service.ts';

const noQuery = z.strictObject({});

export function queryRoutes(server: FastifyInstance): QueryService {
  const queries = new QueryService(server.atlas.store);
  server.addHook('onClose', () => queries.close());

  server.get('/api/search', { config: { access: READ } }, async (request): Promise<SearchAnswer> => {
    const { q, limit, layers } = parse(searchQuery, request.query, 'query');
    const matches = await queries.search(q, layers ?? SEARCH_LAYERS, limit ?? SEARCH_LIMIT);
    return {
      matches: matches.map(({ layer, id, rank, properties, bbox }) => ({
        layer,
        id,
        rank,
        properties,
        bbox,
      })),
    };
  });

  server.get('/api/analysis', { config: { access: READ } }, async (request): Promise<AnalysisAnswer> => {
    parse(noQuery, request.query, 'query');
    const { revisions, ms, value } = await queries.analysis();
    return { revisions, ms, result: value };
  });

  server.get(
    '/api/analysis/overlap',
    { config: { access: READ } },
    async (request): Promise<OverlapAnswer> => {
      const { a, b } = parse(overlapQuery, request.query, 'query');
      const shape = await queries.overlap(a, b);
      return { shape: shape as OverlapAnswer['shape'] };
    },
  );

  server.get('/api/holdings', { config: { access: READ } }, async (request): Promise<HoldingsAnswer> => {
    parse(noQuery, request.query, 'query');
    const { revisions, ms, value } = await queries.holdings();
    return { revisions, ms, holdings: value };
  });

  return queries;
}

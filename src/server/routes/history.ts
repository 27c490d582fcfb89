// GET /api/history: who changed what, when, from what to what — newest first, paged by `before`.
// layer=<layer id> (with id: one feature; without: the layer's features and its imports),
// layer=inspections&id=<inspection id>, layer=users (admins only), layer=settings&id=<key> (a setting's saves); layer=<layer id>&import=<seq>: the
// per-feature diffs of one import (its entry's seq, the import's answer's historySeq).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { LAYER_IDS } from '../../domain/layers.ts';
import type { HistoryPage } from '../../domain/wire.ts';
import { READ } from '../auth/roles.ts';
import { forbidden } from '../errors.ts';
import { parse } from '../parse.ts';
import type { HistoryQuery } from '../store/types.ts';

const historyQuery = z.strictObject({
  layer: z.enum([...LAYER_IDS, 'inspections', 'users', 'settings']),
  id: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  before: z.coerce.number().int().min(1).optional(),
  /** The per-feature diffs of one import: the seq of its entry (its `historySeq`). */
  import: z.coerce.number().int().min(1).optional(),
});

export function historyRoutes(server: FastifyInstance): void {
  const { store } = server.atlas;

  server.get('/api/history', { config: { access: READ } }, async (request) => {
    const query = parse(historyQuery, request.query, 'query');
    const filter: HistoryQuery = { limit: query.limit };
    if (query.before !== undefined) filter.beforeSeq = query.before;
    if (query.id !== undefined) filter.entityId = query.id;
    if (query.import !== undefined) filter.importSeq = query.import;
    if (query.layer === 'users') {
      if (request.user?.role !== 'admin')
        throw forbidden({ zh: '查看用户变更记录', en: 'reading the users’ history' });
      filter.entity = 'user';
    } else if (query.layer === 'settings') {
      filter.entity = 'setting';
    } else if (query.layer === 'inspections') {
      filter.entity = 'inspection';
    } else {
      filter.layer = query.layer;
      if (query.id !== undefined) filter.entity = 'feature';
    }
    const entries = await store.history(filter);
    const last = entries.at(-1);
    const page: HistoryPage = { entries, next: entries.length === query.limit && last ? last.seq : null };
    return page;
  });
}

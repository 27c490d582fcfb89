// The data table (数据表) of a layer: GET /api/table/:layer sends every row (properties, the park it lies
// in, area, last inspection date) for the browser to filter and sort as the person types;
// GET /api/table/:layer/bounds?<filter> answers how many rows the filter keeps and the box around
// their features (the table's 缩放至筛选结果); GET /api/table/:layer.xlsx sends the rows a filter keeps
// (the address's filter as the query, the same predicate, src/domain/table-filter.ts) as an Excel
// workbook: Chinese headers with units, labels not codes, park names, 亩 to 2 decimals (English headers,
// labels and sheet name with `lang=en`). Any signed-in role. Rows are computed on the query worker, once
// per revision of the layer and the parks; the inspection dates are read from the store each time.
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { todayInChina } from '../../domain/dates.ts';
import { type Lang, langParam } from '../../domain/i18n.ts';
import { layerLabel } from '../../domain/labels.ts';
import {
  cellValue,
  columnHeader,
  OUTSIDE_PARK,
  type ParkNames,
  TABLE_COLUMNS,
} from '../../domain/table-columns.ts';
import {
  filterRows,
  isTableLayer,
  sortRows,
  TABLE_LAYERS,
  type TableFilter,
  type TableLayerId,
  type TableRow,
  tableFilter,
} from '../../domain/table-filter.ts';
import type { TableAnswer, TableBounds } from '../../domain/wire.ts';
import { type Box, unionBox } from '../../geo/box.ts';
import { READ } from '../auth/roles.ts';
import { ApiError } from '../errors.ts';
import { parse } from '../parse.ts';
import type { QueryService } from '../queries/query-service.ts';
import { currentRules } from '../settings.ts';
import type { Store } from '../store/types.ts';
import { type Cell, workbookLang, writeWorkbook } from '../xlsx.ts';

const tableParams = z.strictObject({ layer: z.string().max(64) });
const noQuery = z.strictObject({});
const exportQuery = tableFilter.extend({
  sort: z.string().max(64).optional(),
  dir: z.enum(['asc', 'desc']).optional(),
  lang: langParam.optional(),
});

/** `plots` → plots as JSON; `plots.xlsx` → plots as a workbook; anything else is not a table. */
function tableOf(param: string): { layer: TableLayerId; xlsx: boolean } {
  const xlsx = param.endsWith('.xlsx');
  const layer = xlsx ? param.slice(0, -'.xlsx'.length) : param;
  if (isTableLayer(layer)) return { layer, xlsx };
  throw noTable(param);
}

function noTable(param: string): ApiError {
  return new ApiError(404, 'no-table', {
    zh: `没有“${param}”的数据表；可用：${TABLE_LAYERS.join('、')}（加 .xlsx 导出 Excel）。`,
    en: `There is no table "${param}"; tables: ${TABLE_LAYERS.join(', ')} (add .xlsx for Excel).`,
  });
}

/** A row with its feature's box (the worker's; not sent with the rows). */
type BoxedRow = TableRow & { box: Box | null };

/**
 * Every row of a layer's table, with each plot's last inspection date as the store holds it now; with
 * each feature's box (`keepBoxes`) for the bounds and the export, without it for the rows sent: one copy
 * of the rows either way.
 */
function tableRows(
  store: Store,
  queries: QueryService,
  layer: TableLayerId,
  keepBoxes: true,
): Promise<{ revisions: Record<string, string>; rows: BoxedRow[] }>;
function tableRows(
  store: Store,
  queries: QueryService,
  layer: TableLayerId,
  keepBoxes: false,
): Promise<{ revisions: Record<string, string>; rows: TableRow[] }>;
async function tableRows(store: Store, queries: QueryService, layer: TableLayerId, keepBoxes: boolean) {
  const [computed, inspected] = await Promise.all([
    queries.table(layer),
    layer === 'plots' ? store.lastInspections() : Promise.resolve(new Map<string, string>()),
  ]);
  const rows = keepBoxes
    ? computed.value.map((row) => ({ ...row, lastInspection: inspected.get(row.id) ?? null }))
    : computed.value.map(({ box: _box, ...row }) => ({
        ...row,
        lastInspection: inspected.get(row.id) ?? null,
      }));
  return { revisions: computed.revisions as Record<string, string>, rows };
}

async function parkNames(store: Store, lang: Lang): Promise<ParkNames> {
  const parks = await store.listFeatures('parks');
  return {
    names: new Map(parks.map((park) => [park.id, String(park.properties.name ?? park.id)])),
    outside: OUTSIDE_PARK[lang],
  };
}

function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function tableRoutes(server: FastifyInstance, queries: QueryService): void {
  const { store } = server.atlas;

  /** The rows of a layer's table its filter keeps, by today's date and the rules in force. */
  const keptRows = async (layer: TableLayerId, filter: TableFilter): Promise<BoxedRow[]> => {
    const [{ rows }, rules] = await Promise.all([
      tableRows(store, queries, layer, true),
      currentRules(store),
    ]);
    return filterRows(layer, rows, filter, { today: todayInChina(), rules });
  };

  // How many rows the filter keeps and the box around their features, for the map to show them all.
  server.get('/api/table/:layer/bounds', { config: { access: READ } }, async (request, reply) => {
    const { layer, xlsx } = tableOf(parse(tableParams, request.params, 'params').layer);
    if (xlsx) throw noTable(`${layer}.xlsx/bounds`);
    const kept = await keptRows(layer, parse(tableFilter, request.query, 'query'));
    reply.header('Cache-Control', 'private, no-cache');
    return { layer, count: kept.length, bbox: unionBox(kept.map((row) => row.box)) } satisfies TableBounds;
  });

  server.get('/api/table/:layer', { config: { access: READ } }, async (request, reply) => {
    const { layer, xlsx } = tableOf(parse(tableParams, request.params, 'params').layer);
    if (!xlsx) {
      parse(noQuery, request.query, 'query');
      const { revisions, rows } = await tableRows(store, queries, layer, false);
      reply.header('Cache-Control', 'private, no-cache');
      return { layer, revisions, rows } satisfies TableAnswer;
    }
    const lang = workbookLang(request.query);
    const { sort, dir, lang: _lang, ...filter } = parse(exportQuery, request.query, 'query');
    const [kept, parks] = await Promise.all([keptRows(layer, filter), parkNames(store, lang)]);
    const today = todayInChina();
    const ordered = sort ? sortRows(kept, sort, dir ?? 'asc') : kept;
    const columns = TABLE_COLUMNS[layer];
    const name = layerLabel(layer, lang);
    function* cells(): Generator<Cell[]> {
      for (const row of ordered) yield columns.map((column) => cellValue(column, row, lang, parks));
    }
    // Written row by row into the reply as it is sent: 100 000 rows are never a workbook in memory.
    const sink = new PassThrough();
    writeWorkbook(sink, [
      {
        name,
        columns: columns.map((column) => ({
          header: columnHeader(column, lang),
          ...(column.kind === 'mu' || (column.kind === 'number' && column.decimals === 2)
            ? { numberFormat: '0.00' }
            : {}),
        })),
        rows: cells(),
      },
    ]).catch((error: unknown) => sink.destroy(error instanceof Error ? error : new Error(String(error))));
    reply.header('Cache-Control', 'private, no-cache');
    reply.header(
      'Content-Disposition',
      attachment(lang === 'zh' ? `数据表-${name}-${today}.xlsx` : `table-${layer}-${today}.xlsx`),
    );
    reply.header('X-Row-Count', String(ordered.length));
    reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    return reply.send(sink);
  });
}

// 进度通报 / The progress report: GET /api/report?since=YYYY-MM-DD (JSON, the report screen) and
// GET /api/report.xlsx?since=YYYY-MM-DD[&lang=en] (the same tables as an Excel workbook, one sheet per
// table, Chinese headers with units — English ones with lang=en —, 亩 to 2 decimals, a frozen header row). Any signed-in role; computed on
// the query worker (src/server/queries) over the whole layers, with the plots' status changes since
// that day from the history. `since` defaults to 1 January of this year (China time).
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { isIsoDate, todayInChina } from '../../domain/dates.ts';
import type { Lang } from '../../domain/i18n.ts';
import { NUMBER_FORMATS, reportTables } from '../../domain/report-tables.ts';
import { type ReportAnswer, reportQuery, reportWorkbookQuery } from '../../domain/report-wire.ts';
import type { ProgressReport } from '../../geo/progress-report.ts';
import { READ } from '../auth/roles.ts';
import { ApiError } from '../errors.ts';
import { parse } from '../parse.ts';
import type { QueryService } from '../queries/query-service.ts';
import { type Sheet, workbookLang, writeWorkbook } from '../xlsx.ts';

/**
 * The workbook's file name: Chinese for browsers that read RFC 6266's filename* (all current ones), an
 * ASCII one in `filename` for the rest (a header value cannot carry the Chinese as it is).
 */
function reportDisposition(since: string, today: string, lang: Lang): string {
  const name =
    lang === 'zh' ? `进度通报-${since}至${today}.xlsx` : `progress-report-${since}-to-${today}.xlsx`;
  return `attachment; filename="progress-report-${since}-${today}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

function sinceOf(
  query: unknown,
  today: string,
  schema: typeof reportQuery | typeof reportWorkbookQuery = reportQuery,
): string {
  const { since } = parse(schema, query, 'query');
  const day = since ?? `${today.slice(0, 4)}-01-01`;
  if (day > today || !isIsoDate(day)) {
    throw new ApiError(400, 'invalid-request', {
      zh: `起始日期 ${day} 晚于今天（${today}），请选择今天或更早的日期。`,
      en: `The start date ${day} is after today (${today}); choose today or an earlier date.`,
    });
  }
  return day;
}

/** The report's tables as the workbook's sheets, in the language asked for. */
function reportSheets(report: ProgressReport, lang: Lang): Sheet[] {
  return reportTables(report, lang).map((table) => ({
    name: table.title[lang],
    columns: table.columns.map((column) => {
      const numberFormat = NUMBER_FORMATS[column.kind];
      return numberFormat ? { header: column.header[lang], numberFormat } : { header: column.header[lang] };
    }),
    rows: table.rows,
  }));
}

export function reportRoutes(server: FastifyInstance, queries: QueryService): void {
  server.get('/api/report', { config: { access: READ } }, async (request): Promise<ReportAnswer> => {
    const today = todayInChina();
    const since = sinceOf(request.query, today);
    const { revisions, ms, value } = await queries.report(since, today);
    return { revisions, ms, report: value };
  });

  server.get('/api/report.xlsx', { config: { access: READ } }, async (request, reply) => {
    const today = todayInChina();
    const lang = workbookLang(request.query);
    const since = sinceOf(request.query, today, reportWorkbookQuery);
    const { value } = await queries.report(since, today);
    const body = new PassThrough();
    reply.header('Content-Disposition', reportDisposition(since, today, lang));
    reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    writeWorkbook(body, reportSheets(value, lang)).catch((error: unknown) => body.destroy(error as Error));
    return reply.send(body);
  });
}

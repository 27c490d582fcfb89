// The progress report's API (进度通报): GET /api/report?since= answers the report as JSON for the report
// screen, GET /api/report.xlsx?since= the same tables as an Excel workbook. Shared by server and app.
import { z } from 'zod';
import { isIsoDate } from './dates.ts';
import { langParam } from './i18n.ts';
import { analysisResult, countArea } from './wire.ts';

/** `since` is a real date YYYY-MM-DD, not after today (checked by the route, which knows today). */
export const reportQuery = z.strictObject({
  since: z
    .string()
    .refine(isIsoDate, { message: 'since must be a date YYYY-MM-DD (e.g. 2026-01-01)' })
    .optional(),
});

/** The workbook's query: `lang=en` for English headers, labels and sheet names (Chinese when absent). */
export const reportWorkbookQuery = reportQuery.extend({ lang: langParam.optional() });

const reportRow = z.object({
  key: z.string(),
  name: z.string(),
  total: countArea,
  byStatus: z.record(z.string(), countArea),
  completedSince: countArea,
  overdue: countArea,
});

const { share, pipeline } = analysisResult.shape;

/** src/geo/progress-report.ts ProgressReport, as sent. */
export const progressReportSchema = z.object({
  since: z.string(),
  today: z.string(),
  byTown: z.array(reportRow),
  byPark: z.array(reportRow),
  all: reportRow,
  share,
  pipeline,
  pipelineByPark: z.array(z.object({ key: z.string(), name: z.string(), pipeline })),
  completedIds: z.array(z.string()),
});

export const reportAnswer = z.object({
  revisions: z.record(z.string(), z.string()),
  ms: z.number(),
  report: progressReportSchema,
});
export type ReportAnswer = z.infer<typeof reportAnswer>;

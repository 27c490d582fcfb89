// The progress report's workbook as the bureau opens it, for the tests that read one back (the route's
// and the browser's download): its sheets, in order, in each language.
import ExcelJS from 'exceljs';
import type { Lang } from '../../src/domain/i18n.ts';

export const REPORT_SHEETS: Record<Lang, readonly string[]> = {
  zh: ['按镇街', '按园区', '新增用地投向制造业', '项目推进率', '项目阶段'],
  en: ['By town', 'By park', 'New land to manufacturing', 'Project pipeline rates', 'Project stages'],
};

/** A downloaded workbook read back with exceljs. */
export async function readWorkbook(bytes: Buffer | Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

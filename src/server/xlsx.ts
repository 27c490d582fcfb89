// Excel workbooks (.xlsx) the bureau opens as they are: one sheet per table, Chinese headers with their
// units, a frozen header row, 亩 and other figures as numbers with a display format (Excel sums them),
// dates as text YYYY-MM-DD (as the data model writes them). Written by exceljs's streaming writer, so a
// table of 100 000 rows is written row by row to the response, never held whole as a workbook.
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { LANGS, type Lang } from '../domain/i18n.ts';
import { ApiError } from './errors.ts';

export interface SheetColumn {
  /** The header as shown, with its unit: 面积（亩）. */
  header: string;
  /** Characters wide (Excel's unit); about 2 per Chinese character. */
  width?: number;
  /** Excel number format for numeric cells: '0.00' for 亩, '0%' for a share. */
  numberFormat?: string;
}

export type Cell = string | number | null;

export interface Sheet {
  /** At most 31 characters, none of : \ / ? * [ ] (Excel's rule; cut and replaced here). */
  name: string;
  columns: readonly SheetColumn[];
  rows: Iterable<readonly Cell[]> | AsyncIterable<readonly Cell[]>;
}

/**
 * The language a workbook is asked for (`?lang=en`; Chinese when absent), refused with a message that
 * names the value and the choices before the query's schema would name only the field.
 */
export function workbookLang(query: unknown): Lang {
  const raw = (query as Record<string, unknown> | undefined)?.lang;
  if (raw === undefined) return 'zh';
  if (LANGS.includes(raw as Lang)) return raw as Lang;
  const given = Array.isArray(raw) ? raw.join('&lang=') : String(raw);
  throw new ApiError(
    400,
    'invalid-request',
    {
      zh: `语言参数 lang=${given} 无效：只能是 zh（中文，默认）或 en（英文）。`,
      en: `The language lang=${given} is not known: use zh (Chinese, the default) or en (English).`,
    },
    { issues: [{ path: 'lang', code: 'invalid_value', message: 'lang must be zh or en' }] },
  );
}

/** A sheet name Excel accepts. */
export function sheetName(name: string): string {
  return name.replace(/[:\\/?*[\]]/g, '_').slice(0, 31) || 'Sheet';
}

/** Writes the sheets, in order, as one workbook to `output` (ended when done). */
export async function writeWorkbook(output: Writable, sheets: readonly Sheet[]): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = 'Land Atlas';
  workbook.created = new Date();
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheetName(sheet.name), {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    worksheet.columns = sheet.columns.map((column, index) => ({
      key: String(index),
      header: column.header,
      width: column.width ?? Math.max(10, [...column.header].length * 2),
      style: column.numberFormat ? { numFmt: column.numberFormat } : {},
    }));
    worksheet.getRow(1).font = { bold: true };
    for await (const row of sheet.rows) worksheet.addRow([...row]).commit();
    worksheet.commit();
  }
  await workbook.commit();
}

import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { sheetName, writeWorkbook } from '../../src/server/xlsx.ts';

async function written(sheets: Parameters<typeof writeWorkbook>[1]): Promise<Buffer> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  await writeWorkbook(output, sheets);
  return Buffer.concat(chunks);
}

describe('xlsx workbooks', () => {
  it('writes one sheet per table with Chinese headers, a frozen header row and numbers as numbers', async () => {
    const bytes = await written([
      {
        name: '按镇街',
        columns: [
          { header: '镇街' },
          { header: '地块数（宗）' },
          { header: '面积（亩）', numberFormat: '0.00' },
        ],
        rows: [
          ['雅瑶镇', 32, 512.345],
          ['共和镇', 4, 20],
        ],
      },
      {
        name: '按园区',
        columns: [{ header: '园区' }],
        rows: (async function* () {
          yield ['鹤山工业城'];
        })(),
      },
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['按镇街', '按园区']);
    const sheet = workbook.getWorksheet('按镇街');
    expect(sheet?.getRow(1).values).toEqual([undefined, '镇街', '地块数（宗）', '面积（亩）']);
    expect(sheet?.getCell('C2').value).toBe(512.345);
    expect(sheet?.getCell('C2').numFmt).toBe('0.00');
    expect(sheet?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet?.rowCount).toBe(3);
    expect(workbook.getWorksheet('按园区')?.getCell('A2').value).toBe('鹤山工业城');
  });
  it('makes a sheet name Excel accepts', () => {
    expect(sheetName('进度通报 2026/12/01 [草稿]')).toBe('进度通报 2026_12_01 _草稿_');
    expect(sheetName('x'.repeat(40))).toHaveLength(31);
  });
});

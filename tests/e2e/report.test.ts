// 进度通报 and 地块档案 in Chromium, on a desktop (mouse, plots as GeoJSON) and a touch tablet (taps,
// plots served as vector tiles): a viewer opens the report from the toolbar and reads a town's count
// against the store; exports the workbook and reads it back, in Chinese and (?lang=en) in English;
// prints a plot's dossier to PDF and finds the plot's id and its area in 亩 in the PDF's text. Screenshots of each screen and of the print layouts
// go to /tmp.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { formatMu } from '../../src/domain/units.ts';
import { geometryAreaM2 } from '../../src/geo/area.ts';
import { REPORT_SHEETS, readWorkbook } from '../support/report-workbook.ts';
import { appAndBrowser, DEVICES, openAndLogin, pressFor, USERS } from './harness.ts';
import { appReady } from './map-page.ts';

const PLOT = 'HS-DX-0001';

/** The text of a PDF, page after page (pdf.js, the reader Firefox uses). */
async function pdfText(bytes: Uint8Array): Promise<string> {
  // pdf.js 6 uses Promise.withResolvers (Node 22); the project supports Node 20.19, which lacks it.
  const promise = Promise as unknown as { withResolvers?: unknown };
  promise.withResolvers ??= <T>() => {
    let resolve!: (value: T) => void;
    let reject!: (reason?: unknown) => void;
    const made = new Promise<T>((yes, no) => {
      resolve = yes;
      reject = no;
    });
    return { promise: made, resolve, reject };
  };
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const document = await getDocument({ data: bytes, useSystemFonts: true }).promise;
  const pages: string[] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const content = await (await document.getPage(number)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(''));
  }
  // The PDF's fonts map some glyphs to Kangxi radicals (⼭ for 山): NFKC gives the ideographs back.
  return pages.join('\n').normalize('NFKC');
}

describe.each(DEVICES)('进度通报 and 地块档案 on a %s', (_name, options) => {
  const tiled = options.touch;
  const running = appAndBrowser(options, { users: [USERS.viewer], ...(tiled ? { tileThreshold: 0 } : {}) });
  const press = pressFor(options.touch);
  const slug = tiled ? 'tablet' : 'desktop';

  it('opens the report from the toolbar and reads a town’s count, as the store has it', async () => {
    const { page } = running.session;
    await openAndLogin(page, running.app.url, USERS.viewer);
    await appReady(page);
    const plots = await running.app.server.atlas.store.listFeatures('plots');
    const yayao = plots.filter((plot) => plot.properties.town === '雅瑶镇').length;
    await press(page.getByRole('button', { name: '进度通报', exact: true }));
    const dialog = page.getByRole('dialog', { name: '进度通报' });
    const byTown = dialog.getByRole('table', { name: '按镇街' });
    await byTown.waitFor({ state: 'visible', timeout: 30_000 });
    const row = byTown.getByRole('row', { name: /^雅瑶镇/ });
    expect(await row.getByRole('cell').first().textContent()).toBe(String(yayao));
    const total = byTown.getByRole('row', { name: /^全市合计/ });
    expect(await total.getByRole('cell').first().textContent()).toBe(String(plots.length));
    expect(
      await dialog.getByRole('table', { name: '按园区' }).getByRole('rowheader', { name: '园区外' }).count(),
    ).toBe(1);
    expect(await dialog.getByRole('heading', { name: '项目推进率' }).count()).toBe(1);
    await page.screenshot({ path: `/tmp/report-${slug}.png` });
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: `/tmp/report-print-${slug}.png`, fullPage: true });
    await page.emulateMedia({ media: 'screen' });
  });

  it('exports the report as Excel and reads it back', async () => {
    const { page } = running.session;
    const dialog = page.getByRole('dialog', { name: '进度通报' });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      press(dialog.getByRole('link', { name: '导出 Excel' })),
    ]);
    expect(download.suggestedFilename()).toMatch(/^进度通报-\d{4}-01-01至\d{4}-\d{2}-\d{2}\.xlsx$/);
    const workbook = await readWorkbook(await readFile(await download.path()));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(REPORT_SHEETS.zh);
    const town = workbook.getWorksheet('按镇街');
    expect(town?.getCell('C1').value).toBe('面积（亩）');
    const names = town?.getColumn(1).values.slice(2) ?? [];
    expect(names).toContain('雅瑶镇');
    expect(town?.getCell('C2').numFmt).toBe('0.00');
    await press(dialog.getByRole('button', { name: '关闭进度通报' }));
    await dialog.waitFor({ state: 'detached' });
  });

  it('in English (?lang=en), exports the workbook in English', async () => {
    const { page } = running.session;
    await page.goto(`${running.app.url}?lang=en`);
    await appReady(page);
    await press(page.getByRole('button', { name: 'Progress report', exact: true }));
    const dialog = page.getByRole('dialog', { name: 'Progress report' });
    await dialog.getByRole('table', { name: 'By town' }).waitFor({ state: 'visible', timeout: 30_000 });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      press(dialog.getByRole('link', { name: 'Export Excel' })),
    ]);
    expect(download.suggestedFilename()).toMatch(/^progress-report-\d{4}-01-01-to-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const workbook = await readWorkbook(await readFile(await download.path()));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(REPORT_SHEETS.en);
    const town = workbook.getWorksheet('By town');
    expect(town?.getCell('C1').value).toBe('Area (mu)');
    expect(town?.getColumn(1).values).toContain('Whole city');
    expect(workbook.getWorksheet('Project stages')?.getCell('A2').value).toBe('Signed');
    await press(dialog.getByRole('button', { name: 'Close the progress report' }));
    await dialog.waitFor({ state: 'detached' });
  });

  it('prints a plot’s dossier to PDF with its id and its area in 亩', async () => {
    const { page } = running.session;
    await page.goto(`${running.app.url}?feature=plots/${PLOT}`);
    await appReady(page);
    const inspector = page.getByRole('complementary', { name: '属性', exact: true });
    await expect.poll(() => inspector.locator('.feature-id').textContent()).toBe(PLOT);
    await press(inspector.getByRole('button', { name: '打印档案' }));
    const dialog = page.getByRole('dialog', { name: `${PLOT} 地块档案` });
    await dialog.getByTestId('dossier-area').waitFor({ state: 'visible' });
    const plot = await running.app.server.atlas.store.getFeature('plots', PLOT);
    const mu = formatMu(geometryAreaM2(plot?.geometry ?? null));
    expect(await dialog.getByTestId('dossier-area').textContent()).toBe(mu);
    expect(await dialog.getByRole('img', { name: '位置示意图' }).count()).toBe(1);
    await expect.poll(() => dialog.textContent()).toContain('巡查记录');
    await page.screenshot({ path: `/tmp/dossier-${slug}.png` });
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: `/tmp/dossier-print-${slug}.png`, fullPage: true });
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    await page.emulateMedia({ media: 'screen' });
    const text = await pdfText(new Uint8Array(pdf));
    expect(text).toContain(PLOT);
    expect(text.replace(/\s+/g, ' ')).toContain(mu);
    expect(text).toContain('核查人');
    expect(running.session.consoleErrors).toEqual([]);
  });
});
